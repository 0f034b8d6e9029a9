// Task (CPython asyncio/tasks.py): runs a coroutine on the loop, with Python's
// cancellation. The combinators (gather, wait, ...) are in _combinators.ts.

import { RuntimeError, ValueError } from "../_errors/python_errors.ts";
import {
  _getRunningLoop,
  type AbstractEventLoop,
  type Coroutine,
  type CreateTaskOptions,
  getEventLoop,
  getRunningLoop,
  type TaskFactory,
} from "./events.ts";
import { CancelledError } from "./exceptions.ts";
import { Future, futureThen } from "./futures.ts";
import { defaultLoop, describeValue } from "./_util.ts";
import { contextValue, runInContext } from "./_context.ts";
import {
  Box,
  claimBoxFor,
  closeBox,
  currentHost,
  enterAwaitBox,
  type Host,
  type LoopInternals,
  registerAwait,
  releaseWaiter,
  type Waiter,
} from "./_host.ts";

/** Options of the `Task` constructor. */
export interface TaskOptions {
  /** The loop; the running loop, or else `getEventLoop()`, when omitted. */
  loop?: AbstractEventLoop;
  /** The name. @default "Task-<n>" */
  name?: string;
  /** Start the coroutine now rather than on the next iteration (Python 3.12). @default false */
  eagerStart?: boolean;
}

/** Options of `Task.getStack` and `Task.printStack`. */
export interface StackOptions {
  /** At most this many frames. */
  limit?: number;
  /** Where `printStack` writes. @default console.error */
  file?: { write(text: string): unknown };
}

interface TaskLoop extends LoopInternals {
  _rootTask: Task<unknown> | null;
  _registerTask(t: Task<unknown>): void;
  _allTasks?(): Task<unknown>[];
}

let taskCounter = 0;

/**
 * Python's `asyncio.Task`: runs a coroutine and is a Future of its result.
 *
 * `cancel()` throws `CancelledError` at the `await` of the asyncio awaitable the task is
 * suspended in (a Future, a Task, `sleep`, a lock, a queue, ...), `finally` blocks run,
 * and a coroutine that catches the error and returns leaves the task not cancelled.
 * `signal` aborts on `cancel()` so Deno's own APIs (`fetch`, `Deno.connect`, ...) stop too.
 *
 * A task started from a zero-argument function runs it inside its own context, so that
 * `currentTask()` is right from its first line and after any `await`. A Promise (an async
 * function called earlier) already runs in the context that called it: see the module
 * README, "Coroutines passed as Promises".
 *
 * @typeParam T the coroutine's result
 *
 * @example Cancellation reaches the await
 * ```ts
 * import { CancelledError, createTask, run, sleep } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const log: string[] = [];
 *   const t = createTask(async () => {
 *     try {
 *       await sleep(3600);
 *     } catch (e) {
 *       log.push(`caught ${(e as Error).name}`);
 *       throw e;
 *     } finally {
 *       log.push("finally");
 *     }
 *   });
 *   await sleep(0);
 *   t.cancel();
 *   await assert.rejects(async () => await t, CancelledError);
 *   assert.ok(t.cancelled());
 *   assert.deepEqual(log, ["caught CancelledError", "finally"]);
 * });
 * ```
 */
export class Task<T = unknown> extends Future<T> {
  /** @internal */ _fw: Waiter | null = null;
  /** @internal */ _guests: Waiter[] | null = null;
  /** @internal */ _mustCancel = false;
  /** @internal */ _numCancelsRequested = 0;
  /** @internal Debug mode: cleared when the task finishes. */
  _debugRecord: { pending: boolean } | null = null;
  #name: string | number;
  #fn: (() => PromiseLike<T> | T) | null = null;
  #coro: PromiseLike<T> | null = null;
  #host: Host | null = null;
  #ac: AbortController | null = null;

