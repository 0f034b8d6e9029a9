/**
 * Python's `selectors` module (high-level I/O multiplexing), for Deno:
 * {@link https://docs.python.org/3.6/library/selectors.html}.
 *
 * `DefaultSelector`, `SelectSelector`, `PollSelector`, `EpollSelector`,
 * `KqueueSelector`, `DevpollSelector`, the abstract `BaseSelector`, `SelectorKey`,
 * `EVENT_READ` and `EVENT_WRITE`, with Python's names, arguments and exceptions. One
 * selector watches kernel descriptors (pipes, kernel sockets, anything with `fileno()`)
 * and native sockets of `@ipcnet/std/socket` (which have no descriptor) together, and
 * wakes on whichever is ready first.
 *
 * Differences from CPython (the module's README has the full table):
 * - `select()` returns a Promise and takes an `AbortSignal` (`{ signal }`).
 * - A native socket's `SelectorKey.fd` is a synthetic descriptor: a number from 2^31 up,
 *   above any real descriptor, unique to the object and stable while it lives.
 * - `getMap()` is a read-only `Map`-like view (`size`, `get`, `has`, iteration;
 *   `getItem` for Python's `mapping[fileobj]`); after `close()` it is empty.
 * - Every operation on a closed selector throws `RuntimeError("Selector is closed")`.
 * - `SelectSelector` is built on poll(2): descriptors above `FD_SETSIZE` work.
 * - `DevpollSelector` always throws `OSError(ENOSYS)`.
 *
 * Permissions: `--allow-ffi` for kernel descriptors (a `DefaultSelector`, `PollSelector` or
 * `SelectSelector` that only ever holds native sockets needs none); `--allow-net` for the
 * sockets themselves.
 *
 * ```ts
 * import { DefaultSelector, EVENT_READ } from "@ipcnet/std/selectors";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * using sel = new DefaultSelector();
 * const key = sel.register(b, EVENT_READ);
 * assert.deepEqual(await sel.select(0), []);
 * await a.sendall(new TextEncoder().encode("ping"));
 * assert.deepEqual(await sel.select(), [[key, EVENT_READ]]);
 * ```
 *
 * CPython's `selectors.py` maps to `base_selector.ts` (`BaseSelector`),
 * `_selector_impl.ts` (`_BaseSelectorImpl`), `selector_key.ts` (`SelectorKey`,
 * `_SelectorMapping`), one file per backend and `default_selector.ts`.
 *
 * @module
 */

export * from "./base_selector.ts";
export * from "./constants.ts";
export * from "./default_selector.ts";
export * from "./devpoll_selector.ts";
export * from "./epoll_selector.ts";
export * from "./errors.ts";
export * from "./kqueue_selector.ts";
export * from "./poll_selector.ts";
export * from "./select_selector.ts";
export * from "./selector_key.ts";
