// The process's one readiness waiter. It parks a single nonblocking poll(2) on Deno's FFI
// thread pool, over [wake fd, kernel queue fd, ...poll sets of pending foreign waits], and
// only while some waiter is pending: when the last one goes it wakes the parked call and
// does not park again, so it never keeps a finished program alive (a pending nonblocking
// FFI call cannot be cancelled). The kernel queue is epoll on Linux (reactor_epoll.ts) and
// kqueue on macOS (reactor_kqueue.ts); the wake fd is an eventfd or a pipe. Real I/O
// happens elsewhere, in synchronous calls after readiness, so that errno stays exact.
//
// API
//   waitFd(fd, events, signal?): Promise<number>
//     Resolves with the FD_* bits that fired once `fd` is ready for any of `events`
//     (FD_READ | FD_WRITE), or has an error (FD_ERROR) or a hang-up (FD_HUP), which are
//     reported whether asked for or not. Rejects with `signal.reason` on abort (at once if
//     already aborted), with OSError EBADF if `forgetFd(fd)` is called meanwhile, or with
//     the OSError of a failed registration. A regular file is always ready. Like epoll,
//     it may resolve spuriously: retry the non-blocking call and wait again on EAGAIN.
//     Registrations persist per fd (one-shot, re-armed by the next wait: one epoll_ctl or
//     kevent per wait, none for an fd that is still armed), so the fd must be forgotten
//     before it is closed: `_ffi/sockets.ts` `close()` does that. Waiting needs no wake-up
//     of a parked poll; any number of waiters on any number of fds share one pool thread.
//   forgetFd(fd): void
//     Call before closing `fd`: settles its waiters with OSError EBADF and removes the
//     kernel registration. Cheap when `fd` was never waited on.
//   waitPollSet(set, signal?): Promise<void>
//     Level-triggered wait for descriptors the caller does not own (select(), Poll, and the
//     Epoll and Kqueue objects' own descriptors, which nested in the reactor's epoll set
//     would meet the kernel's limit on wake-up paths through nested sets): resolves once
//     poll(2) reports any event (including POLLERR/POLLHUP/POLLNVAL) for a record of `set`
//     (a PollSet from poll.ts, read at park time; do not change it while waiting).
//     No registration state, so closed and reused descriptors are safe. Callers poll the
//     set synchronously before waiting and again after, for the exact result. Adding one
//     while the reactor is parked costs a wake-up and a re-park.
//   reactorState(): { parked, waiters, registered, fds }  (diagnostics and tests)
//
// Aborts and forgets that leave the reactor without waiters while it is parked settle only
// after the parked call has returned, so that a caller (and Deno's op sanitizer) sees no FFI
// call still pending once its wait has settled.

import { OSError, osError } from "../_errors/os_error.ts";
import { errno, libc } from "./libc.ts";
import type { PollSet } from "./poll.ts";
import {
  FD_ERROR,
  FD_HUP,
  FD_READ,
  FD_WRITE,
  type ReactorBackend,
  type Registration,
} from "./reactor_backend.ts";
import { createBackend as createEpoll } from "./reactor_epoll.ts";
import { createBackend as createKqueue } from "./reactor_kqueue.ts";

export { FD_ERROR, FD_HUP, FD_READ, FD_WRITE };

