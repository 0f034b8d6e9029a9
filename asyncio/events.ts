// Event loop interface, handles, policies and the loop accessors
// (CPython asyncio/events.py). The concrete loop is in base_events.ts.

import { NotImplementedError, RuntimeError } from "../_errors/python_errors.ts";
import type { Future } from "./futures.ts";
import type { Task } from "./tasks.ts";
import { describeCallback } from "./_util.ts";
import { loopFactory } from "./_loop_factory.ts";

/**
 * What a coroutine is in JavaScript: the Promise of an async function call, any
 * `PromiseLike`, or a zero-argument function returning one, which the task starts inside
 * itself so that `currentTask()` and cancellation work from its first line.
 */
export type Coroutine<T> = PromiseLike<T> | (() => PromiseLike<T> | T);

/** The context object given to exception handlers, with Python's keys. */
export interface ExceptionContext {
  /** What happened, always present. */
  message: string;
  /** The exception, when there is one. */
  exception?: unknown;
  /** The future or task involved (a description when it no longer exists). */
  future?: unknown;
  /** The task involved. */
  task?: unknown;
  /** The handle whose callback failed. */
  handle?: unknown;
  /** Protocol, transport and socket (asyncio I/O). */
  protocol?: unknown;
  /** The transport involved (asyncio I/O). */
  transport?: unknown;
  /** The socket involved (asyncio I/O). */
  socket?: unknown;
  /** Any other key. */
  [key: string]: unknown;
}

/** A custom exception handler: `handler(loop, context)`. */
export type ExceptionHandler = (loop: AbstractEventLoop, context: ExceptionContext) => void;

/** A task factory: `factory(loop, coro, { name })` returns a Future (normally a Task). */
export type TaskFactory = (
  loop: AbstractEventLoop,
  coro: Coroutine<unknown>,
  options?: CreateTaskOptions,
) => Future<unknown>;

/** Options of `createTask`. */
export interface CreateTaskOptions {
  /** The task's name. @default "Task-<n>" */
  name?: string;
}

/**
 * A callback scheduled by `callSoon` (Python's `asyncio.Handle`).
 *
 * @example
 * ```ts
 * import { newEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * const h = loop.callSoon(() => assert.fail("cancelled"));
 * h.cancel();
 * assert.ok(h.cancelled());
 * loop.close();
 * ```
 */
export class Handle {
  /** @internal */ _callback: ((...args: never[]) => unknown) | null;
  /** @internal */ _args: readonly unknown[];
  /** @internal */ _loop: AbstractEventLoop;
  /** @internal */ _cancelled = false;

  /**
   * Makes a handle (loops make them in `callSoon`).
   *
   * @param callback the function to call
   * @param args its arguments
   * @param loop the loop that runs it
   */
  constructor(
    callback: (...args: never[]) => unknown,
    args: readonly unknown[],
    loop: AbstractEventLoop,
  ) {
    this._callback = callback;
    this._args = args;
    this._loop = loop;
  }

  /** Cancels the callback: it will not run. Cancelling twice does nothing. */
  cancel(): void {
    if (!this._cancelled) {
      this._cancelled = true;
      this._callback = null;
      this._args = [];
    }
  }

  /** Whether `cancel()` was called. */
  cancelled(): boolean {
    return this._cancelled;
  }

  /** @internal Runs the callback; an exception goes to the loop's exception handler. */
  _run(): void {
    const cb = this._callback;
    if (cb === null) return;
    try {
      const a = this._args as never[];
      if (a.length === 0) cb();
      else cb(...a);
    } catch (exception) {
      this._loop.callExceptionHandler({
        message: `Exception in callback ${describeCallback(cb)}`,
        exception,
        handle: this,
      });
    }
  }

  /** Python's repr: `<Handle name()>`. */
  toString(): string {
    const state = this._cancelled ? " cancelled" : "";
    return `<${this.constructor.name}${state} ${describeCallback(this._callback)}>`;
  }
}

/**
 * A callback scheduled for a time by `callLater`/`callAt` (Python's `TimerHandle`).
 *
 * @example
 * ```ts
 * import { newEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * const h = loop.callAt(loop.time() + 5, () => {});
 * assert.ok(h.when() > loop.time());
 * h.cancel();
 * loop.close();
 * ```
 */
export class TimerHandle extends Handle {
  /** @internal */ _when: number;
  /** @internal */ _scheduled = false;
  /** @internal */ _seq = 0;

  /**
   * Makes a timer handle (loops make them in `callLater` and `callAt`).
   *
   * @param when the loop time (seconds) at which to run
   * @param callback the function to call
   * @param args its arguments
   * @param loop the loop that runs it
   */
  constructor(
    when: number,
    callback: (...args: never[]) => unknown,
    args: readonly unknown[],
    loop: AbstractEventLoop,
  ) {
    super(callback, args, loop);
    this._when = when;
  }

  /** The loop time, in seconds, at which the callback is scheduled. */
  when(): number {
    return this._when;
  }

