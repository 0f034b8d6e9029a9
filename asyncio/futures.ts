// Future (CPython asyncio/futures.py): a result that arrives later, awaitable as a
// thenable. Done callbacks are scheduled with the loop in registration order.

import { type AbstractEventLoop, type ExceptionContext, Handle } from "./events.ts";
import { creationStack, defaultLoop, describeCallback, describeValue } from "./_util.ts";
import { CancelledError, InvalidStateError, RuntimeError } from "./exceptions.ts";
import {
  type Box,
  closeBox,
  currentBox,
  enterAwaitBox,
  type Host,
  type LoopInternals,
  type ReadyEntry,
  registerAwait,
  releaseWaiter,
} from "./_host.ts";

/** Options of the `Future` constructor. */
export interface FutureOptions {
  /** The loop; the running loop, or else `getEventLoop()`, when omitted. */
  loop?: AbstractEventLoop;
}

const PENDING = 0;
const FINISHED = 1;
const CANCELLED = 2;
const STATE_NAMES = ["PENDING", "FINISHED", "CANCELLED"];

/**
 * Python's `asyncio.Future`. `await fut` returns the result or throws the exception;
 * a task awaiting it is suspended in it, so cancelling the task cancels the future.
 *
 * @typeParam T the result type
 *
 * @example
 * ```ts
 * import { Future, run } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const fut = new Future<string>();
 *   setTimeout(() => fut.setResult("ready"), 1);
 *   assert.equal(await fut, "ready");
 *   assert.equal(fut.result(), "ready");
 * });
 * ```
 */
export class Future<T = unknown> implements PromiseLike<T> {
  /** @internal */ _loop: AbstractEventLoop;
  /** @internal */ _state = PENDING;
  /** @internal */ _result: T | undefined = undefined;
  /** @internal */ _exception: unknown = undefined;
  /** @internal */ _callbacks: ReadyEntry[] | null = null;
  /** @internal */ _cancelMessage: string | undefined = undefined;
  /** @internal */ _logTraceback = false;
  /** @internal Debug mode: where the future was made (Python's `_source_traceback`). */
  _sourceTraceback: string | null = null;

  /**
   * Makes a pending future.
   *
   * @param options the loop
   */
  constructor(options?: FutureOptions) {
    this._loop = options?.loop ?? defaultLoop();
    if (this._loop.getDebug()) this._sourceTraceback = creationStack();
  }

  /** The loop the future is bound to. */
  getLoop(): AbstractEventLoop {
    return this._loop;
  }

  /** Whether the future is done (has a result, an exception, or was cancelled). */
  done(): boolean {
    return this._state !== PENDING;
  }

  /** Whether the future was cancelled. */
  cancelled(): boolean {
    return this._state === CANCELLED;
  }

  /**
   * The result.
   *
   * @throws {CancelledError} when the future was cancelled
   * @throws {InvalidStateError} "Result is not set." when it is not done
   * @throws the future's exception, when it has one
   */
  result(): T {
    if (this._state === CANCELLED) throw this._makeCancelledError();
    if (this._state === PENDING) throw new InvalidStateError("Result is not set.");
    this._retrieved();
    if (this._exception !== undefined) throw this._exception;
    return this._result as T;
  }

  /**
   * The exception, or `null` when the future has a result.
   *
   * @throws {CancelledError} when the future was cancelled
   * @throws {InvalidStateError} "Exception is not set." when it is not done
   */
  exception(): unknown {
    if (this._state === CANCELLED) throw this._makeCancelledError();
    if (this._state === PENDING) throw new InvalidStateError("Exception is not set.");
    this._retrieved();
    return this._exception === undefined ? null : this._exception;
  }

  /**
   * Cancels the future and schedules its callbacks.
   *
   * @param msg a message carried by the CancelledError
   * @returns false when the future was already done
   */
  cancel(msg?: string): boolean {
    this._retrieved();
    if (this._state !== PENDING) return false;
    this._state = CANCELLED;
    this._cancelMessage = msg;
    this._scheduleCallbacks();
    return true;
  }

  /**
   * Sets the result and schedules the callbacks.
   *
   * @throws {InvalidStateError} when the future is already done
   */
  setResult(result: T): void {
    if (this._state !== PENDING) throw new InvalidStateError(`invalid state: ${this}`);
    this._result = result;
    this._state = FINISHED;
    this._scheduleCallbacks();
  }

  /**
   * Sets the exception and schedules the callbacks. An exception that nobody retrieves
   * is reported as "Future exception was never retrieved" when the future is collected.
   *
   * @throws {InvalidStateError} when the future is already done
   * @throws {TypeError} when `exception` is `undefined`
   */
  setException(exception: unknown): void {
    if (this._state !== PENDING) throw new InvalidStateError(`invalid state: ${this}`);
    if (exception === undefined) throw new TypeError("exception must not be undefined");
    this._exception = exception;
    this._state = FINISHED;
    this._logTraceback = true;
    trackUnretrieved(this);
    this._scheduleCallbacks();
  }