interface Waiter {
  events: number;
  resolve: (bits: number) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

interface Entry extends Registration {
  waiters: Waiter[];
}

interface ForeignWaiter {
  set: PollSet;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

const POLLIN = 1; // the same on Linux and macOS
const POLLNVAL = 0x20; // the same on Linux and macOS
const EPERM = 1;
const EINTR = 4;
const WAKE_ONLY = FD_ERROR | FD_HUP;

const entries = new Map<number, Entry>();
let ownedWaiters = 0;
const foreign: ForeignWaiter[] = [];
let backend: ReactorBackend | undefined;
let parked = false;
let wakePending = false;
const deferred: Array<() => void> = [];
// The parked poll array: [wake fd, queue fd, ...foreign records], and what it holds.
let park = new Uint8Array(64);
let parkView = new DataView(park.buffer);
let parkForeign: Array<{ waiter: ForeignWaiter; start: number; end: number }> = [];

/** Waits until `fd` is ready for `events` (FD_READ | FD_WRITE). See the file header. */
export function waitFd(fd: number, events: number, signal?: AbortSignal): Promise<number> {
  return addWaiter(fd, events, signal, false);
}

/**
 * Like `waitFd`, for a descriptor the caller owns and waits on only after a call on it
 * said EAGAIN: the descriptor is registered once, edge-triggered, so a wait costs no
 * syscall. The wait ends at the next change of readiness, so it must not be used to ask
 * whether the descriptor is ready already (poll it first for that).
 */
export function waitFdEdge(fd: number, events: number, signal?: AbortSignal): Promise<number> {
  return addWaiter(fd, events, signal, true);
}

function addWaiter(
  fd: number,
  events: number,
  signal: AbortSignal | undefined,
  edge: boolean,
): Promise<number> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  try {
    backend ??= Deno.build.os === "darwin" ? createKqueue() : createEpoll();
  } catch (err) {
    return Promise.reject(err);
  }
  let entry = entries.get(fd);
  if (entry === undefined) {
    entry = { fd, registered: false, armed: 0, edge: false, waiters: [] };
    entries.set(fd, entry);
  }
  if (edge && !entry.edge && backend.armEdge) {
    const e = backend.armEdge(entry);
    if (e !== 0) return Promise.reject(new OSError(e));
    entry.edge = true;
  }
  const { promise, resolve, reject } = Promise.withResolvers<number>();
  const waiter: Waiter = {
    events: events & (FD_READ | FD_WRITE),
    resolve,
    reject,
    signal,
    onAbort: undefined,
  };
  entry.waiters.push(waiter);
  ownedWaiters++;
  if (signal) {
    const target = entry;
    waiter.onAbort = () => {
      if (removeWaiter(target, waiter)) settle(() => reject(signal.reason));
    };
    signal.addEventListener("abort", waiter.onAbort, { once: true });
  }
  rearm(entry);
  if (ownedWaiters + foreign.length > 0) ensureRunning();
  return promise;
}

/** Settles `fd`'s waiters with OSError EBADF and drops its registration. */
export function forgetFd(fd: number): void {
  const entry = entries.get(fd);
  if (entry === undefined) return;
  entries.delete(fd);
  if (backend) backend.forget(entry);
  const waiters = entry.waiters.slice();
  for (const w of waiters) removeWaiter(entry, w);
  for (const w of waiters) settle(() => w.reject(osError("EBADF")));
}

/** Waits until poll(2) reports an event on any record of `set`. See the file header. */
export function waitPollSet(set: PollSet, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  try {
    backend ??= Deno.build.os === "darwin" ? createKqueue() : createEpoll();
  } catch (err) {
    return Promise.reject(err);
  }
  const { promise, resolve, reject } = Promise.withResolvers<void>();
  const waiter: ForeignWaiter = { set, resolve, reject, signal, onAbort: undefined };
  foreign.push(waiter);
  if (signal) {
    waiter.onAbort = () => {
      if (removeForeign(waiter)) settle(() => reject(signal.reason));
    };
    signal.addEventListener("abort", waiter.onAbort, { once: true });
  }
  if (parked) wake();
  ensureRunning();
  return promise;
}

/** The reactor's state, for diagnostics and tests. */
export function reactorState(): {
  parked: boolean;
  waiters: number;
  registered: number;
  fds: number[];
} {
  return {
    parked,
    waiters: ownedWaiters + foreign.length,
    registered: entries.size,
    fds: backend ? [backend.queueFd, backend.wakeFd] : [],
  };
}

// ---- the loop ----

function ensureRunning(): void {
  if (!parked) void run();
}

async function run(): Promise<void> {
  parked = true;
  const lib = libc();
  try {
    while (ownedWaiters + foreign.length > 0) {
      const count = buildPark();
      const rc = await lib.poll_nb(park, BigInt(count), -1);
      // errno of a nonblocking call is lost: ask again synchronously, without waiting.
      if (rc < 0 && lib.poll(park, BigInt(count), 0) < 0) {
        const e = errno();
        if (e !== EINTR) throw new OSError(e);
      }
      afterPark();
      flushDeferred();
    }
  } catch (err) {
    failAll(err);
  } finally {
    parked = false;
    wakePending = false;
    flushDeferred();
  }
}

function buildPark(): number {
  const b = backend!;
  let records = 2;
  for (const w of foreign) records += w.set.length;
  if (records * 8 > park.length) {
    park = new Uint8Array(records * 16);
    parkView = new DataView(park.buffer);
  }
  record(0, b.wakeFd, POLLIN);
  record(1, b.queueFd, POLLIN);
  parkForeign = [];
  let offset = 16;
  for (const waiter of foreign) {
    const bytes = waiter.set.bytes;
    park.set(bytes, offset);
    parkForeign.push({ waiter, start: offset, end: offset + bytes.length });
    offset += bytes.length;
  }
  return records;
}

function record(i: number, fd: number, events: number): void {
  parkView.setInt32(i * 8, fd, true);
  parkView.setInt16(i * 8 + 4, events, true);
  parkView.setInt16(i * 8 + 6, 0, true);
}

function afterPark(): void {
  const b = backend!;
  const wakeEvents = parkView.getUint16(6, true);
  const queueEvents = parkView.getUint16(14, true);
  if ((wakeEvents | queueEvents) & POLLNVAL) {
    replaceBackend(); // someone closed our descriptors: start over with new ones
    return;
  }
  if (wakeEvents) {
    b.drainWake();
    wakePending = false;
  }
  if (queueEvents) b.drain(dispatch);
  for (const { waiter, start, end } of parkForeign) {
    for (let off = start; off < end; off += 8) {
      if (parkView.getUint16(off + 6, true) !== 0) {
        if (removeForeign(waiter)) waiter.resolve();
        break;
      }
    }
  }
}

function dispatch(fd: number, bits: number, disarmed: number): void {
  const entry = entries.get(fd);
  if (entry === undefined) return;
  if (!entry.edge) entry.armed &= ~disarmed;
  for (const w of entry.waiters.slice()) {
    if (bits & (w.events | WAKE_ONLY) && removeWaiter(entry, w)) w.resolve(bits);
  }
  if (!entry.edge) rearm(entry);
}

/** Arms what the entry's waiters need and is not armed yet; settles them on failure. */
function rearm(entry: Entry): void {
  if (entry.edge) return;
  let need = 0;
  for (const w of entry.waiters) need |= w.events;
  if (entry.waiters.length === 0 || (need !== 0 && (entry.armed & need) === need)) return;
  if (need === 0 && entry.armed !== 0) return;
  const e = backend!.arm(entry, need);
  if (e === 0) return;
  const waiters = entry.waiters.slice();
  for (const w of waiters) removeWaiter(entry, w);
  if (e === EPERM) {
    // epoll refuses regular files and directories, which poll(2) reports always ready.
    for (const w of waiters) w.resolve(w.events | (w.events ? 0 : FD_READ));
  } else {
    entries.delete(entry.fd);
    for (const w of waiters) w.reject(new OSError(e));
  }
}

function removeWaiter(entry: Entry, waiter: Waiter): boolean {
  const i = entry.waiters.indexOf(waiter);
  if (i < 0) return false;
  entry.waiters.splice(i, 1);
  ownedWaiters--;
  if (waiter.onAbort) waiter.signal!.removeEventListener("abort", waiter.onAbort);
  return true;
}

function removeForeign(waiter: ForeignWaiter): boolean {
  const i = foreign.indexOf(waiter);
  if (i < 0) return false;
  foreign.splice(i, 1);
  if (waiter.onAbort) waiter.signal!.removeEventListener("abort", waiter.onAbort);
  return true;
}

/** Runs `fn` now, or after the parked call returns when nothing else waits. */
function settle(fn: () => void): void {
  if (parked && ownedWaiters + foreign.length === 0) {
    deferred.push(fn);
    wake();
  } else {
    fn();
  }
}

function flushDeferred(): void {
  for (const fn of deferred.splice(0)) fn();
}

function wake(): void {
  if (wakePending || !backend) return;
  wakePending = true;
  backend.wake();
}

function failAll(err: unknown): void {
  for (const entry of entries.values()) {
    for (const w of entry.waiters.slice()) {
      removeWaiter(entry, w);
      w.reject(err);
    }
  }
  for (const w of foreign.slice()) {
    removeForeign(w);
    w.reject(err);
  }
}

function replaceBackend(): void {
  // The old descriptors may belong to someone else by now: abandon them, never close them.
  backend = Deno.build.os === "darwin" ? createKqueue() : createEpoll();
  wakePending = false;
  for (const entry of entries.values()) {
    entry.registered = false;
    entry.armed = 0;
    if (entry.edge) {
      entry.edge = false;
      if (backend.armEdge?.(entry) === 0) entry.edge = true;
    }
    rearm(entry);
  }
}
