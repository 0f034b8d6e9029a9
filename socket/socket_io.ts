// Python's socket.SocketIO: the raw binary file over a socket that makefile's buffered
// and text files read and write through.

import { BlockingIOError, OSError, TimeoutError, ValueError } from "../_errors/mod.ts";
import {
  bytesOf,
  checkInt,
  CLOSED,
  concatBytes,
  EMPTY,
  lines,
  MAX_RAW_READ,
  READALL_CHUNK,
  readlines,
  viewOf,
} from "./_io_util.ts";
import { shareSocket } from "./_core_access.ts";
import { UnsupportedOperation } from "./io_errors.ts";
import type { AbortOptions, Socket } from "./socket.ts";

// A file that is garbage-collected unclosed gives its handle back, as CPython's file
// objects close when collected; code should still close its files.
const FORGOTTEN = new FinalizationRegistry<Socket>((sock) => sock.close());

/**
 * Python's `socket.SocketIO`: the raw, unbuffered binary file over a socket, which
 * `makefile("rb", { buffering: 0 })` returns and the buffered files read and write
 * through. It holds its own handle on the socket (as Python's holds the socket), so closing the socket keeps
 * the connection open until the file is closed too; closing the file leaves the socket
 * open. Each call uses the socket's current timeout. A read that times out makes every
 * later read throw `OSError("cannot read from timed out object")`, as in Python.
 *
 * In non-blocking mode a call that would wait resolves to `null`, as Python's returns None.
 *
 * @example Unbuffered reads
 * ```ts
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * using raw = a.makefile("rb", { buffering: 0 });
 * await b.sendall(new TextEncoder().encode("line one\nrest"));
 * assert.deepEqual(await raw.readline(), new TextEncoder().encode("line one\n"));
 * assert.deepEqual(await raw.read(4), new TextEncoder().encode("rest"));
 * ```
 */
export class SocketIO implements Disposable, AsyncDisposable, AsyncIterable<Uint8Array> {
  readonly #owner: Socket;
  #sock: Socket | null;
  readonly #mode: string;
  #timedOut = false;

