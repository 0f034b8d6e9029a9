// Queues (CPython asyncio/queues.py, with Python 3.13's shutdown): Queue, PriorityQueue,
// LifoQueue and their exceptions.

import { ValueError } from "../_errors/python_errors.ts";
import { Event } from "./locks.ts";
import { Deque } from "./_deque.ts";
import { PromiseWaiter, RESOLVED_VOID } from "./_waiter.ts";
import { pythonLess } from "./_pyorder.ts";

/**
 * Python's `asyncio.QueueEmpty`: `getNowait()` on an empty queue.
 *
 * @example
 * ```ts
 * import { Queue, QueueEmpty } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => new Queue().getNowait(), QueueEmpty);
 * ```
 */
export class QueueEmpty extends Error {
  /** Python\'s name for the exception: `"QueueEmpty"`. */
  override name = "QueueEmpty";
}

/**
 * Python's `asyncio.QueueFull`: `putNowait()` on a full queue.
 *
 * @example
 * ```ts
 * import { Queue, QueueFull } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const q = new Queue<number>(1);
 * q.putNowait(1);
 * assert.throws(() => q.putNowait(2), QueueFull);
 * ```
 */
export class QueueFull extends Error {
  /** Python\'s name for the exception: `"QueueFull"`. */
  override name = "QueueFull";
}

/**
 * Python's `asyncio.QueueShutDown` (3.13): the queue was shut down.
 *
 * @example
 * ```ts
 * import { Queue, QueueShutDown } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const q = new Queue<number>();
 * q.shutdown();
 * assert.throws(() => q.putNowait(1), QueueShutDown);
 * ```
 */
export class QueueShutDown extends Error {
  /** Python\'s name for the exception: `"QueueShutDown"`. */
  override name = "QueueShutDown";
}

/** Options of the `Queue` constructor. */
export interface QueueOptions {
  /** The most items it holds; 0 or less for no limit. @default 0 */
  maxsize?: number;
}

/**
 * Python's `asyncio.Queue`: a FIFO queue for tasks, with `join()`/`taskDone()`.
 * `put` waits while the queue is full and `get` while it is empty; both are
 * cancellation points only when they wait.
 *
 * @typeParam T the item type
 *
 * @example Producer and consumer
 * ```ts
 * import { createTask, Queue, run } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const q = new Queue<number>(2);
 *   const got: number[] = [];
 *   const consumer = createTask(async () => {
 *     for (;;) {
 *       got.push(await q.get());
 *       q.taskDone();
 *     }
 *   });
 *   for (let i = 0; i < 5; i++) await q.put(i);
 *   await q.join();
 *   consumer.cancel();
 *   assert.deepEqual(got, [0, 1, 2, 3, 4]);
 * });
 * ```
 */
export class Queue<T> {
  #maxsize: number;
  #getters = new Deque<PromiseWaiter<void>>();
  #putters = new Deque<PromiseWaiter<void>>();
  #unfinished = 0;
  #finished = new Event();
  #shutdown = false;

  /**
   * Makes an empty queue.
   *
   * @param maxsize a number, or `{ maxsize }`
   */
  constructor(maxsize: number | QueueOptions = 0) {
    const m = typeof maxsize === "object" && maxsize !== null ? maxsize.maxsize ?? 0 : maxsize;
    if (typeof m !== "number" || Number.isNaN(m)) {
      throw new TypeError(`maxsize must be a number, not ${m}`);
    }
    this.#maxsize = m;
    this.#finished.set();
  }

  /** The most items the queue holds (0: no limit). */
  get maxsize(): number {
    return this.#maxsize;
  }

  /** How many items are queued. */
  qsize(): number {
    return this._size();
  }

  /** Whether the queue is empty. */
  empty(): boolean {
    return this._size() === 0;
  }

  /** Whether the queue holds `maxsize` items. */
  full(): boolean {
    return this.#maxsize > 0 && this._size() >= this.#maxsize;
  }

