// Python's socket object: a handle on a SocketCore (native or kernel) with its own timeout,
// as in Python. `dup` of a native socket shares the core; of a kernel socket, dup(2)s it.

import { osError, ValueError } from "../_errors/mod.ts";
import { parseAddress } from "./_address.ts";
import { pyTypeName } from "./_args.ts";
import type { Address, SocketAddress } from "./address.ts";
import { adopt, takeAdopted } from "./_adopt.ts";
import { connectErrno } from "./_connect_ex.ts";
import { registerCoreAccess } from "./_core_access.ts";
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
import { coreFromFd } from "./_fd_core.ts";
import { type Ancillary, KernelChannel } from "./_kernel.ts";
import * as sys from "../_ffi/sockets.ts";

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
export interface AbortOptions {
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
  // --- ssl hook: lets ssl/ reach the core through socket/_core_access.ts ---
  static {
    registerCoreAccess((sock: Socket) => sock.#core);
  }
  // --- end of ssl hook ---
  readonly #family: number;
  readonly #type: number;
  readonly #proto: number;
  #timeout: number | null;
  #cachedMode: IoMode = { timeout: null };

  /**
   * Creates a socket (Python's `socket.socket(family, type, proto, fileno)`).
   *
   * TCP, UDP and unix stream sockets run on Deno's native networking until something
   * needs a file descriptor; other kinds (raw, `SOCK_SEQPACKET`, unix datagram,
   * `AF_PACKET`, ...) and sockets made from a `fileno` are kernel sockets from the start,
   * which needs `--allow-ffi`.
   *
   * @param family an address family: `AF_INET` (default), `AF_INET6`, `AF_UNIX`, ...; with
   *   `fileno`, -1 (the default there) detects it
   * @param type `SOCK_STREAM` (default), `SOCK_DGRAM`, `SOCK_RAW`, `SOCK_SEQPACKET`,
   *   optionally or-ed with `SOCK_NONBLOCK` (start non-blocking) and `SOCK_CLOEXEC`
   *   (always the case)
   * @param proto the protocol, normally 0
   * @param fileno an existing socket descriptor to own
   * @throws {OSError} EAFNOSUPPORT, EINVAL or EPROTONOSUPPORT for a bad combination, and
   *   what socket(2) reports (PermissionError for raw sockets without privileges)
   * @throws {NotImplementedError} for kernel sockets without --allow-ffi
   */
  constructor(family = -1, type = -1, proto = -1, fileno: number | null = null) {
    const adopted = takeAdopted();
    const flags = (SOCK_NONBLOCK ?? 0) | (SOCK_CLOEXEC ?? 0);
    if (adopted) {
      this.#core = adopted;
    } else if (fileno !== null && fileno !== undefined) {
      this.#core = coreFromFd(fileno, family, type === -1 ? -1 : type & ~flags, proto);
    } else {
      const fam = family === -1 ? AF_INET : family;
      const typ = type === -1 ? SOCK_STREAM : type & ~flags;
      const pro = proto === -1 ? 0 : proto;
      const backend = checkFamilyAndType(fam, typ, pro);
      this.#core = new SocketCore(fam, typ, pro);
      if (backend === "kernel") this.#core.toKernel("this kind of socket");
    }
    this.#family = this.#core.family;
    this.#type = this.#core.type;
    this.#proto = this.#core.proto;
    this.#timeout = SOCK_NONBLOCK !== undefined && type !== -1 && (type & SOCK_NONBLOCK) !== 0
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
  async accept(options?: AbortOptions): Promise<[Socket, SocketAddress]> {
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
  async connect(address: Address, options?: AbortOptions): Promise<void> {
    const target = parseAddress(this.#family, address, "connect");
    await this.#live().connect(target, this.#mode(options));
  }

  /**
   * Like `connect`, but resolves to an errno (0 on success) instead of throwing for
   * errors of the connection itself; name resolution errors still throw.
   */
  async connectEx(address: Address, options?: AbortOptions): Promise<number> {
    try {
      await this.connect(address, options);
      return 0;
    } catch (err) {
      return connectErrno(err);
    }
  }

  /**
   * Python's `detach()`: hands over the descriptor without closing it, and leaves this
   * object closed.
   *
   * @returns the descriptor, or -1 for a closed socket
   * @throws {NotImplementedError} for a native connection, which has no descriptor
   */
  detach(): number {
    if (this.#core === null) return -1;
    const core = this.#core;
    const fd = core.toKernel("detach()").detach();
    this.#core = null;
    core.release();
    return fd;
  }

  /**
   * A second socket object for the same socket, with the same timeout: a duplicated
   * descriptor for a kernel socket, a second handle for a native one. The socket closes
   * when every copy is closed.
   */
  dup(): Socket {
    const core = this.#live();
    let copy = core;
    if (core.kernel) {
      const ch = core.kernel;
      copy = SocketCore.kernel(new KernelChannel(sys.dup(ch.fd), ch.family, ch.type, ch.proto));
      copy.listening = core.listening;
    } else {
      core.refs++;
    }
    const sock = adopt(copy, () => new Socket(core.family, core.type, core.proto));
    sock.#timeout = this.#timeout;
    return sock;
  }

  /**
   * The file descriptor, or -1 once closed. A socket that has not opened anything native
   * yet (or only a listener with nothing accepted, or an idle UDP socket) becomes a
   * kernel socket here, so that `select`, `epoll` and fd passing can use it.
   *
   * @throws {NotImplementedError} for a native connection (Deno exposes no descriptor),
   *   or without --allow-ffi
   */
  fileno(): number {
    if (this.#core === null) return -1;
    return this.#core.toKernel("fileno()").fd;
  }

  /** Whether the descriptor would be inherited by child processes (native: never). */
  getInheritable(): boolean {
    const core = this.#live();
    return core.kernel ? sys.getInheritable(core.kernel.fd) : false;
  }

  /**
   * Python's `set_inheritable`. Making a socket inheritable needs a kernel socket.
   *
   * @throws {NotImplementedError} for a native connection, which cannot be inherited
   */
  setInheritable(inheritable: boolean): void {
    const core = this.#live();
    if (!core.kernel && !inheritable) return;
    sys.setInheritable(core.toKernel("setInheritable(true)").fd, inheritable);
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
  setsockopt(level: number, optname: number, value: OptionValue, optlen?: number): void {
    setsockopt(this.#live(), level, optname, value, optlen);
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
  recv(bufsize: number, flags = 0, options?: AbortOptions): Promise<Uint8Array> {
    try {
      checkSize(bufsize, "negative buffersize in recv");
      const core = this.#live();
      if (core.kernel) return core.kernel.recv(bufsize, flags, this.#mode(options));
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
    options?: AbortOptions,
  ): Promise<[Uint8Array, SocketAddress | null]> {
    checkSize(bufsize, "negative buffersize in recvfrom");
    const core = this.#live();
    if (core.kernel) {
      return await core.kernel.recvfrom(bufsize, flags, this.#mode(options)) as [
        Uint8Array,
        SocketAddress | null,
      ];
    }
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
    options?: AbortOptions,
  ): Promise<number> {
    try {
      const target = intoTarget(
        buffer,
        nbytes,
        "recv_into",
        "buffer too small for requested bytes",
      );
      const core = this.#live();
      if (core.kernel) return core.kernel.recvInto(target, flags, this.#mode(options));
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
    options?: AbortOptions,
  ): Promise<[number, SocketAddress | null]> {
    const target = intoTarget(
      buffer,
      nbytes,
      "recvfrom_into",
      "nbytes is greater than the length of the buffer",
    );
    const core = this.#live();
    if (core.kernel) {
      return await core.kernel.recvfromInto(target, flags, this.#mode(options)) as [
        number,
        SocketAddress | null,
      ];
    }
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
  send(data: ArrayBufferView, flags = 0, options?: AbortOptions): Promise<number> {
    try {
      const bytes = toBytes(data);
      const core = this.#live();
      if (core.kernel) return core.kernel.send(bytes, flags, this.#mode(options));
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
  sendall(data: ArrayBufferView, flags = 0, options?: AbortOptions): Promise<void> {
    try {
      const bytes = toBytes(data);
      const core = this.#live();
      if (core.kernel) return core.kernel.sendall(bytes, flags, this.#mode(options));
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
    const flags = maybeAddress === undefined ? 0 : flagsOrAddress as number;
    const bytes = toBytes(data);
    const core = this.#live();
    const target = parseAddress(this.#family, address, "sendto");
    if (core.kernel) return await core.sendto(bytes, target, flags, this.#mode(undefined));
    if (!core.isDgram) {
      throw osError(core.stream ? "EISCONN" : "EPIPE");
    }
    return await core.sendto(bytes, target);
  }

  /**
   * Python's `sendmsg(buffers, ancdata, flags, address)`: sends the concatenation of
   * `buffers` with ancillary data (`[level, type, data]` items, for example
   * `[SOL_SOCKET, SCM_RIGHTS, fds]` to pass descriptors). Needs a kernel socket.
   *
   * @returns the number of data bytes sent
   * @throws {NotImplementedError} for a native connection, or without --allow-ffi
   */
  async sendmsg(
    buffers: Iterable<ArrayBufferView>,
    ancdata: Iterable<[number, number, ArrayBufferView]> = [],
    flags = 0,
    address?: Address,
    options?: AbortOptions,
  ): Promise<number> {
    const core = this.#live();
    const bufs = [...buffers].map(toBytes);
    const anc = [...ancdata].map(([level, type, data]) =>
      [level, type, toBytes(data)] as Ancillary
    );
    const target = address === undefined ? null : parseAddress(this.#family, address, "sendmsg");
    return await core.sendmsg(bufs, anc, flags, target, this.#mode(options));
  }

  /**
   * Python's `recvmsg(bufsize, ancbufsize, flags)`: `[data, ancdata, msgFlags, address]`.
   * Needs a kernel socket.
   *
   * @throws {NotImplementedError} for a native connection, or without --allow-ffi
   */
  async recvmsg(
    bufsize: number,
    ancbufsize = 0,
    flags = 0,
    options?: AbortOptions,
  ): Promise<[Uint8Array, [number, number, Uint8Array][], number, SocketAddress | null]> {
    checkSize(bufsize, "negative buffer size in recvmsg()");
    checkSize(ancbufsize, "negative buffer size in recvmsg()");
    const ch = this.#live().toKernel("recvmsg()");
    return await ch.recvmsg(bufsize, ancbufsize, flags, this.#mode(options)) as [
      Uint8Array,
      [number, number, Uint8Array][],
      number,
      SocketAddress | null,
    ];
  }

  /**
   * Python's `recvmsg_into(buffers, ancbufsize, flags)`: fills `buffers` in order and
   * resolves to `[nbytes, ancdata, msgFlags, address]`. Needs a kernel socket.
   *
   * @throws {NotImplementedError} for a native connection, or without --allow-ffi
   */
  async recvmsgInto(
    buffers: Iterable<ArrayBufferView>,
    ancbufsize = 0,
    flags = 0,
    options?: AbortOptions,
  ): Promise<[number, [number, number, Uint8Array][], number, SocketAddress | null]> {
    checkSize(ancbufsize, "negative buffer size in recvmsg_into()");
    const ch = this.#live().toKernel("recvmsg_into()");
    const bufs = [...buffers].map(toBytes);
    return await ch.recvmsgInto(bufs, ancbufsize, flags, this.#mode(options)) as [
      number,
      [number, number, Uint8Array][],
      number,
      SocketAddress | null,
    ];
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
    if (core.kernel) return await core.kernel.shutdown(how);
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
    const fd = this.#core?.kernel?.fd ?? -1;
    const parts = [
      `fd=${fd}`,
      `family=${this.#family}`,
      `type=${this.#type}`,
      `proto=${this.#proto}`,
    ];
    if (this.#core === null) return `<socket.socket [closed] ${parts.join(", ")}>`;
    try {
      const laddr = this.#core.sockname();
      if (this.#core.stream || this.#core.listener || this.#core.dgram || this.#core.kernel) {
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

  #mode(options: AbortOptions | undefined): IoMode {
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
    options: AbortOptions | undefined,
  ): Promise<[Uint8Array, SocketAddress]> {
    return await core.ensureDgram().recvfrom(bufsize, flags, this.#mode(options));
  }
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
  if (addr instanceof Uint8Array) {
    return `b'${new TextDecoder().decode(addr).replace("\0", "\\x00")}'`;
  }
  return `(${addr.map((v) => typeof v === "string" ? `'${v}'` : String(v)).join(", ")})`;
}
