// The state of one socket, shared by every `Socket` handle that `dup` made of a native
// socket (as a kernel socket is shared by duplicated descriptors). A new socket is only an
// intention until its first materialising call: `bind` claims the address at once (a
// TCP or unix bind opens the listener, so that the port is known and EADDRINUSE is
// reported by `bind`, as in Python), `listen` reopens it with the requested backlog,
// `connect` opens the connection. A socket that needs a descriptor (`toKernel`) becomes a
// kernel socket instead, when nothing native has been opened that cannot be reopened.

import {
  BlockingIOError,
  fromDenoError,
  NotImplementedError,
  OSError,
  osError,
} from "../_errors/mod.ts";
import { ERRNO } from "../_ffi/errno.ts";
import { ffiPermitted } from "../_ffi/libc.ts";
import { type EncodedSockaddr, encodeSockaddr } from "../_ffi/sockaddr.ts";
import { type Ancillary, KernelChannel } from "./_kernel.ts";
import { fromDenoAddr, type InetTarget, type Target, wildcard } from "./_address.ts";
import type { SocketAddress } from "./address.ts";
import { DgramChannel, noDestination } from "./_dgram.ts";
import { ListenerChannel } from "./_listener.ts";
import { netConnect } from "./_net_conn.ts";
import { kReadyNow, kWaitReady, type NativeReadiness, type ReadinessKind } from "./readiness.ts";
import { resolveHost, resolveHostSync } from "./_resolve.ts";
import {
  applyDgramOptions,
  applyKernelOptions,
  applyStreamOptions,
  dgramCreateOptions,
  wantsReusePort,
} from "./_sockopt.ts";
import { type ByteConn, type IoMode, StreamChannel } from "./_stream.ts";
import { waitFor } from "./_wait.ts";
import { AF_INET6, AF_UNIX, SOCK_DGRAM } from "./constants.ts";

/** The listen backlog Python picks when none is given: min(SOMAXCONN, 128). */
export const DEFAULT_BACKLOG = 128;

let kernelByDefault = false;

/**
 * Makes every new socket a kernel socket at its first materialising call, as if `fileno()`
 * had been asked first (tests run functions that create their own sockets, such as
 * `createConnection`, on both backends with it).
 */
export function setKernelByDefault(on: boolean): void {
  kernelByDefault = on;
}

export class SocketCore implements NativeReadiness {
  readonly family: number;
  readonly type: number;
  readonly proto: number;
  /** Handles sharing this socket. */
  refs = 1;
  closed = false;
  /** Options set with setsockopt, by `level << 16 | optname`. */
  readonly options: Map<number, number | Uint8Array> = new Map();
  /** The listener that a bind opened, listening or not yet. */
  listener: ListenerChannel | null = null;
  listening = false;
  stream: StreamChannel | null = null;
  dgram: DgramChannel | null = null;
  /** The descriptor, once the socket is a kernel socket. */
  kernel: KernelChannel | null = null;
  /** Tests set this to keep a UDP or unix socket native even with FFI granted. */
  nativeOnly = false;
  /** The pending error that getsockopt(SO_ERROR) reports. */
  pendingError: OSError | null = null;
  #connecting: Promise<void> | null = null;
  /** Whether a successful non-blocking connect has been reported by a later connect. */
  #connectSeen = true;
  #bound = false;
  #unixPath: string | null = null;

  constructor(family: number, type: number, proto: number) {
    this.family = family;
    this.type = type;
    this.proto = proto;
  }

  /** A core for a connection that `accept` (or a pair) produced. */
  static connected(conn: ByteConn, family: number, type: number, proto: number): SocketCore {
    const core = new SocketCore(family, type, proto);
    core.stream = new StreamChannel(conn);
    return core;
  }

  /** A core around a kernel socket. */
  static kernel(ch: KernelChannel): SocketCore {
    const core = new SocketCore(ch.family, ch.type, ch.proto);
    core.kernel = ch;
    return core;
  }

  get isDgram(): boolean {
    return this.type === SOCK_DGRAM;
  }

