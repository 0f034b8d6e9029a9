// Python's asynchat.simple_producer.

import type { Producer } from "./async_chat.ts";

const encoder = new TextEncoder();

/**
 * Python's `asynchat.simple_producer`: hands out `data` in chunks of `bufferSize` bytes,
 * for `AsyncChat.pushWithProducer`.
 *
 * @example
 * ```ts
 * import { SimpleProducer } from "@ipcnet/std/asynchat";
 * import assert from "node:assert/strict";
 *
 * const p = new SimpleProducer("hello world", 5);
 * const dec = new TextDecoder();
 * assert.deepEqual([p.more(), p.more(), p.more(), p.more()].map((b) => dec.decode(b)), [
 *   "hello",
 *   " worl",
 *   "d",
 *   "",
 * ]);
 * ```
 */
export class SimpleProducer implements Producer {
  /** What is left to hand out. */
  data: Uint8Array;
  /** The size of each chunk. */
  bufferSize: number;

  /**
   * Makes a producer.
   *
   * @param data the bytes (or a string, UTF-8 encoded)
   * @param bufferSize the chunk size (default 512)
   */
  constructor(data: Uint8Array | string, bufferSize: number = 512) {
    this.data = typeof data === "string" ? encoder.encode(data) : data;
    this.bufferSize = bufferSize;
  }

  /**
   * The next chunk; empty once everything was handed out.
   *
   * @returns the bytes
   */
  more(): Uint8Array {
    const result = this.data.subarray(0, this.bufferSize);
    this.data = this.data.subarray(result.length);
    return result;
  }
}
