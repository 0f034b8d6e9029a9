// The event loop (CPython asyncio/base_events.py), scheduled on Deno's own event loop.
//
// One iteration (Python's `_run_once`) moves due timers to the ready queue and runs the
// callbacks that were ready when it began. The next iteration is queued as a microtask,
// so that it runs after the coroutine continuations the iteration resumed, and every few
// milliseconds as a `setImmediate` macrotask instead, so that Deno's I/O, timers and other
// code keep running. Timers live in a heap; one `setTimeout` waits for the earliest only
// when nothing is ready. An idle loop holds no timer and keeps nothing alive.

import { clearImmediate, setImmediate } from "node:timers";
import { RuntimeError } from "../_errors/python_errors.ts";
import {
  _getRunningLoop,
  _setRunningLoop,
  AbstractEventLoop,
  type Coroutine,
  type CreateTaskOptions,
  type ExceptionContext,
  type ExceptionHandler,
  Handle,
  type TaskFactory,
  TimerHandle,
} from "./events.ts";
import { Future } from "./futures.ts";
import { describeCallback, describeValue } from "./_util.ts";
import { logger } from "./log.ts";
import { contextBackend, enterRootContext, inRootContext, runInContext } from "./_context.ts";
import { type Host, type ReadyEntry, RootHost } from "./_host.ts";
import { TimerHeap } from "./_heap.ts";
import { setLoopFactory } from "./_loop_factory.ts";
import { ensureFuture, Task } from "./tasks.ts";

const MICROTASK_SLICE_MS = 4;

/**
 * Python's `asyncio.BaseEventLoop`, the event loop this library runs. Create one with
 * `newEventLoop()`; `run()` does that for you.
 *
 * @example Python's hello world with callSoon (18.5.1.18.1)
 * ```ts
 * import { newEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * const said: string[] = [];
 * loop.callSoon(() => {
 *   said.push("Hello World");
 *   loop.stop();
 * });
 * await loop.runForever();
 * loop.close();
 * assert.deepEqual(said, ["Hello World"]);
 * ```
 */
