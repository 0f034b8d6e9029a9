// Python's asyncore.socket_map: the default map of descriptors to dispatchers.

import type { Dispatcher } from "./dispatcher.ts";

/** A map of descriptors to dispatchers, as `loop`, `poll` and `Dispatcher` take. */
export type SocketMap = Map<number, Dispatcher>;

/**
 * Python's `asyncore.socket_map`: the map that dispatchers join and `loop()` polls when
 * no other map is given. A native socket's key is its synthetic descriptor (from 2^31 up;
 * see `@ipcnet/std/selectors`).
 *
 * @example
 * ```ts
 * import { Dispatcher, socketMap } from "@ipcnet/std/asyncore";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _b = b;
 * const d = new Dispatcher(a);
 * assert.equal([...socketMap.values()].includes(d), true);
 * d.close();
 * assert.equal([...socketMap.values()].includes(d), false);
 * ```
 */
export const socketMap: SocketMap = new Map();