  /**
   * Wraps `coro` in a task and schedules its first step.
   *
   * @param coro a zero-argument (async) function, started inside the task, or a Promise
   * @param options loop, name, eagerStart
   * @throws {TypeError} "a coroutine was expected" for anything else
   */
  constructor(coro: Coroutine<T>, options?: TaskOptions) {
    super(options);
    this.#name = options?.name === undefined ? ++taskCounter : String(options.name);
    const loop = this._loop as unknown as TaskLoop;
    if (typeof coro === "function") {
      this.#fn = coro;
      loop._registerTask(this as Task<unknown>);
      if (options?.eagerStart) Task._start(this as Task<unknown>);
      else loop._schedule(new StartEntry(this as Task<unknown>));
      return;
    }
    // (A Future is tested first: reading its `then` has an effect, see futures.ts.)
    if (coro instanceof Future) {
      throw new TypeError(`a coroutine was expected, got ${coro}`);
    }
    if (coro === null || typeof (coro as PromiseLike<T>)?.then !== "function") {
      throw new TypeError(`a coroutine was expected, got ${describeValue(coro)}`);
    }
    loop._registerTask(this as Task<unknown>);
    this.#coro = coro;
    // The coroutine already ran up to its first await, in the caller's context: take over
    // the box it is suspended in. Without one (its first await was not an asyncio
    // awaitable), it keeps running as its creator: the root task, or a guest.
    if (claimBoxFor(this, loop) === null) {
      const host = currentHost(loop);
      if (!(host instanceof Task)) {
        if (loop._rootTask === null || loop._rootTask.done()) {
          loop._rootTask = this as Task<unknown>;
        }
      } else this.#host = host;
    }
    coro.then((v) => this.#onResult(v), (e) => this.#onError(e));
  }

  /**
   * Python 3.6's `Task.current_task(loop)` class method: `currentTask(loop)`.
   *
   * @throws {RuntimeError} when `loop` is omitted and no loop runs
   */
  static currentTask(loop?: AbstractEventLoop): Task<unknown> | null {
    return currentTask(loop);
  }

  /**
   * Python 3.6's `Task.all_tasks(loop)` class method: `allTasks(loop)`.
   *
   * @throws {RuntimeError} when `loop` is omitted and no loop runs
   */
  static allTasks(loop?: AbstractEventLoop): Set<Task<unknown>> {
    return allTasks(loop);
  }

  /** The task's name. */
  getName(): string {
    const n = this.#name;
    return typeof n === "number" ? `Task-${n}` : n;
  }

  /** Renames the task. */
  setName(value: unknown): void {
    this.#name = String(value);
  }

  /** The coroutine: its Promise once started, the function before. */
  getCoro(): PromiseLike<T> | (() => PromiseLike<T> | T) | null {
    return this.#coro ?? this.#fn;
  }

  /**
   * An AbortSignal that aborts, with a CancelledError as reason, when the task is
   * cancelled; pass it to `fetch`, `Deno.connect` and other Deno APIs.
   */
  get signal(): AbortSignal {
    if (this.#ac === null) {
      this.#ac = new AbortController();
      if (this._numCancelsRequested > 0 || this.cancelled()) {
        this.#ac.abort(new CancelledError(this._cancelMessage ?? ""));
      }
    }
    return this.#ac.signal;
  }

  /**
   * Requests cancellation: the coroutine gets CancelledError at the await it is suspended
   * in, or at its next asyncio await if it is running.
   *
   * @param msg carried by the CancelledError
   * @returns false when the task is already done
   */
  override cancel(msg?: string): boolean {
    this._logTraceback = false;
    if (this.done()) return false;
    this._numCancelsRequested++;
    this.#ac?.abort(new CancelledError(msg ?? ""));
    const fw = this._fw;
    if (fw !== null && !fw.done() && fw.cancel(msg)) return true;
    const host = this.#host;
    if (host !== null && host._guests !== null) {
      // A task made from a started Promise shares its creator's context; its awaits
      // cannot be told from those of its siblings (see the README).
      for (const g of host._guests.splice(0)) g.cancel(msg);
    }
    this._mustCancel = true;
    this._cancelMessage = msg;
    return true;
  }

  /** How many cancellation requests are pending (`cancel()` minus `uncancel()`). */
  cancelling(): number {
    return this._numCancelsRequested;
  }

  /** Decrements the cancellation count and returns it; at 0 a pending request is dropped. */
  uncancel(): number {
    if (this._numCancelsRequested > 0) {
      this._numCancelsRequested--;
      if (this._numCancelsRequested === 0) this._mustCancel = false;
    }
    return this._numCancelsRequested;
  }

  /**
   * The frames JavaScript can show: for a task that failed, its exception's stack;
   * a suspended async function exposes no frames, so pending tasks give `[]`.
   */
  getStack(options?: StackOptions): string[] {
    const e = this._state === 1 ? this._exception : undefined;
    if (!(e instanceof Error) || e.stack === undefined) return [];
    const frames = e.stack.split("\n").filter((l) => /^\s+at /.test(l)).map((l) => l.trim());
    const limit = options?.limit;
    return limit === undefined ? frames : frames.slice(0, Math.max(0, limit));
  }

  /** Prints `getStack()` as Python does ("Stack for ..." or "No stack for ..."). */
  printStack(options?: StackOptions): void {
    const frames = this.getStack(options);
    const out = options?.file ?? { write: (s: string) => console.error(s.replace(/\n$/, "")) };
    if (frames.length === 0) {
      out.write(`No stack for ${this}\n`);
      return;
    }
    let text = `Traceback for ${this} (most recent call last):\n`;
    for (const f of frames.reverse()) text += `  ${f}\n`;
    const e = this._exception as Error;
    text += `${e.name}: ${e.message}\n`;
    out.write(text);
  }

  /**
   * Makes the task awaitable, as `Future.then` does: awaited from another task, the task
   * becomes what that task is suspended in. (The same getter as `Future`'s, defined here
   * too because `await` looks `then` up on every await: one prototype fewer to walk.)
   */
  override get then(): <R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ) => PromiseLike<R1 | R2> {
    enterAwaitBox();
    return futureThen as never;
  }

