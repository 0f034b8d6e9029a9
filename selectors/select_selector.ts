// Python's selectors.SelectSelector: select(2)'s semantics on a poll(2) array (as the select
// module's select() does): readable on POLLIN, POLLHUP or POLLERR, writable on POLLOUT or
// POLLERR, and OSError(EBADF) for a descriptor that is not open. Descriptors whose last
// report held nothing that counts stay out of the wait, or it would return at once for ever.

import { osError } from "../_errors/os_error.ts";
import { PollSet } from "../_ffi/poll.ts";
import { waitPollSet } from "../_ffi/reactor.ts";
import { POLLERR, POLLHUP, POLLIN, POLLNVAL, POLLOUT } from "../select/constants.ts";
import { EVENT_READ, EVENT_WRITE } from "./constants.ts";
import { type Ready, rebuild, SelectorImpl } from "./_selector_impl.ts";

const READ_SET = POLLIN | POLLHUP | POLLERR;
const WRITE_SET = POLLOUT | POLLERR;

/**
 * Python's `selectors.SelectSelector`, with `select(2)`'s semantics. It is built on
 * poll(2), so descriptors above `FD_SETSIZE` (1024) work too. A descriptor closed while
 * registered makes `select()` reject with `OSError` (`EBADF`), as in Python; unregister
 * it. Native sockets (which have no descriptor) are waited on beside the descriptors.
 *
 * @typeParam T the type of the data attached to registrations
 *
 * @example
 * ```ts
 * import { EVENT_READ, SelectSelector } from "@ipcnet/std/selectors";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * using sel = new SelectSelector();
 * sel.register(b, EVENT_READ);
 * assert.deepEqual(await sel.select(0.01), []);
 * ```
 */
export class SelectSelector<T = unknown> extends SelectorImpl<T> {
  #set = new PollSet();
  #waitSet = new PollSet();
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
      if (revents & POLLNVAL) throw osError("EBADF");
      const key = this._fdToKey.get(set.fd(i))!;
      const events = fromPollEvents(revents) & key.events;
      if (events !== 0) ready.push([key, events]);
    }
  }

  /** @ignore */
  protected _wait(signal: AbortSignal): Promise<unknown> {
    const set = this.#set;
    const waitSet = this.#waitSet;
    waitSet.clear();
    for (let i = 0; i < set.length; i++) {
      if (set.revents(i) === 0) waitSet.add(set.fd(i), set.events(i));
    }
    if (waitSet.length === 0) return never(signal);
    return waitPollSet(waitSet, signal);
  }
}

function toPollEvents(events: number): number {
  return (events & EVENT_READ ? POLLIN : 0) | (events & EVENT_WRITE ? POLLOUT : 0);
}

function fromPollEvents(revents: number): number {
  return (revents & READ_SET ? EVENT_READ : 0) | (revents & WRITE_SET ? EVENT_WRITE : 0);
}

function never(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
