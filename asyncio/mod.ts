/**
 * Python's `asyncio` for Deno (https://docs.python.org/3.6/library/asyncio.html, chapter
 * 18.5): the event loop, futures, tasks with Python's cancellation, synchronization
 * primitives and queues, transports and protocols, streams, servers, datagrams, pipes,
 * subprocesses, signal handlers and executors, with the newer `TaskGroup`, `timeout`,
 * `Runner`, `Barrier` and eager tasks. Names follow the library's rule: `call_soon` is
 * `callSoon`.
 *
 * The loop runs on Deno's own event loop, so asyncio code interleaves with any other
 * Deno code, and `task.cancel()` throws `CancelledError` at the exact `await` of the
 * asyncio awaitable the task is suspended in.
 *
 * CPython file -> ours: `events.py` -> `events.ts`, `base_events.py` -> `base_events.ts`,
 * `futures.py` -> `futures.ts`, `tasks.py` -> `tasks.ts` (+ `_combinators.ts`,
 * `threadsafe.ts`), `locks.py` -> `locks.ts`, `queues.py` -> `queues.ts`,
 * `exceptions.py` -> `exceptions.ts`, `runners.py` -> `runners.ts`,
 * `taskgroups.py` -> `taskgroups.ts`, `timeouts.py` -> `timeouts.ts`, `log.py` -> `log.ts`,
 * `selector_events.py` -> `selector_events.ts` (+ `_socket_transport.ts`,
 * `_datagram_transport.ts`, `_sock_ops.ts`), `transports.py` -> `transports.ts`,
 * `protocols.py` -> `protocols.ts`, `streams.py` -> `streams.ts` (+ `stream_reader.ts`,
 * `stream_writer.ts`), `base_events.Server` -> `server.ts`, `unix_events.py` ->
 * `unix_events.ts`, `subprocess.py` -> `subprocess.ts`, `base_subprocess.py` ->
 * `_subprocess_transport.ts`, `concurrent.futures.thread` -> `executor.ts`.
 *
 * Differences from CPython (the README has the full table):
 * - A coroutine is an async function's Promise. Pass a zero-argument async function to
 *   `run`/`createTask` so it starts inside its task; a Promise already started runs in
 *   the context of the code that called it.
 * - Blocking calls return Promises: `await loop.runUntilComplete(main)`.
 * - `async with` becomes `await using _ = await lock.enter()`, `tg.run(body)`,
 *   `timeout(s).run(body)`.
 * - Transports read with one read in flight over Deno's own connections; a plain
 *   `write()` passes the caller's buffer to the first write without copying it (do not
 *   change it before `drain()`).
 * - Executors run functions in Workers: a function crosses as self-contained source or as
 *   a module URL and export name; closures cannot.
 *
 * Permissions: none for the core. Networking needs `--allow-net` (plus `--allow-ffi` for
 * kernel sockets and `addReader` on descriptors), subprocesses `--allow-run`, signal
 * handlers `--allow-ffi` for real dispositions. With `--allow-env`, `PYTHONASYNCIODEBUG`
 * turns debug mode on (the permission is queried, never prompted for).
 *
 * @example
 * ```ts
 * import { createTask, gather, run, sleep } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const result = await run(async () => {
 *   const a = createTask(() => sleep(0.002, "a"));
 *   const b = createTask(() => sleep(0.001, "b"));
 *   return await gather(a, b);
 * });
 * assert.deepEqual(result, ["a", "b"]);
 * ```
 *
 * @module
 */

export * from "./exceptions.ts";
export * from "./log.ts";
export * from "./events.ts";
export * from "./futures.ts";
export * from "./base_events.ts";
export * from "./tasks.ts";
export * from "./_combinators.ts";
export * from "./threadsafe.ts";
export * from "./timeouts.ts";
export * from "./taskgroups.ts";
export * from "./locks.ts";
export * from "./queues.ts";
export * from "./runners.ts";
export * from "./transports.ts";
export * from "./protocols.ts";
export * from "./net_options.ts";
export * from "./server.ts";
export * from "./selector_events.ts";
export * from "./stream_reader.ts";
export * from "./stream_writer.ts";
export * from "./streams.ts";
export * from "./executor.ts";
export * from "./executor_future.ts";
export * from "./subprocess.ts";
export * from "./unix_events.ts";