  /** Python's repr: `<Task pending name='Task-1' coro=main()>`. */
  override toString(): string {
    const coro = this.#fn !== null ? `${this.#fn.name || "<anonymous>"}()` : "<Promise>";
    let s = this._describeState();
    if (this._state === 0 && this._numCancelsRequested > 0) s = "cancelling";
    return `<Task ${s} name='${this.getName()}' coro=${coro}>`;
  }

  /** @internal */
  override _scheduleCallbacks(): void {
    if (this._debugRecord !== null) this._debugRecord.pending = false;
    super._scheduleCallbacks();
  }

  /** Tasks cannot be given a result from outside (Python raises RuntimeError). */
  override setResult(_result: T): never {
    throw new RuntimeError("Task does not support set_result operation");
  }

  /** Tasks cannot be given an exception from outside (Python raises RuntimeError). */
  override setException(_exception: unknown): never {
    throw new RuntimeError("Task does not support set_exception operation");
  }

  /**
   * @internal The first step: starts the function inside the task's context. (Static,
   * so that no stack frame of an error thrown on the way holds the task: V8 keeps the
   * frames' receivers with the error, which would keep an unretrieved task alive.)
   */
  static _start(task: Task<unknown>): void {
    const fn = task.#fn;
    if (task._state !== 0 || fn === null || task.#coro !== null) return;
    if (task._mustCancel) {
      task._mustCancel = false;
      Future.prototype.cancel.call(task, task._cancelMessage);
      return;
    }
    let out: unknown;
    try {
      out = runInContext(new Box(task, null, false), fn);
    } catch (e) {
      task.#onError(e);
      return;
    }
    if (out instanceof Future) {
      // A function returning a future: the task waits in it (without reading `then`,
      // which would record an await by the loop's root).
      task.#coro = out;
      task._fw = out;
      out.addDoneCallback((f) => {
        if (f.cancelled()) task.#onError(f._makeCancelledError());
        else if (f.exception() !== null) task.#onError(f.exception());
        else task.#onResult(f.result());
      });
    } else if (out !== null && typeof (out as PromiseLike<unknown>)?.then === "function") {
      task.#coro = out as PromiseLike<unknown>;
      (out as PromiseLike<unknown>).then((v) => task.#onResult(v), (e) => task.#onError(e));
    } else task.#onResult(out);
  }

  #onResult(v: T): void {
    if (this._state !== 0) return;
    if (this._mustCancel) {
      this._mustCancel = false;
      Future.prototype.cancel.call(this, this._cancelMessage);
      return;
    }
    // Future.setResult, which Task refuses from outside.
    this._result = v;
    this._state = 1;
    this._scheduleCallbacks();
  }

  #onError(e: unknown): void {
    if (this._state !== 0) return;
    if (e instanceof CancelledError) {
      Future.prototype.cancel.call(this, e.message || this._cancelMessage);
      this._logTraceback = false;
      return;
    }
    Future.prototype.setException.call(this, e === undefined ? new Error("undefined") : e);
  }
}

/**
 * Wraps `coro` in a Task on the running loop (Python's `asyncio.create_task`).
 *
 * @throws {RuntimeError} "no running event loop" when no loop runs
 *
 * @example
 * ```ts
 * import { createTask, run } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const t = createTask(async () => 42, { name: "answer" });
 *   assert.equal(t.getName(), "answer");
 *   assert.equal(await t, 42);
 * });
 * ```
 */
export function createTask<T>(coro: Coroutine<T>, options?: CreateTaskOptions): Task<T> {
  return getRunningLoop().createTask(coro, options);
}

