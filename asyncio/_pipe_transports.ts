// Pipe transports (CPython unix_events.py _UnixReadPipeTransport, _UnixWritePipeTransport)
// over a byte source or sink (_pipe_ends.ts): a kernel descriptor or a Web stream. Every
// protocol callback runs as a loop callback, in Python's order: connectionMade first,
// connectionLost last and once.

import {
  BrokenPipeError,
  ConnectionAbortedError,
  ConnectionResetError,
  OSError,
} from "../_errors/os_error.ts";
import { RuntimeError } from "../_errors/python_errors.ts";
import type { BaseEventLoop } from "./base_events.ts";
import type { Future } from "./futures.ts";
import { logger } from "./log.ts";
import type { BaseProtocolLike, ProtocolLike } from "./protocols.ts";
import { ReadTransport, type WriteBufferLimits, WriteTransport } from "./transports.ts";
import { WriteFlowControl } from "./_flow_control.ts";
import { concatBytes, toBytes } from "./_bytes.ts";
import type { ByteSink, ByteSource } from "./_pipe_ends.ts";
import { reportFatal } from "./_util.ts";

const LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;
const EIO = 5; // the same on Linux and macOS

/**
 * Python's `_UnixReadPipeTransport`: reads a pipe and calls `dataReceived`, then
 * `eofReceived` and `connectionLost(null)` at end of file.
 */
export class ReadPipeTransport extends ReadTransport {
  readonly #loop: BaseEventLoop;
  readonly #source: ByteSource;
  #protocol: ProtocolLike;
  #closing = false;
  #paused = false;
  #reading = false;
  #lost = false;
  /** A read that completed while paused: delivered on resume (`undefined`: none). */
  #stash: Uint8Array | null | undefined = undefined;

