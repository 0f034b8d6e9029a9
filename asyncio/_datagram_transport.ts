// The datagram transport (CPython selector_events._SelectorDatagramTransport).
//
// On a kernel socket (UDP and unix datagrams with --allow-ffi) it works as Python's does:
// when the reactor reports the descriptor readable, every waiting datagram is received
// with synchronous non-blocking calls (a bounded batch per loop iteration), and sendto is
// a synchronous send, buffered only when the kernel's buffer is full. On Linux, UDP
// receives up to 32 datagrams per recvmmsg, and the datagrams the protocol sends while
// they are delivered leave together in one sendmmsg once the last is delivered (or at
// close or abort), in order, before the loop runs anything else; a send's error reaches
// errorReceived then.
// On a native socket (node:dgram) each datagram is one awaited recvfrom and sends are
// asynchronous, counted in the write buffer until they complete.

import type { AbstractEventLoop } from "./events.ts";
import type { Future } from "./futures.ts";
import type { DatagramProtocolLike } from "./protocols.ts";
import { DatagramTransport, type WriteBufferLimits } from "./transports.ts";
import { BlockingIOError, OSError, ValueError } from "./exceptions.ts";
import type { LoopInternals } from "./_host.ts";
import { WriteFlowControl } from "./_flow_control.ts";
import { toBytes } from "./_bytes.ts";
import { logger } from "./log.ts";
import { FD_READ, FD_WRITE, waitFdEdge } from "../_ffi/reactor.ts";
import { type EncodedSockaddr, encodeSockaddr } from "../_ffi/sockaddr.ts";
import * as k from "../_ffi/sockets.ts";
import { haveMmsg, type Received, recvBatch, SendBatch } from "../_ffi/socket_mmsg.ts";
import { coreOf } from "../socket/_core_access.ts";
import type { Address } from "../socket/address.ts";
import type { Socket } from "../socket/socket.ts";
import { kWaitReady } from "../socket/readiness.ts";
import { callConnectionLost, reportFatal } from "./_util.ts";

const MAX_SIZE = 256 * 1024;
const HEADER_SIZE = 8;
const BATCH = 256;
const LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;
const EMPTY = new Uint8Array(0);
const AF_INET = 2, AF_INET6 = Deno.build.os === "darwin" ? 30 : 10;

// Shared by every transport: a drain uses them synchronously and leaves them empty.
const received: Received = { data: [], from: [] };
const batch = new SendBatch<unknown>();

export class DatagramSocketTransport extends DatagramTransport {
  readonly #loop: AbstractEventLoop & LoopInternals;
  readonly #sock: Socket;
  #protocol: DatagramProtocolLike;
  readonly #address: unknown;
  readonly #fd: number;
  readonly #abort = new AbortController();
  #closing = false;
  #connLost = 0;
  #lost = false;
  #flow: WriteFlowControl;
  #buffer: [Uint8Array, unknown][] = [];
  #bufferSize = 0;
  #inflight = new Set<Promise<unknown>>();
  #waitingWrite = false;
  #recvBuf: Uint8Array | null = null;
  #reader: Promise<unknown> | null = null;
  #lastHost: string | null = null;
  #lastPort = -1;
  #lastEnc: EncodedSockaddr | null = null;
  readonly #mmsg: boolean;
  #batching = false;

