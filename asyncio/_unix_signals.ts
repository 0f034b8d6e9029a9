// The loop's signal handlers (CPython unix_events.py add_signal_handler and friends), on
// this library's signal module: a delivery schedules the callback on the loop, as
// `callSoonThreadsafe` would. The disposition found when a signal got its first handler is
// put back by removeSignalHandler and by close(). While the loop runs with a handler
// installed it keeps the process alive, as Python's loop waits in select() for the signal.

import { RuntimeError, ValueError } from "../_errors/python_errors.ts";
import { NSIG } from "../signal/constants.ts";
import { type Handler, signal } from "../signal/signal.ts";
import { Handle } from "./events.ts";
import type { BaseEventLoop } from "./base_events.ts";

interface Installed {
  handle: Handle;
  previous: Handler | null;
}

/** One loop's table of signal handlers. */
export class UnixSignalHandlers {
  readonly #loop: BaseEventLoop;
  readonly #table = new Map<number, Installed>();
  #running = false;
  #keepAlive: ReturnType<typeof setInterval> | undefined;

  constructor(loop: BaseEventLoop) {
    this.#loop = loop;
  }

  /** Python's `add_signal_handler`. */
  add(sig: number, callback: (...args: never[]) => unknown, args: unknown[]): void {
    if (isCoroutineLike(callback)) {
      throw new TypeError("coroutines cannot be used with add_signal_handler()");
    }
    if (typeof callback !== "function") {
      throw new TypeError(
        `a callable object was expected by add_signal_handler(), got ${callback}`,
      );
    }
    checkSignal(sig);
    if (this.#loop.isClosed()) throw new RuntimeError("Event loop is closed");
    const handle = new Handle(callback, args, this.#loop);
    const old = this.#table.get(sig);
    let previous: Handler | null;
    try {
      previous = signal(sig, this.#deliver);
    } catch (err) {
      throw translate(err, sig);
    }
    // A second handler for the same signal keeps the disposition found before the first.
    this.#table.set(sig, { handle, previous: old !== undefined ? old.previous : previous });
    this.#updateKeepAlive();
  }

  /** Python's `remove_signal_handler`: whether a handler was removed. */
  remove(sig: number): boolean {
    checkSignal(sig);
    const entry = this.#table.get(sig);
    if (entry === undefined) return false;
    this.#table.delete(sig);
    entry.handle.cancel();
    this.#updateKeepAlive();
    try {
      signal(sig, entry.previous);
    } catch (err) {
      throw translate(err, sig);
    }
    return true;
  }

  /** Removes every handler (the loop is closing). */
  removeAll(): void {
    for (const sig of [...this.#table.keys()]) this.remove(sig);
  }

  /** The loop started or stopped running. */
  setRunning(running: boolean): void {
    this.#running = running;
    this.#updateKeepAlive();
  }

  /** The signal numbers that have a handler. */
  signals(): number[] {
    return [...this.#table.keys()];
  }

  #deliver = (signum: number): void => {
    const entry = this.#table.get(signum);
    if (entry === undefined || this.#loop.isClosed()) return;
    if (entry.handle.cancelled()) {
      this.remove(signum);
      return;
    }
    this.#loop._schedule(entry.handle);
  };

  #updateKeepAlive(): void {
    const want = this.#running && this.#table.size > 0;
    if (want && this.#keepAlive === undefined) {
      this.#keepAlive = setInterval(() => {}, 0x7fffffff);
    } else if (!want && this.#keepAlive !== undefined) {
      clearInterval(this.#keepAlive);
      this.#keepAlive = undefined;
    }
  }
}

/** Python 3.6's `_check_signal`. */
function checkSignal(sig: unknown): asserts sig is number {
  if (typeof sig !== "number" || !Number.isInteger(sig)) {
    throw new TypeError(`sig must be an int, not ${typeof sig === "string" ? `'${sig}'` : sig}`);
  }
  if (sig < 1 || sig >= NSIG) throw new ValueError(`sig ${sig} out of range(1, ${NSIG})`);
}

/** Python turns EINVAL into "cannot be caught" and the main-thread ValueError into RuntimeError. */
function translate(err: unknown, sig: number): unknown {
  const e = err as { errno?: unknown; code?: unknown; name?: unknown; message?: string };
  if (e?.code === "EINVAL") return new RuntimeError(`sig ${sig} cannot be caught`);
  if (err instanceof ValueError) return new RuntimeError(e.message, { cause: err });
  return err;
}

function isCoroutineLike(cb: unknown): boolean {
  if (
    cb !== null && typeof cb === "object" && typeof (cb as PromiseLike<unknown>).then === "function"
  ) {
    return true;
  }
  return typeof cb === "function" &&
    (cb.constructor?.name === "AsyncFunction" || cb.constructor?.name === "AsyncGeneratorFunction");
}
