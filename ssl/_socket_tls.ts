// The TLS side of one SSLSocket: which engine carries it, attaching TLS to the socket's
// connection (after a connect, or at wrap time), a wrapped listening socket's engine, and
// unwrap(). SSLSocket (ssl_socket.ts) keeps Python's API and delegates here.

import { NotImplementedError } from "../_errors/python_errors.ts";
import { osError } from "../_errors/os_error.ts";
import type { SocketCore } from "../socket/_core.ts";
import { ListenerChannel } from "../socket/_listener.ts";
import { type ByteConn, StreamChannel } from "../socket/_stream.ts";
import { SHUT_WR } from "../socket/constants.ts";
import { waitFor } from "../socket/_wait.ts";
import { VERIFY_CRL_CHECK_LEAF } from "./constants.ts";
import type { SSLContext } from "./context.ts";
import { SSLEOFError } from "./errors.ts";
import type { SSLSession } from "./ssl_session.ts";
import { RawBridge } from "./_bridge.ts";
import { type ContextState, stateOf } from "./_context_state.ts";
import { clientBlockers, DenoLink, listenerBlockers } from "./_deno_link.ts";
import type { WrapSocketInit } from "./_hooks.ts";
import { TlsNodeConn } from "./_node_conn.ts";
import { NodeLink, type SniOwner } from "./_node_link.ts";
import { ResumedConn } from "./_resumed_conn.ts";
import { KernelConn } from "./_kernel_conn.ts";

const EMPTY = new Uint8Array(0);

/** One engine's connection: the common surface of NodeLink and DenoLink. */
export type Link = NodeLink | DenoLink;

export class SocketTls {
  context: SSLContext;
  readonly serverSide: boolean;
  readonly serverHostname: string | null;
  readonly doHandshakeOnConnect: boolean;
  readonly suppressRaggedEofs: boolean;
  session: SSLSession | null;
  /** The SSLSocket, which the SNI callback is given. */
  owner: SniOwner;
  link: Link | null = null;
  conn: TlsNodeConn | null = null;
  bridge: RawBridge | null = null;
  attaching: Promise<void> | null = null;
  /** A non-blocking connect is under way; TLS attaches once it completes. */
  connectPending = false;
  /** The engine of a wrapped listening socket's connections. */
  listenerEngine: "deno" | "node" | null = null;

  constructor(ctx: SSLContext, init: WrapSocketInit) {
    this.context = ctx;
    this.serverSide = init.serverSide;
    this.serverHostname = init.serverHostname;
    this.doHandshakeOnConnect = init.doHandshakeOnConnect;
    this.suppressRaggedEofs = init.suppressRaggedEofs;
    this.session = init.session;
    this.owner = { context: ctx };
    checkUsable(stateOf(ctx));
  }

