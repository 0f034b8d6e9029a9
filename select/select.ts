// Python's select.select(): kernel descriptors (numbers or objects with fileno()) and native
// readiness objects (native sockets) in one call. Descriptors are checked with one poll(2)
// call; a wait parks them in the shared reactor (_ffi/reactor.ts) as a level-triggered
// poll set, raced with the native objects' readiness methods, so it never blocks the event
// loop. Readiness is reported with select(2)'s own sets: readable on POLLIN, POLLHUP or
// POLLERR; writable on POLLOUT or POLLERR; exceptional on POLLPRI.

import { setImmediate } from "node:timers";
import { osError } from "../_errors/os_error.ts";
import { ValueError } from "../_errors/python_errors.ts";
import { SELECT_PRIVATE_LINUX } from "../_ffi/constants_select_linux.ts";
import { PollSet } from "../_ffi/poll.ts";
import { waitPollSet } from "../_ffi/reactor.ts";
import {
  hasNativeReadiness,
  kReadyNow,
  kWaitReady,
  type NativeReadiness,
} from "../socket/readiness.ts";
import { selectTimeoutMs, toFd } from "./_args.ts";
import { race, waitLoop } from "./_wait.ts";
import { POLLERR, POLLHUP, POLLIN, POLLNVAL, POLLOUT, POLLPRI } from "./constants.ts";

/**
 * A file descriptor: a number, or an object with a `fileno()` method that returns one
 * (Python's "file descriptor or object with fileno()").
 */
export type FileDescriptorLike = number | { fileno(): number };

/** Options of {@linkcode select}. */
export interface SelectOptions {
  /** Aborts the wait: the call rejects with `signal.reason`. */
  signal?: AbortSignal;
}

const FD_SETSIZE = SELECT_PRIVATE_LINUX.FD_SETSIZE; // 1024 on Linux and macOS
const READ_SET = POLLIN | POLLHUP | POLLERR;
const WRITE_SET = POLLOUT | POLLERR;
const EXCEPT_SET = POLLPRI;
const KINDS = ["read", "write", null] as const;
const REQUEST = [POLLIN, POLLOUT, POLLPRI];
const REPORT = [READ_SET, WRITE_SET, EXCEPT_SET];

interface Item {
  value: unknown;
  /** The record in the poll set, or -1 for a native object. */
  record: number;
  native: NativeReadiness | null;
}

/**
 * Waits until some of the given objects are ready: `rlist` for reading, `wlist` for
 * writing, `xlist` for an "exceptional condition" (out-of-band data). Each list may hold
 * file descriptors (numbers), objects with a `fileno()` method, and native objects that
 * implement the readiness protocol of `@ipcnet/std/socket` (native sockets), mixed.
 * Resolves with the three lists of the objects that are ready, the same objects that were
 * passed in and in the same order; three empty lists when `timeout` passes first.
 *
 * A zero timeout is one synchronous poll(2) call. A wait never blocks the event loop: the
 * descriptors wait in the shared reactor, raced with the native objects.
 *
 * @typeParam R the type of the items of `rlist`
 * @typeParam W the type of the items of `wlist`
 * @typeParam X the type of the items of `xlist`
 * @param rlist objects to wait on until they are ready for reading
 * @param wlist objects to wait on until they are ready for writing
 * @param xlist objects to wait on for an exceptional condition (native objects never are)
 * @param timeout seconds to wait at most; `null` or omitted waits for ever
 * @param options `signal` to abort the wait
 * @returns `[readable, writable, exceptional]`
 * @throws {TypeError} when a list is not iterable ("arguments 1-3 must be sequences"), an
 *   item is neither an int nor has `fileno()`, or `timeout` is not a number
 * @throws {ValueError} for a negative descriptor, one of FD_SETSIZE (1024) or more, or a
 *   negative or NaN timeout
 * @throws {OSError} with errno `EBADF` when a descriptor is not open
 *
 * @tags allow-ffi
 *
 * @example Descriptors, and objects with `fileno()`
 * ```ts
 * import { Epoll, HAS_EPOLL, select } from "@ipcnet/std/select";
 * import assert from "node:assert/strict";
 *
 * if (HAS_EPOLL) {
 *   using ep = new Epoll(); // a descriptor, readable when it has events (none here)
 *   assert.deepEqual(await select([ep, ep.fileno()], [], [], 0.01), [[], [], []]);
 *   await assert.rejects(select([-1], [], []), { name: "ValueError" });
 * }
 * ```
 *
 * @example Native sockets and a timeout
 * ```ts
 * import { select } from "@ipcnet/std/select";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * assert.deepEqual(await select([b], [], [], 0.01), [[], [], []]);
 * await a.sendall(new Uint8Array([1]));
 * const [readable, writable] = await select([b], [a], []);
 * assert.deepEqual(readable, [b]);
 * assert.deepEqual(writable, [a]);
 * ```
 */