  constructor(
    loop: AbstractEventLoop,
    sock: Socket,
    protocol: DatagramProtocolLike,
    address: unknown,
    waiter: Future<void> | null,
  ) {
    const peer = quiet(() => sock.getpeername());
    super({ socket: sock, sockname: quiet(() => sock.getsockname()), peername: peer });
    this.#loop = loop as AbstractEventLoop & LoopInternals;
    this.#sock = sock;
    this.#protocol = protocol;
    this.#address = address;
    this.#fd = coreOf(sock)?.kernel?.fd ?? -1;
    this.#mmsg = this.#fd >= 0 && (sock.family === AF_INET || sock.family === AF_INET6) &&
      haveMmsg();
    this.#flow = new WriteFlowControl(loop, this);
    loop.callSoon(() => this.#protocol.connectionMade?.(this));
    loop.callSoon(() => this.#startReading());
    if (waiter) loop.callSoon(() => waiter.done() || waiter.setResult(undefined));
  }

  override setProtocol(protocol: DatagramProtocolLike): void {
    this.#protocol = protocol;
  }

  override getProtocol(): DatagramProtocolLike {
    return this.#protocol;
  }

  override isClosing(): boolean {
    return this.#closing;
  }

  /** Bytes waiting to be sent (with Python's 8-byte header per datagram). */
  getWriteBufferSize(): number {
    return this.#bufferSize;
  }

  /** `[low, high]` water marks. */
  getWriteBufferLimits(): [number, number] {
    return this.#flow.get();
  }

  /** Sets the water marks of write flow control. */
  setWriteBufferLimits(limits?: WriteBufferLimits): void {
    this.#flow.set(limits, this.#bufferSize, this.#protocol);
  }

  override sendto(data: Uint8Array, addr?: unknown): void {
    if (!(data instanceof Uint8Array)) data = toBytes(data, "sendto");
    if (this.#address !== null && this.#address !== undefined) {
      if (addr !== undefined && addr !== null && !sameAddress(addr, this.#address)) {
        throw new ValueError(`Invalid address: must be None or ${JSON.stringify(this.#address)}`);
      }
      addr = null;
    } else if (addr === undefined) addr = null;
    if (this.#connLost && this.#address) {
      if (this.#connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        logger.warning("socket.send() raised exception.");
      }
      this.#connLost++;
      return;
    }
    if (this.#fd < 0) {
      this.#sendNative(data, addr);
      return;
    }
    // During a delivery, or an errorReceived called while its batch is sent, a datagram
    // joins the batch; behind buffered datagrams it waits its turn in the buffer.
    if (
      (this.#batching || batch.owner === this) && this.#buffer.length === 0 &&
      this.#queue(data, addr)
    ) return;
    if (this.#buffer.length === 0) {
      try {
        if (this.#sendNow(data, addr) >= 0) return;
      } catch (exc) {
        this.#error(exc, "Fatal write error on datagram transport");
        return;
      }
    }
    this.#buffer.push([data.slice(), addr]);
    this.#bufferSize += data.length + HEADER_SIZE;
    this.#flow.maybePause(this.#bufferSize, this.#protocol);
    this.#waitWritable();
  }

  override close(): void {
    if (this.#closing) return;
    if (batch.owner === this) {
      this.#sendBatch();
      if (this.#closing) return; // errorReceived closed it
    }
    this.#closing = true;
    this.#abort.abort();
    if (this.#buffer.length === 0) {
      this.#connLost++;
      this.#loop.callSoon(() => this.#callConnectionLost(null));
    }
  }

  override abort(): void {
    this.#forceClose(null);
  }

  /** Python's repr. */
  override toString(): string {
    return `<_SelectorDatagramTransport${this.#closing ? " closing" : ""}>`;
  }

  // ---- reading ----

  #startReading(): void {
    if (this.#closing) return;
    if (this.#fd >= 0) this.#drain();
    else this.#reader = this.#readNative();
  }

  #drain(): void {
    if (this.#connLost) return;
    for (let got = 0; got < BATCH;) {
      let count: number;
      try {
        count = this.#mmsg ? recvBatch(this.#fd, received) : this.#recvOne();
      } catch (exc) {
        if (!this.#report(exc)) return;
        got++;
        continue;
      }
      if (count < 0) {
        this.#waitReadable();
        return;
      }
      got += count;
      this.#batching = this.#mmsg;
      let failed: unknown = EMPTY;
      for (let i = 0; i < count; i++) {
        const data = received.data[i], from = received.from[i];
        received.data[i] = EMPTY;
        try {
          this.#protocol.datagramReceived?.(data, from ?? this.#address ?? null);
        } catch (exc) {
          failed = exc;
          break;
        }
        if (this.#closing) break;
      }
      this.#batching = false;
      // What the protocol sent is sent, even before an error it then threw (as in Python).
      if (batch.owner === this) this.#sendBatch();
      if (failed !== EMPTY) {
        this.#fatal(failed, "Fatal error: protocol.datagram_received() call failed.");
        return;
      }
      if (this.#closing) return;
    }
    // A long burst: let the rest of the loop run before the next batch.
    this.#loop.callSoon(() => this.#drain());
  }

  // One datagram into `received` (where recvmmsg is missing, or for unix sockets, whose
  // datagrams may exceed a batch's slots): 1, or -1 when none is waiting.
  #recvOne(): number {
    const buf = this.#recvBuf ??= new Uint8Array(MAX_SIZE);
    const [n, from] = k.tryRecvfromInto(this.#fd, buf, MAX_SIZE);
    if (n < 0) return -1;
    received.data[0] = buf.slice(0, n);
    received.from[0] = from;
    return 1;
  }

  #waitReadable(): void {
    this.#reader = waitFdEdge(this.#fd, FD_READ, this.#abort.signal).then(
      () => this.#loop._schedule({ _run: () => this.#drain() }),
      () => {},
    );
  }

  async #readNative(): Promise<void> {
    const signal = this.#abort.signal;
    while (!this.#closing) {
      let got: [Uint8Array, unknown];
      try {
        // The socket is non-blocking (as Python requires): wait, then take one datagram.
        await this.#sock[kWaitReady]("read", signal);
        if (signal.aborted || this.#closing) return;
        got = await this.#sock.recvfrom(MAX_SIZE, 0, { signal });
      } catch (exc) {
        if (signal.aborted || this.#closing) return;
        if (exc instanceof BlockingIOError) continue;
        this.#loop._schedule({ _run: () => this.#report(exc) });
        continue;
      }
      this.#loop._schedule({
        _run: () => {
          if (this.#connLost) return;
          try {
            this.#protocol.datagramReceived?.(got[0], got[1]);
          } catch (exc) {
            this.#fatal(exc, "Fatal error: protocol.datagram_received() call failed.");
          }
        },
      });
    }
  }

  // An OSError goes to errorReceived (the transport stays open); anything else is fatal.
  #report(exc: unknown): boolean {
    if (this.#connLost) return false;
    if (!(exc instanceof OSError)) {
      this.#fatal(exc, "Fatal read error on datagram transport");
      return false;
    }
    try {
      this.#protocol.errorReceived?.(exc);
    } catch (e) {
      this.#fatal(e, "Fatal error: protocol.error_received() call failed.");
      return false;
    }
    return true;
  }

  // ---- writing ----

  // One synchronous send: the count, or -1 when the kernel's buffer is full.
  #sendNow(data: Uint8Array, addr: unknown): number {
    if (addr === null) return k.trySend(this.#fd, data);
    const enc = this.#encode(addr);
    if (enc === null) {
      this.#sendNative(data, addr);
      return data.length;
    }
    return k.trySendto(this.#fd, data, 0, enc);
  }

  // Adds a datagram to the batch sent when the delivery round ends; false when it must go
  // now (the batch was sent first, so order holds): too big, or a name to resolve.
  #queue(data: Uint8Array, addr: unknown): boolean {
    if (batch.owner !== null && batch.owner !== this) return false;
    const enc = addr === null ? null : this.#encode(addr);
    if (addr === null || enc !== null) {
      if (batch.add(this, data, enc, addr)) return true;
      this.#sendBatch();
      if (this.#buffer.length === 0 && batch.add(this, data, enc, addr)) return true;
    } else this.#sendBatch();
    return false;
  }

  // Sends the batch; an OSError drops its datagram and goes to errorReceived, as from
  // sendto (errorReceived may abort, which sends the rest). What the kernel's full buffer
  // refuses joins the write buffer.
  #sendBatch(): void {
    while (batch.owner === this) {
      try {
        batch.send(this.#fd);
        break;
      } catch (exc) {
        if (!this.#report(exc)) {
          if (batch.owner === this) batch.clear();
          return;
        }
      }
    }
    if (batch.owner !== this || batch.length === 0) return;
    for (const [data, addr] of batch.takeRest()) {
      this.#buffer.push([data, addr]);
      this.#bufferSize += data.length + HEADER_SIZE;
    }
    this.#flow.maybePause(this.#bufferSize, this.#protocol);
    this.#waitWritable();
  }

  #encode(addr: unknown): EncodedSockaddr | null {
    if (Array.isArray(addr)) {
      const [host, port] = addr as [string, number];
      if (host === this.#lastHost && port === this.#lastPort) return this.#lastEnc;
      let enc: EncodedSockaddr;
      try {
        enc = encodeSockaddr(this.#sock.family, addr);
      } catch {
        return null; // a name: the socket resolves it
      }
      this.#lastHost = host;
      this.#lastPort = port;
      return this.#lastEnc = enc;
    }
    return encodeSockaddr(this.#sock.family, addr);
  }

  #sendNative(data: Uint8Array, addr: unknown): void {
    const copy = data.slice();
    const size = copy.length + HEADER_SIZE;
    this.#bufferSize += size;
    const p = (addr === null ? this.#sock.send(copy) : this.#sock.sendto(copy, addr as Address))
      .then(
        () => {},
        (exc) => {
          if (!this.#lost) this.#loop._schedule({ _run: () => this.#report(exc) });
        },
      ).finally(() => {
        this.#inflight.delete(p);
        this.#bufferSize -= size;
        if (!this.#lost) this.#loop._schedule({ _run: () => this.#afterWrite() });
      });
    this.#inflight.add(p);
    this.#flow.maybePause(this.#bufferSize, this.#protocol);
  }

  #waitWritable(): void {
    if (this.#waitingWrite || this.#fd < 0) return;
    this.#waitingWrite = true;
    waitFdEdge(this.#fd, FD_WRITE, this.#abortWrite.signal).then(
      () => this.#loop._schedule({ _run: () => this.#flush() }),
      () => {},
    );
  }

  readonly #abortWrite = new AbortController();

  #flush(): void {
    this.#waitingWrite = false;
    if (this.#connLost) return;
    while (this.#buffer.length > 0) {
      const [data, addr] = this.#buffer[0];
      try {
        if (this.#sendNow(data, addr) < 0) {
          this.#waitWritable();
          return;
        }
      } catch (exc) {
        if (exc instanceof OSError) {
          this.#buffer.shift();
          this.#bufferSize -= data.length + HEADER_SIZE;
          if (!this.#report(exc)) return;
          continue;
        }
        this.#fatal(exc, "Fatal write error on datagram transport");
        return;
      }
      this.#buffer.shift();
      this.#bufferSize -= data.length + HEADER_SIZE;
    }
    this.#afterWrite();
  }

  #afterWrite(): void {
    this.#flow.maybeResume(this.#bufferSize, this.#protocol);
    if (
      this.#buffer.length === 0 && this.#inflight.size === 0 && this.#closing && !this.#connLost
    ) {
      this.#connLost++;
      this.#callConnectionLost(null);
    }
  }

  // ---- errors and closing ----

  #error(exc: unknown, message: string): void {
    if (exc instanceof OSError) this.#report(exc);
    else this.#fatal(exc, message);
  }

  #fatal(exc: unknown, message: string): void {
    reportFatal(this.#loop, this, this.#protocol, exc, message, exc instanceof OSError);
    this.#forceClose(exc);
  }

  #forceClose(exc: unknown): void {
    // Datagrams sent before the abort are on the wire in Python: the batch goes first,
    // as far as the kernel takes it, and its errors go unreported, as the transport's are.
    while (batch.owner === this) {
      try {
        batch.send(this.#fd);
        batch.clear();
      } catch {
        // the next datagram, if any
      }
    }
    if (this.#connLost) return;
    this.#buffer = [];
    this.#bufferSize = 0;
    this.#closing = true;
    this.#abort.abort();
    this.#connLost++;
    this.#loop.callSoon(() => this.#callConnectionLost(exc));
  }

  #callConnectionLost(exc: unknown): void {
    if (this.#lost) return;
    this.#lost = true;
    this.#abort.abort();
    this.#abortWrite.abort();
    this.#sock.close();
    const pending = [...this.#inflight];
    if (this.#reader !== null) pending.push(this.#reader);
    const finish = (): void => callConnectionLost(this.#loop, this, this.#protocol, exc);
    if (pending.length === 0) finish();
    else Promise.allSettled(pending).then(() => this.#loop._schedule({ _run: finish }));
  }
}

function sameAddress(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a[0] === b[0] && a[1] === b[1];
  return a === b;
}

function quiet<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}
