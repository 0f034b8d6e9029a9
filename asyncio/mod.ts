/**
 * Python's `asyncio` core for Deno: the event loop, futures, tasks with Python's
 * cancellation, synchronization primitives and queues
 * (https://docs.python.org/3.6/library/asyncio.html, chapters 18.5.1-18.5.3 and
 * 18.5.7-18.5.9, with the newer `TaskGroup`, `timeout`, `Runner`, `Barrier` and eager
 * tasks). Names follow the library's rule: `call_soon` is `callSoon`.
 *
 * The loop runs on Deno's own event loop, so asyncio code interleaves with any other
 * Deno code, and `task.cancel()` throws `CancelledError` at the exact `await` of the
 * asyncio awaitable the task is suspended in.
 *
 * CPython file -> ours: `events.py` -> `events.ts`, `base_events.py` -> `base_events.ts`,
 * `futures.py` -> `futures.ts`, `tasks.py` -> `tasks.ts` (+ `_combinators.ts`,
 * `threadsafe.ts`), `locks.py` -> `locks.ts`, `queues.py` -> `queues.ts`,
 * `exceptions.py` -> `exceptions.ts`, `runners.py` -> `runners.ts`,
 * `taskgroups.py` -> `taskgroups.ts`, `timeouts.py` -> `timeouts.ts`, `log.py` -> `log.ts`.
 *
 * Differences from CPython (the README has the full table):
 * - A coroutine is an async function's Promise. Pass a zero-argument async function to
 *   `run`/`createTask` so it starts inside its task; a Promise already started runs in
 *   the context of the code that called it.
 * - Blocking calls return Promises: `await loop.runUntilComplete(main)`.
 * - `async with` becomes `await using _ = await lock.enter()`, `tg.run(body)`,
 *   `timeout(s).run(body)`.
 * - The asyncio I/O methods (transports, streams, subprocesses, signals, executors) are
 *   not in this module yet.
 *
 * Permissions: none. With `--allow-env`, `PYTHONASYNCIODEBUG` turns debug mode on (the
 * permission is queried, never prompted for).
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
