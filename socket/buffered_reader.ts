// Python's io.BufferedReader over a SocketIO: what makefile("rb") returns.

import { ValueError } from "../_errors/mod.ts";
import {
  checkBufferSize,
  checkInt,
  CLOSED,
  concatBytes,
  DEFAULT_BUFFER_SIZE,
  EMPTY,
  lines,
  MAX_RAW_READ,
  Mutex,
  READALL_CHUNK,
  readlines,
  viewOf,
  wouldBlock,
} from "./_io_util.ts";
import { UnsupportedOperation } from "./io_errors.ts";
import type { SocketIO } from "./socket_io.ts";
import type { AbortOptions } from "./socket.ts";

/**
 * Python's `io.BufferedReader` over a `SocketIO`: what `makefile("rb")` returns. It reads
 * from the socket `bufferSize` bytes at a time and serves `read`, `readline`, `peek`, ...
 * from its buffer. `read(n)` resolves to exactly `n` bytes unless the stream ends first.
 *
 * Each reading method takes a last `{ signal }` option; aborting it rejects the call with
 * `signal.reason` and loses no byte.
 *
 * @example Lines and exact reads
 * ```ts
 * import { SHUT_WR, socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * using f = a.makefile("rb");
 * const enc = new TextEncoder();
 * await b.sendall(enc.encode("GET / HTTP/1.0\r\n"));
 * await b.sendall(enc.encode("Host: x\r\n\r\nbody"));
 * await b.shutdown(SHUT_WR);
 * assert.deepEqual(await f.readline(), enc.encode("GET / HTTP/1.0\r\n"));
 * assert.deepEqual(await f.read(9), enc.encode("Host: x\r\n"));
 * assert.deepEqual(await f.read(), enc.encode("\r\nbody"));
 * ```
 */
export class BufferedReader implements Disposable, AsyncDisposable, AsyncIterable<Uint8Array> {
  /** The raw file underneath. */
  readonly raw: SocketIO;
  readonly #size: number;
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  readonly #lock = new Mutex();

  /**
   * Wraps a readable raw file.
   *
   * @param raw a readable `SocketIO`
   * @param bufferSize bytes read from the socket at a time
   * @throws {ValueError} when `bufferSize` is not positive
   */
  constructor(raw: SocketIO, bufferSize: number = DEFAULT_BUFFER_SIZE) {
    checkBufferSize(bufferSize);
    if (!raw.readable()) throw new UnsupportedOperation("File or stream is not readable.");
    this.raw = raw;
    this.#size = bufferSize;
  }

  /** Whether the file is closed. */
  get closed(): boolean {
    return this.raw.closed;
  }

  /** The raw file's mode, such as `"rb"`. */
  get mode(): string {
    return this.raw.mode;
  }

  /** The raw file's name (the descriptor, or -1). */
  get name(): number {
    return this.raw.name;
  }

  /** True. @throws {ValueError} when closed */
  readable(): boolean {
    return this.raw.readable();
  }

  /** Whether the raw file is writable. @throws {ValueError} when closed */
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
   * Reads `size` bytes, fewer only at end of stream; with a negative `size`, until end of
   * stream.
   *
   * @throws {ValueError} when closed
   * @throws {TimeoutError} when the socket's timeout passes during one of the reads
   * @throws {BlockingIOError} when a non-blocking socket has no byte at all
   */
  read(size = -1, options?: AbortOptions): Promise<Uint8Array> {
    return this.#run(async () => {
      checkInt(size);
      const all = size < 0;
      while (all || this.#buffered < size) {
        const want = all ? Math.max(this.#size, READALL_CHUNK) : size - this.#buffered;
        if (!await this.#fill(Math.max(want, this.#size), options)) break;
      }
      return this.#take(all ? this.#buffered : Math.min(size, this.#buffered));
    }, options);
  }

