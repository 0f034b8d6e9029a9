// A connected stream socket on a native connection (Deno.TcpConn, Deno.UnixConn,
// Deno.TlsConn, a node:net adapter or an in-memory pair).
//
// Reading: at most one read is in flight. A call that gives up (timeout, abort,
// non-blocking) leaves it running and its bytes stay buffered for the next call, because
// Deno cannot cancel one read without closing the connection. A plain recv(n) reads into
// a buffer of exactly n bytes, so the kernel keeps what nobody asked for (and closing with
// unread data still resets the connection); only readiness reads ahead.
//
// Writing: writes run one after another on a chain, so concurrent sendall calls never
// interleave. Non-blocking sends queue a copy up to a high-water mark, as a kernel send
// buffer would, and a failed background write is reported by the next call.

import {
  BlockingIOError,
  fromDenoError,
  NotImplementedError,
  osError,
  ValueError,
} from "../_errors/mod.ts";
import { ERRNO } from "../_ffi/errno.ts";
import { MSG_DONTWAIT, MSG_OOB, MSG_PEEK, MSG_WAITALL, SHUT_RD, SHUT_RDWR } from "./constants.ts";
import { kReadyNow, kWaitReady, type NativeReadiness, type ReadinessKind } from "./readiness.ts";
import { deadlineOf, remaining, waitFor } from "./_wait.ts";
import { concatBytes } from "./_io_util.ts";

/** The connection shape every native stream provides (Deno.Conn's own methods). */
export interface ByteConn {
  read(p: Uint8Array): Promise<number | null>;
  write(p: Uint8Array): Promise<number>;
  closeWrite(): Promise<void>;
  close(): void;
  readonly localAddr: Deno.Addr;
  readonly remoteAddr: Deno.Addr;
  setNoDelay?(noDelay?: boolean): void;
  setKeepAlive?(keepAlive?: boolean): void;
}

/** How one call may wait: `timeout` 0 never waits, null waits forever. */
export interface IoMode {
  timeout: number | null;
  signal?: AbortSignal;
}

/** Bytes a readiness check reads ahead. */
const READ_AHEAD = 64 * 1024;
/** The largest single read; a kernel rarely holds more than this for one socket. */
const MAX_READ = 4 * 1024 * 1024;
/** Size of the pooled buffers that large non-blocking sends copy into. */
const SEND_POOL_SIZE = 64 * 1024;
/** Sends smaller than this copy into a buffer of their own size. */
const SEND_POOL_MIN = 16 * 1024;
/** Bytes queued by non-blocking sends before `send` reports EAGAIN. */
const SEND_HIGH_WATER = 256 * 1024;

const EMPTY = new Uint8Array(0);

export class StreamChannel implements NativeReadiness {
  /** Sockets sharing this connection (`dup`); the connection closes with the last. */
  refs = 1;
  readonly conn: ByteConn;

  #chunks: Uint8Array[] = [];
  #buffered = 0;
  #eof = false;
  #readError: unknown = undefined;
  #inflight: Promise<unknown> | null = null;
  #scratch: Uint8Array | null = null;
  /** Read-ahead buffers that recv() handed out views of: never reused. */
  #exposed = new WeakSet<ArrayBufferLike>();
  #sendPool: Uint8Array[] = [];
  #readShut = false;

  #writeChain: Promise<unknown> | null = null;
  #queued = 0;
  #writeError: unknown = undefined;
  #writeShut = false;
  #drained: (() => void)[] = [];
  #closed = false;

  constructor(conn: ByteConn) {
    this.conn = conn;
  }

  /** Python's recv: up to `n` bytes, empty at end of stream. */
  recv(n: number, flags: number, mode: IoMode): Promise<Uint8Array> {
    if (flags === 0 && n > 0 && this.#plain(mode)) {
      if (this.#buffered > 0) return Promise.resolve(this.#take(n, false));
      if (this.#inflight === null && !this.#readable()) {
        // Read exactly what was asked for, into a buffer that becomes the result.
        const buf = new Uint8Array(Math.min(n, MAX_READ));
        return this.#direct(
          buf,
          (k) => k === 0 ? EMPTY : k * 2 < buf.length ? buf.slice(0, k) : buf.subarray(0, k),
        );
      }
    }
    return this.#recvSlow(n, flags, mode);
  }

