/**
 * Python's `asynchat` module (asynchronous socket command/response handler), for Deno:
 * {@link https://docs.python.org/3.6/library/asynchat.html}.
 *
 * **Deprecated**, as in Python (3.6; removed in 3.12): use `@ipcnet/std/asyncio` streams
 * for new code. Kept because it is part of the chapter.
 *
 * `AsyncChat` (an `asyncore` dispatcher that splits input at a terminator and sends from a
 * queue of buffers and producers), `SimpleProducer` and `findPrefixAtEnd`.
 *
 * Differences from CPython (the module's README has the full table):
 * - String terminators and `push` of a string are UTF-8 encoded (Python needs bytes, or
 *   `use_encoding`).
 * - `foundTerminator` may be `async`: input goes on once it has settled.
 * - Sends are serialised: a `push` while a send is under way queues behind it.
 *
 * Permissions: those of the sockets used (`--allow-net`; `--allow-ffi` for kernel ones).
 *
 * ```ts
 * import { AsyncChat } from "@ipcnet/std/asynchat";
 * import { loop } from "@ipcnet/std/asyncore";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const lengths: number[] = [];
 * class Records extends AsyncChat {
 *   #size = 0;
 *   override collectIncomingData(data: Uint8Array): void {
 *     this.#size += data.length;
 *   }
 *   override foundTerminator(): void {
 *     lengths.push(this.#size);
 *     this.#size = 0;
 *     this.setTerminator(4); // then fixed-size records
 *   }
 * }
 * const [a, b] = socketpair();
 * const map = new Map();
 * new Records(a, map).setTerminator("\r\n");
 * await b.sendall(new TextEncoder().encode("header\r\nabcdefgh"));
 * b.close();
 * await loop({ map, timeout: 1 });
 * assert.deepEqual(lengths, [6, 4, 4]);
 * ```
 *
 * CPython's `asynchat.py` maps to `async_chat.ts`, `simple_producer.ts` and
 * `find_prefix_at_end.ts`.
 *
 * @deprecated Use `@ipcnet/std/asyncio` streams.
 *
 * @module
 */

export * from "./async_chat.ts";
export * from "./find_prefix_at_end.ts";
export * from "./simple_producer.ts";
export type * from "./asyncore_names.ts";
