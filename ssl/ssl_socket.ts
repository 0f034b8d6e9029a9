// Python's ssl.SSLSocket: a Socket whose connection runs through TLS. The socket layer's
// machinery (timeouts, non-blocking mode, readiness for select) works unchanged, because
// the TLS connection is handed to it with Deno.Conn's shape; this class adds Python's TLS
// methods and its rules for flags, non-blocking errors and the handshake.

import { BlockingIOError, osError, TimeoutError } from "../_errors/os_error.ts";
import { NotImplementedError, ValueError } from "../_errors/python_errors.ts";
import { adopt } from "../socket/_adopt.ts";
import { connectErrno } from "../socket/_connect_ex.ts";
import { SocketCore } from "../socket/_core.ts";
import { coreOf } from "../socket/_core_access.ts";
import { waitFor } from "../socket/_wait.ts";
import type { Address, SocketAddress } from "../socket/address.ts";
import { kReadyNow, kWaitReady, type ReadinessKind } from "../socket/readiness.ts";
import { type AbortOptions, Socket } from "../socket/socket.ts";
import { CHANNEL_BINDING_TYPES } from "./constants.ts";
import { SSLContext } from "./context.ts";
import { SSLWantReadError, SSLWantWriteError } from "./errors.ts";
import { SSLSession } from "./ssl_session.ts";
import { clientHelloSuites, sharedCiphers as shared } from "./_ciphers.ts";
import { stateOf } from "./_context_state.ts";
import { hooks, type WrapSocketInit } from "./_hooks.ts";
import type { CipherTuple } from "./_node_link.ts";
import { isConnected, SocketTls } from "./_socket_tls.ts";
import { decodeCertificate, type PeerCertificate } from "./_x509.ts";

export type { CipherTuple };

let pendingTls: SocketTls | null = null;
/** The TLS side of each socket core, for a second handle on it (a makefile's). */
const TLS_OF_CORE = new WeakMap<SocketCore, SocketTls>();

/**
 * Python's `ssl.SSLSocket`: everything a `Socket` has (`recv`, `sendall`, timeouts,
 * `setblocking`, `makefile`, `select` readiness, ...) over a TLS connection, plus the TLS
 * methods: `doHandshake`, `getpeercert`, `cipher`, `version`, `selectedAlpnProtocol`,
 * `unwrap`, ... Made by `SSLContext.wrapSocket`, never directly.
 *
 * In non-blocking mode a call that would wait rejects with `SSLWantReadError` or
 * `SSLWantWriteError` (Python's 18.2.6), and `select` reports the socket ready when the
 * call can make progress (the handshake included). Received plaintext is counted by
 * `pending()` and also makes the socket readable for `select`.
 *
 * @example
 * ```ts
 * import { createDefaultContext, SSLSocket } from "@ipcnet/std/ssl";
 * import { Socket } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * using tls = await createDefaultContext().wrapSocket(new Socket(), {
 *   serverHostname: "example.com",
 * });
 * assert.ok(tls instanceof SSLSocket);
 * assert.equal(tls.serverSide, false);
 * assert.equal(tls.version(), null); // no handshake yet
 * ```
 */
export class SSLSocket extends Socket {
  readonly #tls: SocketTls;
  /** Whether the end of the handshake has been reported (by doHandshake or readiness). */
  #handshakeSeen = false;

  /**
   * SSLSockets come from `SSLContext.wrapSocket` only (and `makefile`, which takes a
   * second handle on the same TLS socket).
   *
   * @throws {TypeError} when called directly
   */
  constructor() {
    const fresh = pendingTls;
    pendingTls = null;
    super();
    const core = coreOf(this);
    const tls = fresh ?? (core ? TLS_OF_CORE.get(core) : undefined);
    if (tls === undefined) {
      throw new TypeError(
        "SSLSocket does not have a public constructor. Instances are returned by " +
          "SSLContext.wrapSocket().",
      );
    }
    this.#tls = tls;
  }

  /** The context; the server name callback may switch it to another. */
  get context(): SSLContext {
    return this.#tls.context;
  }

