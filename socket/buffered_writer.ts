// Python's io.BufferedWriter and io.BufferedRWPair over a SocketIO: what makefile("wb")
// and makefile("rwb") return.

import { ValueError } from "../_errors/mod.ts";
import {
  bytesOf,
  checkBufferSize,
  CLOSED,
  concatBytes,
  DEFAULT_BUFFER_SIZE,
  Mutex,
  wouldBlock,
} from "./_io_util.ts";
import { BufferedReader } from "./buffered_reader.ts";
import { UnsupportedOperation } from "./io_errors.ts";
import type { SocketIO } from "./socket_io.ts";
import type { AbortOptions } from "./socket.ts";

/**
 * Python's `io.BufferedWriter` over a `SocketIO`: what `makefile("wb")` returns. `write`
 * keeps bytes in memory until they exceed `bufferSize`; `flush()` (and `close()`) sends
 * them.
 *
 * @example Nothing is sent before flush
 * ```ts
 * import { MSG_DONTWAIT, socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * await using f = a.makefile("wb");
 * assert.equal(await f.write(new Uint8Array([1, 2, 3])), 3);
 * await assert.rejects(b.recv(10, MSG_DONTWAIT), { name: "BlockingIOError" });
 * await f.flush();
 * assert.deepEqual(await b.recv(10), new Uint8Array([1, 2, 3]));
 * ```
 */
export class BufferedWriter implements AsyncDisposable {
  /** The raw file underneath. */
  readonly raw: SocketIO;
  readonly #size: number;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  readonly #lock = new Mutex();

  /**
   * Wraps a writable raw file.
   *
   * @param raw a writable `SocketIO`
   * @param bufferSize bytes kept before they are sent
   * @throws {ValueError} when `bufferSize` is not positive
   */
  constructor(raw: SocketIO, bufferSize: number = DEFAULT_BUFFER_SIZE) {
    checkBufferSize(bufferSize);
    if (!raw.writable()) throw new UnsupportedOperation("File or stream is not writable.");
    this.raw = raw;
    this.#size = bufferSize;
  }

  /** Whether the file is closed. */
  get closed(): boolean {
    return this.raw.closed;
  }

  /** The raw file's mode, such as `"wb"`. */
  get mode(): string {
    return this.raw.mode;
  }

  /** The raw file's name (the descriptor, or -1). */
  get name(): number {
    return this.raw.name;
  }

  /** Whether the raw file is readable. @throws {ValueError} when closed */
  readable(): boolean {
    return this.raw.readable();
  }

  /** True. @throws {ValueError} when closed */
  writable(): boolean {
    return this.raw.writable();
  }

  /** Always false. @throws {ValueError} when closed */
  seekable(): boolean {
    return this.raw.seekable();
  }

  /** Always false. @throws {ValueError} when closed */
  isatty(): boolean {
    return this.raw.isatty();
  }

  /** The socket's descriptor. @throws {NotImplementedError} for a native socket */
  fileno(): number {
    return this.raw.fileno();
  }

  /**
   * Buffers a copy of `data`, sending the buffer first when `data` would overflow it.
   *
   * @returns the number of bytes accepted: all of them
   * @throws {ValueError} when closed
   * @throws {TypeError} when `data` is not bytes
   * @throws {BrokenPipeError} when the socket can no longer send
   */
  write(data: ArrayBufferView): Promise<number> {
    let bytes: Uint8Array;
    try {
      bytes = bytesOf(data).slice();
    } catch (err) {
      return Promise.reject(err);
    }
    return this.#run(async () => {
      if (this.#pendingBytes > 0 && this.#pendingBytes + bytes.length > this.#size) {
        await this.#flush();
      }
      if (bytes.length > 0) this.#pending.push(bytes);
      this.#pendingBytes += bytes.length;
      if (this.#pendingBytes > this.#size) await this.#flush();
      return bytes.length;
    });
  }

  /** Writes each of `lines`. */
  async writelines(lines: Iterable<ArrayBufferView>): Promise<void> {
    for (const line of lines) await this.write(line);
  }

  /**
   * Sends every buffered byte.
   *
   * @throws {ValueError} when closed
   * @throws {BlockingIOError} when a non-blocking socket cannot take them all (the rest
   *   stays buffered)
   * @throws {TimeoutError} when the socket's timeout passes (the rest stays buffered)
   */
  flush(): Promise<void> {
    return this.#run(() => this.#flush());
  }

  /**
   * Python's `read` of a write-only file.
   *
   * @throws {UnsupportedOperation} always (ValueError when closed)
   */
  read(_size?: number): Promise<Uint8Array> {
    return Promise.reject(this.closed ? new ValueError(CLOSED) : new UnsupportedOperation("read"));
  }

  /**
   * Python's `readline` of a write-only file.
   *
   * @throws {UnsupportedOperation} always (ValueError when closed)
   */
  readline(_size?: number): Promise<Uint8Array> {
    return this.read();
  }

  /**
   * Flushes, then closes the file (even when the flush fails, whose error is then
   * thrown); the socket stays open. Closing twice does nothing.
   */
  close(): Promise<void> {
    return this.#lock.run(async () => {
      if (this.raw.closed) return;
      try {
        await this.#flush();
      } finally {
        this.#pending = [];
        this.#pendingBytes = 0;
        this.raw.close();
      }
    });
  }

  /** Flushes and closes the file (`await using f = sock.makefile("wb")`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #run<T>(fn: () => Promise<T>): Promise<T> {
    return this.#lock.run(() => {
      if (this.raw.closed) throw new ValueError(CLOSED);
      return fn();
    });
  }

  async #flush(): Promise<void> {
    while (this.#pendingBytes > 0) {
      const data = concatBytes(this.#pending, this.#pendingBytes);
      this.#pending = [data];
      const sent = await this.raw.write(data);
      if (sent === null) throw wouldBlock("write could not complete without blocking");
      this.#pending = sent === data.length ? [] : [data.subarray(sent)];
      this.#pendingBytes -= sent;
    }
  }
}

/**
 * Python's `io.BufferedRWPair`: a `BufferedReader` and a `BufferedWriter` behind one
 * object, what `makefile("rwb")` returns. Reading and writing are buffered independently.
 *
 * @example A request and its answer
 * ```ts
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * await using f = a.makefile("rwb");
 * await f.write(new TextEncoder().encode("ping\n"));
 * await f.flush();
 * assert.deepEqual(await b.recv(5), new TextEncoder().encode("ping\n"));
 * await b.sendall(new TextEncoder().encode("pong\n"));
 * assert.deepEqual(await f.readline(), new TextEncoder().encode("pong\n"));
 * ```
 */
