// addReader/addWriter (CPython selector_events._add_reader and friends), level-triggered
// as Python's selector is: while a watched object is ready, its callback runs once per
// loop iteration.
//
// A kernel descriptor the loop does not own (a number, or an object whose fileno() gives
// one) is polled with poll(2) and waited on through the reactor's poll-set wait, which
// keeps no registration, so the caller may close and reuse the descriptor freely. A Socket
// or any object with the readiness protocol (socket/readiness.ts) is waited on through it.

import { Handle } from "./events.ts";
import type { AbstractEventLoop } from "./events.ts";
import { ValueError } from "./exceptions.ts";
import type { LoopInternals } from "./_host.ts";
import { pollOnce, PollSet } from "../_ffi/poll.ts";
import { waitPollSet } from "../_ffi/reactor.ts";
import { coreOf } from "../socket/_core_access.ts";
import { Socket } from "../socket/socket.ts";
import {
  hasNativeReadiness,
  kReadyNow,
  kWaitReady,
  type ReadinessKind,
} from "../socket/readiness.ts";

const POLLIN = 1;
const POLLOUT = 4;
const POLLERR = 8;
const POLLHUP = 16;
const POLLNVAL = 32;

type Loop = AbstractEventLoop & LoopInternals;

class Watch {
  readonly handle: Handle;
  readonly ctl = new AbortController();
  readonly #loop: Loop;
  readonly #kind: ReadinessKind;
  readonly #fd: number;
  readonly #obj: object | null;
  #set: PollSet | null = null;
  #waiting = false;
  #entry = { _run: (): void => this.#fire() };

  constructor(
    loop: Loop,
    kind: ReadinessKind,
    fd: number,
    obj: object | null,
    handle: Handle,
  ) {
    this.#loop = loop;
    this.#kind = kind;
    this.#fd = fd;
    this.#obj = obj;
    this.handle = handle;
  }

  get active(): boolean {
    return !this.ctl.signal.aborted && !this.handle.cancelled();
  }

  /** Schedules the callback when the object is ready (now or later). */
  arm(): void {
    if (!this.active || this.#waiting) return;
    if (this.#readyNow()) {
      this.#loop._schedule(this.#entry);
      return;
    }
    this.#waiting = true;
    this.#wait().then(
      () => {
        this.#waiting = false;
        if (this.active) this.#loop._schedule(this.#entry);
      },
      () => {
        this.#waiting = false;
      },
    );
  }

  #fire(): void {
    if (!this.active) return;
    this.handle._run();
    this.arm();
  }

  #readyNow(): boolean {
    if (this.#obj !== null) {
      return (this.#obj as Record<symbol, (k: ReadinessKind) => boolean>)[kReadyNow](this.#kind);
    }
    const want = this.#kind === "read" ? POLLIN : POLLOUT;
    return (pollOnce(this.#fd, want) & (want | POLLERR | POLLHUP | POLLNVAL)) !== 0;
  }

  #wait(): Promise<void> {
    const signal = this.ctl.signal;
    if (this.#obj !== null) {
      return (this.#obj as Record<symbol, (k: ReadinessKind, s: AbortSignal) => Promise<void>>)
        [kWaitReady](this.#kind, signal);
    }
    if (this.#set === null) {
      this.#set = new PollSet(1);
      this.#set.add(this.#fd, this.#kind === "read" ? POLLIN : POLLOUT);
    }
    return waitPollSet(this.#set, signal);
  }
}

/** The readers and writers of one loop. */
export class FdWatcher {
  readonly #loop: Loop;
  readonly #readers = new Map<unknown, Watch>();
  readonly #writers = new Map<unknown, Watch>();

  constructor(loop: AbstractEventLoop) {
    this.#loop = loop as Loop;
  }

  add(
    kind: ReadinessKind,
    target: unknown,
    callback: (...args: never[]) => unknown,
    args: unknown[],
  ): void {
    if (typeof callback !== "function") {
      throw new TypeError(`a callable object was expected, got ${callback}`);
    }
    const [key, fd, obj] = resolveTarget(target);
    const map = kind === "read" ? this.#readers : this.#writers;
    map.get(key)?.ctl.abort();
    const handle = new Handle(callback, args, this.#loop);
    const w = new Watch(this.#loop, kind, fd, obj, handle);
    map.set(key, w);
    w.arm();
  }

  remove(kind: ReadinessKind, target: unknown): boolean {
    const [key] = resolveTarget(target);
    const map = kind === "read" ? this.#readers : this.#writers;
    const w = map.get(key);
    if (w === undefined) return false;
    map.delete(key);
    w.ctl.abort();
    w.handle.cancel();
    return true;
  }

  /** Stops every watch (the loop closes). */
  clear(): void {
    for (const map of [this.#readers, this.#writers]) {
      for (const w of map.values()) {
        w.ctl.abort();
        w.handle.cancel();
      }
      map.clear();
    }
  }
}

// [map key, fd (-1 for readiness objects), readiness object or null]
function resolveTarget(target: unknown): [unknown, number, object | null] {
  if (typeof target === "number") return [checkFd(target), target, null];
  if (hasNativeReadiness(target)) {
    // A kernel Socket is the same entry as its descriptor, as in Python.
    const fd = target instanceof Socket ? coreOf(target)?.kernel?.fd ?? -1 : -1;
    return [fd >= 0 ? fd : target, -1, target];
  }
  const fileno = (target as { fileno?: () => number } | null)?.fileno;
  if (typeof fileno === "function") {
    const fd = fileno.call(target);
    if (typeof fd !== "number") throw new TypeError(`fileno() returned ${typeof fd}`);
    return [checkFd(fd), fd, null];
  }
  throw new ValueError(`Invalid file object: ${String(target)}`);
}

function checkFd(fd: number): number {
  if (!Number.isInteger(fd)) throw new TypeError(`file descriptor must be an integer: ${fd}`);
  if (fd < 0) throw new ValueError(`Invalid file descriptor: ${fd}`);
  return fd;
}