  /** Replaces the context (its certificate is used when set in the SNI callback). */
  set context(ctx: SSLContext) {
    if (!(ctx instanceof SSLContext)) throw new TypeError("The value must be a SSLContext");
    this.#tls.context = ctx;
  }

  /** Whether this is the server side of the handshake. */
  get serverSide(): boolean {
    return this.#tls.serverSide;
  }

  /** The server name given to `wrapSocket`, or null. */
  get serverHostname(): string | null {
    return this.#tls.serverHostname;
  }

  /** The TLS session of a client after its handshake (or the one set before it). */
  get session(): SSLSession | null {
    return this.#tls.link?.session() ?? this.#tls.session;
  }

  /**
   * Sets the session to offer (client side, before the handshake). This stack never
   * resumes sessions, so `sessionReused` stays false.
   *
   * @throws {TypeError} when it is not an SSLSession
   * @throws {ValueError} on the server side or after the handshake
   */
  set session(session: SSLSession | null) {
    if (session !== null && !(session instanceof SSLSession)) {
      throw new TypeError("Value is not a SSLSession.");
    }
    if (this.#tls.serverSide) throw new ValueError("Cannot set session for server-side SSLSocket.");
    if (this.#tls.link?.done) throw new ValueError("Cannot set session after handshake.");
    this.#tls.session = session;
  }

  /** Whether the handshake resumed a session: always false on this stack. */
  get sessionReused(): boolean {
    return false;
  }

  /**
   * Performs the TLS handshake (after `connect`, or when the socket was wrapped with
   * `doHandshakeOnConnect: false`). The socket's timeout applies.
   *
   * @param block wait even when the socket is non-blocking
   * @throws {SSLWantReadError} in non-blocking mode while the handshake is under way
   * @throws {SSLCertVerificationError} when the peer's certificate does not verify
   * @throws {SSLError} when the handshake fails otherwise
   * @throws {TimeoutError} when the timeout passes first
   */
  async doHandshake(block = false, options?: AbortOptions): Promise<void> {
    const core = this.#core();
    const timeout = block ? null : this.gettimeout();
    if (this.#tls.link === null) {
      if (!isConnected(core)) {
        if (this.#tls.connectPending && timeout === 0) throw new SSLWantWriteError();
        if (this.#tls.connectPending) await waitFor(core[kWaitReady]("write", never()), timeout);
        if (!isConnected(core)) {
          // The connect failed: report its error, as the kernel would on the first I/O.
          const err = core.pendingError ?? osError("ENOTCONN");
          core.pendingError = null;
          this.#tls.connectPending = false;
          throw err;
        }
      }
      const attaching = this.#tls.attach(core);
      if (timeout === 0) {
        attaching.catch(() => {});
        throw new SSLWantReadError();
      }
      await waitFor(attaching, timeout, options?.signal);
    }
    const link = this.#tls.link!;
    if (link.done) {
      this.#handshakeSeen = true;
      return;
    }
    if (timeout === 0) {
      await Promise.resolve();
      if (!link.settled) throw new SSLWantReadError();
      this.#handshakeSeen = true;
      return await link.handshake();
    }
    try {
      await waitFor(link.handshake(), timeout, options?.signal);
    } catch (err) {
      if (err instanceof TimeoutError) throw new TimeoutError("The handshake operation timed out");
      this.#handshakeSeen = true;
      throw err;
    }
    this.#handshakeSeen = true;
  }

  /**
   * The peer's certificate: Python's dict (`subject`, `issuer`, `version`, `serialNumber`,
   * `notBefore`, `notAfter`, `subjectAltName`, ...), `{}` when it was not verified
   * (`CERT_NONE`), DER bytes with `binaryForm`, or null when the peer sent none.
   *
   * @throws {ValueError} before the handshake
   * @throws {OSError} ENOTCONN when not connected
   */
  getpeercert(binaryForm?: false): PeerCertificate | Record<string, never> | null;
  /** The peer's certificate as DER bytes, or null. */
  getpeercert(binaryForm: true): Uint8Array | null;
  getpeercert(binaryForm = false): PeerCertificate | Record<string, never> | Uint8Array | null {
    const link = this.#connectedLink();
    if (!link.done) throw new ValueError("handshake not done yet");
    const der = link.peerCertificate();
    if (der === null) return null;
    if (binaryForm) return der;
    return link.verified ? decodeCertificate(der).dict : {};
  }

  /**
   * The negotiated cipher: `[name, protocol, secretBits]`, or null before the handshake.
   *
   * @throws {NotImplementedError} on a connection of Deno's native TLS engine
   */
  cipher(): CipherTuple | null {
    const link = this.#tls.link;
    return link?.done ? link.cipher() : null;
  }

  /**
   * The cipher suites the client offered that this server also has, as `cipher()`
   * tuples; null for a client or before the handshake.
   *
   * @throws {NotImplementedError} on a connection of Deno's native TLS engine
   */
  sharedCiphers(): CipherTuple[] | null {
    const link = this.#tls.link;
    if (!link?.done || !this.#tls.serverSide) return null;
    if (link.engine === "deno") {
      throw new NotImplementedError(
        "shared_ciphers(): this connection runs on Deno's native TLS, which does not report " +
          'the ClientHello; set the context\'s engine = "node" before wrapping',
      );
    }
    const suites = this.#tls.bridge?.firstBytes
      ? clientHelloSuites(this.#tls.bridge.firstBytes)
      : null;
    return suites ? shared(suites, stateOf(this.#tls.context).ciphers) : null;
  }

  /** The compression in use: always null (rustls never compresses). */
  compression(): string | null {
    return null;
  }

  /**
   * The channel binding data (`"tls-unique"`: the first Finished message), or null
   * before the handshake.
   *
   * @throws {ValueError} for another binding type
   * @throws {NotImplementedError} on a connection of Deno's native TLS engine
   */
  getChannelBinding(cbType = "tls-unique"): Uint8Array | null {
    if (!CHANNEL_BINDING_TYPES.includes(cbType)) {
      throw new ValueError(`${cbType} channel binding type not implemented`);
    }
    const link = this.#tls.link;
    return link?.done ? link.channelBinding() : null;
  }

  /** The protocol ALPN selected, or null. */
  selectedAlpnProtocol(): string | null {
    const link = this.#tls.link;
    return link?.done ? link.alpn() : null;
  }

  /** The protocol NPN selected: always null (NPN is not supported). */
  selectedNpnProtocol(): string | null {
    return null;
  }

  /**
   * The negotiated version (`"TLSv1.2"`, `"TLSv1.3"`), or null before the handshake.
   *
   * @throws {NotImplementedError} on a connection of Deno's native TLS engine
   */
  version(): string | null {
    const link = this.#tls.link;
    return link?.done ? link.version() : null;
  }

  /** Decrypted bytes waiting to be received. */
  pending(): number {
    const core = coreOf(this);
    return (this.#tls.conn?.pending ?? 0) + (core?.stream?.buffered ?? 0);
  }

  /**
   * Ends TLS (close_notify both ways) and resolves to the plain socket, which goes on
   * over the same connection (STARTTLS in reverse). This SSLSocket is closed afterwards.
   *
   * @throws {ValueError} when there is no TLS connection
   * @throws {NotImplementedError} on a connection of Deno's native TLS engine
   * @throws {SSLEOFError} when the peer closed without close_notify
   */
  async unwrap(): Promise<Socket> {
    const core = this.#core();
    if (this.#tls.link === null) throw new ValueError(`No SSL wrapper around ${this}`);
    const timeout = this.gettimeout();
    const conn = await this.#tls.unwrap(core, timeout === 0 ? null : timeout);
    const plain = SocketCore.connected(conn, core.family, core.type, core.proto);
    for (const [k, v] of core.options) plain.options.set(k, v);
    this.close();
    const sock = adopt(plain, () => new Socket(plain.family, plain.type, plain.proto));
    sock.settimeout(timeout);
    return sock;
  }

  /**
   * Connects, then (with `doHandshakeOnConnect`) performs the handshake.
   *
   * @throws {ValueError} on the server side, or when already connected
   */
  override async connect(address: Address, options?: AbortOptions): Promise<void> {
    await this.#connect(address, options, false);
  }

  /**
   * Like `connect`, but resolves to an errno (0 on success) for errors of the TCP
   * connection. As in Python, a failed handshake still throws.
   *
   * @throws {ValueError} on the server side, or when already connected
   * @throws {SSLError} when the handshake fails
   */
  override async connectEx(address: Address, options?: AbortOptions): Promise<number> {
    return await this.#connect(address, options, true);
  }

  // Python's _real_connect: only the TCP connect's error becomes connect_ex's errno.
  async #connect(
    address: Address,
    options: AbortOptions | undefined,
    ex: boolean,
  ): Promise<number> {
    if (this.#tls.serverSide) throw new ValueError("can't connect in server-side mode");
    const core = this.#core();
    if (this.#tls.link || isConnected(core)) {
      throw new ValueError("attempt to connect already-connected SSLSocket!");
    }
    try {
      await super.connect(address, options);
    } catch (err) {
      if (err instanceof BlockingIOError) this.#tls.connectPending = true;
      if (ex) return connectErrno(err);
      throw err;
    }
    await waitFor(this.#tls.attach(core), this.gettimeout() || null, options?.signal);
    if (this.#tls.doHandshakeOnConnect) await this.doHandshake(false, options);
    return 0;
  }

  /**
   * Accepts a connection and wraps it with this socket's context on the server side
   * (performing the handshake with `doHandshakeOnConnect`).
   *
   * @throws {SSLError} when the handshake with the new client fails
   */
  override async accept(options?: AbortOptions): Promise<[SSLSocket, SocketAddress]> {
    const core = this.#core();
    this.#tls.setupListener(core);
    if (this.#tls.listenerEngine === "deno") {
      const [conn, address] = await core.accept({
        timeout: this.gettimeout(),
        signal: options?.signal,
      });
      const init = this.#childInit();
      const tls = new SocketTls(this.#tls.context, init);
      tls.adoptAccepted(conn);
      const sock = makeSSLSocket(conn, tls);
      if (init.doHandshakeOnConnect) await handshakeOrClose(sock);
      return [sock, address];
    }
    const [plain, address] = await super.accept(options);
    return [await wrapSocketImpl(this.#tls.context, plain, this.#childInit()), address];
  }

  /**
   * The descriptor: not available for a TLS socket once TLS runs, since the TLS engine
   * reads the connection ahead (a descriptor watched by `epoll` would mislead). `select`
   * and the selectors take the SSLSocket itself.
   *
   * @returns -1 once closed; before TLS is attached, the socket's own descriptor
   * @throws {NotImplementedError} once TLS runs over the connection
   */
  override fileno(): number {
    if (this.#tls.link === null) return super.fileno();
    if (coreOf(this) === null) return -1;
    throw new NotImplementedError(
      "fileno(): the descriptor of an SSLSocket belongs to its TLS engine, which reads the " +
        "connection ahead; pass the SSLSocket itself to select() or a selector",
    );
  }

  /**
   * Python's `SSLSocket.dup()`: not possible for a TLS socket (`makefile` still works).
   *
   * @throws {NotImplementedError} always
   */
  override dup(): Socket {
    throw new NotImplementedError("Can't dup() SSLSocket instances");
  }

  /** Listens; a server-side socket then hands out TLS connections from `accept`. */
  override listen(backlog?: number): void {
    super.listen(backlog);
    this.#tls.setupListener(this.#core());
  }

  /**
   * Receives up to `bufsize` decrypted bytes; empty at the end of the TLS stream.
   *
   * @throws {ValueError} for non-zero flags
   * @throws {SSLWantReadError} in non-blocking mode when nothing is there
   */
  override recv(bufsize: number, flags = 0, options?: AbortOptions): Promise<Uint8Array> {
    if (this.#tls.link === null) return this.#beforeLink(() => this.recv(bufsize, flags, options));
    if (flags !== 0) return Promise.reject(flagsError("recv"));
    const p = super.recv(bufsize, 0, options);
    return this.gettimeout() === 0 ? p.catch(wantRead) : p;
  }

  /** Receives into `buffer`; see `recv`. */
  override recvInto(
    buffer: ArrayBufferView,
    nbytes = 0,
    flags = 0,
    options?: AbortOptions,
  ): Promise<number> {
    if (this.#tls.link === null) {
      return this.#beforeLink(() => this.recvInto(buffer, nbytes, flags, options));
    }
    if (flags !== 0) return Promise.reject(flagsError("recv_into"));
    const p = super.recvInto(buffer, nbytes, 0, options);
    return this.gettimeout() === 0 ? p.catch(wantRead) : p;
  }

  /**
   * Sends some of `data`, resolving to the count taken.
   *
   * @throws {ValueError} for non-zero flags
   * @throws {SSLWantWriteError} in non-blocking mode when the send buffer is full
   */
  override send(data: ArrayBufferView, flags = 0, options?: AbortOptions): Promise<number> {
    if (this.#tls.link === null) return this.#beforeLink(() => this.send(data, flags, options));
    if (flags !== 0) return Promise.reject(flagsError("send"));
    const p = super.send(data, 0, options);
    return this.gettimeout() === 0 ? p.catch(wantWrite) : p;
  }

  /** Sends all of `data`; see `send`. */
  override sendall(data: ArrayBufferView, flags = 0, options?: AbortOptions): Promise<void> {
    if (this.#tls.link === null) return this.#beforeLink(() => this.sendall(data, flags, options));
    if (flags !== 0) return Promise.reject(flagsError("sendall"));
    const p = super.sendall(data, 0, options);
    return this.gettimeout() === 0 ? p.catch(wantWrite) : p;
  }

  /** Not allowed on a TLS socket. @throws {ValueError} once connected */
  override recvfrom(
    bufsize: number,
    flags = 0,
    options?: AbortOptions,
  ): Promise<[Uint8Array, SocketAddress | null]> {
    if (this.#tls.link) return Promise.reject(notAllowed("recvfrom"));
    return super.recvfrom(bufsize, flags, options);
  }

  /** Not allowed on a TLS socket. @throws {ValueError} once connected */
  override recvfromInto(
    buffer: ArrayBufferView,
    nbytes = 0,
    flags = 0,
    options?: AbortOptions,
  ): Promise<[number, SocketAddress | null]> {
    if (this.#tls.link) return Promise.reject(notAllowed("recvfrom_into"));
    return super.recvfromInto(buffer, nbytes, flags, options);
  }

  /** Not allowed on a TLS socket. @throws {ValueError} once connected */
  override sendto(data: ArrayBufferView, ...rest: [Address] | [number, Address]): Promise<number> {
    if (this.#tls.link) return Promise.reject(notAllowed("sendto"));
    return rest.length === 1 ? super.sendto(data, rest[0]) : super.sendto(data, rest[0], rest[1]);
  }

  /** Not allowed on a TLS socket. @throws {NotImplementedError} always */
  override sendmsg(): Promise<number> {
    return Promise.reject(notAllowed("sendmsg", true));
  }

  /** Not allowed on a TLS socket. @throws {NotImplementedError} always */
  override recvmsg(): Promise<
    [Uint8Array, [number, number, Uint8Array][], number, SocketAddress | null]
  > {
    return Promise.reject(notAllowed("recvmsg", true));
  }

  /** Not allowed on a TLS socket. @throws {NotImplementedError} always */
  override recvmsgInto(): Promise<
    [number, [number, number, Uint8Array][], number, SocketAddress | null]
  > {
    return Promise.reject(notAllowed("recvmsg_into", true));
  }

  /**
   * @internal Readiness for `select`. While a deferred handshake runs, the socket is not
   * ready; its end (success or failure) makes it ready once, so that a loop waiting on
   * SSLWantReadError calls doHandshake again.
   */
  override [kReadyNow](kind: ReadinessKind): boolean {
    if (this.#tls.attaching) return false;
    const link = this.#tls.link;
    if (link && !this.#handshakeSeen) {
      if (!link.settled) return false;
      this.#handshakeSeen = true;
      return true;
    }
    return super[kReadyNow](kind);
  }

  /** @internal Readiness for `select`: waits for the handshake first. */
  override async [kWaitReady](kind: ReadinessKind, signal: AbortSignal): Promise<void> {
    if (this.#tls.attaching) await waitFor(this.#tls.attaching.catch(() => {}), null, signal);
    const link = this.#tls.link;
    if (link && !this.#handshakeSeen) {
      await waitFor(link.handshake().catch(() => {}), null, signal);
      return;
    }
    await super[kWaitReady](kind, signal);
  }

  /** Python's repr: `<ssl.SSLSocket fd=-1, family=2, ...>`. */
  override toString(): string {
    return super.toString().replace("<socket.socket", "<ssl.SSLSocket");
  }

  #core(): SocketCore {
    const core = coreOf(this);
    if (core === null) throw osError("EBADF");
    return core;
  }

  #connectedLink(): NonNullable<SocketTls["link"]> {
    const core = this.#core();
    const link = this.#tls.link;
    if (link === null) {
      if (isConnected(core)) throw new ValueError("handshake not done yet");
      throw osError("ENOTCONN");
    }
    return link;
  }

  // Before TLS is attached (a non-blocking connect still running): attach, then retry.
  #beforeLink<T>(retry: () => Promise<T>): Promise<T> {
    const core = coreOf(this);
    if (core === null) return Promise.reject(osError("EBADF"));
    const connected = isConnected(core);
    const connecting = !connected && this.#tls.connectPending;
    if (!connected && !this.#tls.attaching && !connecting) {
      return Promise.reject(osError("ENOTCONN"));
    }
    if (this.gettimeout() === 0) {
      if (connected && !this.#tls.attaching) this.#tls.attach(core).catch(() => {});
      return Promise.reject(new SSLWantReadError());
    }
    return this.doHandshake().then(retry);
  }

  #childInit(): WrapSocketInit {
    return {
      serverSide: true,
      serverHostname: null,
      doHandshakeOnConnect: this.#tls.doHandshakeOnConnect,
      suppressRaggedEofs: this.#tls.suppressRaggedEofs,
      session: null,
    };
  }
}

function notAllowed(what: string, always = false): Error {
  const msg = `${what} not allowed on instances of <class 'ssl.SSLSocket'>`;
  return always ? new NotImplementedError(msg) : new ValueError(msg);
}

function flagsError(what: string): ValueError {
  return new ValueError(
    `non-zero flags not allowed in calls to ${what}() on <class 'ssl.SSLSocket'>`,
  );
}

function wantRead(err: unknown): never {
  if (err instanceof BlockingIOError) throw new SSLWantReadError();
  throw err;
}

function wantWrite(err: unknown): never {
  if (err instanceof BlockingIOError) throw new SSLWantWriteError();
  throw err;
}

function never(): AbortSignal {
  return new AbortController().signal;
}

function makeSSLSocket(core: SocketCore, tls: SocketTls): SSLSocket {
  pendingTls = tls;
  TLS_OF_CORE.set(core, tls);
  try {
    const sock = adopt(core, () => new SSLSocket());
    tls.owner = sock;
    return sock;
  } finally {
    pendingTls = null;
  }
}

async function handshakeOrClose(sock: SSLSocket): Promise<void> {
  try {
    await sock.doHandshake();
  } catch (err) {
    sock.close();
    throw err;
  }
}

/** SSLContext.wrapSocket's work: take the socket over, attach TLS, maybe shake hands. */
async function wrapSocketImpl(
  ctx: SSLContext,
  sock: Socket,
  init: WrapSocketInit,
): Promise<SSLSocket> {
  const core = coreOf(sock);
  if (core === null) throw osError("EBADF");
  const timeout = sock.gettimeout();
  const connected = isConnected(core);
  if (connected && init.doHandshakeOnConnect && timeout === 0) {
    throw new ValueError(
      "do_handshake_on_connect should not be specified for non-blocking sockets",
    );
  }
  const tls = new SocketTls(ctx, init);
  // Take the core over: the original socket is closed, as Python detaches it.
  core.refs++;
  sock.close();
  const ssl = makeSSLSocket(core, tls);
  ssl.settimeout(timeout);
  try {
    if (connected) {
      await tls.attach(core);
      if (init.doHandshakeOnConnect) await ssl.doHandshake();
    } else if (core.listening) {
      tls.setupListener(core);
    }
  } catch (err) {
    ssl.close();
    throw err;
  }
  return ssl;
}

hooks.wrapSocket = wrapSocketImpl;
