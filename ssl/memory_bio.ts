// Python's ssl.MemoryBIO: a byte queue that carries TLS records between an SSLObject and
// whatever transport the program uses. Entirely synchronous.

import { SSLError } from "./errors.ts";

const EMPTY = new Uint8Array(0);

/**
 * Python's `ssl.MemoryBIO`: an in-memory buffer of TLS records. An `SSLObject` reads what
 * arrived from the network from one (the incoming BIO) and writes what must be sent to
 * another (the outgoing BIO); the program moves bytes between them and its transport.
 *
 * @example
 * ```ts
 * import { MemoryBIO } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * const bio = new MemoryBIO();
 * bio.write(new Uint8Array([1, 2, 3]));
 * assert.equal(bio.pending, 3);
 * assert.deepEqual(bio.read(2), new Uint8Array([1, 2]));
 * bio.writeEof();
 * assert.equal(bio.eof, false); // one byte is still pending
 * bio.read();
 * assert.equal(bio.eof, true);
 * ```
 */
export class MemoryBIO {
  #chunks: Uint8Array[] = [];
  #pending = 0;
  #eofWritten = false;

  /** The number of bytes in the buffer. */
  get pending(): number {
    return this.#pending;
  }

  /** Whether `writeEof` was called and every byte has been read. */
  get eof(): boolean {
    return this.#eofWritten && this.#pending === 0;
  }

  /**
   * Reads up to `n` bytes (all of them when `n` is negative or omitted).
   *
   * @param n the most bytes to read
   * @returns the bytes, empty when the buffer is empty
   * @throws {TypeError} when `n` is not an integer
   */
  read(n = -1): Uint8Array {
    if (!Number.isInteger(n)) throw new TypeError("an integer is required");
    const want = n < 0 ? this.#pending : Math.min(n, this.#pending);
    if (want === 0) return EMPTY;
    const first = this.#chunks[0];
    if (first.length >= want) {
      this.#pending -= want;
      if (first.length === want) {
        this.#chunks.shift();
        return first;
      }
      this.#chunks[0] = first.subarray(want);
      return first.slice(0, want);
    }
    const out = new Uint8Array(want);
    let off = 0;
    while (off < want) {
      const chunk = this.#chunks[0];
      const k = Math.min(chunk.length, want - off);
      out.set(chunk.subarray(0, k), off);
      off += k;
      if (k === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(k);
    }
    this.#pending -= want;
    return out;
  }

  /**
   * Appends bytes to the buffer.
   *
   * @param data the bytes
   * @returns how many bytes were written (all of them)
   * @throws {SSLError} after `writeEof`
   * @throws {TypeError} when `data` is not bytes
   */
  write(data: ArrayBufferView): number {
    if (!ArrayBuffer.isView(data)) {
      throw new TypeError("a bytes-like object is required");
    }
    if (this.#eofWritten) throw new SSLError("cannot write() after write_eof()");
    if (data.byteLength === 0) return 0;
    this.#chunks.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice());
    this.#pending += data.byteLength;
    return data.byteLength;
  }

  /** Marks the end of the stream: after the pending bytes, readers see EOF. */
  writeEof(): void {
    this.#eofWritten = true;
  }
}