  /** Cancels the callback and tells the loop, which drops it from its timer heap. */
  override cancel(): void {
    if (this._cancelled) return;
    super.cancel();
    (this._loop as unknown as { _timerHandleCancelled?(h: TimerHandle): void })
      ._timerHandleCancelled?.(this);
  }
}

/**
 * Python's `asyncio.AbstractEventLoop`: the interface every event loop offers.
 * `BaseEventLoop` is the implementation; asyncio's I/O methods (connections, servers,
 * readers and writers, subprocesses, signals, executors) are not part of this module yet.
 *
 * @example
 * ```ts
 * import { AbstractEventLoop, newEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * assert.ok(loop instanceof AbstractEventLoop);
 * loop.close();
 * ```
 */
export abstract class AbstractEventLoop {
  /** Seconds a callback may run before debug mode logs a warning. @default 0.1 */
  slowCallbackDuration = 0.1;

  /** Runs until `stop()` is called; the Promise settles when the loop stops. */
  abstract runForever(): Promise<void>;
  /** Runs until `future` is done and returns its result (or throws its exception). */
  abstract runUntilComplete<T>(future: Coroutine<T> | Future<T>): Promise<T>;
  /** Stops the loop after the current batch of callbacks. */
  abstract stop(): void;
  /** Whether the loop is running. */
  abstract isRunning(): boolean;
  /** Whether the loop was closed. */
  abstract isClosed(): boolean;
  /** Closes the loop, dropping pending callbacks. */
  abstract close(): void;
  /** Finalizes asynchronous generators (see the module README). */
  abstract shutdownAsyncgens(): Promise<void>;
  /** Schedules `callback(...args)` for the next iteration, in FIFO order. */
  abstract callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle;
  /** `callSoon` that may be called from signal listeners and FFI callbacks. */
  abstract callSoonThreadsafe<A extends unknown[]>(
    callback: (...args: A) => unknown,
    ...args: A
  ): Handle;
  /** Schedules `callback(...args)` after `delay` seconds. */
  abstract callLater<A extends unknown[]>(
    delay: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle;
  /** Schedules `callback(...args)` at loop time `when` (seconds). */
  abstract callAt<A extends unknown[]>(
    when: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle;
  /** The loop's monotonic clock, in seconds. */
  abstract time(): number;
  /** A new Future attached to this loop. */
  abstract createFuture<T = unknown>(): Future<T>;
  /** Wraps a coroutine in a Task scheduled on this loop. */
  abstract createTask<T>(coro: Coroutine<T>, options?: CreateTaskOptions): Task<T>;
  /** Sets (or with `null` removes) the task factory. */
  abstract setTaskFactory(factory: TaskFactory | null): void;
  /** The task factory, or `null`. */
  abstract getTaskFactory(): TaskFactory | null;
  /** Sets (or with `null` removes) the exception handler. */
  abstract setExceptionHandler(handler: ExceptionHandler | null): void;
  /** The exception handler, or `null`. */
  abstract getExceptionHandler(): ExceptionHandler | null;
  /** Logs `context` through the asyncio logger. */
  abstract defaultExceptionHandler(context: ExceptionContext): void;
  /** Calls the exception handler (or the default one) with `context`. */
  abstract callExceptionHandler(context: ExceptionContext): void;
  /** Whether debug mode is on. */
  abstract getDebug(): boolean;
  /** Turns debug mode on or off. */
  abstract setDebug(enabled: boolean): void;
}

/**
 * Python's `asyncio.AbstractEventLoopPolicy`: decides which loop `getEventLoop()` returns.
 *
 * @example
 * ```ts
 * import { AbstractEventLoopPolicy, getEventLoopPolicy } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.ok(getEventLoopPolicy() instanceof AbstractEventLoopPolicy);
 * ```
 */
export abstract class AbstractEventLoopPolicy {
  /** The loop of the current context. */
  abstract getEventLoop(): AbstractEventLoop;
  /** Sets the loop of the current context. */
  abstract setEventLoop(loop: AbstractEventLoop | null): void;
  /** A new loop. */
  abstract newEventLoop(): AbstractEventLoop;

  /**
   * Python's child watcher. Deno reaps child processes itself, so there is no watcher.
   *
   * @throws {NotImplementedError} always
   */
  getChildWatcher(): never {
    throw new NotImplementedError(
      "getChildWatcher: child watchers do not exist on Deno, which reaps child processes itself",
    );
  }

  /**
   * Python's child watcher. Deno reaps child processes itself, so there is no watcher.
   *
   * @throws {NotImplementedError} always
   */
  setChildWatcher(_watcher: unknown): never {
    throw new NotImplementedError(
      "setChildWatcher: child watchers do not exist on Deno, which reaps child processes itself",
    );
  }
}

/**
 * Python's default policy: one current loop for the whole isolate (Python's main
 * thread), created by the first `getEventLoop()` if none was set.
 *
 * @example
 * ```ts
 * import { DefaultEventLoopPolicy } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const policy = new DefaultEventLoopPolicy();
 * const loop = policy.getEventLoop();
 * assert.equal(policy.getEventLoop(), loop);
 * loop.close();
 * ```
 */
export class DefaultEventLoopPolicy extends AbstractEventLoopPolicy {
  #loop: AbstractEventLoop | null = null;

  /**
   * The current loop, created when there is none. (Python raises RuntimeError after
   * `set_event_loop(None)`; here a coroutine started before `run()` needs a loop to
   * bind to, so one is made, as Python does before the first `set_event_loop`.)
   */
  getEventLoop(): AbstractEventLoop {
    if (this.#loop === null) this.setEventLoop(this.newEventLoop());
    return this.#loop!;
  }

  /** Sets the current loop (`null` removes it). */
  setEventLoop(loop: AbstractEventLoop | null): void {
    if (loop !== null && !(loop instanceof AbstractEventLoop)) {
      throw new TypeError(`loop must be an instance of AbstractEventLoop or null, not ${loop}`);
    }
    this.#loop = loop;
  }

  /** A new `BaseEventLoop`. */
  newEventLoop(): AbstractEventLoop {
    const make = loopFactory();
    if (make === null) throw new RuntimeError("base_events.ts was not loaded");
    return make();
  }
}

let policy: AbstractEventLoopPolicy | null = null;
let runningLoop: AbstractEventLoop | null = null;

/** @internal The running loop or `null`. */
export function _getRunningLoop(): AbstractEventLoop | null {
  return runningLoop;
}

/** @internal Sets the running loop. */
export function _setRunningLoop(loop: AbstractEventLoop | null): void {
  runningLoop = loop;
}

/**
 * The running event loop.
 *
 * @throws {RuntimeError} "no running event loop" when no loop runs
 *
 * @example
 * ```ts
 * import { getRunningLoop, run } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => getRunningLoop(), { name: "RuntimeError" });
 * await run(async () => assert.ok(getRunningLoop().isRunning()));
 * ```
 */
export function getRunningLoop(): AbstractEventLoop {
  if (runningLoop === null) throw new RuntimeError("no running event loop");
  return runningLoop;
}

/**
 * The running loop, or else the policy's current loop (created on first use).
 *
 * @example
 * ```ts
 * import { getEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = getEventLoop();
 * assert.equal(getEventLoop(), loop);
 * ```
 */
export function getEventLoop(): AbstractEventLoop {
  return runningLoop ?? getEventLoopPolicy().getEventLoop();
}

/**
 * Sets the policy's current loop.
 *
 * @example
 * ```ts
 * import { getEventLoop, newEventLoop, setEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * setEventLoop(loop);
 * assert.equal(getEventLoop(), loop);
 * setEventLoop(null);
 * loop.close();
 * ```
 */
export function setEventLoop(loop: AbstractEventLoop | null): void {
  getEventLoopPolicy().setEventLoop(loop);
}

/**
 * A new event loop from the policy.
 *
 * @example
 * ```ts
 * import { newEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * assert.equal(await loop.runUntilComplete(Promise.resolve(7)), 7);
 * loop.close();
 * ```
 */
export function newEventLoop(): AbstractEventLoop {
  return getEventLoopPolicy().newEventLoop();
}

/**
 * The current policy (a `DefaultEventLoopPolicy` unless one was set).
 *
 * @example
 * ```ts
 * import { DefaultEventLoopPolicy, getEventLoopPolicy } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.ok(getEventLoopPolicy() instanceof DefaultEventLoopPolicy);
 * ```
 */
export function getEventLoopPolicy(): AbstractEventLoopPolicy {
  return policy ??= new DefaultEventLoopPolicy();
}

/**
 * Sets the policy; `null` restores a fresh default policy.
 *
 * @example
 * ```ts
 * import {
 *   DefaultEventLoopPolicy,
 *   getEventLoopPolicy,
 *   setEventLoopPolicy,
 * } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const p = new DefaultEventLoopPolicy();
 * setEventLoopPolicy(p);
 * assert.equal(getEventLoopPolicy(), p);
 * setEventLoopPolicy(null);
 * ```
 */
export function setEventLoopPolicy(newPolicy: AbstractEventLoopPolicy | null): void {
  if (newPolicy !== null && !(newPolicy instanceof AbstractEventLoopPolicy)) {
    throw new TypeError(`policy must be an instance of AbstractEventLoopPolicy or null`);
  }
  policy = newPolicy;
}

/**
 * Python's `asyncio.get_child_watcher()`: the policy's child watcher. Deno reaps child
 * processes itself, so there is none.
 *
 * @throws {NotImplementedError} always, with the reason
 *
 * @example
 * ```ts
 * import { getChildWatcher, NotImplementedError } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => getChildWatcher(), NotImplementedError);
 * ```
 */
export function getChildWatcher(): never {
  return getEventLoopPolicy().getChildWatcher();
}

/**
 * Python's `asyncio.set_child_watcher()`. Deno reaps child processes itself, so there is
 * no watcher to set.
 *
 * @throws {NotImplementedError} always, with the reason
 *
 * @example
 * ```ts
 * import { NotImplementedError, setChildWatcher } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => setChildWatcher(null), NotImplementedError);
 * ```
 */
export function setChildWatcher(watcher: unknown): never {
  return getEventLoopPolicy().setChildWatcher(watcher);
}
