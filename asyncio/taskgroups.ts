// asyncio.TaskGroup (CPython asyncio/taskgroups.py, Python 3.11).

import { RuntimeError } from "../_errors/python_errors.ts";
import type { AbstractEventLoop, Coroutine, CreateTaskOptions } from "./events.ts";
import { CancelledError, ExceptionGroup } from "./exceptions.ts";
import { Future } from "./futures.ts";
import { currentTask, type Task } from "./tasks.ts";

/**
 * Python's `asyncio.TaskGroup`: tasks created in the group are all awaited when the
 * group ends; the first failure cancels the others and the parent task, and the
 * failures are thrown together as an `ExceptionGroup`.
 *
 * Python writes `async with TaskGroup() as tg:`. Here `await tg.run(async (tg) => ...)`
 * is the faithful form. `await using tg = new TaskGroup()` also works and waits for the
 * tasks at the end of the block, but JavaScript does not tell the disposer that the
 * block threw, so then the tasks are not cancelled for it, and a group failure arrives
 * wrapped in a `SuppressedError` (see the README).
 *
 * @example
 * ```ts
 * import { run, sleep, TaskGroup } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const results = await new TaskGroup().run(async (tg) => {
 *     const a = tg.createTask(() => sleep(0.002, "a"));
 *     const b = tg.createTask(() => sleep(0.001, "b"));
 *     return [a, b];
 *   });
 *   assert.deepEqual(results.map((t) => t.result()), ["a", "b"]);
 * });
 * ```
 *
 * @example With await using
 * ```ts
 * import { run, sleep, TaskGroup } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   let t;
 *   {
 *     await using tg = new TaskGroup();
 *     t = tg.createTask(() => sleep(0.001, 1));
 *   }
 *   assert.equal(t.result(), 1);
 * });
 * ```
 */
export class TaskGroup implements AsyncDisposable {
  #entered = false;
  #exiting = false;
  #aborting = false;
  #loop: AbstractEventLoop | null = null;
  #parent: Task<unknown> | null = null;
  #parentCancelRequested = false;
  #tasks = new Set<Task<unknown>>();
  #errors: unknown[] = [];
  #onCompleted: Future<boolean> | null = null;

  /** Enters at once when made inside a task, so that `await using` needs nothing more. */
  constructor() {
    try {
      if (currentTask() !== null) this.enter();
    } catch {
      // no running loop: enter() later, or createTask() reports it
    }
  }

  /**
   * Python's `__aenter__`: binds the group to the current task.
   *
   * @throws {RuntimeError} when entered twice or outside a task
   */
  enter(): this {
    if (this.#entered) throw new RuntimeError(`TaskGroup ${this} has already been entered`);
    const parent = currentTask();
    if (parent === null) {
      throw new RuntimeError(`TaskGroup ${this} cannot determine the parent task`);
    }
    this.#parent = parent;
    this.#loop = parent.getLoop();
    this.#entered = true;
    return this;
  }

  /**
   * Creates a task in the group.
   *
   * @throws {RuntimeError} before the group was entered, after it finished, or while it
   *   is shutting down
   */
  createTask<T>(coro: Coroutine<T>, options?: CreateTaskOptions): Task<T> {
    if (!this.#entered) throw new RuntimeError(`TaskGroup ${this} has not been entered`);
    if (this.#exiting && this.#tasks.size === 0) {
      throw new RuntimeError(`TaskGroup ${this} is finished`);
    }
    if (this.#aborting) throw new RuntimeError(`TaskGroup ${this} is shutting down`);
    const task = this.#loop!.createTask(coro, options);
    if (task.done()) this.#onTaskDone(task as Task<unknown>);
    else {
      this.#tasks.add(task as Task<unknown>);
      task.addDoneCallback((t) => this.#onTaskDone(t as Task<unknown>));
    }
    return task;
  }

  /**
   * Python's `__aexit__`: waits for every task. `error` is what left the block, if
   * anything; the Promise rejects with what Python would raise.
   *
   * @throws {ExceptionGroup} when tasks failed
   * @throws {CancelledError} when the parent task was cancelled from outside
   */
  async exit(error?: unknown): Promise<void> {
    this.#exiting = true;
    let propagate: unknown = error instanceof CancelledError ? error : undefined;
    if (this.#parentCancelRequested && this.#parent!.uncancel() === 0) propagate = undefined;
    if (error !== undefined && !this.#aborting) this.#abort();
    while (this.#tasks.size > 0) {
      this.#onCompleted ??= new Future<boolean>({ loop: this.#loop! });
      try {
        await this.#onCompleted;
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        if (!this.#aborting) {
          propagate = e;
          this.#abort();
        }
      }
      this.#onCompleted = null;
    }
    if (propagate !== undefined && this.#errors.length === 0) throw propagate;
    if (error !== undefined && !(error instanceof CancelledError)) this.#errors.push(error);
    if (this.#errors.length > 0) {
      const errors = this.#errors;
      this.#errors = [];
      throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
    }
  }

  /**
   * Enters the group, runs `body(group)`, and exits with what `body` threw.
   *
   * @throws {ExceptionGroup} when tasks (or the body) failed
   */
  async run<T>(body: (group: this) => PromiseLike<T> | T): Promise<T> {
    if (!this.#entered) this.enter();
    let result: T;
    try {
      result = await body(this);
    } catch (e) {
      await this.exit(e);
      throw e;
    }
    await this.exit();
    return result;
  }

  /** `exit()` for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.exit();
  }

  /** Python's repr. */
  toString(): string {
    const info = [];
    if (this.#tasks.size) info.push(`tasks=${this.#tasks.size}`);
    if (this.#errors.length) info.push(`errors=${this.#errors.length}`);
    if (this.#aborting) info.push("cancelling");
    else if (this.#entered) info.push("entered");
    return `<TaskGroup${info.length ? " " + info.join(" ") : ""}>`;
  }

  #abort(): void {
    this.#aborting = true;
    for (const t of this.#tasks) if (!t.done()) t.cancel();
  }

  #onTaskDone(task: Task<unknown>): void {
    this.#tasks.delete(task);
    if (this.#onCompleted !== null && this.#tasks.size === 0 && !this.#onCompleted.done()) {
      this.#onCompleted.setResult(true);
    }
    if (task.cancelled()) return;
    const exc = task.exception();
    if (exc === null) return;
    this.#errors.push(exc);
    const parent = this.#parent!;
    if (parent.done()) {
      this.#loop!.callExceptionHandler({
        message: `Task ${task} has errored out but its parent task ${parent} is already completed`,
        exception: exc,
        task,
      });
      return;
    }
    if (!this.#aborting && !this.#parentCancelRequested) {
      this.#abort();
      this.#parentCancelRequested = true;
      parent.cancel();
    }
  }
}