export async function select<R, W, X>(
  rlist: Iterable<R>,
  wlist: Iterable<W>,
  xlist: Iterable<X>,
  timeout?: number | null,
  options?: SelectOptions,
): Promise<[R[], W[], X[]]> {
  const lists = [toArray(rlist), toArray(wlist), toArray(xlist)];
  const timeoutMs = selectTimeoutMs(timeout);
  const set = new PollSet();
  const recordOf = new Map<number, number>();
  const items: Item[][] = lists.map((list, k) =>
    list.map((value): Item => {
      if (hasNativeReadiness(value)) return { value, record: -1, native: value };
      const fd = toFd(value);
      if (fd >= FD_SETSIZE) throw new ValueError("filedescriptor out of range in select()");
      let record = recordOf.get(fd);
      if (record === undefined) recordOf.set(fd, record = set.add(fd, 0));
      set.setEvents(record, set.events(record) | REQUEST[k]);
      return { value, record, native: null };
    })
  );
  // Records whose last report held nothing that counts (a hang-up on a descriptor asked
  // only for writing, say) stay out of the wait, or the wait would return at once for ever.
  const waitSet = new PollSet(set.length);

  const check = (): [R[], W[], X[]] | null => {
    if (set.length > 0 && set.pollNow() > 0) {
      for (let i = 0; i < set.length; i++) {
        if (set.revents(i) & POLLNVAL) throw osError("EBADF");
      }
    }
    let any = false;
    const out = items.map((list, k) =>
      list.filter((item) => {
        const ready = item.native
          ? KINDS[k] !== null && item.native[kReadyNow](KINDS[k]!)
          : (set.revents(item.record) & REPORT[k]) !== 0;
        any ||= ready;
        return ready;
      }).map((item) => item.value)
    ) as [R[], W[], X[]];
    if (any) return out;
    waitSet.clear();
    for (let i = 0; i < set.length; i++) {
      if (set.revents(i) === 0) waitSet.add(set.fd(i), set.events(i));
    }
    return null;
  };

  const wait = (signal: AbortSignal): Promise<void> => {
    const starters: Array<(s: AbortSignal) => Promise<unknown>> = [];
    if (waitSet.length > 0) starters.push((s) => waitPollSet(waitSet, s));
    items.forEach((list, k) => {
      const kind = KINDS[k];
      if (kind === null) return;
      for (const { native } of list) {
        if (native) starters.push((s) => native[kWaitReady](kind, s));
      }
    });
    return race(starters, signal);
  };

  // A native socket asked for "read" starts reading ahead, which lands a moment later: when
  // something is ready (or the timeout is zero), give it that moment, so that a socket whose
  // data has arrived is reported together with the others, as the kernel would.
  const readsAhead = items[0].some((item) => item.native !== null);
  const settle = readsAhead ? nextMacrotask : undefined;
  return await waitLoop(check, wait, () => [[], [], []], timeoutMs, options?.signal, settle);
}

function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function toArray(list: unknown): unknown[] {
  if (
    list === null || list === undefined || typeof list === "number" ||
    typeof (list as Iterable<unknown>)[Symbol.iterator] !== "function"
  ) {
    throw new TypeError("arguments 1-3 must be sequences");
  }
  return Array.from(list as Iterable<unknown>);
}
