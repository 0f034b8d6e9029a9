// The future an executor's submit() returns (Python's concurrent.futures.Future), a
// thenable with Python's states. Not an asyncio Future: `loop.runInExecutor` wraps it in one.

import { CancelledError } from "./exceptions.ts";

type State = "PENDING" | "RUNNING" | "CANCELLED" | "FINISHED";

/**
 * Python's `concurrent.futures.Future` as a thenable: `await` it for the result. A
 * rejection that nobody awaits is not reported as an unhandled rejection (Python's
 * concurrent futures do not warn either).
 *
 * @typeParam T the result's type
 *
 * @example
 * ```ts
 * import { ThreadPoolExecutor } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await using pool = new ThreadPoolExecutor(1);
 * const f = pool.submit((a: number, b: number) => a + b, 2, 3);
 * assert.equal(await f, 5);
 * assert.ok(f.done());
 * assert.equal(f.cancel(), false);
 * ```
 */
export class ExecutorFuture<T> implements PromiseLike<T> {
  #state: State = "PENDING";
  readonly #promise: Promise<T>;
  #resolve!: (value: T) => void;
  #reject!: (reason: unknown) => void;
  readonly #onCancel: () => boolean;

  /**
   * Made by executors.
   *
   * @param onCancel asked by `cancel()` whether the call could be stopped
   */
  constructor(onCancel: () => boolean) {
    this.#onCancel = onCancel;
    this.#promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#promise.catch(() => {});
  }

  /** Settles like a Promise of the call's result. */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#promise.then(onfulfilled, onrejected);
  }

  /** `then(undefined, onrejected)`. */
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#promise.catch(onrejected);
  }

  /** `then` for both outcomes. */
  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#promise.finally(onfinally);
  }

  /** `"ExecutorFuture"`. */
  get [Symbol.toStringTag](): string {
    return "ExecutorFuture";
  }

  /**
   * Cancels the call: one that has not started never runs; one that runs is stopped when
   * the executor can do that (see `ThreadPoolExecutor`'s `terminateOnCancel`). The future
   * then rejects with `CancelledError`.
   *
   * @returns whether the future is now cancelled
   */
  cancel(): boolean {
    if (this.#state === "CANCELLED") return true;
    if (this.#state === "FINISHED") return false;
    if (!this.#onCancel()) return false;
    this._cancelQueued();
    return true;
  }

  /** Whether the call was cancelled. */
  cancelled(): boolean {
    return this.#state === "CANCELLED";
  }

  /** Whether the call is running now. */
  running(): boolean {
    return this.#state === "RUNNING";
  }

  /** Whether the call finished or was cancelled. */
  done(): boolean {
    return this.#state === "CANCELLED" || this.#state === "FINISHED";
  }

  /** Python's repr. */
  toString(): string {
    return `<ExecutorFuture state=${this.#state.toLowerCase()}>`;
  }

  /** @internal The call started. */
  _setRunning(): void {
    if (this.#state === "PENDING") this.#state = "RUNNING";
  }

  /** @internal Cancelled by its executor. */
  _cancelQueued(): void {
    if (this.done()) return;
    this.#state = "CANCELLED";
    this.#reject(new CancelledError());
  }

  /** @internal The call's outcome. */
  _settle(kind: "value" | "error", value: unknown): void {
    if (this.done()) return;
    this.#state = "FINISHED";
    if (kind === "value") this.#resolve(value as T);
    else this.#reject(value);
  }
}