  /** Python's recv_into: reads into `target`, returning the count (0 at end of stream). */
  recvInto(target: Uint8Array, flags: number, mode: IoMode): Promise<number> {
    if (flags === 0 && target.length > 0 && this.#plain(mode)) {
      if (this.#buffered > 0) return Promise.resolve(this.#takeInto(target, false));
      if (this.#inflight === null && !this.#readable()) {
        // Nothing can be lost by reading straight into the caller's buffer: no timeout or
        // abort can leave this read behind.
        return this.#direct(target.subarray(0, Math.min(target.length, MAX_READ)), (k) => k);
      }
    }
    return this.#recvIntoSlow(target, flags, mode);
  }

  /** Python's send: writes some of `data`, returning how many bytes were taken. */
  send(data: Uint8Array, flags: number, mode: IoMode): Promise<number> {
    try {
      checkFlags(flags);
      this.#checkWritable();
      if (mode.timeout === 0 || flags & MSG_DONTWAIT) return Promise.resolve(this.#queue(data));
    } catch (err) {
      return Promise.reject(err);
    }
    return waitFor(this.#chain(() => this.conn.write(data)), mode.timeout, mode.signal);
  }

  /** Python's sendall: writes all of `data` (one deadline for the whole call). */
  sendall(data: Uint8Array, flags: number, mode: IoMode): Promise<void> {
    try {
      checkFlags(flags);
      this.#checkWritable();
      if (mode.timeout === 0 || flags & MSG_DONTWAIT) {
        // Python's non-blocking sendall raises EAGAIN once the buffer is full.
        let off = 0;
        while (off < data.length) off += this.#queue(data.subarray(off));
        return Promise.resolve();
      }
    } catch (err) {
      return Promise.reject(err);
    }
    return waitFor(this.#chain(() => writeAll(this.conn, data)), mode.timeout, mode.signal);
  }

  /** Python's shutdown. */
  async shutdown(how: number): Promise<void> {
    if (how === SHUT_RD || how === SHUT_RDWR) {
      this.#readShut = true;
    }
    if (how !== SHUT_RD && !this.#writeShut) {
      this.#writeShut = true;
      await this.#chain(() => this.conn.closeWrite());
    }
  }

  /**
   * Drops one reference. The last one closes the connection, after the bytes that
   * non-blocking sends queued have gone out, as a kernel keeps sending after close().
   */
  release(): void {
    if (--this.refs > 0 || this.#closed) return;
    this.#closed = true;
    const pending = this.#queued > 0 ? this.#writeChain : null;
    if (pending) pending.then(() => this.#closeConn(), () => this.#closeConn());
    else this.#closeConn();
  }

  /**
   * Hands the connection over (to a TLS layer, for `wrapSocket`) with the bytes already
   * read ahead, after queued writes have gone out. This channel is closed afterwards
   * without closing the connection.
   *
   * @throws {ValueError} while a read is in flight, which nothing can cancel
   */
  async detach(): Promise<{ conn: ByteConn; buffered: Uint8Array }> {
    if (this.#inflight) {
      throw new ValueError("cannot hand over a connection while a read on it is pending");
    }
    while (this.#writeChain) await this.#writeChain.then(noop, noop);
    const buffered = this.#buffered > 0 ? this.#take(this.#buffered, false) : EMPTY;
    this.#closed = true;
    this.refs = 0;
    return { conn: this.conn, buffered: buffered.slice() };
  }

  /** Whether the connection is closed. */
  get closed(): boolean {
    return this.#closed;
  }

  // --- ssl hook: SSLSocket.pending() counts the plaintext read ahead here ---
  /** Bytes read ahead and not yet received. */
  get buffered(): number {
    return this.#buffered;
  }
  // --- end of ssl hook ---

  [kReadyNow](kind: ReadinessKind): boolean {
    if (kind === "write") return this.#queued < SEND_HIGH_WATER;
    if (this.#readable()) return true;
    void this.#fill(READ_AHEAD);
    return false;
  }

  async [kWaitReady](kind: ReadinessKind, signal: AbortSignal): Promise<void> {
    if (kind === "write") {
      while (this.#queued >= SEND_HIGH_WATER) {
        await waitFor(new Promise<void>((r) => this.#drained.push(r)), null, signal);
      }
      return;
    }
    while (!this.#readable()) await waitFor(this.#fill(READ_AHEAD), null, signal);
  }

  #readable(): boolean {
    return this.#buffered > 0 || this.#eof || this.#readShut || this.#readError !== undefined ||
      this.#closed;
  }

  async #waitReadable(size: number, mode: IoMode): Promise<void> {
    if (this.#readable()) return this.#throwReadError();
    if (mode.timeout === 0) {
      void this.#fill(READ_AHEAD);
      throw new BlockingIOError(ERRNO.EAGAIN);
    }
    // A read that a timeout or an abort may leave behind takes all that is there, so the
    // next call sees every byte that had arrived, as it would from the kernel.
    if (mode.timeout !== null || mode.signal) size = Math.max(size, READ_AHEAD);
    const deadline = deadlineOf(mode.timeout);
    do {
      await waitFor(this.#fill(size), remaining(deadline), mode.signal);
    } while (!this.#readable());
    this.#throwReadError();
  }

  async #recvAll(n: number, mode: IoMode): Promise<Uint8Array> {
    const deadline = deadlineOf(mode.timeout);
    const parts: Uint8Array[] = [];
    let got = 0;
    while (got < n) {
      const part = await this.recv(n - got, 0, {
        timeout: remaining(deadline),
        signal: mode.signal,
      });
      if (part.length === 0) break;
      parts.push(part);
      got += part.length;
    }
    return concatBytes(parts, got);
  }

  #throwReadError(): void {
    if (this.#closed) throw osError("EBADF");
    if (this.#readError === undefined || this.#buffered > 0) return;
    const err = this.#readError;
    // A reset is reported once; afterwards the stream reads as ended, as a kernel socket does.
    this.#readError = undefined;
    this.#eof = true;
    throw err;
  }

  // Starts a read into the buffer queue unless one is in flight. The promise never
  // rejects: errors are kept for the next call (a direct read's error goes to its caller).
  #fill(size: number): Promise<unknown> {
    if (this.#inflight) return this.#inflight.then(noop, noop);
    // One reusable buffer (of READ_AHEAD at most) per connection: a small read is copied
    // out of it; a large one takes it over, and comes back when recvInto has copied it all
    // out (#takeInto), so that steady reads neither allocate nor zero a fresh 64 KiB.
    let buf = this.#scratch;
    if (buf === null || buf.length < size) buf = new Uint8Array(size);
    else if (buf.length > size) buf = buf.subarray(0, size);
    this.#scratch = null;
    const read = this.conn.read(buf).then(
      (n) => {
        const small = n !== null && n * 2 < buf.length;
        if ((small || n === null) && buf.length <= READ_AHEAD) this.#scratch = buf;
        this.#onRead(n, n === null ? null : small ? buf.slice(0, n) : buf);
      },
      (err) => {
        if (buf.length <= READ_AHEAD) this.#scratch = buf;
        this.#onReadError(err);
      },
    );
    this.#inflight = read;
    return read;
  }

  #plain(mode: IoMode): boolean {
    return mode.timeout === null && mode.signal === undefined;
  }

  // One read straight into `buf`; its result goes to this caller only.
  #direct<T>(buf: Uint8Array, result: (n: number) => T): Promise<T> {
    const read = this.conn.read(buf).then(
      (n) => {
        this.#inflight = null;
        if (n === null) this.#eof = true;
        return result(n ?? 0);
      },
      (err) => {
        this.#onReadError(err);
        this.#throwReadError();
        return result(0);
      },
    );
    this.#inflight = read;
    return read;
  }

  async #recvSlow(n: number, flags: number, mode: IoMode): Promise<Uint8Array> {
    checkFlags(flags);
    if (n === 0) return EMPTY;
    const peek = (flags & MSG_PEEK) !== 0;
    if (flags & MSG_WAITALL && !peek) return await this.#recvAll(n, mode);
    await this.#waitReadable(Math.min(n, MAX_READ), withFlags(mode, flags));
    return this.#buffered > 0 ? this.#take(n, peek) : EMPTY;
  }

  async #recvIntoSlow(target: Uint8Array, flags: number, mode: IoMode): Promise<number> {
    checkFlags(flags);
    if (target.length === 0) return 0;
    await this.#waitReadable(Math.min(target.length, MAX_READ), withFlags(mode, flags));
    return this.#buffered > 0 ? this.#takeInto(target, (flags & MSG_PEEK) !== 0) : 0;
  }

  // Copies buffered bytes into `target`. A read-ahead buffer copied out to its end comes
  // back for the next read, unless recv() ever handed part of it out as a view.
  #takeInto(target: Uint8Array, peek: boolean): number {
    const total = Math.min(target.length, this.#buffered);
    let off = 0;
    for (let i = 0; off < total;) {
      const chunk = this.#chunks[i];
      const k = Math.min(chunk.length, total - off);
      target.set(k === chunk.length ? chunk : chunk.subarray(0, k), off);
      off += k;
      if (peek) {
        i++;
      } else if (k < chunk.length) {
        this.#chunks[0] = chunk.subarray(k);
      } else {
        this.#chunks.shift();
        const buf = chunk.buffer;
        if (this.#scratch === null && buf.byteLength === READ_AHEAD && !this.#exposed.has(buf)) {
          this.#scratch = new Uint8Array(buf);
        }
      }
    }
    if (!peek) this.#buffered -= total;
    return total;
  }

  #onRead(n: number | null, chunk: Uint8Array | null): void {
    this.#inflight = null;
    if (n === null) {
      this.#eof = true;
    } else if (chunk !== null && n > 0) {
      this.#chunks.push(chunk.length === n ? chunk : chunk.subarray(0, n));
      this.#buffered += n;
    }
  }

  #onReadError(err: unknown): void {
    this.#inflight = null;
    if (this.#closed) return;
    this.#readError = fromDenoError(err);
  }

  #take(n: number, peek: boolean): Uint8Array {
    const first = this.#chunks[0];
    if (first.length >= n || this.#chunks.length === 1) {
      const k = Math.min(n, first.length);
      if (peek) return first.slice(0, k);
      if (k === first.length) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(k);
      this.#buffered -= k;
      this.#exposed.add(first.buffer); // the caller holds a view of it from now on
      return first.subarray(0, k);
    }
    const total = Math.min(n, this.#buffered);
    const out = new Uint8Array(total);
    let off = 0;
    let i = 0;
    while (off < total) {
      const chunk = this.#chunks[i];
      const k = Math.min(chunk.length, total - off);
      out.set(chunk.subarray(0, k), off);
      off += k;
      if (peek) i++;
      else if (k === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(k);
    }
    if (!peek) this.#buffered -= total;
    return out;
  }

  #checkWritable(): void {
    if (this.#closed) throw osError("EBADF");
    if (this.#writeShut) throw osError("EPIPE");
    if (this.#writeError !== undefined) {
      const err = this.#writeError;
      this.#writeError = undefined;
      throw err;
    }
  }

  // Non-blocking send: the bytes are copied (the caller may reuse its buffer at once, as
  // after a kernel send) into a pooled buffer that returns to the pool once written.
  #queue(data: Uint8Array): number {
    const room = SEND_HIGH_WATER - this.#queued;
    if (room <= 0) throw new BlockingIOError(ERRNO.EAGAIN);
    const n = Math.min(room, data.length);
    // Only large sends use the pool, so that many small queued sends hold small copies.
    const pooled = n >= SEND_POOL_MIN && n <= SEND_POOL_SIZE;
    let copy: Uint8Array;
    if (pooled) {
      copy = (this.#sendPool.pop() ?? new Uint8Array(SEND_POOL_SIZE)).subarray(0, n);
      copy.set(data.subarray(0, n));
    } else {
      copy = data.slice(0, n);
    }
    this.#queued += n;
    const done = (): void => {
      if (pooled && this.#sendPool.length < 4) {
        this.#sendPool.push(new Uint8Array(copy.buffer));
      }
      this.#dequeued(n);
    };
    this.#chain(() => writeAll(this.conn, copy)).then(done, (err) => {
      this.#writeError ??= fromDenoError(err);
      done();
    });
    return n;
  }

  #dequeued(n: number): void {
    this.#queued -= n;
    if (this.#queued < SEND_HIGH_WATER) { for (const wake of this.#drained.splice(0)) wake(); }
  }

  // Runs `job` after every write queued before it. The returned promise settles with
  // the job (errors mapped to Python's) and is the tail the next job waits for.
  #chain<T>(job: () => Promise<T>): Promise<T> {
    const prev = this.#writeChain;
    const run = prev === null ? job() : prev.then(job, job);
    const tail: Promise<T> = run.then(
      (v) => {
        if (this.#writeChain === tail) this.#writeChain = null;
        return v;
      },
      (err) => {
        if (this.#writeChain === tail) this.#writeChain = null;
        throw fromDenoError(err);
      },
    );
    this.#writeChain = tail;
    return tail;
  }

  #closeConn(): void {
    try {
      this.conn.close();
    } catch {
      // Already closed by the peer side of an in-memory pair, or twice through dup.
    }
    for (const wake of this.#drained.splice(0)) wake();
  }
}

function writeAll(conn: ByteConn, data: Uint8Array): Promise<void> {
  return conn.write(data).then((n) =>
    n < data.length ? writeAll(conn, data.subarray(n)) : undefined
  );
}

// Other flags (MSG_NOSIGNAL, MSG_MORE, ...) are accepted and ignored, as Linux ignores
// the ones that mean nothing for a stream.
function checkFlags(flags: number): void {
  if (flags & MSG_OOB) {
    throw new NotImplementedError(
      "MSG_OOB: out-of-band data needs a kernel socket; a native Deno connection has none",
    );
  }
}

function withFlags(mode: IoMode, flags: number): IoMode {
  return flags & MSG_DONTWAIT ? { timeout: 0, signal: mode.signal } : mode;
}

function noop(): void {}
