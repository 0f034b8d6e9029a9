/**
 * Python's `asyncore` module (asynchronous socket handler), for Deno:
 * {@link https://docs.python.org/3.6/library/asyncore.html}.
 *
 * **Deprecated**, as in Python (3.6; removed in 3.12): use `@ipcnet/std/asyncio` for new
 * code. Kept because it is part of the chapter and old code relies on it.
 *
 * `loop`, `Dispatcher`, `DispatcherWithSend`, `FileDispatcher`, `FileWrapper`, `ExitNow`,
 * `socketMap`, `closeAll`, `poll`, `poll2`, `poll3`, `read`, `write`, `readwrite` and
 * `compactTraceback`, with Python's behaviour over the sockets of `@ipcnet/std/socket`:
 * native sockets (polled through their readiness methods, keyed by a synthetic
 * descriptor) and kernel descriptors alike, through `select.select()` or `select.poll()`.
 *
 * Differences from CPython (the module's README has the full table):
 * - `loop()` returns a Promise. Socket calls (`recv`, `send`, `accept`, `connect`) return
 *   Promises, so handlers may be `async`: the loop awaits a handler before it polls again.
 * - `handleError(err)` receives the error (JavaScript has no `sys.exc_info()`).
 * - A dispatcher does not forward unknown attributes to its socket (`__getattr__`).
 *
 * Permissions: `--allow-net` for sockets; `--allow-ffi` for kernel descriptors
 * (`FileDispatcher`, and `select`/`poll` over any kernel socket).
 *
 * ```ts
 * import { DispatcherWithSend, loop } from "@ipcnet/std/asyncore";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * class Echo extends DispatcherWithSend {
 *   override async handleRead(): Promise<void> {
 *     const data = await this.recv(8192);
 *     if (data.length) await this.send(data);
 *   }
 *   override handleClose(): void {
 *     this.close();
 *   }
 * }
 * const [a, b] = socketpair();
 * const map = new Map();
 * new Echo(a, map);
 * await b.sendall(new TextEncoder().encode("ping"));
 * await loop({ map, timeout: 1, count: 1 });
 * assert.equal(new TextDecoder().decode(await b.recv(10)), "ping");
 * b.close();
 * await loop({ map, timeout: 1 });
 * ```
 *
 * CPython's `asyncore.py` maps to `dispatcher.ts`, `dispatcher_with_send.ts`,
 * `file_dispatcher.ts`, `loop.ts` (`loop`, `poll`, `poll2`, `read`, `write`,
 * `readwrite`, `close_all`), `socket_map.ts`, `compact_traceback.ts` and `errors.ts`.
 *
 * @deprecated Use `@ipcnet/std/asyncio`.
 *
 * @module
 */

export * from "./compact_traceback.ts";
export * from "./dispatcher.ts";
export * from "./dispatcher_with_send.ts";
export * from "./errors.ts";
export * from "./file_dispatcher.ts";
export * from "./loop.ts";
export * from "./socket_map.ts";
export type * from "./socket_names.ts";
