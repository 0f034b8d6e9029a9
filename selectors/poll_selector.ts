// Python's selectors.PollSelector: the kernel set is an array of `struct pollfd`, rebuilt
// when the registrations change. Checking is one synchronous poll(2) with a zero timeout;
// waiting parks the array in the shared reactor, raced with the native objects.

import { POLLIN, POLLOUT } from "../select/constants.ts";
import { EVENT_READ, EVENT_WRITE } from "./constants.ts";
import { PollSetSelector } from "./_poll_set_selector.ts";

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
export class PollSelector<T = unknown> extends PollSetSelector<T> {
  /** @ignore */
  protected _fromPollEvents(revents: number): number {
    // As Python: anything but POLLIN counts as writable, anything but POLLOUT as readable.
    return (revents & ~POLLIN ? EVENT_WRITE : 0) | (revents & ~POLLOUT ? EVENT_READ : 0);
  }
}
