// Abstract transports (CPython asyncio/transports.py). The concrete socket transports are
// private (`_socket_transport.ts`, `_datagram_transport.ts`); 7b's pipes and subprocesses
// extend these classes too. Every method Python leaves abstract throws NotImplementedError.

import { NotImplementedError } from "./exceptions.ts";
import { concatBytes } from "./_bytes.ts";
import type { BaseProtocolLike } from "./protocols.ts";

/** Options of `WriteTransport.setWriteBufferLimits`. */
export interface WriteBufferLimits {
  /** Bytes above which the protocol is paused. @default 64 KiB, or 4 * low */
  high?: number;
  /** Bytes at or below which it is resumed. @default high / 4 */
  low?: number;
}

/**
 * Python's `asyncio.BaseTransport`: what every transport offers. `getExtraInfo` answers
 * Python's keys (`peername`, `sockname`, `socket`, `sslcontext`, `ssl_object`, `peercert`,
 * `cipher`, `compression`, `pipe`, `subprocess`).
 *
 * @example
 * ```ts
 * import { BaseTransport } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const t = new BaseTransport({ peername: ["127.0.0.1", 1] });
 * assert.deepEqual(t.getExtraInfo("peername"), ["127.0.0.1", 1]);
 * assert.equal(t.getExtraInfo("sockname", "none"), "none");
 * assert.throws(() => t.close(), { name: "NotImplementedError" });
 * ```
 */
export class BaseTransport {
  /** @internal Python's `_extra`. */
  _extra: Record<string, unknown>;

  /**
   * Makes a transport with optional extra information.
   *
   * @param extra the values `getExtraInfo` returns, by Python's key
   */
  constructor(extra?: Record<string, unknown>) {
    this._extra = extra ?? {};
  }

  /**
   * Optional information about the transport or its resources.
   *
   * @param name one of Python's keys (`"peername"`, `"socket"`, ...)
   * @param defaultValue returned when the transport has no such information
   * @returns the value, or `defaultValue` (`null` when omitted)
   */
  getExtraInfo(name: string, defaultValue: unknown = null): unknown {
    return Object.hasOwn(this._extra, name) ? this._extra[name] : defaultValue;
  }

  /** Whether the transport is closing or closed. @throws {NotImplementedError} here */
  isClosing(): boolean {
    throw new NotImplementedError("BaseTransport.isClosing is abstract");
  }

  /**
   * Closes the transport: buffered data is flushed asynchronously, then the protocol's
   * `connectionLost(null)` is called. @throws {NotImplementedError} here
   */
  close(): void {
    throw new NotImplementedError("BaseTransport.close is abstract");
  }

  /** Sets a new protocol. @throws {NotImplementedError} here */
  setProtocol(_protocol: BaseProtocolLike): void {
    throw new NotImplementedError("BaseTransport.setProtocol is abstract");
  }

  /** The current protocol. @throws {NotImplementedError} here */
  getProtocol(): BaseProtocolLike {
    throw new NotImplementedError("BaseTransport.getProtocol is abstract");
  }
}

/**
 * Python's `asyncio.ReadTransport`: a transport that reads.
 *
 * @example
 * ```ts
 * import { BaseTransport, ReadTransport } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const t = new ReadTransport();
 * assert.ok(t instanceof BaseTransport);
 * assert.throws(() => t.pauseReading(), { name: "NotImplementedError" });
 * ```
 */
export class ReadTransport extends BaseTransport {
  /** Whether the transport is receiving. @throws {NotImplementedError} here */
  isReading(): boolean {
    throw new NotImplementedError("ReadTransport.isReading is abstract");
  }

  /**
   * Stops reading: no `dataReceived` until `resumeReading()`. @throws {NotImplementedError}
   * here
   */
  pauseReading(): void {
    throw new NotImplementedError("ReadTransport.pauseReading is abstract");
  }

  /** Reads again after `pauseReading()`. @throws {NotImplementedError} here */
  resumeReading(): void {
    throw new NotImplementedError("ReadTransport.resumeReading is abstract");
  }
}

/**
 * Python's `asyncio.WriteTransport`: a transport that writes. A `Transport` is also a
 * `WriteTransport` (`instanceof` says so), as Python's class inherits from both.
 *
 * @example
 * ```ts
 * import { Transport, WriteTransport } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.ok(new Transport() instanceof WriteTransport);
 * assert.throws(() => new WriteTransport().write(new Uint8Array(1)), {
 *   name: "NotImplementedError",
 * });
 * ```
 */
export class WriteTransport extends BaseTransport {
  /** `instanceof WriteTransport` holds for every `Transport` too. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return this === WriteTransport && value instanceof Transport;
  }

  /**
   * Sets the high- and low-water marks of write flow control.
   * @throws {NotImplementedError} here
   */
  setWriteBufferLimits(_limits?: WriteBufferLimits): void {
    throw new NotImplementedError("WriteTransport.setWriteBufferLimits is abstract");
  }

  /** Bytes waiting to be sent. @throws {NotImplementedError} here */
  getWriteBufferSize(): number {
    throw new NotImplementedError("WriteTransport.getWriteBufferSize is abstract");
  }

  /** `[low, high]` water marks. @throws {NotImplementedError} here */
  getWriteBufferLimits(): [number, number] {
    throw new NotImplementedError("WriteTransport.getWriteBufferLimits is abstract");
  }

