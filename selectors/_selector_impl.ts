// Python's _BaseSelectorImpl: the descriptor -> key map every selector shares, the native
// set (objects without a descriptor, watched through the readiness protocol), and the one
// select() loop. A backend file (select_selector.ts, poll_selector.ts, epoll_selector.ts,
// kqueue_selector.ts) only keeps its kernel set in step (`_add`, `_remove`, `_change`),
// reports what the kernel says is ready without waiting (`_poll`), and waits until the
// kernel may have something (`_wait`).
//
// select(): check the kernel set and every native object synchronously; if nothing is
// ready and the timeout allows, race the kernel wait with the native objects' waits, then
// check again. Each native registration keeps at most one `kWaitReady` of its own per
// kind, started when a select() first needs it and kept across select() calls until it
// fires (so a busy selector does not start and abort a wait per object per call); it is
// aborted only by unregister, modify or close. The kernel wait is aborted as soon as the
// race is decided, so nothing stays parked. A registration change or close() during the
// wait restarts it, so that it takes effect at once.

import { setImmediate } from "node:timers";
import { KeyError, OverflowError, RuntimeError, ValueError } from "../_errors/python_errors.ts";
import { kReadyNow, kWaitReady, type NativeReadiness } from "../socket/readiness.ts";
import { BaseSelector, type SelectorSelectOptions } from "./base_selector.ts";
import { EVENT_READ, EVENT_WRITE } from "./constants.ts";
import { describe, isSyntheticFd, resolveFileobj } from "./_fileobj.ts";
import type { PollSet } from "../_ffi/poll.ts";
import { deadline, pause } from "../select/_wait.ts";
import { type FileObj, SelectorKey, SelectorMapping } from "./selector_key.ts";

/** A ready key and its events, as `select()` returns them. */
export type Ready<T> = [SelectorKey<T>, number];

interface NativeEntry<T> {
  key: SelectorKey<T>;
  obj: NativeReadiness;
  /** Aborts this registration's waits (unregister, modify, close). */
  ctl: AbortController;
  reading: boolean;
  writing: boolean;
}

// The largest timeout Python accepts (in seconds).
const MAX_TIMEOUT_SECONDS = 9223372036.854775;
const RESTART = Symbol("restart");
const TIMED_OUT = Symbol("timed out");
const SETTLED = Symbol("settled");

/**
 * The shared part of every selector; backends subclass it. Not part of the public API.
 *
 * @ignore
 */
export abstract class SelectorImpl<T = unknown> extends BaseSelector<T> {
  /** Descriptor -> key, kernel and synthetic descriptors alike. */
  protected readonly _fdToKey: Map<number, SelectorKey<T>> = new Map();
  /** How many registrations are kernel descriptors. */
  protected _kernelCount = 0;
  #byObject = new Map<object, SelectorKey<T>>();
  #natives: NativeEntry<T>[] = [];
  #closed = false;
  #waiting = new Set<AbortController>();
  /** Wakes the select() in progress, if any, when a native wait fires. */
  #wake: (() => void) | null = null;
  #map: SelectorMapping<T> = new SelectorMapping(this._fdToKey, (f) => this.#find(f));

  /** Adds a kernel descriptor to the backend's set. May throw (nothing is registered). */
  protected abstract _add(fd: number, events: number): void;
  /** Removes a kernel descriptor; must not throw for one that was closed meanwhile. */
  protected abstract _remove(fd: number, events: number): void;
  /** Changes the events of a kernel descriptor. May throw. */
  protected abstract _change(fd: number, oldEvents: number, newEvents: number): void;
  /** Appends what the kernel reports ready, without waiting. */
  protected abstract _poll(ready: Ready<T>[]): void;
  /** Resolves once the kernel set may have something ready; rejects on abort. */
  protected abstract _wait(signal: AbortSignal): Promise<unknown>;
  /** Frees the backend's kernel objects. */
  protected _closeBackend(): void {}

  override register(fileobj: FileObj, events: number, data: T = null as T): SelectorKey<T> {
    this.#open();
    checkEvents(events);
    const { fd, native } = resolveFileobj(fileobj);
    if (this._fdToKey.has(fd)) {
      throw new KeyError(`${describe(fileobj)} (FD ${fd}) is already registered`);
    }
    const key = new SelectorKey<T>(fileobj, fd, events, data);
    if (native) {
      this.#natives.push(nativeEntry(key, native));
    } else {
      this._add(fd, events);
      this._kernelCount++;
    }
    this._fdToKey.set(fd, key);
    if (typeof fileobj === "object") this.#byObject.set(fileobj, key);
    this.#restart();
    return key;
  }

