// Python's asyncore.dispatcher: a thin wrapper around a non-blocking socket whose handlers
// the loop calls on readiness. Every call that does I/O returns a Promise (our sockets'
// recv/send/accept/connect do), so the handlers may be async: the loop awaits a handler's
// Promise before it polls again.

import { OSError } from "../_errors/os_error.ts";
import { ERRNO } from "../_ffi/errno.ts";
import { resolveFileobj } from "../selectors/_fileobj.ts";
import type { Address, SocketAddress } from "../socket/address.ts";
import { AF_INET, SO_ERROR, SO_REUSEADDR, SOCK_STREAM, SOL_SOCKET } from "../socket/constants.ts";
import { Socket } from "../socket/socket.ts";
import { compactTraceback } from "./compact_traceback.ts";
import type { FileWrapper } from "./file_dispatcher.ts";
import { type SocketMap, socketMap } from "./socket_map.ts";

/** What a handler may return: nothing, or a Promise the loop awaits. */
export type HandlerResult = void | Promise<void>;

const DISCONNECTED = new Set(
  ["ECONNRESET", "ENOTCONN", "ESHUTDOWN", "ECONNABORTED", "EPIPE", "EBADF"].map((n) => ERRNO[n]),
);
const EMPTY = new Uint8Array(0);
let nextId = 1;

/**
 * Python's `asyncore.dispatcher`: a wrapper around a non-blocking socket that the loop
 * ({@linkcode loop}) calls back when it is ready. Subclass it and override the `handle*`
 * methods; a handler may be `async` (the loop awaits it before polling again).
 *
 * @deprecated asyncore is deprecated in Python (3.6) and removed in 3.12: use
 * `@ipcnet/std/asyncio` for new code.
 *
 * @example A client that reads what a peer sends, then closes
 * ```ts
 * import { Dispatcher, loop } from "@ipcnet/std/asyncore";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * const got: string[] = [];
 * class Reader extends Dispatcher {
 *   override writable(): boolean {
 *     return false;
 *   }
 *   override async handleRead(): Promise<void> {
 *     const data = await this.recv(100);
 *     if (data.length) got.push(new TextDecoder().decode(data));
 *   }
 *   override handleClose(): void {
 *     this.close();
 *   }
 * }
 * const map = new Map();
 * new Reader(a, map);
 * await b.sendall(new TextEncoder().encode("hi"));
 * b.close();
 * await loop({ map, timeout: 1 });
 * assert.deepEqual(got, ["hi"]);
 * ```
 */
export class Dispatcher {
  /** Log what `DispatcherWithSend.send` sends. */
  debug = false;
  /** Whether the socket is connected. */
  connected = false;
  /** Whether the socket is listening (accepting sockets are never "writable"). */
  accepting = false;
  /** Whether a connect is in progress. */
  connecting = false;
  /** Free for subclasses (Python's attribute; asyncore itself never sets it). */
  closing = false;
  /** The address bound to, or connected to. */
  addr: Address | null = null;
  /** `logInfo` types that are not printed. */
  ignoreLogTypes: Set<string> = new Set(["warning"]);
  /** The socket (or `FileWrapper`), once there is one. */
  socket: Socket | FileWrapper | null = null;
  /** `[family, type]` given to `createSocket`. */
  familyAndType: [number, number] | null = null;
  #map: SocketMap;
  #fileno: number | null = null;
  #pending: Promise<unknown> | null = null;
  #id = nextId++;

  /**
   * Wraps `sock` (made non-blocking; `connected` when it has a peer) and adds it to `map`,
   * or waits for `createSocket`.
   *
   * @param sock a socket, or `null`
   * @param map the map to join (default: {@linkcode socketMap})
   * @throws {OSError} when `sock` is broken in a way `getpeername` reports
   */
  constructor(sock?: Socket | null, map?: SocketMap) {
    this.#map = map ?? socketMap;
    if (!sock) return;
    sock.setblocking(false);
    this.setSocket(sock, map);
    this.connected = true;
    try {
      this.addr = sock.getpeername() as Address;
    } catch (err) {
      if (err instanceof OSError && (err.code === "ENOTCONN" || err.code === "EINVAL")) {
        this.connected = false; // not connected (yet)
      } else {
        this.delChannel(map);
        throw err;
      }
    }
  }

