// The stream transport (CPython selector_events._SelectorSocketTransport) over a native
// connection: a Deno.TcpConn, Deno.UnixConn or TLS connection read and written directly,
// or a kernel socket seen through the same shape.
//
// Reading is a pump: one `conn.read` in flight; its completion goes to the protocol at
// once while the loop runs (else when it runs again), and the next read starts when the
// callback returns. A plain protocol gets a copy out of a reused read buffer (which grows
// to 256 KiB while reads fill it): a read of up to 4 KiB as a view of a shared 64 KiB
// chunk, a larger one as a buffer of its own. A buffered protocol is read into straight
// from `getBuffer`, with no copy. `pauseReading` stops issuing reads; a read already in
// flight is held until `resumeReading`, so the kernel's window closes as Python's does.
//
// Writing: the first write goes to `conn.write` at once (Deno writes to the socket
// eagerly); while it is in flight, further writes are copied into one growing buffer that
// goes out next. Bytes in flight and queued count towards the high-water mark.

import type { AbstractEventLoop } from "./events.ts";
import type { Future } from "./futures.ts";
import type { ProtocolLike } from "./protocols.ts";
import type { Server } from "./server.ts";
import { Transport, type WriteBufferLimits } from "./transports.ts";
import { NotImplementedError, OSError, RuntimeError } from "./exceptions.ts";
import type { LoopInternals, ReadyEntry } from "./_host.ts";
import { WriteFlowControl } from "./_flow_control.ts";
import { toBytes } from "./_bytes.ts";
import { logger } from "./log.ts";
import { enterRootContext } from "./_context.ts";
import { fromDenoError } from "../_errors/mod.ts";
import { fromDenoAddr } from "../socket/_address.ts";
import type { ByteConn } from "../socket/_stream.ts";
import type { Socket } from "../socket/socket.ts";
import { callConnectionLost, reportFatal } from "./_util.ts";

const LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;
const FIRST_READ = 64 * 1024;
const MAX_READ = 256 * 1024;
const EMPTY = new Uint8Array(0);

/** What the transport needs to start. */
export interface SocketTransportInit {
  loop: AbstractEventLoop;
  conn: ByteConn;
  protocol: ProtocolLike;
  /** The address family, for `peername`/`sockname`. */
  family: number;
  /** The Socket the connection belongs to (`getExtraInfo("socket")`), or a maker. */
  sock: Socket | (() => Socket);
  server?: Server | null;
  extra?: Record<string, unknown>;
  /** Resolved once `connectionMade` has run. */
  waiter?: Future<void> | null;
  /** Bytes read from the connection before the transport took it. */
  leftover?: Uint8Array | null;
  /** TLS: `writeEof` is not supported and EOF always closes. */
  tls?: boolean;
  /** Whether to call `connectionMade` (not after startTls: it was called already). */
  connectionMade?: boolean;
}

/** @internal The state a transport hands to `startTls`. */
export interface HandOver {
  conn: ByteConn;
  leftover: Uint8Array[];
  inflight: Promise<number | null> | null;
  inflightBuffer: Uint8Array | null;
  server: Server | null;
}

export class SocketTransport extends Transport {
  readonly #loop: AbstractEventLoop & LoopInternals;
  readonly #conn: ByteConn;
  readonly #family: number;
  #protocol: ProtocolLike;
  #buffered: boolean;
  #protocolConnected = true;
  #sock: Socket | (() => Socket);
  #server: Server | null;
  readonly #tls: boolean;
  #closing = false;
  #connLost = 0;
  #eof = false;
  #handedOver = false;
  #lost = false;