  /**
   * Puts `item`, waiting while the queue is full.
   *
   * @throws {QueueShutDown} when the queue is shut down
   */
  put(item: T): Promise<void> {
    if (this.#shutdown) return Promise.reject(new QueueShutDown());
    if (!this.full()) {
      this.putNowait(item);
      return RESOLVED_VOID;
    }
    return this.#putSlow(item);
  }

  /**
   * Puts `item` at once.
   *
   * @throws {QueueFull} when the queue is full
   * @throws {QueueShutDown} when the queue is shut down
   */
  putNowait(item: T): void {
    if (this.#shutdown) throw new QueueShutDown();
    if (this.full()) throw new QueueFull();
    this._put(item);
    this.#unfinished++;
    if (this.#unfinished === 1) this.#finished.clear();
    wakeupNext(this.#getters);
  }

  /**
   * Removes and returns the next item, waiting while the queue is empty.
   *
   * @throws {QueueShutDown} when the queue is shut down and empty
   */
  get(): Promise<T> {
    if (this._size() > 0) return Promise.resolve(this.getNowait());
    return this.#getSlow();
  }

  /**
   * Removes and returns the next item at once.
   *
   * @throws {QueueEmpty} when the queue is empty
   * @throws {QueueShutDown} when the queue is shut down and empty
   */
  getNowait(): T {
    if (this._size() === 0) {
      if (this.#shutdown) throw new QueueShutDown();
      throw new QueueEmpty();
    }
    const item = this._get();
    wakeupNext(this.#putters);
    return item;
  }

  /**
   * Marks one item taken with `get` as processed.
   *
   * @throws {ValueError} "task_done() called too many times"
   */
  taskDone(): void {
    if (this.#unfinished <= 0) throw new ValueError("task_done() called too many times");
    this.#unfinished--;
    if (this.#unfinished === 0) this.#finished.set();
  }

  /** Waits until every item put has been marked with `taskDone()`. */
  async join(): Promise<void> {
    if (this.#unfinished > 0) await this.#finished.wait();
  }

  /**
   * Shuts the queue down: `put` throws QueueShutDown, and `get` does once the queue is
   * empty; waiting tasks are woken. With `immediate`, queued items are dropped (and
   * counted as done) and `get` throws at once.
   */
  shutdown(immediate = false): void {
    this.#shutdown = true;
    if (immediate) {
      while (this._size() > 0) {
        this._get();
        if (this.#unfinished > 0) this.#unfinished--;
      }
      if (this.#unfinished === 0) this.#finished.set();
    }
    for (let w; (w = this.#getters.shift()) !== undefined;) w.wake(undefined);
    for (let w; (w = this.#putters.shift()) !== undefined;) w.wake(undefined);
  }

  /** Python's repr. */
  toString(): string {
    let s = `<${this.constructor.name} maxsize=${this.#maxsize}`;
    if (this.#getters.length) s += ` _getters[${this.#getters.length}]`;
    if (this.#putters.length) s += ` _putters[${this.#putters.length}]`;
    if (this.#unfinished) s += ` tasks=${this.#unfinished}`;
    if (this.#shutdown) s += " shutdown";
    return s + ">";
  }

  // The storage, overridden by PriorityQueue and LifoQueue (Python's _put/_get).
  #items = new Deque<T>();
  /** @internal */
  protected _size(): number {
    return this.#items.length;
  }
  /** @internal */
  protected _put(item: T): void {
    this.#items.push(item);
  }
  /** @internal */
  protected _get(): T {
    return this.#items.shift() as T;
  }

  async #putSlow(item: T): Promise<void> {
    while (this.full()) {
      if (this.#shutdown) throw new QueueShutDown();
      const w = new PromiseWaiter<void>();
      this.#putters.push(w);
      try {
        await w.promise;
        w.resumed();
      } catch (e) {
        w.cancel();
        this.#putters.remove(w);
        if (!this.full() && !w.cancelled()) wakeupNext(this.#putters);
        throw e;
      }
    }
    this.putNowait(item);
  }

  async #getSlow(): Promise<T> {
    while (this._size() === 0) {
      if (this.#shutdown) throw new QueueShutDown();
      const w = new PromiseWaiter<void>();
      this.#getters.push(w);
      try {
        await w.promise;
        w.resumed();
      } catch (e) {
        w.cancel();
        this.#getters.remove(w);
        if (this._size() > 0 && !w.cancelled()) wakeupNext(this.#getters);
        throw e;
      }
    }
    return this.getNowait();
  }
}

function wakeupNext(waiters: Deque<PromiseWaiter<void>>): void {
  for (;;) {
    const w = waiters.shift();
    if (w === undefined) return;
    if (!w.done()) {
      w.wake(undefined);
      return;
    }
  }
}

/**
 * Python's `asyncio.PriorityQueue`: `get` returns the smallest item, compared as Python
 * does: numbers with numbers, strings with strings (by code point), arrays element by
 * element (so `[priority, data]` pairs work), objects through a `__lt__(other)` method.
 *
 * @throws {TypeError} from `put` when an item cannot be compared with the others
 *
 * @example
 * ```ts
 * import { PriorityQueue } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const q = new PriorityQueue<[number, string]>();
 * q.putNowait([2, "b"]);
 * q.putNowait([1, "z"]);
 * q.putNowait([1, "a"]);
 * assert.deepEqual([q.getNowait(), q.getNowait(), q.getNowait()], [[1, "a"], [1, "z"], [2, "b"]]);
 * ```
 */
export class PriorityQueue<T> extends Queue<T> {
  #heap: T[] = [];
  /** @internal */
  protected override _size(): number {
    return this.#heap.length;
  }
  /** @internal */
  protected override _put(item: T): void {
    const h = this.#heap;
    h.push(item);
    try {
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!pythonLess(h[i], h[p])) break;
        [h[i], h[p]] = [h[p], h[i]];
        i = p;
      }
    } catch (e) {
      // Leave the heap as it was before the bad item.
      const at = h.indexOf(item);
      h.splice(at, 1);
      heapify(h);
      throw e;
    }
  }
  /** @internal */
  protected override _get(): T {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      siftDown(h, 0);
    }
    return top;
  }
}

function siftDown<T>(h: T[], i: number): void {
  for (;;) {
    const l = 2 * i + 1, r = l + 1;
    let m = i;
    if (l < h.length && pythonLess(h[l], h[m])) m = l;
    if (r < h.length && pythonLess(h[r], h[m])) m = r;
    if (m === i) return;
    [h[i], h[m]] = [h[m], h[i]];
    i = m;
  }
}

function heapify<T>(h: T[]): void {
  for (let i = (h.length >> 1) - 1; i >= 0; i--) siftDown(h, i);
}

/**
 * Python's `asyncio.LifoQueue`: `get` returns the most recently put item.
 *
 * @example
 * ```ts
 * import { LifoQueue } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const q = new LifoQueue<number>();
 * q.putNowait(1);
 * q.putNowait(2);
 * assert.equal(q.getNowait(), 2);
 * ```
 */
export class LifoQueue<T> extends Queue<T> {
  #stack: T[] = [];
  /** @internal */
  protected override _size(): number {
    return this.#stack.length;
  }
  /** @internal */
  protected override _put(item: T): void {
    this.#stack.push(item);
  }
  /** @internal */
  protected override _get(): T {
    return this.#stack.pop() as T;
  }
}
