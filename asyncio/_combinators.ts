// gather, shield, wait, waitFor, asCompleted (CPython asyncio/tasks.py, second half).

import { ValueError } from "../_errors/python_errors.ts";
import type { AbstractEventLoop, Coroutine } from "./events.ts";
import { CancelledError, TimeoutError } from "./exceptions.ts";
import { Future } from "./futures.ts";
import { defaultLoop } from "./_util.ts";
import { ensureFuture } from "./tasks.ts";
import { Timeout } from "./timeouts.ts";
import { clearPreclaimed, preclaimBoxes } from "./_host.ts";

/** Wraps each awaitable; coroutines started before the call get their own tasks' boxes. */
function ensureAll<T>(aws: Iterable<Awaitable<T>>, dedupe: boolean): Future<T>[] {
  const list = [...aws];
  const promises =
    list.filter((a) =>
      !(a instanceof Future) && typeof a !== "function" && typeof a === "object" && a !== null
    ).length;
  if (promises > 0) preclaimBoxes(promises);
  try {
    const seen = new Map<unknown, Future<T>>();
    const out: Future<T>[] = [];
    let loop: AbstractEventLoop | undefined;
    for (const a of list) {
      let f = dedupe ? seen.get(a) : undefined;
      if (f === undefined) {
        f = ensureFuture(a, { loop });
        loop ??= f.getLoop();
        seen.set(a, f);
      }
      out.push(f);
    }
    return out;
  } finally {
    clearPreclaimed();
  }
}

/** Anything the combinators accept: a Future/Task, a Promise, or a zero-argument function. */
export type Awaitable<T> = Future<T> | Coroutine<T>;

/** `wait` returns when any future finishes or is cancelled. */
export const FIRST_COMPLETED = "FIRST_COMPLETED";
/** `wait` returns when any future finishes by raising (or all finish). */
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
/** `wait` returns when all futures finish or are cancelled. */
export const ALL_COMPLETED = "ALL_COMPLETED";

/** Options of `gather`, given as a plain object after the awaitables. */
export interface GatherOptions {
  /** Exceptions become results instead of failing the gathered future. @default false */
  returnExceptions?: boolean;
}

/**
 * The Future that `gather` returns: cancelling it cancels every child.
 *
 * @typeParam T the tuple of results
 */
export class GatheringFuture<T extends unknown[]> extends Future<T> {
  /** @internal */ _children: Future<unknown>[];
  /** @internal */ _cancelRequested = false;

  /**
   * Gathers `children`.
   *
   * @param children the gathered futures @param loop their loop
   */
  constructor(children: Future<unknown>[], loop: AbstractEventLoop) {
    super({ loop });
    this._children = children;
  }

  /** Cancels every child that is not done; true when any was. */
  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    let ret = false;
    for (const c of this._children) if (c.cancel(msg)) ret = true;
    if (ret) this._cancelRequested = true;
    return ret;
  }
}

/**
 * Runs awaitables concurrently and resolves to their results in order (Python's
 * `asyncio.gather`). The first exception fails the returned Future, unless
 * `{ returnExceptions: true }` (a plain object as the last argument) makes exceptions
 * results. Cancelling the returned Future cancels every child; a child that is cancelled
 * fails it with CancelledError.
 *
 * @example
 * ```ts
 * import { gather, run, sleep } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const r = await gather(sleep(0.002, "a"), sleep(0.001, "b"));
 *   assert.deepEqual(r, ["a", "b"]);
 *   const boom = async () => { throw new Error("x"); };
 *   const s = await gather(boom, sleep(0, 1), { returnExceptions: true });
 *   assert.ok(s[0] instanceof Error);
 * });
 * ```
 */
export function gather<T extends unknown[]>(
  ...aws: { [K in keyof T]: Awaitable<T[K]> }
): GatheringFuture<T>;
/** `gather` with options. */
export function gather(
  ...args: [...Awaitable<unknown>[], GatherOptions]
): GatheringFuture<unknown[]>;
export function gather(...args: unknown[]): GatheringFuture<unknown[]> {
  let returnExceptions = false;
  const last = args[args.length - 1];
  if (args.length > 0 && isPlainObject(last)) {
    returnExceptions = Boolean((last as GatherOptions).returnExceptions);
    args = args.slice(0, -1);
  }
  if (args.length === 0) {
    const outer = new GatheringFuture<unknown[]>([], defaultLoop());
    outer.setResult([]);
    return outer;
  }
  const children = ensureAll(args as Awaitable<unknown>[], true);
  const loop = children[0].getLoop();
  const outer = new GatheringFuture<unknown[]>(children, loop);
  const unique = new Set(children);
  const nfuts = unique.size;
  let nfinished = 0;
  const onChildDone = (fut: Future<unknown>): void => {
    nfinished++;
    if (outer.done()) {
      if (!fut.cancelled()) fut.exception();
      return;
    }
    if (!returnExceptions) {
      if (fut.cancelled()) {
        Future.prototype.setException.call(outer, fut._makeCancelledError());
        return;
      }
      const exc = fut.exception();
      if (exc !== null) {
        Future.prototype.setException.call(outer, exc);
        return;
      }
    }
    if (nfinished === nfuts) {
      const results = children.map((c) => {
        if (c.cancelled()) return c._makeCancelledError();
        const e = c.exception();
        return e === null ? c.result() : e;
      });
      if (outer._cancelRequested) {
        Future.prototype.setException.call(outer, fut._makeCancelledError());
      } else Future.prototype.setResult.call(outer, results);
    }
  };
  for (const f of unique) f.addDoneCallback(onChildDone);
  return outer;
}

