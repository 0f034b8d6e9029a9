/**
 * Python's `select` module (waiting for I/O completion), for Deno:
 * {@link https://docs.python.org/3.6/library/select.html}.
 *
 * `select()`, `poll()` -> `Poll`, `Epoll` (Linux), `Kqueue` and `Kevent` (macOS; on Linux
 * with the userspace libkqueue) and every `POLL*`, `EPOLL*` and `KQ_*` constant, with
 * Python's names (lowercase classes capitalised: `select.epoll` -> `Epoll`), arguments and
 * exceptions. Calls that wait return Promises and never block Deno's event loop: the
 * descriptors wait in one shared reactor (one epoll or kqueue set, parked on Deno's FFI
 * thread pool only while something waits). A zero timeout is one synchronous system call.
 *
 * Differences from CPython (the module's README has the full table):
 * - `select()` also accepts native objects (native sockets of `@ipcnet/std/socket`, which
 *   have no descriptor) mixed with descriptors, through their readiness methods.
 * - Every wait takes an `AbortSignal` in a trailing options object.
 * - `devpoll()` always throws `OSError(ENOSYS)`: Deno runs on no Solaris.
 * - `EPOLL*` constants have Linux's values everywhere, `KQ_*` macOS's values everywhere;
 *   `HAS_EPOLL`, `HAS_KQUEUE` and `HAS_POLL` replace `hasattr` checks.
 *
 * Permissions: `--allow-ffi` (the C library does the work); importing needs none.
 *
 * ```ts
 * import { select } from "@ipcnet/std/select";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * await a.sendall(new TextEncoder().encode("ping"));
 * const [readable] = await select([a, b], [], [], 1);
 * assert.deepEqual(readable, [b]);
 * ```
 *
 * CPython's `selectmodule.c` maps to `select.ts` (`select()`), `poll.ts` (`poll`,
 * `Poll`), `epoll.ts`, `kqueue.ts`, `kevent.ts`, `devpoll.ts`, `constants.ts` and
 * `errors.ts`.
 *
 * @module
 */

export * from "./constants.ts";
export * from "./devpoll.ts";
export * from "./epoll.ts";
export * from "./errors.ts";
export * from "./kevent.ts";
export * from "./kqueue.ts";
export * from "./poll.ts";
export * from "./select.ts";