  bind(target: Target): void {
    this.#kernelByDefault();
    if (this.kernel) {
      const host = target.kind === "inet" ? resolveHostSync(this.family, target.host) : "";
      return this.kernel.bind(this.#encode(target, host));
    }
    if (this.listener || this.stream || this.dgram || this.#connecting) throw osError("EINVAL");
    if (target.kind === "inet" && wantsReusePort(this) && !this.isDgram && !unstableNet()) {
      // Deno.listen sets SO_REUSEPORT only under --unstable-net.
      this.toKernel("SO_REUSEPORT");
      return this.bind(target);
    }
    if (target.kind === "unix") {
      this.listener = new ListenerChannel(openUnix(target.path), DEFAULT_BACKLOG);
      if (!target.path.startsWith("\0")) this.#unixPath = target.path;
      return;
    }
    // Other families are kernel sockets from their constructor on.
    if (target.kind === "other") throw osError("EAFNOSUPPORT");
    const host = resolveHostSync(this.family, target.host);
    if (this.isDgram) {
      this.dgram = DgramChannel.bind(this.family, host, target.port, dgramCreateOptions(this));
      applyDgramOptions(this, this.dgram);
      return;
    }
    this.listener = new ListenerChannel(
      openTcp(host, target.port, DEFAULT_BACKLOG, wantsReusePort(this)),
      DEFAULT_BACKLOG,
    );
    this.#bound = true;
  }

  listen(backlog: number): void {
    if (this.kernel) {
      this.kernel.listen(backlog);
      this.listening = true;
      return;
    }
    if (this.isDgram) throw osError("EOPNOTSUPP");
    if (this.stream || this.#connecting) throw osError("EINVAL");
    if (!this.listener) {
      if (this.family === AF_UNIX) throw osError("EINVAL");
      this.bind({ kind: "inet", host: wildcard(this.family), port: 0, flowinfo: 0, scopeId: 0 });
    }
    const current = this.listener!;
    if (current.backlog !== backlog && !this.listening) {
      // Reopen on the same address so that the kernel's queue has the asked-for length.
      const addr = current.listener.addr;
      current.release();
      const reopened = "path" in addr
        ? openUnix(addr.path!)
        : openTcp((addr as Deno.NetAddr).hostname, addr.port, backlog, wantsReusePort(this));
      this.listener = new ListenerChannel(reopened, backlog);
    }
    this.listening = true;
  }

  async accept(mode: IoMode): Promise<[SocketCore, SocketAddress]> {
    if (this.kernel) {
      const [ch, address] = await this.kernel.accept(mode);
      return [SocketCore.kernel(ch), address as SocketAddress];
    }
    if (this.isDgram) throw osError("EOPNOTSUPP");
    if (!this.listening) throw osError("EINVAL");
    const conn = await this.listener!.accept(mode);
    const core = SocketCore.connected(conn, this.family, this.type, this.proto);
    applyStreamOptions(this, core.stream!, core);
    return [core, fromDenoAddr(this.family, conn.remoteAddr)];
  }

  async connect(target: Target, mode: IoMode): Promise<void> {
    this.#kernelByDefault();
    if (!this.kernel && target.kind === "unix" && this.listener && !this.listening) {
      // A unix client bound to a path of its own: Deno cannot connect from it.
      this.toKernel("connect() from a bound unix socket");
    }
    if (this.kernel) {
      const host = target.kind === "inet" ? await resolveHost(this.family, target.host) : "";
      return await this.kernel.connect(this.#encode(target, host), mode);
    }
    if (this.isDgram) return await this.#connectDgram(target);
    if (this.stream) {
      if (this.#connectSeen) throw osError("EISCONN");
      this.#connectSeen = true;
      return;
    }
    if (this.listening) throw osError("EISCONN");
    if (this.#connecting) {
      if (mode.timeout === 0) throw osError("EALREADY");
      await waitFor(this.#connecting, mode.timeout, mode.signal);
      return this.#finishConnect();
    }
    const abort = new AbortController();
    this.#connecting = this.#open(target, abort.signal).then(
      (conn) => {
        this.stream = new StreamChannel(conn);
        applyStreamOptions(this, this.stream);
      },
      (err) => {
        this.pendingError = asOSError(err);
      },
    ).finally(() => {
      this.#connecting = null;
    });
    if (mode.timeout === 0) {
      this.#connectSeen = false;
      throw new BlockingIOError(ERRNO.EINPROGRESS);
    }
    try {
      await waitFor(this.#connecting, mode.timeout, mode.signal);
    } catch (err) {
      abort.abort(err);
      throw err;
    }
    this.#finishConnect();
  }

  /** The local address, in Python's shape. */
  sockname(): SocketAddress {
    if (this.kernel) return this.kernel.sockname() as SocketAddress;
    if (this.stream) return fromDenoAddr(this.family, this.stream.conn.localAddr);
    if (this.listener) return fromDenoAddr(this.family, this.listener.listener.addr);
    if (this.dgram) return this.dgram.sockname();
    if (this.family === AF_UNIX) return "";
    return this.family === AF_INET6 ? ["::", 0, 0, 0] : ["0.0.0.0", 0];
  }

  /** The peer's address, in Python's shape. */
  peername(): SocketAddress {
    if (this.kernel) return this.kernel.peername() as SocketAddress;
    if (this.stream) return fromDenoAddr(this.family, this.stream.conn.remoteAddr);
    if (this.dgram) return this.dgram.peername();
    throw osError("ENOTCONN");
  }

  // UDP and unix sockets are kernel sockets whenever FFI is granted. node:dgram is several
  // times slower, reports no ICMP errors and cannot hand its port over once opened; unix
  // sockets are what programs pass descriptors and credentials over, which Deno's UnixConn
  // cannot do. TCP stays native: portable, and Deno's own path is the fastest.
  #kernelByDefault(): void {
    if (this.kernel || this.nativeOnly || this.dgram || this.stream || this.listener) return;
    if (kernelByDefault) {
      this.toKernel("a kernel socket by default");
      return;
    }
    if (!this.isDgram && this.family !== AF_UNIX) return;
    if (ffiPermitted()) this.toKernel(this.isDgram ? "a UDP socket" : "a unix socket");
  }

  /** The datagram channel, binding to the wildcard address first if needed. */
  ensureDgram(): DgramChannel {
    if (!this.dgram) {
      this.bind({ kind: "inet", host: wildcard(this.family), port: 0, flowinfo: 0, scopeId: 0 });
    }
    return this.dgram!;
  }

  /** Sends a datagram (`target` null: to the connected peer). */
  async sendto(data: Uint8Array, target: Target | null, flags = 0, mode?: IoMode): Promise<number> {
    this.#kernelByDefault();
    if (this.kernel) {
      const io = mode ?? { timeout: null };
      if (target === null) return await this.kernel.send(data, flags, io);
      const host = target.kind === "inet" ? await resolveHost(this.family, target.host) : "";
      return await this.kernel.sendto(data, flags, this.#encode(target, host), io);
    }
    if (target !== null && target.kind !== "inet") throw osError("EAFNOSUPPORT");
    const ch = this.ensureDgram();
    if (target === null) {
      if (!ch.connected) throw noDestination();
      return await ch.sendto(data, null, 0);
    }
    if (ch.connected) throw osError("EISCONN");
    return await ch.sendto(data, await resolveHost(this.family, target.host), target.port);
  }

  /** Python's sendmsg, on the kernel socket this socket is or becomes. */
  async sendmsg(
    buffers: Uint8Array[],
    ancdata: Ancillary[],
    flags: number,
    target: Target | null,
    mode: IoMode,
  ): Promise<number> {
    const ch = this.toKernel("sendmsg()");
    let addr: EncodedSockaddr | null = null;
    if (target !== null) {
      const host = target.kind === "inet" ? await resolveHost(this.family, target.host) : "";
      addr = this.#encode(target, host);
    }
    return await ch.sendmsg(buffers, ancdata, flags, addr, mode);
  }

  /**
   * Takes the connection out of a connected stream socket (for `wrapSocket`), leaving
   * this socket closed, as Python's `detach()` leaves the wrapped socket.
   */
  async detachStream(): Promise<{ conn: ByteConn; buffered: Uint8Array }> {
    if (!this.stream) throw osError("ENOTCONN");
    const taken = await this.stream.detach();
    this.stream = null;
    this.closed = true;
    return taken;
  }

  /**
   * The kernel socket this socket is, or becomes now: an unmaterialised socket, and a bound
   * or listening one with nothing accepted yet (reopened on the same address), become
   * kernel sockets with the options set so far.
   *
   * @param why what needs the descriptor, for the error message
   * @throws {NotImplementedError} without --allow-ffi, or for a native connection
   */
  toKernel(why: string): KernelChannel {
    if (this.kernel) return this.kernel;
    if (this.closed) throw osError("EBADF");
    // node:dgram keeps its port for a while after close, so a bound native UDP socket
    // cannot be reopened either.
    if (this.stream || this.#connecting || this.dgram || (this.listener && !this.listener.idle)) {
      throw new NotImplementedError(
        `${why}: this socket is already a native Deno connection, which has no file ` +
          "descriptor; make it a kernel socket before it connects (call fileno() first)",
      );
    }
    if (!ffiPermitted()) {
      throw new NotImplementedError(`${why} needs a kernel socket: run with --allow-ffi`);
    }
    const bound = this.listener?.listener.addr ?? null;
    const backlog = this.listener?.backlog ?? DEFAULT_BACKLOG;
    const ch = KernelChannel.open(this.family, this.type, this.proto);
    try {
      applyKernelOptions(this, ch);
      if (bound) {
        this.listener!.release();
        this.listener = null;
        this.#bound = false;
        const where = "path" in bound
          ? bound.path
          : [(bound as Deno.NetAddr).hostname, (bound as Deno.NetAddr).port];
        ch.bind(encodeSockaddr(this.family, where));
        if (this.listening) ch.listen(backlog);
      }
    } catch (err) {
      ch.release();
      throw err;
    }
    this.kernel = ch;
    return ch;
  }

  /** Drops one handle; the last closes whatever the socket holds. */
  release(): void {
    if (--this.refs > 0 || this.closed) return;
    this.closed = true;
    this.kernel?.release();
    this.stream?.release();
    this.dgram?.release();
    if (this.listener) keepPath(this.#unixPath, () => this.listener!.release());
  }

  [kReadyNow](kind: ReadinessKind): boolean {
    if (this.kernel) return this.kernel[kReadyNow](kind);
    const ch = this.stream ?? this.dgram ?? (this.listening ? this.listener : null);
    if (ch) return ch[kReadyNow](kind);
    if (this.#connecting) return false;
    return kind === "write" || this.pendingError !== null;
  }

  async [kWaitReady](kind: ReadinessKind, signal: AbortSignal): Promise<void> {
    if (this.kernel) return await this.kernel[kWaitReady](kind, signal);
    if (this.#connecting) {
      await waitFor(this.#connecting, null, signal);
      if (kind === "write" || !this.stream) return;
    }
    const ch = this.stream ?? this.dgram ?? (this.listening ? this.listener : null);
    if (ch) return await ch[kWaitReady](kind, signal);
    if (kind === "read" && this.pendingError === null) {
      await waitFor(new Promise<never>(() => {}), null, signal);
    }
  }

  #encode(target: Target, host: string): EncodedSockaddr {
    if (target.kind === "unix") return encodeSockaddr(this.family, target.path);
    if (target.kind === "other") return encodeSockaddr(this.family, target.address);
    return encodeSockaddr(this.family, [host, target.port, target.flowinfo, target.scopeId]);
  }

  #finishConnect(): void {
    if (this.stream) {
      this.#connectSeen = true;
      return;
    }
    const err = this.pendingError ?? osError("ECONNABORTED");
    this.pendingError = null;
    throw err;
  }

  async #open(target: Target, signal: AbortSignal): Promise<ByteConn> {
    try {
      if (target.kind === "unix") {
        return await Deno.connect({ transport: "unix", path: target.path });
      }
      if (target.kind === "other") throw osError("EAFNOSUPPORT");
      const hostname = await resolveHost(this.family, target.host);
      if (this.#bound) {
        // Free the claimed port, then connect from it through node:net.
        const local = this.listener!.listener.addr as Deno.NetAddr;
        this.listener!.release();
        this.listener = null;
        this.#bound = false;
        return await netConnect({
          host: hostname,
          port: target.port,
          localAddress: local.hostname,
          localPort: local.port,
          signal,
        });
      }
      return await Deno.connect({ hostname, port: target.port, signal, autoSelectFamily: false });
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      throw fromDenoError(err);
    }
  }

  async #connectDgram(target: Target): Promise<void> {
    const ch = this.ensureDgram();
    const inet = target as InetTarget;
    await ch.connect(await resolveHost(this.family, inet.host), inet.port);
  }
}

function openTcp(
  hostname: string,
  port: number,
  backlog: number,
  reusePort: boolean,
): Deno.Listener {
  try {
    return Deno.listen({
      hostname,
      port,
      transport: "tcp",
      tcpBacklog: backlog,
      ...(reusePort ? { reusePort: true } : {}),
    });
  } catch (err) {
    throw fromDenoError(err);
  }
}

function openUnix(path: string): Deno.Listener {
  try {
    return Deno.listen({ transport: "unix", path });
  } catch (err) {
    throw fromDenoError(err, path);
  }
}

// Deno unlinks a unix listener's path when it closes; Python leaves it on disk (a later
// connect gets ECONNREFUSED and a later bind EADDRINUSE). A hard link made before the
// close and renamed back afterwards keeps it. Without write permission the path goes.
function keepPath(path: string | null, close: () => void): void {
  if (path === null) return close();
  const spare = `${path}.${crypto.randomUUID().slice(0, 8)}`;
  let linked = false;
  try {
    Deno.linkSync(path, spare);
    linked = true;
  } catch {
    // No permission, or the path is already gone.
  }
  close();
  if (!linked) return;
  try {
    Deno.renameSync(spare, path);
  } catch {
    try {
      Deno.removeSync(spare);
    } catch {
      // Nothing more can be done.
    }
  }
}

function unstableNet(): boolean {
  return typeof (Deno as { listenDatagram?: unknown }).listenDatagram === "function";
}

function asOSError(err: unknown): OSError {
  const mapped = fromDenoError(err);
  return mapped instanceof OSError ? mapped : new OSError(String(mapped), undefined, null, null, {
    cause: err,
  });
}
