// Waiting with Python's socket timeout semantics and a Deno AbortSignal.
// The awaited work is never cancelled (Deno cannot cancel one read and keep the
// connection): a wait that gives up leaves it running, and its result stays with the
// socket for the next call, so no byte is lost.

import { TimeoutError } from "../_errors/mod.ts";

/**
 * Resolves with `work`, or rejects with `TimeoutError("timed out")` after `timeout`
 * seconds, or with `signal.reason` when `signal` aborts. `timeout` null waits forever.
 */
export function waitFor<T>(
  work: Promise<T>,
  timeout: number | null,
  signal?: AbortSignal,
): Promise<T> {
  if (timeout === null && !signal) return work;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => finish(() => reject(signal!.reason));
    const finish = (settle: () => void): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      settle();
    };
    if (timeout !== null) {
      timer = setTimeout(() => finish(() => reject(new TimeoutError("timed out"))), timeout * 1000);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
    work.then((v) => finish(() => resolve(v)), (e) => finish(() => reject(e)));
  });
}

/** A deadline in `performance.now()` milliseconds, or null for none. */
export function deadlineOf(timeout: number | null): number | null {
  return timeout === null ? null : performance.now() + timeout * 1000;
}

/** Seconds left until `deadline` (never negative), or null for none. */
export function remaining(deadline: number | null): number | null {
  return deadline === null ? null : Math.max(0, (deadline - performance.now()) / 1000);
}
