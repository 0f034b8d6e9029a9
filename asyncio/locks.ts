// Synchronization primitives (CPython asyncio/locks.py): Lock, Event, Condition,
// Semaphore, BoundedSemaphore, Barrier. Waiters are woken in FIFO order; a task cancelled
// while waiting gets CancelledError at its await and passes a wake-up on.

import { RuntimeError, ValueError } from "../_errors/python_errors.ts";
import { BrokenBarrierError, CancelledError } from "./exceptions.ts";
import { Deque } from "./_deque.ts";
import { PromiseWaiter, RESOLVED_TRUE } from "./_waiter.ts";

/** What `enter()` returns: disposing it releases (Python's `__aexit__`). */
export interface Held extends Disposable, AsyncDisposable {}

function held(release: () => void): Held {
  let done = false;
  const once = (): void => {
    if (!done) {
      done = true;
      release();
    }
  };
  return { [Symbol.dispose]: once, [Symbol.asyncDispose]: () => Promise.resolve(once()) };
}

/**
 * Python's `asyncio.Lock`: a mutual-exclusion lock, fair (FIFO). Python's
 * `async with lock:` is `await using _ = await lock.enter();`.
 *
 * @example
 * ```ts
 * import { Lock, run } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const lock = new Lock();
 *   {
 *     await using _ = await lock.enter();
 *     assert.ok(lock.locked());
 *   }
 *   assert.ok(!lock.locked());
 *   assert.throws(() => lock.release(), { name: "RuntimeError" });
 * });
 * ```
 */
export class Lock {
  #locked = false;
  #waiters: Deque<PromiseWaiter<true>> | null = null;

  /** Whether the lock is held. */
  locked(): boolean {
    return this.#locked;
  }

  /** Acquires the lock, waiting in FIFO order; resolves to `true`. */
  acquire(): Promise<true> {
    if (!this.#locked && (this.#waiters === null || allCancelled(this.#waiters))) {
      this.#locked = true;
      return RESOLVED_TRUE;
    }
    return this.#acquireSlow();
  }

  /**
   * Releases the lock and wakes the first waiter.
   *
   * @throws {RuntimeError} "Lock is not acquired." when it is not held
   */
  release(): void {
    if (!this.#locked) throw new RuntimeError("Lock is not acquired.");
    this.#locked = false;
    this.#wakeUpFirst();
  }

  /** Acquires, and returns a handle whose disposal releases. */
  async enter(): Promise<Held> {
    await this.acquire();
    return held(() => this.release());
  }

  /** Python's repr. */
  toString(): string {
    const n = this.#waiters?.length ?? 0;
    return `<Lock [${this.#locked ? "locked" : "unlocked"}${n ? `, waiters:${n}` : ""}]>`;
  }

  async #acquireSlow(): Promise<true> {
    const waiters = this.#waiters ??= new Deque();
    const w = new PromiseWaiter<true>();
    waiters.push(w);
    try {
      try {
        await w.promise;
        w.resumed();
      } finally {
        waiters.remove(w);
      }
    } catch (e) {
      if (e instanceof CancelledError && !this.#locked) this.#wakeUpFirst();
      throw e;
    }
    this.#locked = true;
    return true;
  }

  #wakeUpFirst(): void {
    const w = this.#waiters?.peek();
    if (w !== undefined && !w.done()) w.wake(true);
  }
}

function allCancelled<T>(ws: Deque<PromiseWaiter<T>>): boolean {
  for (const w of ws) if (!w.cancelled()) return false;
  return true;
}

/**
 * Python's `asyncio.Event`: tasks wait until it is set.
 *
 * @example
 * ```ts
 * import { createTask, Event, run } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const ev = new Event();
 *   const t = createTask(() => ev.wait());
 *   ev.set();
 *   assert.equal(await t, true);
 *   assert.ok(ev.isSet());
 * });
 * ```
 */
