// asyncio.timeout and asyncio.timeout_at (CPython asyncio/timeouts.py, Python 3.11).

import { RuntimeError } from "../_errors/python_errors.ts";
import type { Handle } from "./events.ts";
import { CancelledError, TimeoutError } from "./exceptions.ts";
import { currentTask, type Task } from "./tasks.ts";

type State = "created" | "entered" | "expiring" | "expired" | "exited";

/**
 * Python's `asyncio.Timeout`: cancels the task that runs its body when the deadline
 * passes, and turns that cancellation into `TimeoutError`.
 *
 * Python writes `async with asyncio.timeout(10):`. JavaScript's `await using` does not
 * tell a disposer which error left the block, so the body is passed to `run()`; `enter()`
 * and `exit(error)` are Python's `__aenter__`/`__aexit__` for hand-written flows.
 *
 * @example Reschedule while running
 * ```ts
 * import { run, sleep, timeout, TimeoutError } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const cm = timeout(null);
 *   await assert.rejects(cm.run(async () => {
 *     cm.reschedule(cm.loopTime() + 0.01);
 *     await sleep(10);
 *   }), TimeoutError);
 *   assert.ok(cm.expired());
 * });
 * ```
 */
export class Timeout {
  #when: number | null;
  #state: State = "created";
  #handle: Handle | null = null;
  #task: Task<unknown> | null = null;
  #cancelling = 0;

  /**
   * Makes an unentered timeout.
   *
   * @param when the loop time (seconds) of the deadline, or `null` for none
   */
  constructor(when: number | null) {
    this.#when = when;
  }

  /** The deadline (loop time, seconds), or `null`. */
  when(): number | null {
    return this.#when;
  }

  /** The running loop's `time()`, handy for `reschedule(cm.loopTime() + s)`. */
  loopTime(): number {
    return (this.#task?.getLoop() ?? currentTask()?.getLoop())?.time() ?? performance.now() / 1000;
  }

  /**
   * Moves the deadline (`null` removes it).
   *
   * @throws {RuntimeError} before `enter()` or after the block ended
   */
  reschedule(when: number | null): void {
    if (this.#state === "created") throw new RuntimeError("Timeout has not been entered");
    if (this.#state !== "entered") {
      throw new RuntimeError(`Cannot change state of ${this.#state} Timeout`);
    }
    this.#when = when;
    this.#handle?.cancel();
    this.#handle = null;
    if (when === null) return;
    const loop = this.#task!.getLoop();
    if (when <= loop.time()) this.#handle = loop.callSoon(this.#onTimeout);
    else this.#handle = loop.callAt(when, this.#onTimeout);
  }

  /** Whether the deadline passed and cancelled the task. */
  expired(): boolean {
    return this.#state === "expiring" || this.#state === "expired";
  }

  /**
   * Python's `__aenter__`: binds to the current task and arms the deadline.
   *
   * @throws {RuntimeError} when entered twice or outside a task
   */
  enter(): void {
    if (this.#state !== "created") throw new RuntimeError("Timeout has already been entered");
    const task = currentTask();
    if (task === null) throw new RuntimeError("Timeout should be used inside a task");
    this.#task = task;
    this.#cancelling = task.cancelling();
    this.#state = "entered";
    this.reschedule(this.#when);
  }

  /**
   * Python's `__aexit__`: disarms the deadline. Returns the error to throw: a
   * TimeoutError (with the CancelledError as `cause`) when the deadline cancelled the
   * body, else `error` itself.
   */
  exit(error?: unknown): unknown {
    this.#handle?.cancel();
    this.#handle = null;
    if (this.#state === "expiring") {
      this.#state = "expired";
      if (this.#task!.uncancel() <= this.#cancelling && error instanceof CancelledError) {
        return new TimeoutError(undefined, undefined, null, null, { cause: error });
      }
    } else if (this.#state === "entered") this.#state = "exited";
    return error;
  }

  /**
   * Runs `body` under the deadline (Python's `async with` block).
   *
   * @throws {TimeoutError} when the deadline passed while `body` ran
   */
  async run<T>(body: () => PromiseLike<T> | T): Promise<T> {
    this.enter();
    let result: T;
    try {
      result = await body();
    } catch (e) {
      throw this.exit(e);
    }
    this.exit();
    return result;
  }

  /** Python's repr. */
  toString(): string {
    return `<Timeout [${this.#state}] when=${this.#when}>`;
  }

  #onTimeout = (): void => {
    this.#task!.cancel();
    this.#state = "expiring";
    this.#handle = null;
  };
}

/**
 * A `Timeout` that expires `delay` seconds after it is entered (`null`: never).
 *
 * @example
 * ```ts
 * import { run, sleep, timeout } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   assert.equal(await timeout(1).run(() => sleep(0.001, "in time")), "in time");
 * });
 * ```
 */
export function timeout(delay: number | null): Timeout {
  return new DelayedTimeout(delay);
}

/**
 * A `Timeout` that expires at loop time `when` (`null`: never).
 *
 * @example
 * ```ts
 * import { getRunningLoop, run, sleep, timeoutAt, TimeoutError } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const deadline = getRunningLoop().time() + 0.01;
 *   await assert.rejects(timeoutAt(deadline).run(() => sleep(5)), TimeoutError);
 * });
 * ```
 */
export function timeoutAt(when: number | null): Timeout {
  return new Timeout(when);
}

class DelayedTimeout extends Timeout {
  #delay: number | null;
  constructor(delay: number | null) {
    super(null);
    this.#delay = delay;
  }
  override enter(): void {
    const task = currentTask();
    const now = task?.getLoop().time() ?? 0;
    super.enter();
    if (this.#delay !== null) this.reschedule(now + this.#delay);
  }
}