  override unregister(fileobj: FileObj): SelectorKey<T> {
    this.#open();
    const key = this.#find(fileobj);
    if (key === undefined) throw new KeyError(`${describe(fileobj)} is not registered`);
    this.#forget(key);
    if (!this.#dropNative(key)) {
      this._kernelCount--;
      this._remove(key.fd, key.events);
    }
    this.#restart();
    return key;
  }

  override modify(fileobj: FileObj, events: number, data: T = null as T): SelectorKey<T> {
    this.#open();
    const key = this.#find(fileobj);
    if (key === undefined) throw new KeyError(`${describe(fileobj)} is not registered`);
    checkEvents(events);
    if (events === key.events && data === key.data) return key;
    const next = new SelectorKey<T>(key.fileobj, key.fd, events, data);
    const i = this.#natives.findIndex((e) => e.key === key);
    if (i >= 0) {
      this.#natives[i].ctl.abort(SETTLED);
      this.#natives[i] = nativeEntry(next, this.#natives[i].obj);
    } else if (events !== key.events) {
      try {
        this._change(key.fd, key.events, events);
      } catch (err) {
        // As Python 3.7+: a registration the kernel refused to change is dropped.
        this.#forget(key);
        this._kernelCount--;
        this._remove(key.fd, key.events);
        throw err;
      }
    }
    this._fdToKey.set(key.fd, next);
    if (typeof key.fileobj === "object") this.#byObject.set(key.fileobj, next);
    this.#restart();
    return next;
  }

  override async select(
    timeout?: number | null,
    options?: SelectorSelectOptions,
  ): Promise<Ready<T>[]> {
    this.#open();
    const ms = timeoutMs(timeout);
    const signal = options?.signal;
    signal?.throwIfAborted();
    const ready = this.#collect();
    if (ready.length > 0) return ready;
    if (ms === 0) {
      // A native socket asked for "read" has just started reading ahead, which lands a
      // moment later: give it that moment, so that data already sent is reported.
      if (!this.#natives.some((e) => e.key.events & EVENT_READ)) return ready;
      await new Promise((resolve) => setImmediate(resolve));
      return this.#closed ? [] : this.#collect();
    }
    return await this.#waitReady(ms, signal);
  }

  override close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this._fdToKey.clear();
    this.#byObject.clear();
    for (const e of this.#natives) e.ctl.abort(SETTLED);
    this.#natives = [];
    this._kernelCount = 0;
    this.#restart();
    this._closeBackend();
  }

  override getKey(fileobj: FileObj): SelectorKey<T> {
    if (this.#closed) throw new RuntimeError("Selector is closed");
    return super.getKey(fileobj);
  }

  override getMap(): SelectorMapping<T> {
    return this.#map;
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  #open(): void {
    if (this.#closed) throw new RuntimeError("Selector is closed");
  }

  #find(fileobj: unknown): SelectorKey<T> | undefined {
    if (typeof fileobj === "number") return this._fdToKey.get(fileobj);
    if (typeof fileobj === "object" && fileobj !== null) {
      const key = this.#byObject.get(fileobj);
      if (key !== undefined) return key;
    }
    let fd: number;
    try {
      fd = resolveFileobj(fileobj).fd;
    } catch (err) {
      if (err instanceof ValueError) return undefined; // closed, and not registered
      throw err;
    }
    return this._fdToKey.get(fd);
  }

  #forget(key: SelectorKey<T>): void {
    this._fdToKey.delete(key.fd);
    if (typeof key.fileobj === "object") this.#byObject.delete(key.fileobj);
  }

  #dropNative(key: SelectorKey<T>): boolean {
    const i = this.#natives.findIndex((e) => e.key === key);
    if (i < 0) return false;
    this.#natives[i].ctl.abort(SETTLED);
    this.#natives.splice(i, 1);
    return true;
  }

  // Wakes pending waits so that they start over with the current registrations.
  #restart(): void {
    if (this.#waiting.size === 0) return;
    for (const c of this.#waiting) c.abort(RESTART);
    this.#waiting.clear();
  }

  #collect(): Ready<T>[] {
    const ready: Ready<T>[] = [];
    if (this._kernelCount > 0) this._poll(ready);
    const natives = this.#natives;
    for (let i = 0; i < natives.length; i++) {
      const { key, obj } = natives[i];
      let events = 0;
      if (key.events & EVENT_READ && obj[kReadyNow]("read")) events = EVENT_READ;
      if (key.events & EVENT_WRITE && obj[kReadyNow]("write")) events |= EVENT_WRITE;
      if (events !== 0) ready.push([key, events]);
    }
    return ready;
  }

