// A Promise that a task awaits inside a lock, event, condition, semaphore or queue.
// It registers itself with the awaiting task when made, so that task.cancel() rejects
// it with CancelledError, and it is cheaper than a Future (a native Promise awaits in
// one microtask, a thenable in three).

import { CancelledError } from "./exceptions.ts";
import { defaultLoop } from "./_util.ts";
import {
  type Box,
  closeBox,
  enterAwaitBox,
  type Host,
  type LoopInternals,
  registerAwait,
  releaseWaiter,
  type Waiter,
} from "./_host.ts";

/** A resolved `Promise<true>` shared by every fast path (awaiting it allocates nothing). */
export const RESOLVED_TRUE: Promise<true> = Promise.resolve(true);
/** A resolved `Promise<void>` shared by every fast path. */
export const RESOLVED_VOID: Promise<void> = Promise.resolve();

export class PromiseWaiter<T> implements Waiter {
  readonly promise: Promise<T>;
  #resolve!: (v: T) => void;
  #reject!: (e: unknown) => void;
  #state = 0;
  #host: Host | null = null;
  #box: Box;

  /** Made synchronously by the code about to await it, so that its task is current. */
  constructor() {
    this.promise = new Promise<T>((res, rej) => {
      this.#resolve = res;
      this.#reject = rej;
    });
    const loop = defaultLoop() as unknown as LoopInternals;
    const box = this.#box = enterAwaitBox();
    const host = registerAwait(loop, box, this);
    if (host === null) {
      this.#state = 2;
      this.#reject(new CancelledError((box.task ?? loop._rootHost())._cancelMessage ?? ""));
      return;
    }
    this.#host = host;
  }

  done(): boolean {
    return this.#state !== 0;
  }

  /**
   * Called where the awaiting code resumes. A task cancelled after this waiter woke it
   * but before it ran gets CancelledError here, as Python throws it into the coroutine
   * at that await (so a lock, a semaphore unit or a queue item passes to the next).
   */
  resumed(): void {
    // The box's task, which is the task that claimed the coroutine if one did since.
    const host = this.#box.task ?? this.#host;
    if (host !== null && host._mustCancel) {
      host._mustCancel = false;
      throw new CancelledError(host._cancelMessage ?? "");
    }
  }

  cancelled(): boolean {
    return this.#state === 2;
  }

  /** Resolves it; false when it was already settled. */
  wake(value: T): boolean {
    if (!this.#settle(1)) return false;
    this.#resolve(value);
    return true;
  }

  cancel(msg?: string): boolean {
    if (!this.#settle(2)) return false;
    this.#reject(new CancelledError(msg ?? ""));
    return true;
  }

  /** Rejects it with `exc` (Python's `waiter.set_exception`); false when already settled. */
  fail(exc: unknown): boolean {
    if (!this.#settle(3)) return false;
    this.#reject(exc);
    return true;
  }

  #settle(state: number): boolean {
    if (this.#state !== 0) return false;
    this.#state = state;
    if (this.#host !== null) releaseWaiter(this.#host, this);
    closeBox(this.#box);
    return true;
  }
}
