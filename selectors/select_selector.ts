// Python's selectors.SelectSelector: select(2)'s semantics on a poll(2) array (as the select
// module's select() does): readable on POLLIN, POLLHUP or POLLERR, writable on POLLOUT or
// POLLERR, and OSError(EBADF) for a descriptor that is not open. Descriptors whose last
// report held nothing that counts stay out of the wait, or it would return at once for ever.

import { osError } from "../_errors/os_error.ts";
import { PollSet } from "../_ffi/poll.ts";
import { waitPollSet } from "../_ffi/reactor.ts";
import { POLLERR, POLLHUP, POLLIN, POLLNVAL, POLLOUT } from "../select/constants.ts";
import { EVENT_READ, EVENT_WRITE } from "./constants.ts";
import { aborted } from "./_selector_impl.ts";
import { PollSetSelector } from "./_poll_set_selector.ts";

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
export class SelectSelector<T = unknown> extends PollSetSelector<T> {
  #waitSet = new PollSet();

  /** @ignore */
  protected _fromPollEvents(revents: number): number {
    if (revents & POLLNVAL) throw osError("EBADF");
    return (revents & READ_SET ? EVENT_READ : 0) | (revents & WRITE_SET ? EVENT_WRITE : 0);
  }

  /** @ignore */
  protected override _wait(signal: AbortSignal): Promise<unknown> {
    const set = this._set;
    const waitSet = this.#waitSet;
    waitSet.clear();
    for (let i = 0; i < set.length; i++) {
      if (set.revents(i) === 0) waitSet.add(set.fd(i), set.events(i));
    }
    if (waitSet.length === 0) return aborted(signal);
    return waitPollSet(waitSet, signal);
  }
}