  /**
   * Reads at most `size` bytes (the buffer size when negative) with at most one read of the
   * socket: what is buffered, or else what one `recv` gives.
   */
  read1(size = -1, options?: AbortOptions): Promise<Uint8Array> {
    return this.#run(async () => {
      checkInt(size);
      if (size < 0) size = this.#size;
      if (size > 0 && this.#buffered === 0) await this.#fill(Math.max(size, this.#size), options);
      return this.#take(Math.min(size, this.#buffered));
    }, options);
  }

  /** Fills `buffer` as `read(buffer.byteLength)` would. @returns the byte count */
  async readinto(buffer: ArrayBufferView, options?: AbortOptions): Promise<number> {
    const target = viewOf(buffer, "readinto");
    const data = await this.read(target.length, options);
    target.set(data);
    return data.length;
  }

  /** Reads into `buffer` as `read1(buffer.byteLength)` would. @returns the byte count */
  async readinto1(buffer: ArrayBufferView, options?: AbortOptions): Promise<number> {
    const target = viewOf(buffer, "readinto1");
    const data = target.length === 0 ? EMPTY : await this.read1(target.length, options);
    target.set(data);
    return data.length;
  }

  /**
   * Reads one line, up to and including "\n", or at most `size` bytes when `size` is not
   * negative. An empty array means end of stream.
   */
  readline(size = -1, options?: AbortOptions): Promise<Uint8Array> {
    return this.#run(async () => {
      checkInt(size);
      let scanned = 0;
      for (;;) {
        const end = size < 0 ? this.#buffered : Math.min(this.#buffered, size);
        const nl = this.#indexOf(0x0a, scanned, end);
        if (nl >= 0) return this.#take(nl + 1);
        if (size >= 0 && this.#buffered >= size) return this.#take(size);
        scanned = end;
        if (!await this.#fill(this.#size, options)) return this.#take(this.#buffered);
      }
    }, options);
  }

  /** Reads lines until end of stream, or until they hold `hint` bytes when `hint` > 0. */
  readlines(hint = -1, options?: AbortOptions): Promise<Uint8Array[]> {
    return readlines((o) => this.readline(-1, o), hint, options);
  }

  /**
   * The buffered bytes, without consuming them; reads the socket once if the buffer is
   * empty. Resolves to at least one byte unless the stream has ended (`size` is ignored,
   * as Python's is).
   */
  peek(size = 0, options?: AbortOptions): Promise<Uint8Array> {
    return this.#run(async () => {
      checkInt(size);
      if (this.#buffered === 0) await this.#fill(this.#size, options);
      if (this.#chunks.length > 1) this.#chunks = [concatBytes(this.#chunks, this.#buffered)];
      return this.#chunks[0]?.slice() ?? EMPTY;
    }, options);
  }

  /**
   * Python's `write` of a read-only file.
   *
   * @throws {UnsupportedOperation} always (ValueError when closed)
   */
  write(_data: ArrayBufferView): Promise<number> {
    return Promise.reject(this.closed ? new ValueError(CLOSED) : new UnsupportedOperation("write"));
  }

  /** Does nothing: a reader has nothing to flush. @throws {ValueError} when closed */
  flush(): void {
    this.raw.flush();
  }

  /** Closes the file; the socket stays open. Closing twice does nothing. */
  close(): void {
    this.#chunks = [];
    this.#buffered = 0;
    this.raw.close();
  }

  /** Closes the file (`using f = sock.makefile("rb")`). */
  [Symbol.dispose](): void {
    this.close();
  }

  /** Closes the file. */
  [Symbol.asyncDispose](): Promise<void> {
    this.close();
    return Promise.resolve();
  }

  /** Yields lines until end of stream. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return lines(() => this.readline());
  }

  #run<T>(fn: () => Promise<T>, options: AbortOptions | undefined): Promise<T> {
    return this.#lock.run(() => {
      if (this.raw.closed) throw new ValueError(CLOSED);
      return fn();
    }, options?.signal);
  }

  // Reads the socket once. False at end of stream, or when a non-blocking socket has
  // nothing and something is buffered; throws BlockingIOError when nothing is.
  async #fill(size: number, options: AbortOptions | undefined): Promise<boolean> {
    const chunk = await this.raw.read(Math.min(size, MAX_RAW_READ), options);
    if (chunk === null) {
      if (this.#buffered === 0) throw wouldBlock("read could not complete without blocking");
      return false;
    }
    if (chunk.length === 0) return false;
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    return true;
  }

  #take(n: number): Uint8Array {
    if (n === 0) return EMPTY;
    const parts: Uint8Array[] = [];
    let left = n;
    while (left > 0) {
      const chunk = this.#chunks[0];
      if (chunk.length <= left) {
        parts.push(chunk);
        this.#chunks.shift();
        left -= chunk.length;
      } else {
        parts.push(chunk.subarray(0, left));
        this.#chunks[0] = chunk.subarray(left);
        left = 0;
      }
    }
    this.#buffered -= n;
    return concatBytes(parts, n);
  }

  #indexOf(byte: number, from: number, to: number): number {
    let base = 0;
    for (const chunk of this.#chunks) {
      if (base >= to) break;
      if (base + chunk.length > from) {
        const start = Math.max(0, from - base);
        const i = chunk.subarray(start, Math.min(chunk.length, to - base)).indexOf(byte);
        if (i >= 0) return base + start + i;
      }
      base += chunk.length;
    }
    return -1;
  }
}