/**
 * The task whose code is running, or `null` (Python's `asyncio.current_task`).
 *
 * @throws {RuntimeError} when `loop` is omitted and no loop runs
 *
 * @example
 * ```ts
 * import { createTask, currentTask, run } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   // (inside an array: an async function returning a task would await it)
 *   const t = createTask(async () => [currentTask()]);
 *   assert.equal((await t)[0], t);
 * });
 * ```
 */
export function currentTask(loop?: AbstractEventLoop): Task<unknown> | null {
  const l = loop ?? getRunningLoop();
  const v = (contextValue() as Box | undefined)?.task;
  if (v instanceof Task) return v._loop === l ? v : null;
  const root = (l as unknown as TaskLoop)._rootTask;
  return root !== null && root !== undefined && !root.done() ? root : null;
}

/**
 * The loop's tasks that are not done (Python's `asyncio.all_tasks`).
 *
 * @throws {RuntimeError} when `loop` is omitted and no loop runs
 *
 * @example
 * ```ts
 * import { allTasks, createTask, run, sleep } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const t = createTask(() => sleep(0.01));
 *   assert.ok(allTasks().has(t));
 *   await t;
 *   assert.ok(!allTasks().has(t));
 * });
 * ```
 */
export function allTasks(loop?: AbstractEventLoop): Set<Task<unknown>> {
  const l = (loop ?? getRunningLoop()) as unknown as TaskLoop;
  const out = new Set<Task<unknown>>();
  for (const t of l._allTasks?.() ?? []) out.add(t);
  return out;
}

/** Options of `ensureFuture`. */
export interface EnsureFutureOptions {
  /** The loop for a new task; the running loop, or else `getEventLoop()`, when omitted. */
  loop?: AbstractEventLoop;
}

/**
 * A Future as it is, or a coroutine (a Promise, a thenable or a zero-argument function)
 * wrapped in a Task (Python's `asyncio.ensure_future`).
 *
 * @throws {TypeError} for anything else
 * @throws {ValueError} when a Future of another loop is given with `loop`
 *
 * @example
 * ```ts
 * import { ensureFuture, run, Task } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const t = ensureFuture(Promise.resolve(3));
 *   assert.ok(t instanceof Task);
 *   assert.equal(ensureFuture(t), t);
 *   assert.equal(await t, 3);
 * });
 * ```
 */
export function ensureFuture<T>(
  coroOrFuture: Coroutine<T> | Future<T>,
  options?: EnsureFutureOptions,
): Future<T> {
  if (coroOrFuture instanceof Future) {
    if (options?.loop !== undefined && options.loop !== coroOrFuture._loop) {
      throw new ValueError(
        "The future belongs to a different loop than the one specified as the loop argument",
      );
    }
    return coroOrFuture;
  }
  const ok = typeof coroOrFuture === "function" ||
    (coroOrFuture !== null && typeof (coroOrFuture as PromiseLike<T>)?.then === "function");
  if (!ok) {
    throw new TypeError(
      `An asyncio.Future, a coroutine or an awaitable is required, got ${
        describeValue(coroOrFuture)
      }`,
    );
  }
  return (options?.loop ?? defaultLoop()).createTask(coroOrFuture as Coroutine<T>);
}

/**
 * Suspends the calling task for `delay` seconds and resolves to `result`. `sleep(0)`
 * yields for one loop iteration. Cancelling the task throws CancelledError here.
 *
 * @throws {TypeError} when `delay` is not a number
 *
 * @example
 * ```ts
 * import { getRunningLoop, run, sleep } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const t0 = getRunningLoop().time();
 *   assert.equal(await sleep(0.02, "done"), "done");
 *   assert.ok(getRunningLoop().time() - t0 >= 0.015);
 * });
 * ```
 */
export function sleep<T = undefined>(delay: number, result?: T): Promise<T> {
  if (typeof delay !== "number" || Number.isNaN(delay)) {
    throw new TypeError(`delay must be a number, not ${describeValue(delay)}`);
  }
  const loop = (_getRunningLoop() ?? getEventLoop()) as unknown as LoopInternals;
  const w = new SleepWaiter<T>(result as T);
  const box = w.box = enterAwaitBox();
  const host = registerAwait(loop, box, w);
  if (host === null) {
    w.settled = true;
    w.reject(new CancelledError((box.task ?? loop._rootHost())._cancelMessage ?? ""));
  } else {
    w.host = host;
    // sleep(0): the waiter itself is the ready entry that wakes the task.
    if (delay <= 0) loop._schedule(w);
    else if (delay !== Infinity) {
      try {
        w.timer = (loop as unknown as AbstractEventLoop).callLater(
          delay,
          fireSleep,
          w as SleepWaiter<unknown>,
        );
      } catch (e) {
        w.fail(e); // a closed loop: the Promise rejects, sleep() does not throw
      }
    }
  }
  return w.promise;
}

