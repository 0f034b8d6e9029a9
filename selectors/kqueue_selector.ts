// Python's selectors.KqueueSelector: the kernel set is a select.Kqueue object, with one
// read filter and one write filter per descriptor. Checking is one synchronous kevent with
// a zero timeout (the two filters of a descriptor merge into one result). Waiting parks the
// kqueue descriptor in the shared reactor on macOS; libkqueue's descriptor (Linux) cannot be
// polled, so there the wait is a nonblocking kevent in slices of at most 100 ms, and an
// abort (a native object that became ready first) takes effect at the end of a slice.

import { OSError } from "../_errors/os_error.ts";
import { SELECT_PRIVATE_DARWIN as P } from "../_ffi/constants_select_darwin.ts";
import {
  decodeKevents,
  encodeKevents,
  type KeventFields,
  keventNow,
  keventWait,
} from "../_ffi/kqueue.ts";
import { PollSet } from "../_ffi/poll.ts";
import { waitPollSet } from "../_ffi/reactor.ts";
import { KQ_EV_ADD, KQ_EV_DELETE, KQ_FILTER_READ, KQ_FILTER_WRITE } from "../select/constants.ts";
import { Kqueue } from "../select/kqueue.ts";
import { EVENT_READ, EVENT_WRITE } from "./constants.ts";
import { type Ready, SelectorImpl } from "./_selector_impl.ts";

const POLLIN = 1; // the same on Linux and macOS
const SLICE_MS = 100;
const POLLABLE = Deno.build.os === "darwin";

/**
 * Python's `selectors.KqueueSelector`, on the kernel event queue of macOS (and on Linux
 * with the userspace libkqueue installed). Native sockets (which have no descriptor) are
 * waited on beside the queue. Without kqueue, constructing one throws `OSError` with errno
 * `ENOSYS`.
 *
 * @typeParam T the type of the data attached to registrations
 *
 * @example
 * ```ts
 * import { EVENT_WRITE, KqueueSelector } from "@ipcnet/std/selectors";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "darwin") {
 *   const [a, b] = socketpair();
 *   using _a = a, _b = b;
 *   using sel = new KqueueSelector();
 *   const key = sel.register(a, EVENT_WRITE);
 *   assert.deepEqual(await sel.select(0), [[key, EVENT_WRITE]]);
 * } else {
 *   try {
 *     new KqueueSelector().close(); // Linux with libkqueue
 *   } catch (err) {
 *     assert.equal((err as { code?: string }).code, "ENOSYS");
 *   }
 * }
 * ```
 */
export class KqueueSelector<T = unknown> extends SelectorImpl<T> {
  #kq: Kqueue;
  #buffer = new Uint8Array(8 * P.KEVENT_SIZE);
  #waitSet = new PollSet(1);

  /**
   * Creates the selector and its kernel queue.
   *
   * @throws {OSError} with errno `ENOSYS` where there is no kqueue
   *
   * @tags allow-ffi
   */
  constructor() {
    super();
    this.#kq = new Kqueue();
    this.#waitSet.add(this.#kq.fileno(), POLLIN);
  }

  /**
   * The kqueue descriptor.
   *
   * @returns the descriptor
   * @throws {ValueError} once closed
   */
  fileno(): number {
    return this.#kq.fileno();
  }

  /** @ignore */
  protected _add(fd: number, events: number): void {
    this.#apply(toKevents(fd, events, KQ_EV_ADD));
  }

  /** @ignore */
  protected _remove(fd: number, events: number): void {
    for (const change of toKevents(fd, events, KQ_EV_DELETE)) {
      try {
        this.#apply([change]);
      } catch (err) {
        if (!(err instanceof OSError)) throw err; // closed since it was registered
      }
    }
  }

  /** @ignore */
  protected _change(fd: number, oldEvents: number, events: number): void {
    this._remove(fd, oldEvents & ~events);
    this.#apply(toKevents(fd, events & ~oldEvents, KQ_EV_ADD));
  }

  /** @ignore */
  protected _poll(ready: Ready<T>[]): void {
    const max = Math.max(this._kernelCount * 2, 1);
    if (this.#buffer.length < max * P.KEVENT_SIZE) {
      this.#buffer = new Uint8Array(max * 2 * P.KEVENT_SIZE);
    }
    const n = keventNow(this.#kq.fileno(), null, 0, this.#buffer, max);
    if (n <= 0) return;
    const merged = new Map<number, number>();
    for (const ev of decodeKevents(this.#buffer, n)) {
      const key = this._fdToKey.get(ev.ident);
      if (key === undefined) continue;
      const events = fromKevent(ev.filter) & key.events;
      if (events === 0) continue;
      const at = merged.get(key.fd);
      if (at === undefined) {
        merged.set(key.fd, ready.length);
        ready.push([key, events]);
      } else {
        ready[at][1] |= events;
      }
    }
  }

  /** @ignore */
  protected _wait(signal: AbortSignal): Promise<unknown> {
    if (POLLABLE) return waitPollSet(this.#waitSet, signal);
    return this.#waitSliced(signal);
  }

  /** @ignore */
  protected override _closeBackend(): void {
    this.#kq.close();
  }

  // libkqueue: the filters are level-triggered, so events taken here are reported again by
  // the next check; the wait only says that there are some.
  async #waitSliced(signal: AbortSignal): Promise<void> {
    const events = new Uint8Array(P.KEVENT_SIZE);
    for (;;) {
      signal.throwIfAborted();
      if (await keventWait(this.#kq.fileno(), events, 1, SLICE_MS) > 0) return;
    }
  }

  #apply(changes: KeventFields[]): void {
    if (changes.length === 0) return;
    keventNow(this.#kq.fileno(), encodeKevents(changes), changes.length, this.#buffer, 0);
  }
}

function toKevents(fd: number, events: number, flags: number): KeventFields[] {
  const out: KeventFields[] = [];
  const base = { ident: fd, flags, fflags: 0, data: 0, udata: 0 };
  if (events & EVENT_READ) out.push({ ...base, filter: KQ_FILTER_READ });
  if (events & EVENT_WRITE) out.push({ ...base, filter: KQ_FILTER_WRITE });
  return out;
}

function fromKevent(filter: number): number {
  return filter === KQ_FILTER_READ ? EVENT_READ : filter === KQ_FILTER_WRITE ? EVENT_WRITE : 0;
}