export class Event {
  #value = false;
  #waiters: PromiseWaiter<true>[] = [];

  /** Whether the flag is set. */
  isSet(): boolean {
    return this.#value;
  }

  /** Sets the flag and wakes every waiter. */
  set(): void {
    if (this.#value) return;
    this.#value = true;
    for (const w of this.#waiters) w.wake(true);
  }

  /** Clears the flag. */
  clear(): void {
    this.#value = false;
  }

  /** Resolves to `true` once the flag is set (at once if it is). */
  wait(): Promise<true> {
    if (this.#value) return RESOLVED_TRUE;
    return this.#waitSlow();
  }

  /** Python's repr. */
  toString(): string {
    const n = this.#waiters.length;
    return `<Event [${this.#value ? "set" : "unset"}${n ? `, waiters:${n}` : ""}]>`;
  }

  async #waitSlow(): Promise<true> {
    const w = new PromiseWaiter<true>();
    this.#waiters.push(w);
    try {
      await w.promise;
      w.resumed();
      return true;
    } finally {
      const i = this.#waiters.indexOf(w);
      if (i >= 0) this.#waiters.splice(i, 1);
    }
  }
}

/**
 * Python's `asyncio.Condition`: waits for notifications while holding a lock, which may
 * be shared with other conditions.
 *
 * @example
 * ```ts
 * import { Condition, createTask, run, sleep } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const cond = new Condition();
 *   let ready = false;
 *   const t = createTask(async () => {
 *     await using _ = await cond.enter();
 *     return await cond.waitFor(() => ready);
 *   });
 *   await sleep(0);
 *   {
 *     await using _ = await cond.enter();
 *     ready = true;
 *     cond.notifyAll();
 *   }
 *   assert.equal(await t, true);
 * });
 * ```
 */
export class Condition {
  #lock: Lock;
  #waiters: Deque<PromiseWaiter<boolean>> = new Deque();

  /**
   * Makes a condition on `lock`.
   *
   * @param lock the lock to use; a new `Lock` when omitted
   */
  constructor(lock?: Lock) {
    if (lock !== undefined && !(lock instanceof Lock)) {
      throw new TypeError("lock must be an asyncio Lock");
    }
    this.#lock = lock ?? new Lock();
  }

  /** Acquires the underlying lock. */
  acquire(): Promise<true> {
    return this.#lock.acquire();
  }

  /** Releases the underlying lock. @throws {RuntimeError} when it is not held */
  release(): void {
    this.#lock.release();
  }

  /** Whether the underlying lock is held. */
  locked(): boolean {
    return this.#lock.locked();
  }

  /** Acquires, and returns a handle whose disposal releases. */
  async enter(): Promise<Held> {
    await this.acquire();
    return held(() => this.release());
  }

  /**
   * Releases the lock, waits for a notification, and re-acquires the lock (even when
   * cancelled; then the CancelledError is thrown once the lock is held again).
   *
   * @throws {RuntimeError} "cannot wait on un-acquired lock" when the lock is not held
   */
  async wait(): Promise<true> {
    if (!this.locked()) throw new RuntimeError("cannot wait on un-acquired lock");
    this.release();
    let failure: { error: unknown } | null = null;
    try {
      const w = new PromiseWaiter<boolean>();
      this.#waiters.push(w);
      try {
        await w.promise;
        w.resumed();
      } finally {
        this.#waiters.remove(w);
      }
    } catch (e) {
      failure = { error: e };
    }
    // The lock must be held again even when the wait is cancelled (Python re-raises the
    // latest CancelledError).
    const cancelled = await this.#reacquire();
    if (cancelled !== undefined) throw cancelled;
    if (failure !== null) throw failure.error;
    return true;
  }

  async #reacquire(): Promise<CancelledError | undefined> {
    let cancelled: CancelledError | undefined;
    for (;;) {
      try {
        await this.acquire();
        return cancelled;
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        cancelled = e;
      }
    }
  }

  /** Waits until `predicate()` is truthy and returns its value. */
  async waitFor<T>(predicate: () => T): Promise<T> {
    let result = predicate();
    while (!result) {
      await this.wait();
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes up to `n` waiters, in the order they began waiting.
   *
   * @throws {RuntimeError} "cannot notify on un-acquired lock" when the lock is not held
   */
  notify(n = 1): void {
    if (!this.locked()) throw new RuntimeError("cannot notify on un-acquired lock");
    let idx = 0;
    for (const w of this.#waiters) {
      if (idx >= n) break;
      if (!w.done()) {
        idx++;
        w.wake(false);
      }
    }
  }

  /** Wakes every waiter. @throws {RuntimeError} when the lock is not held */
  notifyAll(): void {
    this.notify(this.#waiters.length);
  }

  /** Python's repr. */
  toString(): string {
    const n = this.#waiters.length;
    return `<Condition [${this.locked() ? "locked" : "unlocked"}${n ? `, waiters:${n}` : ""}]>`;
  }
}

/**
 * Python's `asyncio.Semaphore`: a counter that `acquire()` decrements, waiting at zero,
 * and `release()` increments. Fair (FIFO).
 *
 * @example
 * ```ts
 * import { run, Semaphore } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const sem = new Semaphore(2);
 *   await sem.acquire();
 *   await sem.acquire();
 *   assert.ok(sem.locked());
 *   sem.release();
 *   assert.ok(!sem.locked());
 * });
 * ```
 */
export class Semaphore {
  /** @internal */ _value: number;
  #waiters: Deque<PromiseWaiter<true>> | null = null;

  /**
   * Makes a semaphore with `value` units.
   *
   * @param value the initial count
   * @throws {ValueError} when `value` is negative
   */
  constructor(value = 1) {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw new TypeError(`Semaphore initial value must be an integer, not ${value}`);
    }
    if (value < 0) throw new ValueError("Semaphore initial value must be >= 0");
    this._value = value;
  }

  /** Whether `acquire()` would wait. */
  locked(): boolean {
    if (this._value === 0) return true;
    const ws = this.#waiters;
    return ws !== null && !allCancelled(ws);
  }

  /** Decrements the count, waiting while it is zero; resolves to `true`. */
  acquire(): Promise<true> {
    if (!this.locked()) {
      this._value--;
      return RESOLVED_TRUE;
    }
    return this.#acquireSlow();
  }

  /** Increments the count and wakes the first waiter. */
  release(): void {
    this._value++;
    this.#wakeUpNext();
  }

  /** Acquires, and returns a handle whose disposal releases. */
  async enter(): Promise<Held> {
    await this.acquire();
    return held(() => this.release());
  }

  /** Python's repr. */
  toString(): string {
    const n = this.#waiters?.length ?? 0;
    const s = this.locked() ? "locked" : `unlocked, value:${this._value}`;
    return `<${this.constructor.name} [${s}${n ? `, waiters:${n}` : ""}]>`;
  }

  async #acquireSlow(): Promise<true> {
    const waiters = this.#waiters ??= new Deque();
    const w = new PromiseWaiter<true>();
    waiters.push(w);
    try {
      try {
        await w.promise;
        w.resumed();
      } finally {
        waiters.remove(w);
      }
    } catch (e) {
      // Woken, then cancelled before running: give the unit back.
      if (w.done() && !w.cancelled()) this._value++;
      throw e;
    } finally {
      while (this._value > 0) if (!this.#wakeUpNext()) break;
    }
    return true;
  }

  #wakeUpNext(): boolean {
    const ws = this.#waiters;
    if (ws === null) return false;
    for (const w of ws) {
      if (!w.done()) {
        this._value--;
        w.wake(true);
        return true;
      }
    }
    return false;
  }
}

/**
 * Python's `asyncio.BoundedSemaphore`: a Semaphore that refuses to be released above
 * its initial value.
 *
 * @example
 * ```ts
 * import { BoundedSemaphore, run, ValueError } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const sem = new BoundedSemaphore(1);
 *   assert.throws(() => sem.release(), ValueError);
 * });
 * ```
 */
export class BoundedSemaphore extends Semaphore {
  #bound: number;

  /**
   * Makes a semaphore that never goes above `value`.
   *
   * @param value the initial and highest count
   */
  constructor(value = 1) {
    super(value);
    this.#bound = value;
  }

  /**
   * Increments the count.
   *
   * @throws {ValueError} "BoundedSemaphore released too many times"
   */
  override release(): void {
    if (this._value >= this.#bound) {
      throw new ValueError("BoundedSemaphore released too many times");
    }
    super.release();
  }
}

type BarrierState = "filling" | "draining" | "resetting" | "broken";

/**
 * Python's `asyncio.Barrier` (3.11): `parties` tasks wait until all have arrived.
 *
 * @example
 * ```ts
 * import { Barrier, gather, run } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const b = new Barrier(3);
 *   const idx = await gather(b.wait(), b.wait(), b.wait());
 *   assert.deepEqual([...idx].sort(), [0, 1, 2]);
 * });
 * ```
 */
export class Barrier {
  #cond = new Condition();
  #parties: number;
  #state: BarrierState = "filling";
  #count = 0;

  /**
   * Makes a barrier for `parties` tasks.
   *
   * @param parties how many tasks must arrive
   * @throws {ValueError} when `parties` < 1
   */
  constructor(parties: number) {
    if (!(parties >= 1)) throw new ValueError("parties must be > 0");
    this.#parties = parties;
  }

  /**
   * Waits until `parties` tasks are waiting; resolves to this task's arrival index.
   *
   * @throws {BrokenBarrierError} when the barrier is reset or aborted meanwhile
   */
  async wait(): Promise<number> {
    await using _ = await this.#cond.enter();
    await this.#block();
    try {
      const index = this.#count++;
      if (index + 1 === this.#parties) this.#release();
      else await this.#wait();
      return index;
    } finally {
      this.#count--;
      this.#exit();
    }
  }

  /** Puts the barrier back to empty; waiting tasks get BrokenBarrierError. */
  async reset(): Promise<void> {
    await using _ = await this.#cond.enter();
    if (this.#count > 0) this.#state = "resetting";
    else this.#state = "filling";
    this.#cond.notifyAll();
  }

  /** Breaks the barrier: current and future waits throw BrokenBarrierError. */
  async abort(): Promise<void> {
    await using _ = await this.#cond.enter();
    this.#state = "broken";
    this.#cond.notifyAll();
  }

  /** How many tasks must arrive. */
  get parties(): number {
    return this.#parties;
  }

  /** How many tasks are waiting. */
  get nWaiting(): number {
    return this.#state === "filling" ? this.#count : 0;
  }

  /** Whether the barrier is broken. */
  get broken(): boolean {
    return this.#state === "broken";
  }

  /** Python's repr. */
  toString(): string {
    return `<Barrier [${this.#state}, waiters:${this.nWaiting}/${this.#parties}]>`;
  }

  async #block(): Promise<void> {
    await this.#cond.waitFor(() => this.#state !== "draining" && this.#state !== "resetting");
    if (this.#state === "broken") throw new BrokenBarrierError("Barrier aborted");
  }

  #release(): void {
    this.#state = "draining";
    this.#cond.notifyAll();
  }

  async #wait(): Promise<void> {
    await this.#cond.waitFor(() => this.#state !== "filling");
    if (this.#state === "broken" || this.#state === "resetting") {
      throw new BrokenBarrierError("Abort or reset of barrier");
    }
  }

  #exit(): void {
    if (this.#count === 0) {
      if (this.#state === "resetting" || this.#state === "draining") this.#state = "filling";
      this.#cond.notifyAll();
    }
  }
}
