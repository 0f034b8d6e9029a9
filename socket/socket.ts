// Python's socket object. A `Socket` is a handle on a shared SocketCore (so `dup` shares
// the socket, as duplicated descriptors do) with its own timeout, as in Python.

import { NotImplementedError, OSError, osError, ValueError } from "../_errors/mod.ts";
import { parseAddress } from "./_address.ts";
import { pyTypeName } from "./_args.ts";
import type { Address, SocketAddress } from "./address.ts";
import { adopt, takeAdopted } from "./_adopt.ts";
import { DEFAULT_BACKLOG, SocketCore } from "./_core.ts";
import { kReadyNow, kWaitReady, type NativeReadiness, type ReadinessKind } from "./readiness.ts";
import { getsockopt, setsockopt } from "./_sockopt.ts";
import type { IoMode } from "./_stream.ts";
import { sendfileVia } from "./_sendfile.ts";
import { makeSocketFile } from "./_socket_file.ts";
import type { MakefileOptions, MakefileResult } from "./socket_file.ts";
import {
  AF_INET,
  SHUT_RD,
  SHUT_RDWR,
  SOCK_CLOEXEC,
  SOCK_NONBLOCK,
  SOCK_STREAM,
} from "./constants.ts";
import { checkTimeout, getdefaulttimeout } from "./default_timeout.ts";
import { checkFamilyAndType } from "./_kinds.ts";

/** A value `setsockopt` accepts: an integer, a boolean, bytes, or null (with no value). */
export type OptionValue = number | boolean | ArrayBufferView | null;

/** A file `sendfile` can read: `Deno.FsFile`, or anything with the same `read`/`seek`. */
export interface SendfileSource {
  /** Reads into `p`, resolving to the count or null at the end. */
  read(p: Uint8Array): Promise<number | null>;
  /** Moves the position. */
  seek(offset: number | bigint, whence: Deno.SeekMode): Promise<number>;
}

/** Options every waiting call accepts in addition to Python's arguments. */
export interface WaitOptions {
  /** Aborts the wait; the socket stays usable and no received byte is lost. */
  signal?: AbortSignal;
}

/**
 * Python's `socket.socket`: a network endpoint. Calls that block in Python return a
 * Promise; the rest are synchronous. Timeouts are in seconds, as in Python: no timeout
 * waits, `settimeout(0)` / `setblocking(false)` makes a call that would wait reject at
 * once with `BlockingIOError`, and `settimeout(t)` rejects with `TimeoutError` after `t`
 * seconds, leaving the socket usable with no byte lost.
 *
 * TCP and unix stream sockets run on `Deno.listen`/`Deno.connect`, UDP on `node:dgram`
 * (no unstable flag), and a TCP socket bound before `connect` on `node:net`.
 *
 * @example A TCP echo over loopback
 * ```ts
 * import { AF_INET, SOCK_STREAM, Socket } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * using server = new Socket(AF_INET, SOCK_STREAM);
 * server.bind(["127.0.0.1", 0]);
 * server.listen();
 * using client = new Socket();
 * await client.connect(server.getsockname());
 * const [conn] = await server.accept();
 * using _conn = conn;
 * await client.sendall(new TextEncoder().encode("ping"));
 * assert.equal(new TextDecoder().decode(await conn.recv(1024)), "ping");
 * ```
 *
 * @example A timeout that leaves the socket usable
 * ```ts
 * import { Socket, socketpair, TimeoutError } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * a.settimeout(0.05);
 * await assert.rejects(a.recv(10), TimeoutError);
 * await b.sendall(new Uint8Array([1, 2, 3]));
 * assert.deepEqual(await a.recv(10), new Uint8Array([1, 2, 3]));
 * ```
 */
export class Socket implements NativeReadiness, Disposable, AsyncDisposable {
  #core: SocketCore | null;
  readonly #family: number;
  readonly #type: number;
  readonly #proto: number;
  #timeout: number | null;
  #cachedMode: IoMode = { timeout: null };

