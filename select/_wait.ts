// The waiting loop shared by select(), Poll, Epoll and Kqueue: check synchronously, and if
// nothing is ready and the timeout allows, wait for a readiness hint without blocking the
// event loop, then check again, until something is ready, the deadline passes or the signal
// aborts. A zero timeout never waits: the result is one synchronous system call.

/** Options of every call that waits. */
export interface WaitOptions {
  /** Aborts the wait: the call rejects with `signal.reason`. */
  signal?: AbortSignal;
}

// setTimeout's limit (2^31 - 1 ms); longer timeouts are chained.
const MAX_TIMER_MS = 0x7fffffff;

/**
 * Runs `check` (null: nothing ready); while it returns null, waits with `wait` until the
 * deadline. On timeout it returns a last `check()`, or `empty()`. With `settle`, a result
 * (and the first check of a zero timeout) is checked once more after `settle()`, so that
 * readiness already on its way (native sockets' read-ahead) is reported with it.
 */
export async function waitLoop<T>(
  check: () => T | null,
  wait: (signal: AbortSignal) => Promise<unknown>,
  empty: () => T,
  timeoutMs: number | null,
  signal: AbortSignal | undefined,
  settle?: () => Promise<void>,
): Promise<T> {
  signal?.throwIfAborted();
  const settled = async (result: T | null): Promise<T | null> => {
    if (!settle) return result;
    await settle();
    return check() ?? result;
  };
  const first = check();
  if (first !== null || timeoutMs === 0) return (await settled(first)) ?? empty();
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal!.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  let timedOut = false;
  const timer = deadline(timeoutMs, () => {
    timedOut = true;
    controller.abort();
  });
  try {
    for (let idle = 0;; idle++) {
      try {
        // A hint that keeps firing while nothing counts as ready (a misbehaving readiness
        // object, say) must not spin: after a few such wake-ups, pause a millisecond.
        if (idle > 3) await pause(controller.signal);
        await wait(controller.signal);
      } catch (err) {
        if (!controller.signal.aborted) throw err;
        if (timedOut) return check() ?? empty();
        throw signal!.reason;
      }
      const result = check();
      if (result !== null) return (await settled(result))!;
    }
  } finally {
    timer.cancel();
    signal?.removeEventListener("abort", onAbort);
  }
}

/**
 * Starts every wait with one shared signal, settles when the first one does, then aborts
 * the others and lets them settle too (so that nothing is left pending). Rejects with the
 * first failure that was not caused by the abort.
 */
export async function race(
  starters: ReadonlyArray<(signal: AbortSignal) => Promise<unknown>>,
  signal: AbortSignal,
): Promise<void> {
  const inner = new AbortController();
  const onAbort = () => inner.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  const waits = starters.map((start) => {
    try {
      return start(inner.signal);
    } catch (err) {
      return Promise.reject(err);
    }
  });
  try {
    if (waits.length === 0) {
      await new Promise((_, reject) => {
        inner.signal.addEventListener("abort", () => reject(inner.signal.reason), { once: true });
      });
    }
    await Promise.race(waits);
  } finally {
    inner.abort();
    signal.removeEventListener("abort", onAbort);
    await Promise.allSettled(waits);
  }
}

/** A timer for `ms` (null: none but one that keeps the process alive), chained past 24 days. */
export function deadline(ms: number | null, fire: () => void): { cancel(): void } {
  let id: ReturnType<typeof setTimeout> | undefined;
  const end = ms === null ? Infinity : performance.now() + ms;
  const arm = () => {
    const left = end - performance.now();
    if (left <= 0) return fire();
    id = setTimeout(arm, Math.min(Math.ceil(left), MAX_TIMER_MS));
  };
  arm();
  return { cancel: () => clearTimeout(id) };
}

/** Resolves after a millisecond; rejects with `signal.reason` on abort. */
export function pause(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(id);
      reject(signal.reason);
    };
    const id = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, 1);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