/**
 * Protects an awaitable from cancellation (Python's `asyncio.shield`): cancelling the
 * returned Future (or the task awaiting it) leaves the inner one running.
 *
 * @example
 * ```ts
 * import { CancelledError, createTask, run, shield, sleep } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const inner = createTask(() => sleep(0.01, "kept"));
 *   const outer = shield(inner);
 *   outer.cancel();
 *   await assert.rejects(async () => await outer, CancelledError);
 *   assert.equal(await inner, "kept");
 * });
 * ```
 */
export function shield<T>(aw: Awaitable<T>): Future<T> {
  const inner = ensureFuture(aw);
  if (inner.done()) return inner;
  const outer = new Future<T>({ loop: inner.getLoop() });
  const innerDone = (f: Future<T>): void => {
    if (outer.cancelled()) {
      if (!f.cancelled()) f.exception();
      return;
    }
    if (f.cancelled()) outer.cancel();
    else {
      const e = f.exception();
      if (e !== null) outer.setException(e);
      else outer.setResult(f.result());
    }
  };
  inner.addDoneCallback(innerDone);
  outer.addDoneCallback(() => {
    if (!inner.done()) inner.removeDoneCallback(innerDone);
  });
  return outer;
}

/** Options of `wait`. */
export interface WaitOptions {
  /** Seconds to wait at most; `null` waits as long as it takes. @default null */
  timeout?: number | null;
  /** `FIRST_COMPLETED`, `FIRST_EXCEPTION` or `ALL_COMPLETED`. @default ALL_COMPLETED */
  returnWhen?: typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;
}

/**
 * Waits for futures (Python's `asyncio.wait`) and resolves to `[done, pending]`, two Sets.
 * Nothing is cancelled on timeout. Coroutines are wrapped in tasks.
 *
 * @throws {ValueError} when `fs` is empty or `returnWhen` is unknown
 *
 * @example
 * ```ts
 * import { createTask, FIRST_COMPLETED, run, sleep, wait } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const fast = createTask(() => sleep(0.001));
 *   const slow = createTask(() => sleep(1));
 *   const [done, pending] = await wait([fast, slow], { returnWhen: FIRST_COMPLETED });
 *   assert.ok(done.has(fast) && pending.has(slow));
 *   slow.cancel();
 * });
 * ```
 */
export async function wait<T>(
  fs: Iterable<Awaitable<T>>,
  options?: WaitOptions,
): Promise<[Set<Future<T>>, Set<Future<T>>]> {
  const returnWhen = options?.returnWhen ?? ALL_COMPLETED;
  if (![FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED].includes(returnWhen)) {
    throw new ValueError(`Invalid return_when value: ${returnWhen}`);
  }
  const futs = new Set<Future<T>>(ensureAll(fs, true));
  if (futs.size === 0) throw new ValueError("Set of Tasks/Futures is empty.");
  const loop = [...futs][0].getLoop();
  const timeout = options?.timeout ?? null;
  const waiter = new Future<null>({ loop });
  const handle = timeout === null
    ? null
    : loop.callLater(timeout, () => waiter.done() || waiter.setResult(null));
  let counter = futs.size;
  const onDone = (f: Future<T>): void => {
    counter--;
    if (
      counter <= 0 || returnWhen === FIRST_COMPLETED ||
      (returnWhen === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== null)
    ) {
      handle?.cancel();
      if (!waiter.done()) waiter.setResult(null);
    }
  };
  for (const f of futs) f.addDoneCallback(onDone);
  try {
    await waiter;
  } finally {
    handle?.cancel();
    for (const f of futs) f.removeDoneCallback(onDone);
  }
  const done = new Set<Future<T>>(), pending = new Set<Future<T>>();
  for (const f of futs) (f.done() ? done : pending).add(f);
  return [done, pending];
}

/**
 * Awaits `aw` for at most `timeout` seconds (Python's `asyncio.wait_for`). On timeout
 * the awaitable is cancelled, waited for, and TimeoutError is thrown. `null` waits as
 * long as it takes.
 *
 * @throws {TimeoutError} when the time runs out
 *
 * @example
 * ```ts
 * import { run, sleep, TimeoutError, waitFor } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   assert.equal(await waitFor(sleep(0.001, "quick"), 1), "quick");
 *   await assert.rejects(waitFor(sleep(10), 0.01), TimeoutError);
 * });
 * ```
 */