  /**
   * Calls `fn(future)` through the loop once the future is done (at once, on the next
   * iteration, if it already is). Callbacks run in the order they were added.
   */
  addDoneCallback(fn: (future: this) => unknown): void {
    const h = new Handle(fn as (...a: never[]) => unknown, [this], this._loop);
    if (this._state !== PENDING) (this._loop as unknown as LoopInternals)._schedule(h);
    else this._addCallback(h);
  }

  /**
   * Removes every registration of `fn`.
   *
   * @returns how many were removed
   */
  removeDoneCallback(fn: (future: this) => unknown): number {
    const cbs = this._callbacks;
    if (cbs === null) return 0;
    const kept = cbs.filter((e) => !(e instanceof Handle && e._callback === fn));
    const removed = cbs.length - kept.length;
    this._callbacks = kept;
    return removed;
  }

  /**
   * Makes the future awaitable. Awaited from a task, the future becomes what the task
   * is suspended in: `task.cancel()` cancels it and the `await` throws CancelledError.
   * The returned thenable settles with what `onfulfilled`/`onrejected` return.
   *
   * (`then` is a getter: `await` reads it synchronously where the coroutine suspends,
   * which is where the coroutine's task is recorded; see `_host.ts`.)
   */
  get then(): <R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ) => PromiseLike<R1 | R2> {
    enterAwaitBox();
    return futureThen as never;
  }

  /** Python's repr: `<Future pending>`, `<Future finished result=1>`. */
  toString(): string {
    return `<${this.constructor.name} ${this._describeState()}>`;
  }

  /** @internal */
  _describeState(): string {
    const s = STATE_NAMES[this._state].toLowerCase();
    if (this._state === FINISHED) {
      return this._exception !== undefined
        ? `${s} exception=${describeValue(this._exception)}`
        : `${s} result=${describeValue(this._result)}`;
    }
    const cbs = this._callbacks;
    if (this._state === PENDING && cbs !== null && cbs.length > 0) {
      const names = cbs.map((e) => e instanceof Handle ? describeCallback(e._callback) : "await");
      return `${s} cb=[${names.join(", ")}]`;
    }
    return s;
  }

  /** @internal */
  _makeCancelledError(): CancelledError {
    return new CancelledError(this._cancelMessage ?? "");
  }

  /** @internal */
  _retrieved(): void {
    if (this._logTraceback) {
      this._logTraceback = false;
      unretrieved.unregister(this);
    }
  }

  /** @internal */
  _addCallback(entry: ReadyEntry): void {
    // (`[entry]` is one element long; `[]` then `push` would reserve seventeen.)
    const cbs = this._callbacks;
    if (cbs === null) this._callbacks = [entry];
    else cbs.push(entry);
  }

  /** @internal */
  _scheduleCallbacks(): void {
    const cbs = this._callbacks;
    if (cbs === null) return;
    this._callbacks = null;
    const loop = this._loop as unknown as LoopInternals;
    for (let i = 0; i < cbs.length; i++) loop._schedule(cbs[i]);
  }
}

/** @internal What `await` of a Future calls (`then` returns it); see `get then`. */
export function futureThen<T, R1, R2>(
  this: Future<T>,
  onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
  onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
): PromiseLike<R1 | R2> {
  const loop = this._loop as unknown as LoopInternals;
  const entry = new ThenEntry<T, R1, R2>(this, onfulfilled, onrejected);
  if (this._state !== PENDING) {
    queueMicrotask(() => entry._run());
    return entry;
  }
  let box = currentBox();
  if (box === undefined || !box.open) box = enterAwaitBox();
  if (box.task === (this as unknown)) {
    closeBox(box);
    const e = new RuntimeError(`Task cannot await on itself: ${this}`);
    queueMicrotask(() => entry._settle(false, e));
    return entry;
  }
  const host = registerAwait(loop, box, this);
  if (host === null) {
    const e = new CancelledError((box.task ?? loop._rootHost())._cancelMessage ?? "");
    queueMicrotask(() => entry._settle(false, e));
    return entry;
  }
  entry._host = host;
  entry._box = box;
  this._addCallback(entry);
  return entry;
}

/** A `then()` registration; it is also the thenable `then()` returns. */
class ThenEntry<T, R1, R2> implements ReadyEntry, PromiseLike<R1 | R2> {
  _host: Host | null = null;
  _box: Box | null = null;
  #state = 0;
  #value: unknown = undefined;
  #subs: [(v: unknown) => void, (e: unknown) => void][] | null = null;

  constructor(
    readonly fut: Future<T>,
    readonly onF: ((value: T) => R1 | PromiseLike<R1>) | null | undefined,
    readonly onR: ((reason: unknown) => R2 | PromiseLike<R2>) | null | undefined,
  ) {}

