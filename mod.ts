/**
 * ipcnet: Python's chapter 18, "Interprocess Communication and Networking", as Deno
 * modules. Each module is a namespace here, because Python's names collide across
 * modules (`error`, `timeout`, `Event`); each is also importable on its own
 * (`@ipcnet/std/socket`).
 *
 * ```ts
 * import { socket } from "@ipcnet/std";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socket.socketpair();
 * using _a = a, _b = b;
 * await a.sendall(new Uint8Array([42]));
 * assert.deepEqual(await b.recv(1), new Uint8Array([42]));
 * ```
 *
 * @module
 */

export * as asynchat from "./asynchat/mod.ts";
export * as asyncio from "./asyncio/mod.ts";
export * as asyncore from "./asyncore/mod.ts";
export * as mmap from "./mmap/mod.ts";
export * as select from "./select/mod.ts";
export * as selectors from "./selectors/mod.ts";
export * as signal from "./signal/mod.ts";
export * as socket from "./socket/mod.ts";
export * as ssl from "./ssl/mod.ts";