  async #waitReady(ms: number | null, signal: AbortSignal | undefined): Promise<Ready<T>[]> {
    const outer = new AbortController();
    const onAbort = () => outer.abort(signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer = ms === null ? null : deadline(ms, () => outer.abort(TIMED_OUT));
    try {
      for (let idle = 0;; idle++) {
        try {
          // A hint that keeps firing while nothing counts as ready (a readiness object
          // that misbehaves, say) must not spin: after a few, pause a millisecond.
          if (idle > 3) await pause(outer.signal);
          await this.#race(outer.signal);
        } catch (err) {
          if (!outer.signal.aborted) throw err;
          if (outer.signal.reason !== TIMED_OUT) throw outer.signal.reason;
          return this.#closed ? [] : this.#collect();
        }
        if (this.#closed) return [];
        const ready = this.#collect();
        if (ready.length > 0) return ready;
      }
    } finally {
      timer?.cancel();
      signal?.removeEventListener("abort", onAbort);
    }
  }

  // One wait: the kernel set and every native object; resolves on the first hint (or a
  // restart), after the kernel wait has settled.
  async #race(outer: AbortSignal): Promise<void> {
    const inner = new AbortController();
    const onAbort = () => inner.abort(outer.reason);
    outer.addEventListener("abort", onAbort, { once: true });
    this.#waiting.add(inner);
    const s = inner.signal;
    const { promise: woke, resolve } = Promise.withResolvers<void>();
    this.#wake = resolve;
    for (const entry of this.#natives) this.#arm(entry);
    const kernel = this._kernelCount > 0 ? start(() => this._wait(s)) : null;
    try {
      await Promise.race(kernel ? [woke, kernel, aborted(s)] : [woke, aborted(s)]);
    } catch (err) {
      if (!(s.aborted && s.reason === RESTART && err === RESTART)) throw err;
    } finally {
      this.#wake = null;
      this.#waiting.delete(inner);
      inner.abort(SETTLED); // a constant reason: a DOMException would capture a stack
      outer.removeEventListener("abort", onAbort);
      if (kernel) await kernel.catch(() => {});
    }
  }

  // Starts the registration's wait for each kind it watches, unless one is running.
  #arm(entry: NativeEntry<T>): void {
    if (entry.key.events & EVENT_READ && !entry.reading) this.#watch(entry, "read");
    if (entry.key.events & EVENT_WRITE && !entry.writing) this.#watch(entry, "write");
  }

  #watch(entry: NativeEntry<T>, kind: "read" | "write"): void {
    const flag = kind === "read" ? "reading" : "writing";
    entry[flag] = true;
    const settle = (): void => {
      entry[flag] = false;
      // An aborted wait belongs to a registration that is gone; anything else (readiness,
      // or an error, which collect() reports as ready) wakes the select() in progress.
      if (!entry.ctl.signal.aborted) this.#wake?.();
    };
    start(() => entry.obj[kWaitReady](kind, entry.ctl.signal)).then(settle, settle);
  }
}

function nativeEntry<T>(key: SelectorKey<T>, obj: NativeReadiness): NativeEntry<T> {
  return { key, obj, ctl: new AbortController(), reading: false, writing: false };
}

/** Refills `set` with the kernel descriptors of `keys`. */
export function rebuild(
  set: PollSet,
  keys: Iterable<{ fd: number; events: number }>,
  translate: (events: number) => number,
): void {
  set.clear();
  for (const key of keys) {
    if (!isSyntheticFd(key.fd)) set.add(key.fd, translate(key.events));
  }
}

/** Python's check of `events`: a non-zero combination of EVENT_READ and EVENT_WRITE. */
function checkEvents(events: unknown): void {
  if (
    typeof events !== "number" || !Number.isInteger(events) || events === 0 ||
    (events & ~(EVENT_READ | EVENT_WRITE)) !== 0 || events < 0
  ) {
    throw new ValueError(`Invalid events: ${describe(events)}`);
  }
}

/** Seconds -> milliseconds, rounded up; null waits for ever, 0 or less polls. */
function timeoutMs(timeout: unknown): number | null {
  if (timeout === null || timeout === undefined) return null;
  if (typeof timeout !== "number") {
    throw new TypeError(`timeout must be a number or null, not ${typeof timeout}`);
  }
  if (Number.isNaN(timeout)) throw new ValueError("Invalid value NaN (not a number)");
  if (timeout <= 0) return 0;
  if (timeout > MAX_TIMEOUT_SECONDS) {
    throw new OverflowError("timeout too large to convert to C _PyTime_t");
  }
  return Math.ceil(timeout * 1000);
}

function start(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return fn();
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Rejects with `signal.reason` once `signal` aborts (at once if it has). */
export function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