  constructor(
    loop: BaseEventLoop,
    source: ByteSource,
    protocol: ProtocolLike,
    extra: Record<string, unknown>,
    waiter: Future<unknown> | null = null,
  ) {
    super(extra);
    this.#loop = loop;
    this.#source = source;
    this.#protocol = protocol;
    loop.callSoon(() => this.#protocol.connectionMade?.(this));
    loop.callSoon(this.#pump);
    if (waiter !== null) loop.callSoon(setResultUnlessCancelled, waiter);
  }

  /** Whether data is being read (not paused, not closing). */
  override isReading(): boolean {
    return !this.#paused && !this.#closing;
  }

  /** Stops calling `dataReceived` until `resumeReading()`. */
  override pauseReading(): void {
    if (this.#closing || this.#paused) return;
    this.#paused = true;
  }

  /** Reads again after `pauseReading()`. */
  override resumeReading(): void {
    if (this.#closing || !this.#paused) return;
    this.#paused = false;
    const stashed = this.#stash;
    this.#stash = undefined;
    if (stashed !== undefined) this.#loop.callSoon(this.#onData, stashed);
    else this.#pump();
  }

  /** Whether the transport is closing or closed. */
  override isClosing(): boolean {
    return this.#closing;
  }

  /** Closes the pipe; `connectionLost(null)` follows. */
  override close(): void {
    if (!this.#closing) this.#close(null);
  }

  /** Sets a new protocol. */
  override setProtocol(protocol: ProtocolLike): void {
    this.#protocol = protocol;
  }

  /** The current protocol. */
  override getProtocol(): ProtocolLike {
    return this.#protocol;
  }

  /** Python's repr. */
  override toString(): string {
    const state = this.#closing ? "closing" : this.#paused ? "paused" : "polling";
    return `<ReadPipeTransport ${state}>`;
  }

  #pump = (): void => {
    if (this.#closing || this.#paused || this.#reading) return;
    this.#reading = true;
    this.#source.read().then(
      (data) => this.#settled(this.#onData, data),
      (err) => this.#settled(this.#onError, err),
    );
  };

  #settled<T>(next: (v: T) => void, value: T): void {
    this.#reading = false;
    if (this.#loop.isClosed()) {
      this.#source.close();
      return;
    }
    this.#loop.callSoon(next, value);
  }

  #onData = (data: Uint8Array | null): void => {
    if (this.#closing) return;
    if (this.#paused) {
      this.#stash = data;
      return;
    }
    if (data === null) {
      this.#closing = true;
      this.#source.close();
      this.#loop.callSoon(() => this.#protocol.eofReceived?.());
      this.#loop.callSoon(this.#callConnectionLost, null);
      return;
    }
    try {
      deliver(this.#protocol, data);
    } finally {
      this.#pump();
    }
  };

  #onError = (err: unknown): void => {
    if (this.#closing) return;
    const quiet = err instanceof OSError && err.errno === EIO;
    reportFatal(this.#loop, this, this.#protocol, err, "Fatal read error on pipe transport", quiet);
    this.#close(err);
  };

  #close(exc: unknown): void {
    this.#closing = true;
    this.#stash = undefined;
    this.#source.close();
    this.#loop.callSoon(this.#callConnectionLost, exc);
  }

  #callConnectionLost = (exc: unknown): void => {
    if (this.#lost) return;
    this.#lost = true;
    try {
      this.#protocol.connectionLost?.(exc);
    } finally {
      this.#source.close();
    }
  };
}

/**
 * Python's `_UnixWritePipeTransport`: buffers writes with flow control, and notices the
 * reader going away (Python's reader trick) where the pipe end can tell.
 */
export class WritePipeTransport extends WriteTransport {
  readonly #loop: BaseEventLoop;
  readonly #sink: ByteSink;
  #protocol: BaseProtocolLike;
  readonly #flow: WriteFlowControl;
  #buffer: Uint8Array[] = [];
  #size = 0;
  #writing = false;
  #closing = false;
  #connLost = 0;
  #lost = false;

  constructor(
    loop: BaseEventLoop,
    sink: ByteSink,
    protocol: BaseProtocolLike,
    extra: Record<string, unknown>,
    waiter: Future<unknown> | null = null,
  ) {
    super(extra);
    this.#loop = loop;
    this.#sink = sink;
    this.#protocol = protocol;
    this.#flow = new WriteFlowControl(loop, this);
    loop.callSoon(() => this.#protocol.connectionMade?.(this));
    sink.peerClosed?.()?.then(
      () => !this.#loop.isClosed() && this.#loop.callSoon(this._readerGone),
      () => {},
    );
    if (waiter !== null) loop.callSoon(setResultUnlessCancelled, waiter);
  }

  /**
   * Writes `data` without waiting: what the pipe does not take at once is buffered.
   *
   * @throws {TypeError} when `data` is not bytes
   */
  override write(data: Uint8Array): void {
    let bytes = toBytes(data, "write");
    if (bytes.length === 0) return;
    if (this.#connLost || this.#closing) {
      if (this.#connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        logger.warning("pipe closed by peer or os.write(pipe, data) raised exception.");
      }
      this.#connLost++;
      return;
    }
    if (this.#size === 0 && this.#sink.tryWrite !== undefined) {
      let n: number;
      try {
        n = this.#sink.tryWrite(bytes);
      } catch (exc) {
        this.#connLost++;
        this.#fatalError(exc, "Fatal write error on pipe transport");
        return;
      }
      if (n === bytes.length) return;
      bytes = bytes.subarray(n);
    }
    this.#buffer.push(bytes.slice());
    this.#size += bytes.length;
    this.#flow.maybePause(this.#size, this.#protocol);
    this.#flush();
  }

  /** Bytes buffered, not yet taken by the pipe. */
  override getWriteBufferSize(): number {
    return this.#size;
  }

  /** `[low, high]` water marks. */
  override getWriteBufferLimits(): [number, number] {
    return this.#flow.get();
  }

  /** Sets the water marks (`high` 64 KiB and `low` high / 4 by default). */
  override setWriteBufferLimits(limits?: WriteBufferLimits): void {
    this.#flow.set(limits, this.#size, this.#protocol);
  }

  /** True: closing the write end is what ends a pipe. */
  override canWriteEof(): boolean {
    return true;
  }

  /** Closes the pipe once the buffer is written; `connectionLost(null)` follows. */
  override writeEof(): void {
    if (this.#closing) return;
    this.#closing = true;
    if (this.#size === 0) this.#loop.callSoon(this.#callConnectionLost, null);
  }

  /** `writeEof()`: flushes the buffer, then closes. */
  override close(): void {
    if (!this.#closing) this.writeEof();
  }

  /** Closes at once, dropping the buffer. */
  override abort(): void {
    this.#close(null);
  }

  /** Whether the transport is closing or closed. */
  override isClosing(): boolean {
    return this.#closing;
  }

  /** Sets a new protocol. */
  override setProtocol(protocol: BaseProtocolLike): void {
    this.#protocol = protocol;
  }

  /** The current protocol. */
  override getProtocol(): BaseProtocolLike {
    return this.#protocol;
  }

  /** Python's repr. */
  override toString(): string {
    return `<WritePipeTransport ${this.#closing ? "closing" : "idle"} bufsize=${this.#size}>`;
  }

  /** @internal The reading side has gone (Python's `_read_ready` on the write end). */
  _readerGone = (): void => {
    if (this.#lost) return;
    if (this.#size > 0) this.#close(new BrokenPipeError());
    else if (!this.#closing) this.#close(null);
  };

  #flush(): void {
    if (this.#writing || this.#size === 0 || this.#lost) return;
    this.#writing = true;
    const chunk = concatBytes(this.#buffer.splice(0));
    this.#buffer.push(chunk);
    this.#sink.write(chunk).then(
      () => this.#settled(this.#written, chunk.length),
      (err) => this.#settled(this.#failed, err),
    );
  }

  #settled<T>(next: (v: T) => void, value: T): void {
    this.#writing = false;
    if (this.#loop.isClosed()) {
      this.#sink.close();
      return;
    }
    this.#loop.callSoon(next, value);
  }

  #written = (n: number): void => {
    if (this.#lost || this.#buffer.length === 0) return;
    this.#buffer.shift();
    this.#size -= n;
    this.#flow.maybeResume(this.#size, this.#protocol);
    if (this.#size > 0) this.#flush();
    else if (this.#closing) this.#callConnectionLost(null);
  };

  #failed = (err: unknown): void => {
    if (this.#lost) return;
    this.#connLost++;
    this.#fatalError(err, "Fatal write error on pipe transport");
  };

  #fatalError(exc: unknown, message: string): void {
    const quiet = exc instanceof BrokenPipeError || exc instanceof ConnectionResetError ||
      exc instanceof ConnectionAbortedError;
    reportFatal(this.#loop, this, this.#protocol, exc, message, quiet);
    this.#close(exc);
  }

  #close(exc: unknown): void {
    if (this.#lost) return;
    this.#closing = true;
    this.#buffer = [];
    this.#size = 0;
    this.#loop.callSoon(this.#callConnectionLost, exc);
  }

  #callConnectionLost = (exc: unknown): void => {
    if (this.#lost) return;
    this.#lost = true;
    try {
      this.#protocol.connectionLost?.(exc);
    } finally {
      this.#sink.close();
    }
  };
}

/** Python's `_set_result_unless_cancelled`. */
function setResultUnlessCancelled(waiter: Future<unknown>): void {
  if (!waiter.cancelled()) waiter.setResult(null);
}

/** `dataReceived`, or a buffered protocol's `getBuffer`/`bufferUpdated`. */
function deliver(protocol: ProtocolLike, data: Uint8Array): void {
  if (typeof protocol.getBuffer !== "function") {
    protocol.dataReceived?.(data);
    return;
  }
  let at = 0;
  while (at < data.length) {
    const buf = protocol.getBuffer(data.length - at);
    if (!buf || buf.length === 0) throw new RuntimeError("getBuffer() returned an empty buffer");
    const n = Math.min(buf.length, data.length - at);
    buf.set(data.subarray(at, at + n));
    at += n;
    protocol.bufferUpdated!(n);
  }
}
