// The part PollSelector and SelectSelector share: both keep their kernel set as an array of
// `struct pollfd`, rebuilt on the next check after the registrations change, and check it
// with one synchronous poll(2) of zero timeout. They differ only in how a report's revents
// become EVENT_READ / EVENT_WRITE (`_fromPollEvents`) and in how they wait (`_wait`).

import { PollSet } from "../_ffi/poll.ts";
import { waitPollSet } from "../_ffi/reactor.ts";
import { POLLIN, POLLOUT } from "../select/constants.ts";
import { EVENT_READ, EVENT_WRITE } from "./constants.ts";
import { type Ready, rebuild, SelectorImpl } from "./_selector_impl.ts";

/**
 * The shared part of the poll(2)-array selectors. Not part of the public API.
 *
 * @ignore
 */
export abstract class PollSetSelector<T = unknown> extends SelectorImpl<T> {
  /** The kernel set, as the last check left it (its revents included). */
  protected readonly _set: PollSet = new PollSet();
  #stale = false;

  /** Turns a descriptor's non-zero revents into selector events (may throw). */
  protected abstract _fromPollEvents(revents: number): number;

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
    const set = this._set;
    if (this.#stale) rebuild(set, this._fdToKey.values(), toPollEvents);
    this.#stale = false;
    if (set.pollNow() === 0) return;
    for (let i = 0; i < set.length; i++) {
      const revents = set.revents(i);
      if (revents === 0) continue;
      const reported = this._fromPollEvents(revents);
      const key = this._fdToKey.get(set.fd(i))!;
      const events = reported & key.events;
      if (events !== 0) ready.push([key, events]);
    }
  }

  /** @ignore */
  protected _wait(signal: AbortSignal): Promise<unknown> {
    return waitPollSet(this._set, signal);
  }
}

function toPollEvents(events: number): number {
  return (events & EVENT_READ ? POLLIN : 0) | (events & EVENT_WRITE ? POLLOUT : 0);
}
