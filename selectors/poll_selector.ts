// Python's selectors.PollSelector: the kernel set is an array of `struct pollfd`, rebuilt
// when the registrations change. Checking is one synchronous poll(2) with a zero timeout;
// waiting parks the array in the shared reactor, raced with the native objects.

import { PollSet } from "../_ffi/poll.ts";
import { waitPollSet } from "../_ffi/reactor.ts";
import { POLLIN, POLLOUT } from "../select/constants.ts";
import { EVENT_READ, EVENT_WRITE } from "./constants.ts";
import { type Ready, rebuild, SelectorImpl } from "./_selector_impl.ts";

/**
 * Python's `selectors.PollSelector`, on poll(2). Native sockets (which have no
 * descriptor) are waited on beside the descriptors. A descriptor closed while registered
 * is reported ready for both reading and writing (POLLNVAL), as in Python.
 *
 * @typeParam T the type of the data attached to registrations
 *
 * @example
 * ```ts
 * import { EVENT_READ, EVENT_WRITE, PollSelector } from "@ipcnet/std/selectors";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * using sel = new PollSelector();
 * sel.register(a, EVENT_READ | EVENT_WRITE);
 * const [[key, events]] = await sel.select(0);
 * assert.equal(key.fileobj, a);
 * assert.equal(events, EVENT_WRITE);
 * ```
 */
export class PollSelector<T = unknown> extends SelectorImpl<T> {
  #set = new PollSet();
  #stale = false;

  /** @ignore */
  protected _add(): void {
    this.#stale = true;
  }

  /** @ignore */
  protected _remove(): void {
    this.#stale = true;
  }

  /** @ignore */
  protected _change(): void {
    this.#stale = true;
  }

  /** @ignore */
  protected _poll(ready: Ready<T>[]): void {
    const set = this.#set;
    if (this.#stale) rebuild(set, this._fdToKey.values(), toPollEvents);
    this.#stale = false;
    if (set.pollNow() === 0) return;
    for (let i = 0; i < set.length; i++) {
      const revents = set.revents(i);
      if (revents === 0) continue;
      const key = this._fdToKey.get(set.fd(i))!;
      const events = fromPollEvents(revents) & key.events;
      if (events !== 0) ready.push([key, events]);
    }
  }

  /** @ignore */
  protected _wait(signal: AbortSignal): Promise<unknown> {
    return waitPollSet(this.#set, signal);
  }
}

function toPollEvents(events: number): number {
  return (events & EVENT_READ ? POLLIN : 0) | (events & EVENT_WRITE ? POLLOUT : 0);
}

// As Python: anything but POLLIN counts as writable, anything but POLLOUT as readable.
function fromPollEvents(revents: number): number {
  return (revents & ~POLLIN ? EVENT_WRITE : 0) | (revents & ~POLLOUT ? EVENT_READ : 0);
}