  _run(): void {
    const f = this.fut;
    const host = this._host;
    if (host !== null) releaseWaiter(host, f);
    closeBox(this._box);
    if (f._state === CANCELLED) return this._settle(false, f._makeCancelledError());
    f._retrieved();
    if (host !== null && host._mustCancel) {
      // Cancelled after `f` finished but before the task resumed: as Python's __step, the
      // CancelledError is thrown at this await, and `f`'s outcome is dropped.
      host._mustCancel = false;
      return this._settle(false, new CancelledError(host._cancelMessage ?? ""));
    }
    if (f._exception !== undefined) this._settle(false, f._exception);
    else this._settle(true, f._result);
  }

  _settle(ok: boolean, value: unknown): void {
    const cb = ok ? this.onF : this.onR;
    if (typeof cb !== "function") {
      this.#finish(ok, value);
      return;
    }
    let out: unknown;
    try {
      out = cb(value as T);
    } catch (e) {
      this.#finish(false, e);
      return;
    }
    this.#finish(true, out);
  }

  #finish(ok: boolean, value: unknown): void {
    if (ok && value !== null && typeof (value as PromiseLike<unknown>)?.then === "function") {
      (value as PromiseLike<unknown>).then(
        (v) => this.#finish(true, v),
        (e) => this.#finish(false, e),
      );
      return;
    }
    this.#state = ok ? 1 : 2;
    this.#value = value;
    const subs = this.#subs;
    if (subs !== null) {
      this.#subs = null;
      for (const [res, rej] of subs) ok ? res(value) : rej(value);
    } else if (!ok && (this.onF != null || this.onR != null)) {
      // A handler threw and nobody chained on the result: report it like Python would.
      const loop = this.fut._loop;
      loop.callExceptionHandler({
        message: "Exception in Future.then() callback",
        exception: value,
      });
    }
  }

  then<S1 = R1 | R2, S2 = never>(
    onfulfilled?: ((value: R1 | R2) => S1 | PromiseLike<S1>) | null,
    onrejected?: ((reason: unknown) => S2 | PromiseLike<S2>) | null,
  ): Promise<S1 | S2> {
    const p = new Promise<R1 | R2>((res, rej) => {
      if (this.#state === 1) res(this.#value as R1 | R2);
      else if (this.#state === 2) rej(this.#value);
      else (this.#subs ??= []).push([res as (v: unknown) => void, rej]);
    });
    return p.then(onfulfilled, onrejected);
  }
}

// "Future exception was never retrieved": reported when a future whose exception nobody
// looked at is garbage collected (Python's Future.__del__).
interface Unretrieved {
  loop: AbstractEventLoop;
  exception: unknown;
  repr: string;
  isTask: boolean;
  source: string | null;
}
const unretrieved = new FinalizationRegistry<Unretrieved>((u) => {
  const context: ExceptionContext = {
    message: `${u.isTask ? "Task" : "Future"} exception was never retrieved`,
    exception: u.exception,
    future: u.repr,
  };
  if (u.source !== null) context.source_traceback = u.source;
  u.loop.callExceptionHandler(context);
});

function trackUnretrieved(f: Future<unknown>): void {
  // V8 keeps the objects of an error's stack frames (the task whose step threw among
  // them) until `stack` is read; reading it now lets the future be collected.
  if (f._exception instanceof Error) void f._exception.stack;
  unretrieved.register(f, {
    loop: f._loop,
    exception: f._exception,
    repr: String(f),
    isTask: f.constructor.name !== "Future" && "getCoro" in f,
    source: f._sourceTraceback,
  }, f);
}

/**
 * Python's `asyncio.isfuture`: whether `obj` is an asyncio Future (or Task).
 *
 * @example
 * ```ts
 * import { Future, isFuture, newEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * assert.ok(isFuture(new Future({ loop })));
 * assert.ok(!isFuture(Promise.resolve()));
 * loop.close();
 * ```
 */
export function isFuture(obj: unknown): obj is Future<unknown> {
  return obj instanceof Future;
}

/**
 * Python's `asyncio.wrap_future`: an asyncio Future that follows `source`, a Promise or
 * thenable (Python's `concurrent.futures.Future`). A Future is returned as it is.
 *
 * @example
 * ```ts
 * import { run, wrapFuture } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const fut = wrapFuture(Promise.resolve(5));
 *   assert.equal(await fut, 5);
 * });
 * ```
 */
export function wrapFuture<T>(
  source: PromiseLike<T> | Future<T>,
  options?: FutureOptions,
): Future<T> {
  if (source instanceof Future) return source;
  if (source === null || typeof (source as PromiseLike<T>)?.then !== "function") {
    throw new TypeError(`concurrent.futures.Future is expected, got ${describeValue(source)}`);
  }
  const fut = new Future<T>(options);
  source.then(
    (v) => fut.done() || fut.setResult(v),
    (e) => fut.done() || fut.setException(e),
  );
  return fut;
}