  /**
   * Opens a raw file on `sock`.
   *
   * @param sock the socket; the file takes its own handle on it
   * @param mode `"r"`, `"w"`, `"rw"`, optionally followed by `"b"`
   * @throws {ValueError} for another mode
   * @throws {OSError} EBADF when the socket is closed
   */
  constructor(sock: Socket, mode: string) {
    if (!["r", "w", "rw", "rb", "wb", "rwb"].includes(mode)) {
      throw new ValueError(`invalid mode: '${mode}'`);
    }
    this.#owner = sock;
    this.#sock = shareSocket(sock);
    this.#mode = mode.endsWith("b") ? mode : mode + "b";
    FORGOTTEN.register(this, this.#sock, this);
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#sock === null;
  }

  /** `"rb"`, `"wb"` or `"rwb"`. */
  get mode(): string {
    return this.#mode;
  }

  /** Python's `name`: the descriptor, or -1 when closed or when the socket has none. */
  get name(): number {
    try {
      return this.#sock?.fileno() ?? -1;
    } catch {
      return -1;
    }
  }

  /** Whether the file was opened for reading. @throws {ValueError} when closed */
  readable(): boolean {
    this.#live();
    return this.#mode.includes("r");
  }

  /** Whether the file was opened for writing. @throws {ValueError} when closed */
  writable(): boolean {
    this.#live();
    return this.#mode.includes("w");
  }

  /** Always false: a socket cannot seek. @throws {ValueError} when closed */
  seekable(): boolean {
    this.#live();
    return false;
  }

  /** Always false. @throws {ValueError} when closed */
  isatty(): boolean {
    this.#live();
    return false;
  }

  /**
   * The socket's descriptor.
   *
   * @throws {ValueError} when closed
   * @throws {NotImplementedError} for a native socket, which has none
   */
  fileno(): number {
    return this.#live().fileno();
  }

  /**
   * One `recv`: up to `size` bytes (empty at end of stream), or until end of stream when
   * `size` is negative.
   *
   * @returns the bytes, or `null` when a non-blocking socket has none
   * @throws {UnsupportedOperation} when not readable
   * @throws {TimeoutError} when the socket's timeout passes first
   */
  async read(size = -1, options?: AbortOptions): Promise<Uint8Array | null> {
    checkInt(size);
    if (size < 0) return await this.readall(options);
    const sock = this.#readable();
    try {
      return await sock.recv(Math.min(size, MAX_RAW_READ), 0, options);
    } catch (err) {
      if (err instanceof TimeoutError) this.#timedOut = true;
      else if (err instanceof BlockingIOError) return null;
      throw err;
    }
  }

  /** Reads until end of stream (`null` when a non-blocking socket has nothing). */
  async readall(options?: AbortOptions): Promise<Uint8Array | null> {
    const parts: Uint8Array[] = [];
    for (;;) {
      const part = await this.read(READALL_CHUNK, options);
      if (part === null && parts.length === 0) return null;
      if (part === null || part.length === 0) return concatBytes(parts.length ? parts : [EMPTY]);
      parts.push(part);
    }
  }

  /**
   * One `recv_into`: reads into `buffer`.
   *
   * @returns the byte count (0 at end of stream), or `null` when it would block
   */
  async readinto(buffer: ArrayBufferView, options?: AbortOptions): Promise<number | null> {
    const target = viewOf(buffer, "readinto");
    const data = await this.read(target.length, options);
    if (data === null) return null;
    target.set(data);
    return data.length;
  }

  /** Reads up to and including "\n", byte by byte, as Python's `IOBase.readline`. */
  async readline(size = -1, options?: AbortOptions): Promise<Uint8Array> {
    checkInt(size);
    const parts: Uint8Array[] = [];
    while (size < 0 || parts.length < size) {
      const b = await this.read(1, options);
      if (b === null || b.length === 0) break;
      parts.push(b);
      if (b[0] === 0x0a) break;
    }
    return concatBytes(parts.length ? parts : [EMPTY]);
  }

  /** Reads lines until end of stream, or until they hold `hint` bytes when `hint` > 0. */
  readlines(hint = -1, options?: AbortOptions): Promise<Uint8Array[]> {
    return readlines((o) => this.readline(-1, o), hint, options);
  }

  /**
   * One `send`.
   *
   * @returns how many bytes were sent, or `null` when a non-blocking socket is full
   * @throws {UnsupportedOperation} when not writable
   */
  async write(data: ArrayBufferView): Promise<number | null> {
    const bytes = bytesOf(data);
    const sock = this.#live();
    if (!this.#mode.includes("w")) {
      throw new UnsupportedOperation("File or stream is not writable.");
    }
    sock.settimeout(this.#owner.gettimeout());
    try {
      return await sock.send(bytes);
    } catch (err) {
      if (err instanceof BlockingIOError) return null;
      throw err;
    }
  }

  /** Writes each of `lines` with `write` (one `send` each). */
  async writelines(lines: Iterable<ArrayBufferView>): Promise<void> {
    for (const line of lines) await this.write(line);
  }

  /** Does nothing: the raw file has no buffer. @throws {ValueError} when closed */
  flush(): void {
    this.#live();
  }

  /** Closes the file's handle on the socket (the socket itself stays open). */
  close(): void {
    const sock = this.#sock;
    this.#sock = null;
    FORGOTTEN.unregister(this);
    sock?.close();
  }

  /** Closes the file (`using f = sock.makefile("rb", { buffering: 0 })`). */
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

  #live(): Socket {
    if (this.#sock === null) throw new ValueError(CLOSED);
    return this.#sock;
  }

  #readable(): Socket {
    const sock = this.#live();
    if (!this.#mode.includes("r")) {
      throw new UnsupportedOperation("File or stream is not readable.");
    }
    if (this.#timedOut) throw new OSError("cannot read from timed out object");
    sock.settimeout(this.#owner.gettimeout());
    return sock;
  }
}