export class BaseEventLoop extends AbstractEventLoop {
  // The ready queue and the batch array it swaps with. Their lengths are kept apart from
  // the arrays' own: setting `length = 0` frees V8's backing store, and every push of
  // the next iteration would then grow a new one.
  #ready: (ReadyEntry | undefined)[] = [];
  #readyCount = 0;
  #spare: (ReadyEntry | undefined)[] = [];
  #timers = new TimerHeap();
  #running = false;
  #closed = false;
  #stopping = false;
  #debug = false;
  #drainQueued = false;
  #inBatch = false;
  #immediate: ReturnType<typeof setImmediate> | null = null;
  #timeout: ReturnType<typeof setTimeout> | null = null;
  #timeoutWhen = Infinity;
  #sliceStart = 0;
  #microRuns = 0;
  #iterations = 0;
  #stopResolve: (() => void) | null = null;
  #exceptionHandler: ExceptionHandler | null = null;
  #taskFactory: TaskFactory | null = null;
  #root = new RootHost();
  /** What `createTask` passes to `Task` when no name is given (the Task keeps none of it). */
  #taskOptions: { loop: BaseEventLoop } = { loop: this };
  /** @internal The task made from a Promise started outside any task (Python's main). */
  _rootTask: Task<unknown> | null = null;
  // Pending tasks. Python holds them weakly; a WeakRef costs 0.4-0.7 µs here, so only
  // debug mode does (and then reports a pending task that is garbage collected).
  #tasks: Task<unknown>[] = [];
  #tasksCompactAt = 64;
  #weakTasks: WeakRef<Task<unknown>>[] = [];
  #drain = (): void => {
    // A microtask runs in the context of the code that queued it: leave it.
    enterRootContext();
    this.#iterate(false);
  };
  #queueDrain = (): void => queueMicrotask(this.#drain);
  #queueImmediate = (): ReturnType<typeof setImmediate> => setImmediate(this.#drainMacro);
  #drainMacro = (): void => {
    this.#immediate = null;
    this.#iterate(true);
  };
  #onTimeout = (): void => {
    this.#timeout = null;
    this.#timeoutWhen = Infinity;
    this.#iterate(true);
  };

  constructor() {
    super();
    this.#debug = envDebug();
  }

  // ---- running and stopping (18.5.1.1) ----

  /**
   * Runs until `stop()`; the Promise settles when the loop has stopped.
   *
   * @throws {RuntimeError} when the loop is closed, already running, or another loop runs
   */
  runForever(): Promise<void> {
    this.#checkRunnable();
    this.#running = true;
    _setRunningLoop(this);
    const done = new Promise<void>((resolve) => (this.#stopResolve = resolve));
    this.#sliceStart = performance.now();
    this.#queueIteration();
    return done;
  }

  /**
   * Runs until `future` (a Future, a Task, a coroutine Promise or a zero-argument async
   * function) is done, and returns its result or throws its exception.
   *
   * @throws {RuntimeError} "Event loop stopped before Future completed." when `stop()`
   *   ended the loop first
   */
  async runUntilComplete<T>(future: Coroutine<T> | Future<T>): Promise<T> {
    this.#checkRunnable();
    const fut = ensureFuture(future, { loop: this });
    const stopper = (): void => this.stop();
    fut.addDoneCallback(stopper);
    try {
      await this.runForever();
    } finally {
      fut.removeDoneCallback(stopper);
    }
    if (!fut.done()) throw new RuntimeError("Event loop stopped before Future completed.");
    return fut.result();
  }

  /** Stops the loop once the callbacks of the current iteration have run. */
  stop(): void {
    this.#stopping = true;
    if (this.#running) this.#queueIteration();
  }

  /** Whether the loop is running. */
  isRunning(): boolean {
    return this.#running;
  }

  /** Whether `close()` was called. */
  isClosed(): boolean {
    return this.#closed;
  }

  /**
   * Closes the loop: pending callbacks and timers are dropped, and every task that is
   * still pending is reported as "Task was destroyed but it is pending!".
   *
   * @throws {RuntimeError} "Cannot close a running event loop" while it runs
   */
  close(): void {
    if (this.#running) throw new RuntimeError("Cannot close a running event loop");
    if (this.#closed) return;
    if (this.#debug) logger.debug(`Close ${this}`);
    for (const t of this._allTasks()) {
      const context: ExceptionContext = {
        message: "Task was destroyed but it is pending!",
        task: t,
      };
      if (t._sourceTraceback !== null) context.source_traceback = t._sourceTraceback;
      this.callExceptionHandler(context);
    }
    this.#closed = true;
    this.#tasks = [];
    this.#weakTasks = [];
    this.#ready = [];
    this.#readyCount = 0;
    this.#spare = [];
    this.#timers.clear();
    this.#disarm();
  }

  /**
   * Python finalizes the asynchronous generators the loop started. JavaScript has no
   * hook that reports them, so there is nothing to finalize; resolves at once.
   */
  shutdownAsyncgens(): Promise<void> {
    return Promise.resolve();
  }

  // ---- callbacks and timers (18.5.1.2-18.5.1.3) ----

  /**
   * Schedules `callback(...args)` for the next iteration. Callbacks run in the order
   * they were scheduled.
   *
   * @throws {RuntimeError} "Event loop is closed" after `close()`
   * @throws {TypeError} when `callback` is not a function
   */
  callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    if (this.#closed) throw new RuntimeError("Event loop is closed");
    if (typeof callback !== "function") {
      throw new TypeError(`a callable object was expected by callSoon(), got ${callback}`);
    }
    const h = new Handle(callback as (...a: never[]) => unknown, args, this);
    this._schedule(h);
    return h;
  }

  /**
   * `callSoon` for code that runs outside the loop's turn: signal listeners, FFI
   * callbacks (`Deno.UnsafeCallback.threadSafe` runs them on the JavaScript thread) and
   * message handlers. A Deno isolate has one JavaScript thread, so this is `callSoon`;
   * another thread (a Worker) reaches a loop with `runCoroutineThreadsafe`.
   */
  callSoonThreadsafe<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    return this.callSoon(callback, ...args);
  }

  /**
   * Schedules `callback(...args)` after `delay` seconds.
   *
   * @throws {TypeError} when `delay` is not a number
   */
  callLater<A extends unknown[]>(
    delay: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle {
    if (typeof delay !== "number" || Number.isNaN(delay)) {
      throw new TypeError(`delay must be a number, not ${describeValue(delay)}`);
    }
    return this.callAt(this.time() + delay, callback, ...args);
  }

  /**
   * Schedules `callback(...args)` at loop time `when` (seconds, `time()`'s clock).
   *
   * @throws {RuntimeError} "Event loop is closed" after `close()`
   */
  callAt<A extends unknown[]>(
    when: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle {
    if (this.#closed) throw new RuntimeError("Event loop is closed");
    if (typeof when !== "number" || Number.isNaN(when)) {
      throw new TypeError(`when must be a number, not ${describeValue(when)}`);
    }
    if (typeof callback !== "function") {
      throw new TypeError(`a callable object was expected by callAt(), got ${callback}`);
    }
    const h = new TimerHandle(when, callback as (...a: never[]) => unknown, args, this);
    this.#timers.push(h);
    h._scheduled = true;
    if (this.#running && !this.#drainQueued && !this.#inBatch && when < this.#timeoutWhen) {
      this.#arm();
    }
    return h;
  }

  /** The loop's clock: monotonic seconds (`performance.now() / 1000`). */
  time(): number {
    return performance.now() / 1000;
  }

  // ---- futures and tasks (18.5.1.4) ----

  /** A new Future bound to this loop. */
  createFuture<T = unknown>(): Future<T> {
    return new Future<T>({ loop: this });
  }

  /**
   * Wraps `coro` in a Task. A zero-argument async function is started inside the task on
   * the next iteration; a Promise (an async function already called) is followed as it is.
   *
   * @throws {RuntimeError} "Event loop is closed" after `close()`
   * @throws {TypeError} "a coroutine was expected" for anything else
   */
  createTask<T>(coro: Coroutine<T>, options?: CreateTaskOptions): Task<T> {
    if (this.#closed) throw new RuntimeError("Event loop is closed");
    if (this.#taskFactory !== null) {
      return this.#taskFactory(this, coro as Coroutine<unknown>, options) as Task<T>;
    }
    if (options?.name === undefined) return new Task<T>(coro, this.#taskOptions);
    return new Task<T>(coro, { loop: this, name: options.name });
  }

  /** Sets the task factory, `factory(loop, coro, options)`; `null` restores `Task`. */
  setTaskFactory(factory: TaskFactory | null): void {
    if (factory !== null && typeof factory !== "function") {
      throw new TypeError("task factory must be a callable or null");
    }
    this.#taskFactory = factory;
  }

  /** The task factory, or `null`. */
  getTaskFactory(): TaskFactory | null {
    return this.#taskFactory;
  }

  // ---- error handling (18.5.1.14) ----

  /** Sets the handler called as `handler(loop, context)`; `null` restores the default. */
  setExceptionHandler(handler: ExceptionHandler | null): void {
    if (handler !== null && typeof handler !== "function") {
      throw new TypeError(`A callable object or None is expected, got ${handler}`);
    }
    this.#exceptionHandler = handler;
  }

  /** The exception handler, or `null`. */
  getExceptionHandler(): ExceptionHandler | null {
    return this.#exceptionHandler;
  }

  /** Logs `context` at ERROR through `logger`, as Python formats it. */
  defaultExceptionHandler(context: ExceptionContext): void {
    const lines = [context.message || "Unhandled exception in event loop"];
    for (const key of Object.keys(context).sort()) {
      if (key === "message" || key === "exception") continue;
      if (key === "source_traceback") {
        lines.push(`Object created at (most recent call first):\n  ${context[key]}`);
        continue;
      }
      lines.push(`${key}: ${describeValue(context[key])}`);
    }
    logger.error(lines.join("\n"), context.exception);
  }

  /** Calls the exception handler, or the default one; a failing handler is logged. */
  callExceptionHandler(context: ExceptionContext): void {
    const handler = this.#exceptionHandler;
    if (handler === null) {
      try {
        this.defaultExceptionHandler(context);
      } catch (e) {
        logger.error("Exception in default exception handler", e);
      }
      return;
    }
    try {
      handler(this, context);
    } catch (e) {
      try {
        this.defaultExceptionHandler({
          message: "Unhandled error in exception handler",
          exception: e,
          context,
        });
      } catch (e2) {
        logger.error("Exception in default exception handler while handling an error", e2);
      }
    }
  }

  // ---- debug mode (18.5.1.15) ----

  /** Whether debug mode is on (initially from `PYTHONASYNCIODEBUG`, see the README). */
  getDebug(): boolean {
    return this.#debug;
  }

  /** Turns debug mode on or off. */
  setDebug(enabled: boolean): void {
    this.#debug = Boolean(enabled);
  }

  /** Python's repr. */
  override toString(): string {
    return `<BaseEventLoop running=${this.#running} closed=${this.#closed} debug=${this.#debug}>`;
  }

  // ---- internals ----

  /** @internal */
  _schedule(entry: ReadyEntry): void {
    this.#push(entry);
    // During a batch the next iteration is queued when the batch ends, after the
    // continuations the batch resumed.
    if (this.#running && !this.#drainQueued && !this.#inBatch) this.#queueIteration();
  }

  /** @internal */
  _rootHost(): Host {
    const t = this._rootTask;
    if (t !== null && !t.done()) return t;
    return this.#root;
  }

  /** @internal */
  _registerTask(task: Task<unknown>): void {
    if (this.#debug) {
      this.#registerWeak(task);
      return;
    }
    const list = this.#tasks;
    list.push(task);
    if (list.length >= this.#tasksCompactAt) {
      let j = 0;
      for (let i = 0; i < list.length; i++) if (!list[i].done()) list[j++] = list[i];
      list.length = j;
      this.#tasksCompactAt = Math.max(64, j * 2);
    }
  }

  /** @internal The tasks that are not done. */
  _allTasks(): Task<unknown>[] {
    const out = this.#tasks.filter((t) => !t.done());
    for (const r of this.#weakTasks) {
      const t = r.deref();
      if (t !== undefined && !t.done()) out.push(t);
    }
    return out;
  }

  #registerWeak(task: Task<unknown>): void {
    const record = { pending: true };
    task._debugRecord = record;
    destroyedPending.register(task, {
      loop: this,
      record,
      repr: String(task),
      source: task._sourceTraceback,
    });
    const list = this.#weakTasks;
    list.push(new WeakRef(task));
    if (list.length >= 64 && (list.length & (list.length - 1)) === 0) {
      this.#weakTasks = list.filter((r) => {
        const t = r.deref();
        return t !== undefined && !t.done();
      });
    }
  }

  /** @internal */
  _timerHandleCancelled(h: TimerHandle): void {
    if (h._scheduled) this.#timers.noteCancelled();
  }

  /** The loop time of the earliest timer that is not cancelled, or `undefined`. */
  protected _nextTimerWhen(): number | undefined {
    return this.#timers.peek()?._when;
  }

  /** The number of ready callbacks and of timers, for tests and debugging. */
  protected _pending(): { ready: number; timers: number } {
    return { ready: this.#readyCount, timers: this.#timers.size };
  }

  /**
   * Called when nothing is ready and the earliest timer is `delay` seconds away. The
   * real loop sleeps with one `setTimeout`; a test loop with virtual time overrides this.
   */
  protected _waitForTimer(delay: number): void {
    this.#armTimeout(delay);
  }

  /** Called as each iteration begins; `macro` tells whether it runs as a macrotask. */
  protected _beforeIteration(_macro: boolean): void {}

  /** Queues the next iteration to run after Deno's pending macrotasks. */
  protected _wakeSoon(): void {
    if (!this.#running) return;
    this.#drainQueued = true;
    if (this.#immediate === null) {
      this.#immediate = runInContext(undefined, this.#queueImmediate);
    }
  }

  #checkRunnable(): void {
    if (this.#closed) throw new RuntimeError("Event loop is closed");
    if (this.#running) throw new RuntimeError("This event loop is already running");
    const running = _getRunningLoop();
    if (running !== null && running !== this) {
      throw new RuntimeError("Cannot run the event loop while another loop is running");
    }
  }

  #queueIteration(): void {
    if (this.#drainQueued) return;
    this.#drainQueued = true;
    this.#disarmTimeout();
    // performance.now() costs about 0.1 µs here, so the time is looked at every 32 runs.
    if (
      (++this.#microRuns & 31) !== 0 || performance.now() - this.#sliceStart < MICROTASK_SLICE_MS
    ) {
      if (contextBackend() === "core" || inRootContext()) queueMicrotask(this.#drain);
      else runInContext(undefined, this.#queueDrain);
    } else if (this.#immediate === null) {
      this.#immediate = runInContext(undefined, this.#queueImmediate);
    }
  }

  #iterate(macro: boolean): void {
    this.#drainQueued = false;
    if (!this.#running) return;
    if (macro) this.#sliceStart = performance.now();
    this._beforeIteration(macro);
    this.#runOnce();
    if (this.#stopping) {
      this.#finish();
      return;
    }
    if (this.#readyCount > 0) this.#queueIteration();
    else if (this.#timers.size > 0) this.#arm();
  }

  #runOnce(): void {
    const timers = this.#timers;
    if (timers.size > 0) {
      const end = this.time() + 0.000_001;
      for (let top = timers.peek(); top !== undefined && top._when <= end; top = timers.peek()) {
        const h = timers.pop()!;
        h._scheduled = false;
        if (!h._cancelled) this.#push(h);
      }
    }
    const n = this.#readyCount;
    if (n === 0) return;
    const batch = this.#ready;
    this.#ready = this.#spare;
    this.#readyCount = 0;
    const debug = this.#debug;
    this.#inBatch = true;
    let i = 0;
    try {
      for (; i < n; i++) {
        const e = batch[i]!;
        batch[i] = undefined;
        if (!debug) e._run();
        else this.#runTimed(e);
      }
    } finally {
      this.#inBatch = false;
      // After a throw the rest of the batch is dropped, and so is the array.
      if (i < n) this.#spare = [];
      else {
        // A burst's array is let go rather than kept at its peak size.
        if (batch.length > 1024) batch.length = 0;
        this.#spare = batch;
      }
    }
    this.#iterations++;
  }

  #push(entry: ReadyEntry): void {
    const ready = this.#ready, n = this.#readyCount;
    if (n < ready.length) ready[n] = entry;
    else ready.push(entry);
    this.#readyCount = n + 1;
  }

  #runTimed(e: ReadyEntry): void {
    const t0 = this.time();
    e._run();
    const dt = this.time() - t0;
    if (dt >= this.slowCallbackDuration) {
      const what = e instanceof Handle ? `${e}` : describeCallback(e._run);
      logger.warning(`Executing ${what} took ${dt.toFixed(3)} seconds`);
    }
  }

  #arm(): void {
    const first = this.#timers.peek();
    if (first === undefined) return;
    const delay = first._when - this.time();
    if (delay <= 0) this.#queueIteration();
    else this._waitForTimer(delay);
  }

  #armTimeout(delay: number): void {
    const when = this.time() + delay;
    if (this.#timeout !== null) {
      if (this.#timeoutWhen <= when) return;
      clearTimeout(this.#timeout);
    }
    this.#timeoutWhen = when;
    this.#timeout = runInContext(
      undefined,
      // setTimeout takes at most 2^31-1 ms; a later deadline re-arms when this one fires.
      () => setTimeout(this.#onTimeout, Math.min(0x7fffffff, Math.max(0, Math.ceil(delay * 1000)))),
    );
  }

  #disarmTimeout(): void {
    if (this.#timeout !== null) {
      clearTimeout(this.#timeout);
      this.#timeout = null;
      this.#timeoutWhen = Infinity;
    }
  }

  #disarm(): void {
    this.#disarmTimeout();
    if (this.#immediate !== null) {
      clearImmediate(this.#immediate);
      this.#immediate = null;
    }
    this.#drainQueued = false;
  }

  #finish(): void {
    this.#stopping = false;
    this.#running = false;
    this.#disarm();
    const resolve = this.#stopResolve;
    this.#stopResolve = null;
    // Continuations resumed by the last iteration still see the loop as running.
    queueMicrotask(() => {
      if (!this.#running && _getRunningLoop() === this) _setRunningLoop(null);
      resolve?.();
    });
  }
}

setLoopFactory(() => new BaseEventLoop());

// Debug mode: "Task was destroyed but it is pending!" when a pending task is collected.
interface PendingRecord {
  loop: BaseEventLoop;
  record: { pending: boolean };
  repr: string;
  source: string | null;
}
const destroyedPending = new FinalizationRegistry<PendingRecord>((p) => {
  if (!p.record.pending) return;
  const context: ExceptionContext = {
    message: "Task was destroyed but it is pending!",
    task: p.repr,
  };
  if (p.source !== null) context.source_traceback = p.source;
  p.loop.callExceptionHandler(context);
});

function envDebug(): boolean {
  try {
    const status = Deno.permissions.querySync({ name: "env", variable: "PYTHONASYNCIODEBUG" });
    if (status.state !== "granted") return false;
    return Boolean(Deno.env.get("PYTHONASYNCIODEBUG"));
  } catch {
    return false;
  }
}