export class BufferedRWPair implements AsyncDisposable, AsyncIterable<Uint8Array> {
  readonly #reader: BufferedReader;
  readonly #writer: BufferedWriter;

  /**
   * Pairs a buffered reader and a buffered writer.
   *
   * @param reader the readable raw file
   * @param writer the writable raw file (the same one for a socket)
   * @param bufferSize the size of each buffer
   */
  constructor(reader: SocketIO, writer: SocketIO, bufferSize: number = DEFAULT_BUFFER_SIZE) {
    this.#reader = new BufferedReader(reader, bufferSize);
    this.#writer = new BufferedWriter(writer, bufferSize);
  }

  /** Whether the file is closed. */
  get closed(): boolean {
    return this.#writer.closed;
  }

  /** The raw file's mode, `"rwb"` (Python's `BufferedRWPair` has no `mode`). */
  get mode(): string {
    return this.#writer.mode;
  }

  /** The raw file's name (Python's `BufferedRWPair` has no `name`). */
  get name(): number {
    return this.#writer.name;
  }

  /** Whether the reading side is readable. @throws {ValueError} when closed */
  readable(): boolean {
    return this.#reader.readable();
  }

  /** Whether the writing side is writable. @throws {ValueError} when closed */
  writable(): boolean {
    return this.#writer.writable();
  }

  /** Always false. */
  seekable(): boolean {
    return false;
  }

  /** Always false. @throws {ValueError} when closed */
  isatty(): boolean {
    return this.#writer.isatty();
  }

  /** The socket's descriptor. @throws {NotImplementedError} for a native socket */
  fileno(): number {
    return this.#writer.fileno();
  }

  /** `BufferedReader.read`. */
  read(size = -1, options?: AbortOptions): Promise<Uint8Array> {
    return this.#reader.read(size, options);
  }

  /** `BufferedReader.read1`. */
  read1(size = -1, options?: AbortOptions): Promise<Uint8Array> {
    return this.#reader.read1(size, options);
  }

  /** `BufferedReader.readinto`. */
  readinto(buffer: ArrayBufferView, options?: AbortOptions): Promise<number> {
    return this.#reader.readinto(buffer, options);
  }

  /** `BufferedReader.readinto1`. */
  readinto1(buffer: ArrayBufferView, options?: AbortOptions): Promise<number> {
    return this.#reader.readinto1(buffer, options);
  }

  /** `BufferedReader.readline`. */
  readline(size = -1, options?: AbortOptions): Promise<Uint8Array> {
    return this.#reader.readline(size, options);
  }

  /** `BufferedReader.readlines`. */
  readlines(hint = -1, options?: AbortOptions): Promise<Uint8Array[]> {
    return this.#reader.readlines(hint, options);
  }

  /** `BufferedReader.peek`. */
  peek(size = 0, options?: AbortOptions): Promise<Uint8Array> {
    return this.#reader.peek(size, options);
  }

  /** `BufferedWriter.write`. */
  write(data: ArrayBufferView): Promise<number> {
    return this.#writer.write(data);
  }

  /** `BufferedWriter.writelines`. */
  writelines(lines: Iterable<ArrayBufferView>): Promise<void> {
    return this.#writer.writelines(lines);
  }

  /** `BufferedWriter.flush`. */
  flush(): Promise<void> {
    return this.#writer.flush();
  }

  /** Flushes and closes the writer, then closes the reader; the socket stays open. */
  async close(): Promise<void> {
    try {
      await this.#writer.close();
    } finally {
      this.#reader.close();
    }
  }

  /** Flushes and closes the file (`await using f = sock.makefile("rwb")`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Yields lines until end of stream. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return this.#reader[Symbol.asyncIterator]();
  }
}
