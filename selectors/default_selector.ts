// Python's selectors.DefaultSelector: the most efficient selector of the platform, chosen
// once, here and only here: kqueue > epoll > poll > select.

import { HAS_EPOLL, HAS_KQUEUE, HAS_POLL } from "../select/constants.ts";
import type { BaseSelector } from "./base_selector.ts";
import { EpollSelector } from "./epoll_selector.ts";
import { KqueueSelector } from "./kqueue_selector.ts";
import { PollSelector } from "./poll_selector.ts";
import { SelectSelector } from "./select_selector.ts";

/** A selector class: what {@linkcode DefaultSelector} is. */
export type SelectorClass = new <T = unknown>() => BaseSelector<T>;

/**
 * Python's `selectors.DefaultSelector`: the most efficient selector class of the platform
 * (`KqueueSelector` on macOS, `EpollSelector` on Linux, else `PollSelector`, else
 * `SelectSelector`), chosen once when the module loads. It waits on native sockets and
 * kernel descriptors together.
 *
 * @example The 18.4.3 loop, over a native socket pair
 * ```ts
 * import { DefaultSelector, EVENT_READ } from "@ipcnet/std/selectors";
 * import { socketpair, type Socket } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * type Handler = (sock: Socket, mask: number) => Promise<void>;
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * using sel = new DefaultSelector<Handler>();
 * const got: string[] = [];
 * sel.register(b, EVENT_READ, async (sock) => {
 *   got.push(new TextDecoder().decode(await sock.recv(100)));
 * });
 * await a.sendall(new TextEncoder().encode("hello"));
 * for (const [key, mask] of await sel.select(1)) {
 *   await key.data(key.fileobj as Socket, mask);
 * }
 * assert.deepEqual(got, ["hello"]);
 * ```
 */
export const DefaultSelector: SelectorClass = HAS_KQUEUE
  ? KqueueSelector
  : HAS_EPOLL
  ? EpollSelector
  : HAS_POLL
  ? PollSelector
  : SelectSelector;

/** The instance type of {@linkcode DefaultSelector}. */
export type DefaultSelector<T = unknown> = BaseSelector<T>;