export async function waitFor<T>(aw: Awaitable<T>, timeout: number | null): Promise<T> {
  if (timeout !== null && timeout <= 0) {
    const fut = ensureFuture(aw);
    if (fut.done()) return fut.result();
    fut.cancel();
    try {
      await waitQuietly(fut);
      return fut.result();
    } catch (e) {
      if (e instanceof CancelledError) {
        throw new TimeoutError(undefined, undefined, null, null, { cause: e });
      }
      throw e;
    }
  }
  if (timeout === null) return await (typeof aw === "function" ? ensureFuture(aw) : aw);
  const loop = defaultLoop();
  const t = new Timeout(loop.time() + timeout);
  return await t.run(() => typeof aw === "function" ? ensureFuture(aw) : aw);
}

async function waitQuietly(fut: Future<unknown>): Promise<void> {
  const w = new Future<null>({ loop: fut.getLoop() });
  fut.addDoneCallback(() => w.done() || w.setResult(null));
  await w;
}

/** Options of `asCompleted`. */
export interface AsCompletedOptions {
  /** Seconds; then the remaining awaits throw TimeoutError. @default null */
  timeout?: number | null;
}

/**
 * Yields one awaitable per input, in the order they complete (Python's
 * `asyncio.as_completed`): `for (const next of asCompleted(aws)) await next`. Also usable
 * with `for await`, which yields the results themselves.
 *
 * @throws {TimeoutError} from the awaitables still pending when `timeout` runs out
 *
 * @example
 * ```ts
 * import { asCompleted, run, sleep } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const order: string[] = [];
 *   for (const next of asCompleted([sleep(0.02, "slow"), sleep(0.001, "fast")])) {
 *     order.push(await next);
 *   }
 *   assert.deepEqual(order, ["fast", "slow"]);
 * });
 * ```
 */
export function asCompleted<T>(
  fs: Iterable<Awaitable<T>>,
  options?: AsCompletedOptions,
): AsCompletedIterator<T> {
  return new AsCompletedIterator(fs, options?.timeout ?? null);
}

/** What `asCompleted` returns: an iterator of awaitables and an async iterator of results. */
export class AsCompletedIterator<T> implements IterableIterator<Future<T>>, AsyncIterable<T> {
  #todo = new Set<Future<T>>();
  #done: Future<T>[] = [];
  #waiters: Future<T>[] = [];
  #total: number;
  #handed = 0;
  #loop: AbstractEventLoop;

  /**
   * Starts watching `fs`.
   *
   * @param fs the awaitables @param timeout seconds or `null`
   */
  constructor(fs: Iterable<Awaitable<T>>, timeout: number | null) {
    for (const fut of ensureAll(fs, true)) this.#todo.add(fut);
    this.#loop = this.#todo.size > 0 ? [...this.#todo][0].getLoop() : defaultLoop();
    this.#total = this.#todo.size;
    for (const f of this.#todo) f.addDoneCallback(this.#onDone);
    if (timeout !== null && this.#total > 0) {
      const h = this.#loop.callLater(timeout, this.#onTimeout);
      const clear = (): void => h.cancel();
      for (const f of this.#todo) f.addDoneCallback(() => this.#todo.size === 0 && clear());
    }
  }

  #onDone = (f: Future<T>): void => {
    if (!this.#todo.delete(f)) return;
    const w = this.#waiters.shift();
    if (w !== undefined) follow(w, f);
    else this.#done.push(f);
  };

  #onTimeout = (): void => {
    for (const f of this.#todo) f.removeDoneCallback(this.#onDone);
    this.#todo.clear();
    for (const w of this.#waiters.splice(0)) {
      if (!w.done()) w.setException(new TimeoutError());
    }
    this.#timedOut = true;
  };
  #timedOut = false;

  /** The next awaitable: it settles like the next input to complete. */
  next(): IteratorResult<Future<T>> {
    if (this.#handed >= this.#total) return { done: true, value: undefined };
    this.#handed++;
    const w = new Future<T>({ loop: this.#loop });
    const d = this.#done.shift();
    if (d !== undefined) follow(w, d);
    else if (this.#timedOut) w.setException(new TimeoutError());
    else this.#waiters.push(w);
    return { done: false, value: w };
  }

  /** Itself. */
  [Symbol.iterator](): IterableIterator<Future<T>> {
    return this;
  }

  /** Yields results in completion order. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (const next of this) yield await next;
  }
}

function follow<T>(w: Future<T>, f: Future<T>): void {
  if (w.done()) return;
  if (f.cancelled()) w.cancel();
  else {
    const e = f.exception();
    if (e !== null) w.setException(e);
    else w.setResult(f.result());
  }
}

function isPlainObject(v: unknown): boolean {
  if (v === null || typeof v !== "object") return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}