  /** Writes `data` without blocking. @throws {NotImplementedError} here */
  write(_data: Uint8Array): void {
    throw new NotImplementedError("WriteTransport.write is abstract");
  }

  /** Writes every buffer of `list`, in order. */
  writelines(list: Iterable<Uint8Array>): void {
    this.write(concatBytes([...list]));
  }

  /** Closes the write end after flushing. @throws {NotImplementedError} here */
  writeEof(): void {
    throw new NotImplementedError("WriteTransport.writeEof is abstract");
  }

  /** Whether `writeEof()` is supported. @throws {NotImplementedError} here */
  canWriteEof(): boolean {
    throw new NotImplementedError("WriteTransport.canWriteEof is abstract");
  }

  /** Closes at once, dropping buffered data. @throws {NotImplementedError} here */
  abort(): void {
    throw new NotImplementedError("WriteTransport.abort is abstract");
  }
}

/**
 * Python's `asyncio.Transport`: a bidirectional stream transport (a `ReadTransport` and,
 * for `instanceof`, a `WriteTransport`).
 *
 * @example
 * ```ts
 * import { ReadTransport, Transport } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const t = new Transport();
 * assert.ok(t instanceof ReadTransport);
 * assert.throws(() => t.abort(), { name: "NotImplementedError" });
 * ```
 */
export class Transport extends ReadTransport {
  /** See `WriteTransport.setWriteBufferLimits`. @throws {NotImplementedError} here */
  setWriteBufferLimits(_limits?: WriteBufferLimits): void {
    throw new NotImplementedError("Transport.setWriteBufferLimits is abstract");
  }

  /** See `WriteTransport.getWriteBufferSize`. @throws {NotImplementedError} here */
  getWriteBufferSize(): number {
    throw new NotImplementedError("Transport.getWriteBufferSize is abstract");
  }

  /** See `WriteTransport.getWriteBufferLimits`. @throws {NotImplementedError} here */
  getWriteBufferLimits(): [number, number] {
    throw new NotImplementedError("Transport.getWriteBufferLimits is abstract");
  }

  /** See `WriteTransport.write`. @throws {NotImplementedError} here */
  write(_data: Uint8Array): void {
    throw new NotImplementedError("Transport.write is abstract");
  }

  /** Writes every buffer of `list`, in order. */
  writelines(list: Iterable<Uint8Array>): void {
    this.write(concatBytes([...list]));
  }

  /** See `WriteTransport.writeEof`. @throws {NotImplementedError} here */
  writeEof(): void {
    throw new NotImplementedError("Transport.writeEof is abstract");
  }

  /** See `WriteTransport.canWriteEof`. @throws {NotImplementedError} here */
  canWriteEof(): boolean {
    throw new NotImplementedError("Transport.canWriteEof is abstract");
  }

  /** See `WriteTransport.abort`. @throws {NotImplementedError} here */
  abort(): void {
    throw new NotImplementedError("Transport.abort is abstract");
  }
}

/**
 * Python's `asyncio.DatagramTransport`.
 *
 * @example
 * ```ts
 * import { DatagramTransport } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => new DatagramTransport().sendto(new Uint8Array(1)), {
 *   name: "NotImplementedError",
 * });
 * ```
 */
export class DatagramTransport extends BaseTransport {
  /**
   * Sends `data` to `addr` (or to the connected peer when omitted) without blocking.
   * @throws {NotImplementedError} here
   */
  sendto(_data: Uint8Array, _addr?: unknown): void {
    throw new NotImplementedError("DatagramTransport.sendto is abstract");
  }

  /** Closes at once, dropping buffered datagrams. @throws {NotImplementedError} here */
  abort(): void {
    throw new NotImplementedError("DatagramTransport.abort is abstract");
  }
}

/**
 * Python's `asyncio.SubprocessTransport`.
 *
 * @example
 * ```ts
 * import { SubprocessTransport } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => new SubprocessTransport().getPid(), { name: "NotImplementedError" });
 * ```
 */
export class SubprocessTransport extends BaseTransport {
  /** The child's process id. @throws {NotImplementedError} here */
  getPid(): number {
    throw new NotImplementedError("SubprocessTransport.getPid is abstract");
  }

  /**
   * The child's return code (negative for a signal death), or `null` while it runs.
   * @throws {NotImplementedError} here
   */
  getReturncode(): number | null {
    throw new NotImplementedError("SubprocessTransport.getReturncode is abstract");
  }

  /**
   * The transport of the child's pipe `fd` (0, 1 or 2), or `null`.
   * @throws {NotImplementedError} here
   */
  getPipeTransport(_fd: number): BaseTransport | null {
    throw new NotImplementedError("SubprocessTransport.getPipeTransport is abstract");
  }

  /** Sends signal `signal` to the child. @throws {NotImplementedError} here */
  sendSignal(_signal: number | Deno.Signal): void {
    throw new NotImplementedError("SubprocessTransport.sendSignal is abstract");
  }

  /** Sends SIGTERM. @throws {NotImplementedError} here */
  terminate(): void {
    throw new NotImplementedError("SubprocessTransport.terminate is abstract");
  }

  /** Sends SIGKILL. @throws {NotImplementedError} here */
  kill(): void {
    throw new NotImplementedError("SubprocessTransport.kill is abstract");
  }
}