/** The ready-queue entry that starts a task; it lets go of the task once run. */
class StartEntry {
  #task: Task<unknown> | null;
  constructor(task: Task<unknown>) {
    this.#task = task;
  }
  _run(): void {
    const t = this.#task;
    this.#task = null;
    if (t !== null) Task._start(t);
  }
}

// The resolving functions of the Promise being made, taken by one shared executor (no
// closure per sleep).
let takenResolve: (v: never) => void = noop;
let takenReject: (e: unknown) => void = noop;
function takeResolvers(res: (v: never) => void, rej: (e: unknown) => void): void {
  takenResolve = res;
  takenReject = rej;
}
function noop(): void {}

class SleepWaiter<T> implements Waiter {
  readonly promise: Promise<T>;
  readonly resolve: (v: T) => void;
  readonly reject: (e: unknown) => void;
  host: Host | null = null;
  box: Box | null = null;
  timer: { cancel(): void } | null = null;
  settled = false;
  constructor(readonly result: T) {
    this.promise = new Promise<T>(takeResolvers);
    this.resolve = takenResolve as (v: T) => void;
    this.reject = takenReject;
    takenResolve = takenReject = noop;
  }
  done(): boolean {
    return this.settled;
  }
  cancel(msg?: string): boolean {
    return !this.settled && this.fail(new CancelledError(msg ?? ""));
  }
  fail(error: unknown): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.timer?.cancel();
    if (this.host !== null) releaseWaiter(this.host, this);
    closeBox(this.box);
    this.reject(error);
    return true;
  }
  _run(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.host !== null) releaseWaiter(this.host, this);
    closeBox(this.box);
    this.resolve(this.result);
  }
}

function fireSleep(w: SleepWaiter<unknown>): void {
  w._run();
}

/**
 * Python's `asyncio.iscoroutine`: whether `obj` is a coroutine, which in JavaScript is a
 * Promise or another thenable that is not an asyncio Future.
 *
 * @example
 * ```ts
 * import { iscoroutine } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.ok(iscoroutine((async () => {})()));
 * assert.ok(!iscoroutine(42));
 * ```
 */
export function iscoroutine(obj: unknown): obj is PromiseLike<unknown> {
  if (obj instanceof Promise) return true;
  return obj !== null && typeof obj === "object" && !(obj instanceof Future) &&
    typeof (obj as PromiseLike<unknown>).then === "function";
}

/**
 * Python's `asyncio.iscoroutinefunction`: whether `fn` is an async function.
 *
 * @example
 * ```ts
 * import { iscoroutinefunction } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.ok(iscoroutinefunction(async () => {}));
 * assert.ok(!iscoroutinefunction(() => {}));
 * ```
 */
export function iscoroutinefunction(fn: unknown): boolean {
  return typeof fn === "function" && fn.constructor?.name === "AsyncFunction";
}

/**
 * A task factory that starts each coroutine at once, in `createTask`, rather than on the
 * next iteration (Python 3.12's `eager_task_factory`). A coroutine that finishes without
 * suspending gives a task that is already done.
 *
 * @example
 * ```ts
 * import { eagerTaskFactory, getRunningLoop, run } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const loop = getRunningLoop();
 *   loop.setTaskFactory(eagerTaskFactory);
 *   let started = false;
 *   const t = loop.createTask(async () => { started = true; });
 *   assert.ok(started);
 *   await t;
 *   loop.setTaskFactory(null);
 * });
 * ```
 */
export const eagerTaskFactory: TaskFactory = createEagerTaskFactory(Task);

/**
 * A task factory that builds eager tasks with `TaskClass` (Python 3.12's
 * `create_eager_task_factory`).
 *
 * @example
 * ```ts
 * import { createEagerTaskFactory, Task } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.equal(typeof createEagerTaskFactory(Task), "function");
 * ```
 */
export function createEagerTaskFactory(
  TaskClass: new (coro: Coroutine<unknown>, options?: TaskOptions) => Future<unknown>,
): TaskFactory {
  return (loop, coro, options) =>
    new TaskClass(coro, { loop, name: options?.name, eagerStart: true });
}
