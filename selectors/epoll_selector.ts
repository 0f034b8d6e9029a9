// Python's selectors.EpollSelector: the kernel set is a select.Epoll object. Checking is one
// synchronous epoll_wait with a zero timeout; waiting parks the epoll descriptor (readable
// while it holds events) in the shared reactor, raced with the native objects.

import { OSError } from "../_errors/os_error.ts";
import { RuntimeError } from "../_errors/python_errors.ts";
import { EpollEvents } from "../_ffi/epoll.ts";
import { PollSet } from "../_ffi/poll.ts";
import { waitPollSet } from "../_ffi/reactor.ts";
import { Epoll } from "../select/epoll.ts";
import { EPOLLIN, EPOLLOUT, HAS_EPOLL, POLLIN } from "../select/constants.ts";
import { EVENT_READ, EVENT_WRITE } from "./constants.ts";
import { type Ready, SelectorImpl } from "./_selector_impl.ts";

/**
 * Python's `selectors.EpollSelector`, on Linux's epoll: the cost of a wait does not grow
 * with the number of idle registrations. Native sockets (which have no descriptor) are
 * waited on beside the epoll set. Elsewhere, constructing one throws `OSError` with errno
 * `ENOSYS`.
 *
 * @typeParam T the type of the data attached to registrations
 *
 * @example
 * ```ts
 * import { EpollSelector, EVENT_READ } from "@ipcnet/std/selectors";
 * import { HAS_EPOLL } from "@ipcnet/std/select";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * if (HAS_EPOLL) {
 *   const [a, b] = socketpair();
 *   using _a = a, _b = b;
 *   using sel = new EpollSelector();
 *   assert.ok(sel.fileno() > 2);
 *   const key = sel.register(b, EVENT_READ);
 *   await a.sendall(new Uint8Array([1]));
 *   assert.deepEqual(await sel.select(1), [[key, EVENT_READ]]);
 * }
 * ```
 */
export class EpollSelector<T = unknown> extends SelectorImpl<T> {
  // Made on first need (a kernel descriptor, or fileno()), so that a selector that only
  // ever holds native sockets needs no --allow-ffi.
  #ep: Epoll | null = null;
  #events: EpollEvents | null = null;
  #waitSet = new PollSet(1);

  /**
   * Creates the selector (its epoll descriptor is made when first needed).
   *
   * @throws {OSError} with errno `ENOSYS` where there is no epoll (macOS)
   *
   * @tags allow-ffi
   */
  constructor() {
    super();
    if (!HAS_EPOLL) new Epoll(); // throws OSError(ENOSYS), naming the platform
  }

  /**
   * The epoll descriptor.
   *
   * @returns the descriptor
   * @throws {RuntimeError} once closed
   */
  fileno(): number {
    return this.#epoll().fileno();
  }

  #epoll(): Epoll {
    if (this.#ep === null) {
      if (this.closed) throw new RuntimeError("Selector is closed");
      this.#ep = new Epoll();
      this.#waitSet.add(this.#ep.fileno(), POLLIN);
    }
    return this.#ep;
  }

  /** @ignore */
  protected _add(fd: number, events: number): void {
    this.#epoll().register(fd, toEpollEvents(events));
  }

  /** @ignore */
  protected _remove(fd: number): void {
    try {
      this.#ep?.unregister(fd);
    } catch (err) {
      if (!(err instanceof OSError)) throw err; // closed since it was registered
    }
  }

  /** @ignore */
  protected _change(fd: number, _old: number, events: number): void {
    this.#epoll().modify(fd, toEpollEvents(events));
  }

  /** @ignore */
  protected _poll(ready: Ready<T>[]): void {
    const max = Math.max(this._kernelCount, 1);
    if (this.#events === null || this.#events.capacity < max) {
      this.#events = new EpollEvents(Math.max(max * 2, 8));
    }
    for (const [fd, mask] of this.#events.collect(this.#epoll().fileno(), max)) {
      const key = this._fdToKey.get(fd);
      if (key === undefined) continue;
      const events = fromEpollEvents(mask) & key.events;
      if (events !== 0) ready.push([key, events]);
    }
  }

  /** @ignore */
  protected _wait(signal: AbortSignal): Promise<unknown> {
    return waitPollSet(this.#waitSet, signal);
  }

  /** @ignore */
  protected override _closeBackend(): void {
    this.#ep?.close();
  }
}

function toEpollEvents(events: number): number {
  return (events & EVENT_READ ? EPOLLIN : 0) | (events & EVENT_WRITE ? EPOLLOUT : 0);
}

// As Python: anything but EPOLLIN counts as writable, anything but EPOLLOUT as readable
// (so EPOLLERR and EPOLLHUP wake both).
function fromEpollEvents(mask: number): number {
  return (mask & ~EPOLLIN ? EVENT_WRITE : 0) | (mask & ~EPOLLOUT ? EVENT_READ : 0);
}