  /**
   * Creates a socket (Python's `socket.socket(family, type, proto, fileno)`).
   *
   * @param family an address family: `AF_INET` (default), `AF_INET6` or `AF_UNIX`
   * @param type `SOCK_STREAM` (default) or `SOCK_DGRAM`, optionally or-ed with
   *   `SOCK_NONBLOCK` (start non-blocking) and `SOCK_CLOEXEC` (always the case)
   * @param proto the protocol, normally 0
   * @param fileno an existing descriptor to adopt (needs a kernel socket)
   * @throws {OSError} EAFNOSUPPORT, EINVAL or EPROTONOSUPPORT for a bad combination
   * @throws {NotImplementedError} for sockets that need a kernel descriptor
   */
  constructor(
    family: number = AF_INET,
    type: number = SOCK_STREAM,
    proto: number = 0,
    fileno: number | null = null,
  ) {
    const adopted = takeAdopted();
    if (adopted) {
      this.#core = adopted;
    } else {
      if (fileno !== null && fileno !== undefined) {
        throw new NotImplementedError(
          "Socket(fileno): adopting a descriptor needs a kernel socket; native Deno sockets " +
            "have no file descriptor",
        );
      }
      const flags = (SOCK_NONBLOCK ?? 0) | (SOCK_CLOEXEC ?? 0);
      checkFamilyAndType(family, type & ~flags, proto);
      this.#core = new SocketCore(family, type & ~flags, proto);
    }
    this.#family = this.#core.family;
    this.#type = this.#core.type;
    this.#proto = this.#core.proto;
    this.#timeout = SOCK_NONBLOCK !== undefined && (type & SOCK_NONBLOCK) !== 0
      ? 0
      : getdefaulttimeout();
  }

  /** The address family (`AF_INET`, `AF_INET6`, `AF_UNIX`). */
  get family(): number {
    return this.#family;
  }

  /** The socket type, without the `SOCK_NONBLOCK`/`SOCK_CLOEXEC` flags. */
  get type(): number {
    return this.#type;
  }

  /** The protocol number given to the constructor. */
  get proto(): number {
    return this.#proto;
  }

  /** The timeout in seconds, or `null` (Python's read-only `timeout` attribute). */
  get timeout(): number | null {
    return this.#timeout;
  }

  /** Whether `close` (or `detach`) has been called. */
  get closed(): boolean {
    return this.#core === null;
  }

  /**
   * Waits for a connection on a listening socket.
   *
   * @returns the new connected socket and the peer's address
   * @throws {OSError} EINVAL when the socket is not listening
   * @throws {BlockingIOError} in non-blocking mode when no connection is waiting
   * @throws {TimeoutError} when the timeout passes first
   */
  async accept(options?: WaitOptions): Promise<[Socket, SocketAddress]> {
    const [core, address] = await this.#live().accept(this.#mode(options));
    // Accepted sockets start blocking unless a default timeout is set (Python).
    return [adopt(core, () => new Socket(core.family, core.type, core.proto)), address];
  }

  /**
   * Binds the socket to a local address: `[host, port]`, `[host, port, flowinfo,
   * scopeId]` or a unix path. Port 0 picks a free port; `getsockname()` tells which.
   *
   * @throws {OSError} EADDRINUSE when the address is taken, EINVAL when already bound
   * @throws {OverflowError} for a port outside 0-65535
   * @throws {TypeError} for an address of the wrong shape
   * @throws {GaiError} when the host name cannot be resolved
   */
  bind(address: Address): void {
    this.#live().bind(parseAddress(this.#family, address, "bind"));
  }

  /** Closes the socket. Closing twice does nothing. */
  close(): void {
    const core = this.#core;
    this.#core = null;
    core?.release();
  }