  /**
   * Adds the dispatcher to a map under its descriptor.
   *
   * @param map the map (default: the dispatcher's own)
   */
  addChannel(map?: SocketMap): void {
    (map ?? this.#map).set(this.#fileno!, this);
  }

  /**
   * Removes the dispatcher from a map.
   *
   * @param map the map (default: the dispatcher's own)
   */
  delChannel(map?: SocketMap): void {
    const m = map ?? this.#map;
    if (this.#fileno !== null && m.get(this.#fileno) === this) m.delete(this.#fileno);
    this.#fileno = null;
  }

  /**
   * Creates a non-blocking socket and adds the dispatcher to its map.
   *
   * @param family the address family (default `AF_INET`)
   * @param type the socket type (default `SOCK_STREAM`)
   */
  createSocket(family: number = AF_INET, type: number = SOCK_STREAM): void {
    this.familyAndType = [family, type];
    const sock = new Socket(family, type);
    sock.setblocking(false);
    this.setSocket(sock);
  }

  /**
   * Uses `sock` and adds the dispatcher to a map under its descriptor (a synthetic one for
   * a native socket).
   *
   * @param sock the socket or file wrapper
   * @param map the map (default: the dispatcher's own)
   */
  setSocket(sock: Socket | FileWrapper, map?: SocketMap): void {
    this.socket = sock;
    this.#fileno = resolveFileobj(sock).fd;
    this.addChannel(map);
  }

  /** Sets `SO_REUSEADDR`, ignoring failure, as Python does. */
  setReuseAddr(): void {
    try {
      const sock = this.#sock();
      sock.setsockopt(
        SOL_SOCKET,
        SO_REUSEADDR,
        Number(sock.getsockopt(SOL_SOCKET, SO_REUSEADDR)) | 1,
      );
    } catch (err) {
      if (!(err instanceof OSError)) throw err;
    }
  }

  /**
   * Whether the loop should wait for the socket to be readable. Default: always.
   *
   * @returns whether to watch for reading
   */
  readable(): boolean {
    return true;
  }

  /**
   * Whether the loop should wait for the socket to be writable. Default: always.
   *
   * @returns whether to watch for writing
   */
  writable(): boolean {
    return true;
  }

  /**
   * Listens for connections; the dispatcher is `accepting` from now on.
   *
   * @param num the backlog
   */
  listen(num: number): void {
    this.accepting = true;
    this.#sock().listen(num);
  }

  /**
   * Binds the socket.
   *
   * @param addr the local address
   */
  bind(addr: Address): void {
    this.addr = addr;
    this.#sock().bind(addr);
  }

  /**
   * Starts connecting (non-blocking): `handleConnect` is called once connected. Resolves
   * once the attempt is under way; rejects with what Python's `connect` raises at once.
   * If the Promise is not awaited, the loop awaits it before its next poll and passes a
   * rejection to `handleError`.
   *
   * @param address the peer's address
   * @returns when the attempt is under way
   * @throws {OSError} when the connection fails at once
   */
  connect(address: Address): Promise<void> {
    this.connected = false;
    this.connecting = true;
    const attempt = (async () => {
      const err = await this.#sock().connectEx(address);
      if (err === ERRNO.EINPROGRESS || err === ERRNO.EALREADY || err === ERRNO.EWOULDBLOCK) {
        this.addr = address;
        return;
      }
      if (err !== 0 && err !== ERRNO.EISCONN) throw new OSError(err);
      this.addr = address;
      await this.handleConnectEvent();
    })();
    const tracked = new TrackedPromise<void>((resolve, reject) => attempt.then(resolve, reject));
    const pending = Promise.prototype.then.call(tracked, undefined, async (err) => {
      if (!tracked.observed) await this.handleError(err);
    }).finally(() => {
      if (this.#pending === pending) this.#pending = null;
    });
    pending.catch(() => {}); // the loop awaits it and sees a failure; nobody else must
    this.#pending = pending;
    return tracked;
  }

  /**
   * Accepts a connection.
   *
   * @returns `[socket, address]`, or `null` when there was none after all
   */
  async accept(): Promise<[Socket, SocketAddress] | null> {
    try {
      return await this.#sock().accept();
    } catch (err) {
      if (err instanceof OSError && ["EWOULDBLOCK", "EAGAIN", "ECONNABORTED"].includes(err.code!)) {
        return null;
      }
      throw err;
    }
  }

  /**
   * Sends what the socket takes now.
   *
   * @param data the bytes
   * @returns how many were sent (0 when it would block, or the peer is gone)
   */
  async send(data: Uint8Array): Promise<number> {
    try {
      return await this.socket!.send(data);
    } catch (err) {
      if (!(err instanceof OSError)) throw err;
      if (err.code === "EWOULDBLOCK" || err.code === "EAGAIN") return 0;
      if (!DISCONNECTED.has(err.errno!)) throw err;
      await this.handleClose();
      return 0;
    }
  }

  /**
   * Receives up to `bufferSize` bytes. End of stream (or a reset) calls `handleClose` and
   * returns an empty array.
   *
   * @param bufferSize the most bytes to take
   * @returns the bytes
   */
  async recv(bufferSize: number): Promise<Uint8Array> {
    try {
      const data = await this.socket!.recv(bufferSize);
      if (data.length > 0) return data;
    } catch (err) {
      if (!(err instanceof OSError) || !DISCONNECTED.has(err.errno!)) throw err;
    }
    await this.handleClose();
    return EMPTY;
  }

  /** Closes the socket and leaves the map. */
  close(): void {
    this.connected = false;
    this.accepting = false;
    this.connecting = false;
    this.delChannel();
    try {
      this.socket?.close();
    } catch (err) {
      if (!(err instanceof OSError) || !["ENOTCONN", "EBADF"].includes(err.code!)) throw err;
    }
  }

  /**
   * Logs a message to stderr (`log: ...`).
   *
   * @param message the message
   */
  log(message: unknown): void {
    console.error(`log: ${message}`);
  }

  /**
   * Prints `type: message`, unless `type` is in `ignoreLogTypes`.
   *
   * @param message the message
   * @param type its type (default `"info"`)
   */
  logInfo(message: string, type: string = "info"): void {
    if (!this.ignoreLogTypes.has(type)) console.log(`${type}: ${message}`);
  }

  /** Calls `handleAccept`, `handleConnectEvent` and `handleRead` as the state requires. */
  async handleReadEvent(): Promise<void> {
    if (this.accepting) {
      await this.handleAccept();
    } else if (!this.connected) {
      if (this.connecting) await this.handleConnectEvent();
      await this.handleRead();
    } else {
      await this.handleRead();
    }
  }

  /** Checks `SO_ERROR` (throws it as `OSError`), then calls `handleConnect`. */
  async handleConnectEvent(): Promise<void> {
    const err = Number(this.socket!.getsockopt(SOL_SOCKET, SO_ERROR));
    if (err !== 0) throw new OSError(err);
    await this.handleConnect();
    this.connected = true;
    this.connecting = false;
  }

  /** Calls `handleConnectEvent` if connecting, then `handleWrite`; nothing if accepting. */
  async handleWriteEvent(): Promise<void> {
    if (this.accepting) return;
    if (!this.connected && this.connecting) await this.handleConnectEvent();
    await this.handleWrite();
  }

  /** Closes on a pending socket error, else calls `handleExpt` (out-of-band data). */
  async handleExptEvent(): Promise<void> {
    const err = Number(this.socket!.getsockopt(SOL_SOCKET, SO_ERROR));
    if (err !== 0) await this.handleClose();
    else await this.handleExpt();
  }

  /**
   * Called when a handler throws: prints a compact traceback (`logInfo` type `"error"`)
   * and calls `handleClose`.
   *
   * @param err what was thrown
   * @returns when `handleClose` is done
   */
  handleError(err?: unknown): HandlerResult {
    const [, type, value, info] = compactTraceback(err);
    let self: string;
    try {
      self = String(this);
    } catch {
      self = `<toString() failed for object at 0x${this.#id.toString(16)}>`;
    }
    const text = value instanceof Error ? value.message : String(value);
    this.logInfo(
      `uncaptured exception, closing channel ${self} (${type}:${text} ${info})`,
      "error",
    );
    return this.handleClose();
  }

  /** Out-of-band data arrived (default: a warning). */
  handleExpt(): HandlerResult {
    this.logInfo("unhandled incoming priority event", "warning");
  }

  /** The socket is readable (default: a warning). */
  handleRead(): HandlerResult {
    this.logInfo("unhandled read event", "warning");
  }

  /** The socket is writable (default: a warning). */
  handleWrite(): HandlerResult {
    this.logInfo("unhandled write event", "warning");
  }

  /** The connection is established (default: a warning). */
  handleConnect(): HandlerResult {
    this.logInfo("unhandled connect event", "warning");
  }

  /** A connection is waiting: accepts it and calls `handleAccepted`. */
  async handleAccept(): Promise<void> {
    const pair = await this.accept();
    if (pair !== null) await this.handleAccepted(...pair);
  }

  /**
   * A connection was accepted (default: closes it, with a warning).
   *
   * @param sock the new socket
   * @param _addr the peer's address
   */
  handleAccepted(sock: Socket, _addr: SocketAddress): HandlerResult {
    sock.close();
    this.logInfo("unhandled accepted event", "warning");
  }

  /** The socket closed (default: a warning, then `close()`). */
  handleClose(): HandlerResult {
    this.logInfo("unhandled close event", "warning");
    this.close();
  }

  /**
   * Python's repr: `<Name connected 127.0.0.1:80 at 0x1>`.
   *
   * @returns the text
   */
  toString(): string {
    const status = [this.constructor.name];
    if (this.accepting && this.addr) status.push("listening");
    else if (this.connected) status.push("connected");
    if (this.addr !== null) {
      const addr = this.addr;
      status.push(Array.isArray(addr) ? `${addr[0]}:${addr[1]}` : `'${String(addr)}'`);
    }
    return `<${status.join(" ")} at 0x${this.#id.toString(16)}>`;
  }

  /** @internal The loop awaits a connect still under way before it polls. */
  _settle(): Promise<unknown> | null {
    return this.#pending;
  }

  #sock(): Socket {
    if (this.socket instanceof Socket) return this.socket;
    throw new TypeError(`${this} has no socket: call createSocket() first`);
  }
}

// A Promise that knows whether anyone asked for its outcome (then/catch/await).
class TrackedPromise<T> extends Promise<T> {
  observed = false;
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }
  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.observed = true;
    return super.then(onFulfilled, onRejected);
  }
}
