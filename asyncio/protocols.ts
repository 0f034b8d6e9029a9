// Protocol classes (CPython asyncio/protocols.py). A protocol is any object with Python's
// callback names in camelCase; these classes give the no-op defaults Python's do, and the
// `...Like` interfaces are what the loop accepts (every callback optional).

import { NotImplementedError } from "./exceptions.ts";
import type { BaseTransport } from "./transports.ts";

/** What the loop accepts as a protocol: the callbacks every protocol may have. */
export interface BaseProtocolLike {
  /** Called once when the connection is made, before any other callback. */
  connectionMade?(transport: BaseTransport): void;
  /** Called once, last: `exc` is `null` for a normal end. */
  connectionLost?(exc: unknown): void;
  /** The transport's write buffer went over its high-water mark. */
  pauseWriting?(): void;
  /** The transport's write buffer drained to its low-water mark. */
  resumeWriting?(): void;
}

/**
 * A stream protocol as the loop accepts it: `dataReceived`/`eofReceived`, or, when it
 * has a `getBuffer` method, a buffered protocol (`getBuffer`/`bufferUpdated`).
 */
export interface ProtocolLike extends BaseProtocolLike {
  /**
   * Bytes arrived; the protocol may keep `data` (the transport never reuses it). Small
   * reads are views of a shared chunk (never overlapping), as Node pools small Buffers,
   * so use `data` itself rather than `data.buffer`.
   */
  dataReceived?(data: Uint8Array): void;
  /** The peer closed its write end; return `true` to keep the transport half open. */
  eofReceived?(): boolean | void | undefined;
  /** A buffered protocol: the buffer to read into (`sizehint` is -1: any size). */
  getBuffer?(sizehint: number): Uint8Array;
  /** A buffered protocol: `nbytes` were written at the start of the last buffer. */
  bufferUpdated?(nbytes: number): void;
}

/** A datagram protocol as the loop accepts it. */
export interface DatagramProtocolLike extends BaseProtocolLike {
  /**
   * A datagram arrived from `addr`. `data` is the protocol's to keep; datagrams received
   * together may be views of one `ArrayBuffer` (never overlapping), so use `data` itself
   * rather than `data.buffer`.
   */
  datagramReceived?(data: Uint8Array, addr: unknown): void;
  /** A send or receive failed with `exc` (an OSError); the transport stays open. */
  errorReceived?(exc: unknown): void;
}

/** A subprocess protocol as the loop accepts it. */
export interface SubprocessProtocolLike extends BaseProtocolLike {
  /** The child wrote `data` to its stdout (fd 1) or stderr (fd 2). */
  pipeDataReceived?(fd: number, data: Uint8Array): void;
  /** One of the child's pipes closed. */
  pipeConnectionLost?(fd: number, exc: unknown): void;
  /** The child exited. */
  processExited?(): void;
}

/**
 * Python's `asyncio.BaseProtocol`: the callbacks every protocol has, doing nothing.
 *
 * @example
 * ```ts
 * import { BaseProtocol } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const p = new BaseProtocol();
 * assert.equal(p.connectionLost(null), undefined);
 * ```
 */
export class BaseProtocol implements BaseProtocolLike {
  /** Called once when the connection is made. Does nothing here. */
  connectionMade(_transport: BaseTransport): void {}
  /** Called once, last. Does nothing here. */
  connectionLost(_exc: unknown): void {}
  /** The write buffer went over its high-water mark. Does nothing here. */
  pauseWriting(): void {}
  /** The write buffer drained to its low-water mark. Does nothing here. */
  resumeWriting(): void {}
}

/**
 * Python's `asyncio.Protocol`: a stream protocol. Subclass it and override the callbacks.
 *
 * @example TCP echo server protocol (18.5.4.3.2)
 * ```ts
 * import { type BaseTransport, Protocol, type Transport } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * class Echo extends Protocol {
 *   transport!: Transport;
 *   override connectionMade(t: BaseTransport) {
 *     this.transport = t as Transport;
 *   }
 *   override dataReceived(data: Uint8Array) {
 *     this.transport.write(data);
 *   }
 * }
 * assert.ok(new Echo() instanceof Protocol);
 * ```
 */
export class Protocol extends BaseProtocol implements ProtocolLike {
  /** Bytes arrived. Does nothing here. */
  dataReceived(_data: Uint8Array): void {}
  /** The peer closed its write end. Returns nothing here, so the transport closes. */
  eofReceived(): boolean | void | undefined {}
}

/**
 * Python's `asyncio.BufferedProtocol`: the transport reads straight into the buffer
 * `getBuffer` returns (no copy) and reports how much with `bufferUpdated`. The buffer
 * belongs to the transport from `getBuffer` until `bufferUpdated`: a read may be in
 * flight into it.
 *
 * @example
 * ```ts
 * import { BufferedProtocol } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * class Counter extends BufferedProtocol {
 *   buf = new Uint8Array(4096);
 *   total = 0;
 *   override getBuffer(_sizehint: number) {
 *     return this.buf;
 *   }
 *   override bufferUpdated(n: number) {
 *     this.total += n;
 *   }
 * }
 * const c = new Counter();
 * c.bufferUpdated(c.getBuffer(-1).length);
 * assert.equal(c.total, 4096);
 * ```
 */
export class BufferedProtocol extends BaseProtocol implements ProtocolLike {
  /**
   * The buffer to read into. @param _sizehint -1 (any size will do)
   * @throws {NotImplementedError} here: a subclass must provide it
   */
  getBuffer(_sizehint: number): Uint8Array {
    throw new NotImplementedError("BufferedProtocol.getBuffer must be overridden");
  }

  /**
   * `nbytes` were written at the start of the last buffer.
   * @throws {NotImplementedError} here: a subclass must provide it
   */
  bufferUpdated(_nbytes: number): void {
    throw new NotImplementedError("BufferedProtocol.bufferUpdated must be overridden");
  }

  /** The peer closed its write end. Returns nothing here, so the transport closes. */
  eofReceived(): boolean | void | undefined {}
}

/**
 * Python's `asyncio.DatagramProtocol`.
 *
 * @example
 * ```ts
 * import { DatagramProtocol } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const got: unknown[] = [];
 * class P extends DatagramProtocol {
 *   override datagramReceived(data: Uint8Array, addr: unknown) {
 *     got.push([data.length, addr]);
 *   }
 * }
 * new P().datagramReceived(new Uint8Array(3), ["127.0.0.1", 9]);
 * assert.deepEqual(got, [[3, ["127.0.0.1", 9]]]);
 * ```
 */
export class DatagramProtocol extends BaseProtocol implements DatagramProtocolLike {
  /** A datagram arrived. Does nothing here. */
  datagramReceived(_data: Uint8Array, _addr: unknown): void {}
  /** A send or receive failed. Does nothing here. */
  errorReceived(_exc: unknown): void {}
}

/**
 * Python's `asyncio.SubprocessProtocol`.
 *
 * @example
 * ```ts
 * import { SubprocessProtocol } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.equal(new SubprocessProtocol().processExited(), undefined);
 * ```
 */
export class SubprocessProtocol extends BaseProtocol implements SubprocessProtocolLike {
  /** The child wrote to stdout or stderr. Does nothing here. */
  pipeDataReceived(_fd: number, _data: Uint8Array): void {}
  /** One of the child's pipes closed. Does nothing here. */
  pipeConnectionLost(_fd: number, _exc: unknown): void {}
  /** The child exited. Does nothing here. */
  processExited(): void {}
}