  // reading
  #paused = false;
  #readEof = false;
  #reading = false;
  #held = false;
  #readResult: number | null = 0;
  #readPromise: Promise<unknown> | null = null;
  #rawRead: Promise<number | null> | null = null;
  #readTarget: Uint8Array = EMPTY;
  #pool: Uint8Array | null = null;
  #poolSize = FIRST_READ;
  #leftover: Uint8Array | null;
  readonly #deliverEntry: ReadyEntry = { _run: () => this.#deliver() };
  // A completed read is handed over at once while the loop runs (as uvloop calls
  // data_received from its I/O callback), else when it runs again.
  readonly #onRead = (n: number | null): void => {
    this.#readResult = n;
    if (this.#loop.isRunning()) {
      enterRootContext();
      this.#deliver();
    } else this.#loop._schedule(this.#deliverEntry);
  };
  readonly #onReadError = (err: unknown): void => {
    this.#readResult = null;
    this.#readErr = err;
    this.#onRead(null);
  };
  #readErr: unknown = undefined;

  // writing
  #flow: WriteFlowControl;
  #writing: Uint8Array | null = null;
  #writePromise: Promise<unknown> | null = null;
  #written = 0;
  #writeErr: unknown = undefined;
  #pend: Uint8Array | null = null;
  #pendLen = 0;
  #flushWaiters: (() => void)[] = [];
  readonly #writeEntry: ReadyEntry = { _run: () => this.#writeDone() };
  readonly #onWritten = (n: number): void => {
    this.#written = n;
    if (this.#loop.isRunning()) {
      enterRootContext();
      this.#writeDone();
    } else this.#loop._schedule(this.#writeEntry);
  };
  readonly #onWriteError = (err: unknown): void => {
    this.#writeErr = err;
    this.#onWritten(0);
  };

  constructor(init: SocketTransportInit) {
    super(init.extra);
    this.#loop = init.loop as AbstractEventLoop & LoopInternals;
    this.#conn = init.conn;
    this.#family = init.family;
    this.#protocol = init.protocol;
    this.#buffered = typeof init.protocol.getBuffer === "function";
    this.#sock = init.sock;
    this.#server = init.server ?? null;
    this.#tls = init.tls ?? false;
    this.#leftover = init.leftover && init.leftover.length > 0 ? init.leftover : null;
    this.#flow = new WriteFlowControl(this.#loop, this);
    this.#server?._attach(this);
    const loop = this.#loop;
    if (init.connectionMade !== false) {
      loop.callSoon(() => {
        if (!this.#handedOver) this.#protocol.connectionMade?.(this);
      });
    }
    loop.callSoon(() => this.#startReading());
    const waiter = init.waiter;
    if (waiter) loop.callSoon(() => waiter.done() || waiter.setResult(undefined));
  }

  /** Python's keys, `socket`, `sockname` and `peername` computed on first use. */
  override getExtraInfo(name: string, defaultValue: unknown = null): unknown {
    if (Object.hasOwn(this._extra, name)) return this._extra[name];
    switch (name) {
      case "socket":
        if (typeof this.#sock === "function") this.#sock = this.#sock();
        return this._extra.socket = this.#sock;
      case "sockname":
        return this._extra.sockname = addr(this.#family, () => this.#conn.localAddr);
      case "peername":
        return this._extra.peername = addr(this.#family, () => this.#conn.remoteAddr);
    }
    return defaultValue;
  }

  override setProtocol(protocol: ProtocolLike): void {
    this.#protocol = protocol;
    this.#buffered = typeof protocol.getBuffer === "function";
    this.#protocolConnected = true;
  }

  override getProtocol(): ProtocolLike {
    return this.#protocol;
  }

  override isClosing(): boolean {
    return this.#closing;
  }

  override isReading(): boolean {
    return !this.#paused && !this.#closing;
  }

  override pauseReading(): void {
    if (this.#closing || this.#paused) return;
    this.#paused = true;
    if (this.#loop.getDebug()) logger.debug(`${this} pauses reading`);
  }

  override resumeReading(): void {
    if (this.#closing || !this.#paused) return;
    this.#paused = false;
    if (this.#held) {
      this.#held = false;
      this.#loop._schedule(this.#deliverEntry);
    } else this.#loop.callSoon(() => this.#startReading());
    if (this.#loop.getDebug()) logger.debug(`${this} resumes reading`);
  }

  override setWriteBufferLimits(limits?: WriteBufferLimits): void {
    this.#flow.set(limits, this.getWriteBufferSize(), this.#protocol);
  }

  override getWriteBufferSize(): number {
    return (this.#writing === null ? 0 : this.#writing.length) + this.#pendLen;
  }

  override getWriteBufferLimits(): [number, number] {
    return this.#flow.get();
  }

  /**
   * Writes `data`. The first buffer goes to the connection at once and is read from
   * until it is written (do not change it before `drain()`); later ones are copied.
   */
  override write(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) data = toBytes(data, "write");
    if (this.#eof) throw new RuntimeError("Cannot call write() after write_eof()");
    if (this.#handedOver) throw new RuntimeError("the transport was handed over to startTls");
    const n = data.length;
    if (n === 0) return;
    if (this.#connLost) {
      if (this.#connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        logger.warning("socket.send() raised exception.");
      }
      this.#connLost++;
      return;
    }
    if (this.#writing === null) this.#send(data);
    else this.#append(data);
    this.#flow.maybePause(this.getWriteBufferSize(), this.#protocol);
  }

  override writeEof(): void {
    if (this.#tls) throw new NotImplementedError("SSL doesn't support half-closes");
    if (this.#closing || this.#eof) return;
    this.#eof = true;
    if (this.#writing === null) this.#shutdownWrite();
  }

  override canWriteEof(): boolean {
    return !this.#tls;
  }

  override close(): void {
    if (this.#closing) return;
    this.#closing = true;
    if (this.#writing === null) {
      this.#connLost++;
      this.#loop.callSoon(() => this.#callConnectionLost(null));
    }
  }

  override abort(): void {
    this.#forceClose(null);
  }

  /** Python's repr. */
  override toString(): string {
    const state = this.#lost ? " closed" : this.#closing ? " closing" : "";
    return `<_SelectorSocketTransport${state}>`;
  }

  /** @internal Python's `_fatal_error`. */
  _fatalError(exc: unknown, message = "Fatal error on transport"): void {
    reportFatal(this.#loop, this, this.#protocol, exc, message, exc instanceof OSError);
    this.#forceClose(exc);
  }

  /**
   * @internal Gives the connection to startTls: reading stops here and a read in flight
   * goes with it. The transport is finished afterwards, without `connectionLost`.
   */
  _handOver(): HandOver {
    if (this.#connLost || this.#closing) throw new RuntimeError("transport is closing");
    if (this.#writing !== null) throw new RuntimeError("transport has data to write");
    this.#handedOver = true;
    this.#closing = true;
    this.#connLost++;
    const leftover: Uint8Array[] = [];
    if (this.#leftover) leftover.push(this.#leftover);
    this.#leftover = null;
    let inflight = this.#rawRead, buffer: Uint8Array | null = this.#readTarget;
    if (this.#held) {
      // A read finished while paused: its bytes go first.
      const n = this.#readResult;
      if (n !== null && n > 0) leftover.push(this.#readTarget.slice(0, n));
      inflight = n === null ? Promise.resolve(null) : null;
      buffer = null;
      this.#held = false;
    } else if (!this.#reading) {
      inflight = null;
      buffer = null;
    } else if (this.#buffered) {
      // The protocol's buffer must not be written after it was handed over.
      const own = new Uint8Array(buffer.length);
      const raw = inflight!;
      inflight = raw.then((n) => {
        if (n) own.set(buffer!.subarray(0, n));
        return n;
      });
      buffer = own;
    }
    // The server keeps counting this transport until startTls replaces it.
    const server = this.#server;
    this.#server = null;
    return { conn: this.#conn, leftover, inflight, inflightBuffer: buffer, server };
  }

  /** @internal Resolves once everything written so far has gone to the connection. */
  _whenFlushed(): Promise<void> {
    if (this.#writing === null) return Promise.resolve();
    const { promise, resolve } = Promise.withResolvers<void>();
    this.#flushWaiters.push(resolve);
    return promise;
  }

  /** @internal The address family (for startTls). */
  get _family(): number {
    return this.#family;
  }

  /** @internal Python's `_protocol_paused` (for the sendfile fallback). */
  get _protocolPaused(): boolean {
    return this.#flow.paused;
  }

  // ---- reading ----

  #startReading(): void {
    if (this.#leftover !== null) {
      const data = this.#leftover;
      this.#leftover = null;
      if (!this.#deliverBytes(data)) return;
    }
    this.#readNext();
  }

  #readNext(): void {
    if (this.#reading || this.#paused || this.#closing || this.#readEof) return;
    let target: Uint8Array;
    if (this.#buffered) {
      try {
        target = this.#protocol.getBuffer!(-1);
        if (!(target instanceof Uint8Array)) target = toBytes(target, "getBuffer");
        if (target.length === 0) throw new RuntimeError("get_buffer() returned an empty buffer");
      } catch (exc) {
        this._fatalError(exc, "Fatal error: protocol.get_buffer() call failed.");
        return;
      }
    } else {
      target = this.#pool ??= new Uint8Array(this.#poolSize);
    }
    this.#readTarget = target;
    this.#reading = true;
    const raw = this.#rawRead = this.#conn.read(target);
    this.#readPromise = raw.then(this.#onRead, this.#onReadError);
  }

  #deliver(): void {
    if (this.#closing) {
      this.#reading = false;
      return;
    }
    if (this.#paused) {
      this.#held = true;
      return;
    }
    this.#reading = false;
    this.#rawRead = null;
    const n = this.#readResult;
    if (n === null) {
      const err = this.#readErr;
      this.#readErr = undefined;
      if (err !== undefined) {
        this._fatalError(fromDenoError(err), "Fatal read error on socket transport");
        return;
      }
      this.#onEof();
      return;
    }
    if (n > 0) {
      if (this.#buffered) {
        try {
          this.#protocol.bufferUpdated!(n);
        } catch (exc) {
          this._fatalError(exc, "Fatal error: protocol.buffer_updated() call failed.");
          return;
        }
      } else {
        // Copying out of the reused buffer costs less than a fresh (zeroed) buffer would.
        const pool = this.#readTarget;
        const data = ownedCopy(pool, n);
        if (n === pool.length && this.#poolSize < MAX_READ) {
          this.#poolSize *= 2;
          this.#pool = null;
        }
        try {
          this.#protocol.dataReceived?.(data);
        } catch (exc) {
          this._fatalError(exc, "Fatal error: protocol.data_received() call failed.");
          return;
        }
      }
    }
    this.#readNext();
  }

  // Leftover bytes, through the protocol's kind of delivery; false after a fatal error.
  #deliverBytes(data: Uint8Array): boolean {
    try {
      if (!this.#buffered) {
        this.#protocol.dataReceived?.(data);
        return !this.#connLost;
      }
      let at = 0;
      while (at < data.length && !this.#connLost) {
        const buf = this.#protocol.getBuffer!(-1);
        if (buf.length === 0) throw new RuntimeError("get_buffer() returned an empty buffer");
        const k = Math.min(buf.length, data.length - at);
        buf.set(data.subarray(at, at + k));
        at += k;
        this.#protocol.bufferUpdated!(k);
      }
    } catch (exc) {
      this._fatalError(exc, "Fatal error: protocol.data_received() call failed.");
      return false;
    }
    return !this.#connLost;
  }

  #onEof(): void {
    this.#readEof = true;
    if (this.#loop.getDebug()) logger.debug(`${this} received EOF`);
    let keepOpen: unknown;
    try {
      keepOpen = this.#protocol.eofReceived?.();
    } catch (exc) {
      this._fatalError(exc, "Fatal error: protocol.eof_received() call failed.");
      return;
    }
    if (!keepOpen || this.#tls) this.close();
  }

  // ---- writing ----

  #send(data: Uint8Array): void {
    this.#writing = data;
    this.#writePromise = this.#conn.write(data).then(this.#onWritten, this.#onWriteError);
  }

  #append(data: Uint8Array): void {
    const n = data.length, len = this.#pendLen;
    let pend = this.#pend;
    if (pend === null || pend.length - len < n) {
      const grown = new Uint8Array(Math.max(2 * (len + n), 16 * 1024));
      if (pend !== null) grown.set(pend.subarray(0, len));
      pend = this.#pend = grown;
    }
    pend.set(data, len);
    this.#pendLen = len + n;
  }

  #writeDone(): void {
    const err = this.#writeErr;
    this.#writeErr = undefined;
    if (this.#connLost > 0) {
      // Aborted (or handed over): nothing more goes out.
      this.#writing = null;
      return;
    }
    if (err !== undefined) {
      this.#writing = null;
      this.#pend = null;
      this.#pendLen = 0;
      this._fatalError(fromDenoError(err), "Fatal write error on socket transport");
      return;
    }
    const d = this.#writing!;
    const n = this.#written;
    if (n < d.length) {
      this.#send(d.subarray(n));
      return;
    }
    this.#writing = null;
    this.#writePromise = null;
    if (this.#pendLen > 0) {
      const p = this.#pend!.subarray(0, this.#pendLen);
      this.#pend = null;
      this.#pendLen = 0;
      this.#send(p);
    }
    this.#flow.maybeResume(this.getWriteBufferSize(), this.#protocol);
    if (this.#writing !== null) return;
    this.#wakeFlushed();
    if (this.#closing) {
      this.#connLost++;
      this.#callConnectionLost(null);
    } else if (this.#eof) this.#shutdownWrite();
  }

  #wakeFlushed(): void {
    const waiters = this.#flushWaiters;
    this.#flushWaiters = [];
    for (const w of waiters) w();
  }

  #shutdownWrite(): void {
    this.#conn.closeWrite().catch((err) => {
      if (!this.#connLost) this._fatalError(fromDenoError(err), "Fatal error on shutdown");
    });
  }

  // ---- closing ----

  #forceClose(exc: unknown): void {
    if (this.#connLost) return;
    this.#pend = null;
    this.#pendLen = 0;
    this.#closing = true;
    this.#connLost++;
    this.#loop.callSoon(() => this.#callConnectionLost(exc));
  }

  #callConnectionLost(exc: unknown): void {
    if (this.#lost) return;
    this.#lost = true;
    this.#wakeFlushed();
    const sock = this.#sock;
    if (typeof sock !== "function") sock.close();
    try {
      this.#conn.close();
    } catch {
      // closed with its Socket
    }
    const pending = [this.#readPromise, this.#writePromise].filter((p) => p !== null);
    const finish = (): void => {
      try {
        if (this.#protocolConnected) callConnectionLost(this.#loop, this, this.#protocol, exc);
      } finally {
        this.#server?._detach(this);
        this.#server = null;
      }
    };
    if (pending.length === 0) finish();
    else {
      Promise.allSettled(pending).then(() => this.#loop._schedule({ _run: finish }));
    }
  }
}

function addr(family: number, get: () => Deno.Addr): unknown {
  try {
    return fromDenoAddr(family, get());
  } catch {
    return null;
  }
}

// Small reads are copied into views of a shared 64 KiB chunk, as Node pools small
// Buffers: a fresh ArrayBuffer per read costs more than the copy. Views never overlap
// and a chunk is never reused, so each protocol owns its bytes.
const SMALL_READ = 4096, CHUNK = 64 * 1024;
let chunk = new Uint8Array(0), chunkAt = 0;
function ownedCopy(src: Uint8Array, n: number): Uint8Array {
  if (n > SMALL_READ) return src.slice(0, n);
  if (chunkAt + n > chunk.length) {
    chunk = new Uint8Array(CHUNK);
    chunkAt = 0;
  }
  const out = chunk.subarray(chunkAt, chunkAt + n);
  out.set(src.subarray(0, n));
  chunkAt = (chunkAt + n + 7) & ~7;
  return out;
}