  /**
   * Connects to a remote address.
   *
   * @throws {ConnectionRefusedError} when nobody listens there
   * @throws {BlockingIOError} EINPROGRESS in non-blocking mode (the connection goes on;
   *   wait for writability, then read `getsockopt(SOL_SOCKET, SO_ERROR)`)
   * @throws {TimeoutError} when the timeout passes first
   * @throws {GaiError} when the host name cannot be resolved
   */
  async connect(address: Address, options?: WaitOptions): Promise<void> {
    const target = parseAddress(this.#family, address, "connect");
    await this.#live().connect(target, this.#mode(options));
  }

  /**
   * Like `connect`, but resolves to an errno (0 on success) instead of throwing for
   * errors of the connection itself; name resolution errors still throw.
   */
  async connectEx(address: Address, options?: WaitOptions): Promise<number> {
    try {
      await this.connect(address, options);
      return 0;
    } catch (err) {
      if (err instanceof OSError && err.name !== "gaierror") {
        return err.errno ?? osError("EAGAIN").errno!;
      }
      throw err;
    }
  }

  /**
   * Python's `detach()`: hands over the descriptor without closing it. Native sockets
   * have none.
   *
   * @returns -1 for a closed socket
   * @throws {NotImplementedError} for an open native socket
   */
  detach(): number {
    if (this.#core === null) return -1;
    throw new NotImplementedError(
      "detach(): a native Deno socket has no file descriptor to hand over",
    );
  }

  /**
   * A second handle on the same socket, with the same timeout. The socket closes when
   * every handle is closed.
   */
  dup(): Socket {
    const core = this.#live();
    core.refs++;
    const sock = adopt(core, () => new Socket(core.family, core.type, core.proto));
    sock.#timeout = this.#timeout;
    return sock;
  }

  /**
   * The file descriptor, or -1 once closed.
   *
   * @throws {NotImplementedError} for an open native socket, which has no descriptor
   */
  fileno(): number {
    if (this.#core === null) return -1;
    throw new NotImplementedError(
      "fileno(): a native Deno socket has no file descriptor (Deno does not expose one)",
    );
  }

  /** Whether the descriptor would be inherited by child processes: never for native sockets. */
  getInheritable(): boolean {
    this.#live();
    return false;
  }

  /**
   * Python's `set_inheritable`. Native sockets are always close-on-exec.
   *
   * @throws {NotImplementedError} when asked to make a native socket inheritable
   */
  setInheritable(inheritable: boolean): void {
    this.#live();
    if (inheritable) {
      throw new NotImplementedError(
        "setInheritable(true): native Deno sockets cannot be passed to child processes",
      );
    }
  }

  /** The remote address. @throws {OSError} ENOTCONN when not connected */
  getpeername(): SocketAddress {
    return this.#live().peername();
  }

  /** The local address (the wildcard address and port 0 before `bind`). */
  getsockname(): SocketAddress {
    return this.#live().sockname();
  }

  /**
   * Reads a socket option: an integer, or `buflen` raw bytes.
   *
   * @throws {OSError} ENOPROTOOPT for an unknown option
   * @throws {NotImplementedError} for an option Deno gives no access to on a native socket
   */
  getsockopt(level: number, optname: number, buflen?: number): number | Uint8Array {
    return getsockopt(this.#live(), level, optname, buflen);
  }

  /**
   * Sets a socket option from an integer, a boolean or bytes (for example a `struct
   * ip_mreq` for `IP_ADD_MEMBERSHIP`). Options set before `bind`/`connect` are applied
   * when the socket materialises.
   *
   * @throws {OSError} ENOPROTOOPT for an unknown or read-only option
   * @throws {NotImplementedError} for an option Deno gives no way to apply natively
   */
  setsockopt(level: number, optname: number, value: OptionValue): void {
    setsockopt(this.#live(), level, optname, value);
  }

  /** Whether the socket waits (no timeout, or a positive one). */
  getblocking(): boolean {
    this.#live();
    return this.#timeout !== 0;
  }

  /** `setblocking(false)` is `settimeout(0)`; `setblocking(true)` is `settimeout(null)`. */
  setblocking(flag: boolean): void {
    this.#live();
    this.#timeout = flag ? null : 0;
  }

  /** The timeout in seconds, or `null` when the socket waits forever. */
  gettimeout(): number | null {
    return this.#timeout;
  }

  /**
   * Sets the timeout of every waiting call: seconds, `0` for non-blocking, `null` to
   * wait forever.
   *
   * @throws {ValueError} when negative or NaN
   */
  settimeout(value: number | null): void {
    this.#timeout = checkTimeout(value);
  }

  /**
   * Starts listening for connections. `backlog` defaults to Python's min(SOMAXCONN, 128).
   *
   * @throws {OSError} EOPNOTSUPP on datagram sockets, EINVAL on connected ones
   */
  listen(backlog: number = DEFAULT_BACKLOG): void {
    if (!Number.isInteger(backlog)) {
      throw new TypeError(`'${pyTypeName(backlog)}' object cannot be interpreted as an integer`);
    }
    this.#live().listen(Math.max(0, backlog));
  }

  /**
   * A file object over the socket (Python's `makefile`): `TextIOWrapper` (UTF-8 by
   * default) for text modes, `BufferedReader`/`BufferedWriter`/`BufferedRWPair` for
   * "rb"/"wb"/"rwb", `SocketIO` with `buffering: 0`. The file holds its own handle
   * (`dup()`): closing the socket keeps the connection open until the file is closed too,
   * and closing the file leaves the socket open.
   *
   * @example Reading lines
   * ```ts
   * import { socketpair } from "@ipcnet/std/socket";
   * import assert from "node:assert/strict";
   *
   * const [a, b] = socketpair();
   * using _a = a, _b = b;
   * await using reader = b.makefile("r");
   * await a.sendall(new TextEncoder().encode("first\nsecond\n"));
   * assert.equal(await reader.readline(), "first\n");
   * assert.equal(await reader.readline(), "second\n");
   * ```
   */
  makefile<
    const M extends string = "r",
    const O extends MakefileOptions = Record<never, never>,
  >(mode: M = "r" as M, options: O = {} as O): MakefileResult<M, O> {
    this.#live();
    return makeSocketFile(this, mode, options) as MakefileResult<M, O>;
  }

  /**
   * Receives up to `bufsize` bytes; an empty array means the peer closed its side.
   * Flags: `MSG_PEEK`, `MSG_WAITALL`, `MSG_DONTWAIT`.
   *
   * @throws {ValueError} for a negative `bufsize`
   * @throws {OSError} ENOTCONN when not connected
   */
  recv(bufsize: number, flags = 0, options?: WaitOptions): Promise<Uint8Array> {
    try {
      checkSize(bufsize, "negative buffersize in recv");
      const core = this.#live();
      if (core.isDgram) return this.#recvDgram(core, bufsize, flags, options).then((r) => r[0]);
      return this.#stream(core).recv(bufsize, flags, this.#mode(options));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * Receives data and the sender's address (`null` for connected stream sockets).
   */
  async recvfrom(
    bufsize: number,
    flags = 0,
    options?: WaitOptions,
  ): Promise<[Uint8Array, SocketAddress | null]> {
    checkSize(bufsize, "negative buffersize in recvfrom");
    const core = this.#live();
    if (core.isDgram) return await this.#recvDgram(core, bufsize, flags, options);
    return [await this.#stream(core).recv(bufsize, flags, this.#mode(options)), null];
  }

  /**
   * Receives into `buffer` (up to `nbytes`, or its whole length when 0).
   *
   * @returns the number of bytes received
   */
  recvInto(
    buffer: ArrayBufferView,
    nbytes = 0,
    flags = 0,
    options?: WaitOptions,
  ): Promise<number> {
    try {
      const target = intoTarget(
        buffer,
        nbytes,
        "recv_into",
        "buffer too small for requested bytes",
      );
      const core = this.#live();
      if (!core.isDgram) return this.#stream(core).recvInto(target, flags, this.#mode(options));
      return this.#recvDgram(core, target.length, flags, options).then(([data]) => {
        target.set(data);
        return data.length;
      });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Receives into `buffer` and returns the count and the sender's address. */
  async recvfromInto(
    buffer: ArrayBufferView,
    nbytes = 0,
    flags = 0,
    options?: WaitOptions,
  ): Promise<[number, SocketAddress | null]> {
    const target = intoTarget(
      buffer,
      nbytes,
      "recvfrom_into",
      "nbytes is greater than the length of the buffer",
    );
    const core = this.#live();
    if (!core.isDgram) {
      return [await this.#stream(core).recvInto(target, flags, this.#mode(options)), null];
    }
    const [data, from] = await this.#recvDgram(core, target.length, flags, options);
    target.set(data);
    return [data.length, from];
  }

  /**
   * Sends some of `data` and resolves to how many bytes were sent (use `sendall` to
   * send everything).
   *
   * @throws {BrokenPipeError} when the connection is closed for writing
   */
  send(data: ArrayBufferView, flags = 0, options?: WaitOptions): Promise<number> {
    try {
      const bytes = toBytes(data);
      const core = this.#live();
      if (core.isDgram) return core.sendto(bytes, null);
      return this.#stream(core, "EPIPE").send(bytes, flags, this.#mode(options));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * Sends all of `data`. The timeout bounds the whole call.
   *
   * @throws {BrokenPipeError} when the connection is closed for writing
   * @throws {TimeoutError} when the timeout passes first (some data may have been sent)
   */
  sendall(data: ArrayBufferView, flags = 0, options?: WaitOptions): Promise<void> {
    try {
      const bytes = toBytes(data);
      const core = this.#live();
      if (core.isDgram) return core.sendto(bytes, null).then(() => undefined);
      return this.#stream(core, "EPIPE").sendall(bytes, flags, this.#mode(options));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * Sends a datagram to `address`: `sendto(data, address)` or
   * `sendto(data, flags, address)`. An unbound socket binds itself first.
   *
   * @returns the number of bytes sent
   */
  async sendto(data: ArrayBufferView, address: Address): Promise<number>;
  /** Sends a datagram to `address` with `flags`. */
  async sendto(data: ArrayBufferView, flags: number, address: Address): Promise<number>;
  async sendto(
    data: ArrayBufferView,
    flagsOrAddress: number | Address,
    maybeAddress?: Address,
  ): Promise<number> {
    const address = maybeAddress === undefined ? flagsOrAddress : maybeAddress;
    const bytes = toBytes(data);
    const core = this.#live();
    const target = parseAddress(this.#family, address, "sendto");
    if (!core.isDgram) {
      throw osError(core.stream ? "EISCONN" : "EPIPE");
    }
    if (target.kind !== "inet") throw osError("EAFNOSUPPORT");
    return await core.sendto(bytes, target);
  }

  /**
   * Python's `sendmsg(buffers, ancdata, flags, address)`: scatter-gather send with
   * ancillary data.
   *
   * @throws {NotImplementedError} on native sockets, which have no descriptor to carry it
   */
  sendmsg(
    _buffers: Iterable<ArrayBufferView>,
    _ancdata?: Iterable<[number, number, ArrayBufferView]>,
    _flags?: number,
    _address?: Address,
  ): Promise<number> {
    this.#live();
    return Promise.reject(needsDescriptor("sendmsg()"));
  }

  /**
   * Python's `recvmsg(bufsize, ancbufsize, flags)`: data, ancillary data, flags and
   * address.
   *
   * @throws {NotImplementedError} on native sockets, which have no descriptor to carry it
   */
  recvmsg(
    _bufsize: number,
    _ancbufsize?: number,
    _flags?: number,
  ): Promise<[Uint8Array, [number, number, Uint8Array][], number, SocketAddress | null]> {
    this.#live();
    return Promise.reject(needsDescriptor("recvmsg()"));
  }

  /**
   * Python's `recvmsg_into(buffers, ancbufsize, flags)`.
   *
   * @throws {NotImplementedError} on native sockets, which have no descriptor to carry it
   */
  recvmsgInto(
    _buffers: Iterable<ArrayBufferView>,
    _ancbufsize?: number,
    _flags?: number,
  ): Promise<[number, [number, number, Uint8Array][], number, SocketAddress | null]> {
    this.#live();
    return Promise.reject(needsDescriptor("recvmsg_into()"));
  }

  /**
   * Python's `sendfile(file, offset, count)`: sends a file's bytes until its end (or
   * `count` bytes) and leaves the file positioned after them.
   *
   * @param file a `Deno.FsFile` (or any object with `read` and `seek`)
   * @returns the number of bytes sent
   * @throws {ValueError} on a non-blocking socket, or for a negative offset or count
   */
  async sendfile(file: SendfileSource, offset = 0, count: number | null = null): Promise<number> {
    if (this.#timeout === 0) throw new ValueError("non-blocking sockets are not supported");
    if (this.#live().isDgram) throw new ValueError("only SOCK_STREAM type sockets are supported");
    return await sendfileVia(file, offset, count, (chunk) => this.sendall(chunk));
  }

  /**
   * Shuts down one or both directions: `SHUT_RD`, `SHUT_WR` (the peer reads end of
   * stream; this side can still receive) or `SHUT_RDWR`.
   *
   * @throws {OSError} ENOTCONN when not connected, EINVAL for a bad `how`
   */
  async shutdown(how: number): Promise<void> {
    if (!Number.isInteger(how)) {
      throw new TypeError(`'${pyTypeName(how)}' object cannot be interpreted as an integer`);
    }
    const core = this.#live();
    if (how < SHUT_RD || how > SHUT_RDWR) throw osError("EINVAL");
    if (core.isDgram) {
      if (!core.dgram?.connected) throw osError("ENOTCONN");
      return;
    }
    await this.#stream(core).shutdown(how);
  }

  /** Closes the socket (`using sock = new Socket()`). */
  [Symbol.dispose](): void {
    this.close();
  }

  /** Closes the socket (`await using sock = new Socket()`). */
  [Symbol.asyncDispose](): Promise<void> {
    this.close();
    return Promise.resolve();
  }

  /** @internal Readiness for `select` and the selectors. */
  [kReadyNow](kind: ReadinessKind): boolean {
    return this.#core === null ? true : this.#core[kReadyNow](kind);
  }

  /** @internal Readiness for `select` and the selectors. */
  [kWaitReady](kind: ReadinessKind, signal: AbortSignal): Promise<void> {
    return this.#core === null ? Promise.resolve() : this.#core[kWaitReady](kind, signal);
  }

  /** Python's repr: `<socket.socket fd=-1, family=2, type=1, proto=0, laddr=...>`. */
  toString(): string {
    const parts = [`fd=-1`, `family=${this.#family}`, `type=${this.#type}`, `proto=${this.#proto}`];
    if (this.#core === null) return `<socket.socket [closed] ${parts.join(", ")}>`;
    try {
      const laddr = this.#core.sockname();
      if (this.#core.stream || this.#core.listener || this.#core.dgram) {
        parts.push(`laddr=${formatAddress(laddr)}`);
      }
      parts.push(`raddr=${formatAddress(this.#core.peername())}`);
    } catch {
      // Not connected: no raddr, as in Python.
    }
    return `<socket.socket ${parts.join(", ")}>`;
  }

  /** Shown by `console.log` and Deno's inspector. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  #live(): SocketCore {
    if (this.#core === null) throw osError("EBADF");
    return this.#core;
  }

  #mode(options: WaitOptions | undefined): IoMode {
    if (options?.signal) return { timeout: this.#timeout, signal: options.signal };
    if (this.#cachedMode.timeout !== this.#timeout) this.#cachedMode = { timeout: this.#timeout };
    return this.#cachedMode;
  }

  #stream(core: SocketCore, unconnected = "ENOTCONN"): NonNullable<SocketCore["stream"]> {
    if (core.stream) return core.stream;
    throw osError(unconnected);
  }

  async #recvDgram(
    core: SocketCore,
    bufsize: number,
    flags: number,
    options: WaitOptions | undefined,
  ): Promise<[Uint8Array, SocketAddress]> {
    return await core.ensureDgram().recvfrom(bufsize, flags, this.#mode(options));
  }
}

function needsDescriptor(what: string): NotImplementedError {
  return new NotImplementedError(
    `${what}: ancillary data needs a kernel socket; a native Deno socket has no descriptor`,
  );
}

function checkSize(size: number, negative: string): void {
  if (!Number.isInteger(size)) {
    throw new TypeError(`'${pyTypeName(size)}' object cannot be interpreted as an integer`);
  }
  if (size < 0) throw new ValueError(negative);
}

function intoTarget(
  buffer: ArrayBufferView,
  nbytes: number,
  name: string,
  tooSmall: string,
): Uint8Array {
  if (!ArrayBuffer.isView(buffer)) {
    throw new TypeError(
      `${name}() argument 1 must be read-write bytes-like object, not ${pyTypeName(buffer)}`,
    );
  }
  checkSize(nbytes, `negative buffersize in ${name}`);
  const view = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (nbytes > view.length) throw new ValueError(tooSmall);
  return nbytes === 0 ? view : view.subarray(0, nbytes);
}

function toBytes(data: ArrayBufferView): Uint8Array {
  if (!ArrayBuffer.isView(data)) {
    throw new TypeError(`a bytes-like object is required, not '${pyTypeName(data)}'`);
  }
  return data instanceof Uint8Array
    ? data
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function formatAddress(addr: SocketAddress): string {
  if (typeof addr === "string") return `'${addr}'`;
  return `(${addr.map((v) => typeof v === "string" ? `'${v}'` : String(v)).join(", ")})`;
}