  /** Starts attaching TLS to the core's connection (once). */
  attach(core: SocketCore): Promise<void> {
    this.attaching ??= this.#attach(core).finally(() => {
      this.attaching = null;
    });
    return this.attaching;
  }

  async #attach(core: SocketCore): Promise<void> {
    let conn: ByteConn;
    let buffered: Uint8Array = EMPTY;
    if (core.stream) {
      ({ conn, buffered } = await core.stream.detach());
      core.stream = null;
    } else if (core.kernel && isConnected(core)) {
      // A kernel socket: node:tls runs over its descriptor; the core becomes a stream.
      conn = new KernelConn(core.kernel);
      core.kernel = null;
    } else {
      throw osError("ENOTCONN");
    }
    const s = stateOf(this.context);
    let link: Link;
    try {
      if (core.closed) throw osError("EBADF"); // closed while its writes drained
      link = this.#useDeno(s, conn, buffered)
        ? await DenoLink.client(
          this.context,
          conn as Deno.TcpConn,
          this.serverHostname,
          this.suppressRaggedEofs,
        )
        : this.#nodeLink(conn, buffered);
    } catch (err) {
      closeQuietly(conn);
      core.closed = true;
      throw err;
    }
    const plain = link.engine === "deno" ? link.conn : this.conn!;
    if (core.closed) {
      // Closed while Deno.startTls ran: nothing else will close the TLS connection.
      closeQuietly(plain);
      throw osError("EBADF");
    }
    this.link = link;
    core.stream = new StreamChannel(plain);
  }

  /** Adopts a connection a Deno TLS listener accepted. */
  adoptAccepted(core: SocketCore): void {
    const tlsConn = core.stream!.conn as Deno.TlsConn;
    const link = new DenoLink(this.context, tlsConn, true, this.suppressRaggedEofs);
    this.link = link;
    core.stream = new StreamChannel(link.conn);
  }

  /** Reopens a wrapped listening socket as a Deno TLS listener, when the context allows. */
  setupListener(core: SocketCore): void {
    if (!core.listening || !core.listener || this.listenerEngine !== null) return;
    const s = stateOf(this.context);
    const engine = this.serverSide ? this.#listenerEngine(s, core.listener.listener) : "node";
    this.listenerEngine = engine;
    if (engine === "node") return;
    const current = core.listener;
    const addr = current.listener.addr as Deno.NetAddr;
    current.release();
    core.listener = new ListenerChannel(
      Deno.listenTls({
        hostname: addr.hostname,
        port: addr.port,
        transport: "tcp",
        cert: s.chain!.certPem,
        key: s.chain!.keyPem,
        alpnProtocols: s.alpn ?? undefined,
        tcpBacklog: current.backlog,
      }),
      current.backlog,
    );
  }

  /** Takes TLS off the connection: close_notify both ways, then the plain connection. */
  async unwrap(core: SocketCore, timeout: number | null): Promise<ByteConn> {
    const link = this.link;
    if (link === null || link.engine === "deno" || !this.bridge || !this.conn) {
      throw new NotImplementedError(
        "unwrap(): this connection runs on Deno's native TLS, which cannot hand the plain " +
          'connection back; set the context\'s engine = "node" before wrapping',
      );
    }
    await waitFor(link.handshake(), timeout);
    this.bridge.unwrapping = true;
    if (core.stream) await waitFor(core.stream.shutdown(SHUT_WR), timeout);
    await waitFor(this.conn.waitEnd(), timeout);
    if (!this.conn.closeNotifyReceived) throw new SSLEOFError();
    // The channel's writes went out before close_notify; what it read ahead of TLS is
    // dropped, as OpenSSL drops it. It is left without being released: releasing it would
    // close the TLS layer, which is destroyed below without closing the connection.
    core.stream = null;
    const detached = this.bridge.detach();
    link.tls.destroy();
    this.link = null;
    this.conn = null;
    this.bridge = null;
    return new ResumedConn(detached);
  }

  #nodeLink(conn: ByteConn, buffered: Uint8Array): NodeLink {
    const bridge = new RawBridge(conn, buffered);
    const link = new NodeLink(this.context, {
      serverSide: this.serverSide,
      serverHostname: this.serverHostname,
      session: this.session,
      owner: this.owner,
    }, bridge);
    this.bridge = bridge;
    this.conn = new TlsNodeConn(link.tls, bridge, conn, this.suppressRaggedEofs);
    return link;
  }

  #useDeno(s: ContextState, conn: ByteConn, buffered: Uint8Array): boolean {
    if (s.engine === "node" || this.serverSide) {
      if (s.engine === "deno" && this.serverSide) {
        throw forcedDeno(["the server side of an accepted or connected socket"]);
      }
      return false;
    }
    const why = clientBlockers(s, conn, buffered, this.session);
    if (s.engine === "deno" && why.length > 0) throw forcedDeno(why);
    return why.length === 0;
  }

  #listenerEngine(s: ContextState, listener: Deno.Listener): "deno" | "node" {
    if (s.engine === "node") return "node";
    const why = listenerBlockers(s, listener);
    if (s.engine === "deno" && why.length > 0) throw forcedDeno(why);
    return why.length === 0 ? "deno" : "node";
  }
}

/** Whether the core holds a connected stream (native, or a kernel socket with a peer). */
export function isConnected(core: SocketCore): boolean {
  if (core.stream) return true;
  if (!core.kernel) return false;
  try {
    core.kernel.peername();
    return true;
  } catch {
    return false;
  }
}

/** Throws for settings no engine can honour. */
export function checkUsable(s: ContextState): void {
  if (s.verifyFlags & VERIFY_CRL_CHECK_LEAF) {
    throw new NotImplementedError(
      "VERIFY_CRL_CHECK_LEAF / VERIFY_CRL_CHECK_CHAIN: the TLS stack (rustls in Deno) cannot " +
        "check certificate revocation lists",
    );
  }
}

function closeQuietly(conn: ByteConn): void {
  try {
    conn.close();
  } catch {
    // Already closed.
  }
}

function forcedDeno(why: string[]): NotImplementedError {
  return new NotImplementedError(
    `engine "deno": Deno's native TLS cannot do what this context asks: ${why.join(", ")}`,
  );
}
