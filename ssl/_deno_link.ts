// Deno's native TLS engine: `Deno.startTls` for a client, a `Deno.listenTls` listener for
// a server (ssl_socket.ts reopens a wrapped listening socket as one). The fastest path, but
// Deno reports only the ALPN protocol: the peer's certificate comes from the hook Deno's
// own node:tls uses (feature-detected), and cipher, version and channel binding are not
// available (the context's `engine = "node"` gives them).

import { NotImplementedError } from "../_errors/python_errors.ts";
import type { ByteConn } from "../socket/_stream.ts";
import { CERT_NONE } from "./constants.ts";
import type { SSLContext } from "./context.ts";
import type { SSLSession } from "./ssl_session.ts";
import { type ContextState, stateOf } from "./_context_state.ts";
import { LinkBase } from "./_link_base.ts";
import type { CipherTuple } from "./_node_link.ts";
import { fromDenoTlsError } from "./_tls_errors.ts";
import { toAscii } from "./_text.ts";
import { SSLEOFError } from "./errors.ts";

// Deno's TlsConn keeps a method under this symbol that returns the peer's certificate
// (`{ raw }` among others); Deno's node:tls reads certificates through it.
const PEER_CERT: symbol | undefined = (() => {
  try {
    const internal = (Deno as unknown as Record<symbol, Record<string, unknown>>)[
      (Deno as unknown as { internal: symbol }).internal
    ];
    const sym = internal?.getPeerCertificate;
    return typeof sym === "symbol" ? sym : undefined;
  } catch {
    return undefined;
  }
})();

/** Whether Deno's native TLS can report the peer's certificate here. */
export const NATIVE_PEER_CERT: boolean = PEER_CERT !== undefined;

// `verified` is set from the start for a client (rustls checks the chain and, unless
// disabled, the hostname), never for a server (it does not ask for a certificate).
export class DenoLink extends LinkBase {
  readonly engine = "deno" as const;
  readonly conn: DenoTlsConn;
  readonly #tls: Deno.TlsConn;
  readonly #serverSide: boolean;
  #alpn: string | null = null;

  constructor(
    ctx: SSLContext,
    tlsConn: Deno.TlsConn,
    serverSide: boolean,
    suppressRaggedEofs: boolean,
  ) {
    super();
    const s = stateOf(ctx);
    this.#tls = tlsConn;
    this.#serverSide = serverSide;
    if (!serverSide && s.verifyMode !== CERT_NONE) this.markVerified();
    this.conn = new DenoTlsConn(tlsConn, suppressRaggedEofs);
    if (serverSide) s.counters.accept++;
    else s.counters.connect++;
    const handshake = tlsConn.handshake().then(
      (info) => {
        this.#alpn = info.alpnProtocol ?? null;
        this.succeeded();
        if (serverSide) s.counters.accept_good++;
        else s.counters.connect_good++;
      },
      (err) => {
        throw fromDenoTlsError(err);
      },
    );
    this.track(handshake);
  }

  /** Starts a client handshake over a Deno TCP connection. */
  static async client(
    ctx: SSLContext,
    tcp: Deno.TcpConn,
    serverHostname: string | null,
    suppressRaggedEofs: boolean,
  ): Promise<DenoLink> {
    const s = stateOf(ctx);
    const addr = tcp.remoteAddr as Deno.NetAddr;
    // rustls writes the handshake's last flight as several records; without TCP_NODELAY,
    // Nagle's algorithm holds the Finished message back until the server's delayed ACK
    // (about 40 ms). OpenSSL writes the flight at once. The option cannot be changed once
    // Deno.startTls has the connection, so it stays on.
    tcp.setNoDelay(true);
    const tlsConn = await Deno.startTls(tcp, {
      hostname: serverHostname === null ? addr.hostname : toAscii(serverHostname),
      caCerts: s.trust.anchors.map((a) => a.pem),
      alpnProtocols: s.alpn ?? undefined,
      unsafelyDisableHostnameVerification: !s.checkHostname || serverHostname === null,
    });
    return new DenoLink(ctx, tlsConn, false, suppressRaggedEofs);
  }

  /** The peer's certificate (DER), or null (a server here never asks for one). */
  peerCertificate(): Uint8Array | null {
    if (this.#serverSide || PEER_CERT === undefined) return null;
    const get = (this.#tls as unknown as Record<symbol, (detailed: boolean) => unknown>)[PEER_CERT];
    const cert = typeof get === "function" ? get.call(this.#tls, false) as { raw?: unknown } : null;
    return cert?.raw instanceof Uint8Array ? new Uint8Array(cert.raw) : null;
  }

  /** The ALPN protocol chosen, or null. */
  alpn(): string | null {
    return this.#alpn;
  }

  /** Not reported by Deno's native TLS. */
  cipher(): CipherTuple | null {
    throw unavailable("cipher()");
  }

  /** Not reported by Deno's native TLS. */
  version(): string | null {
    throw unavailable("version()");
  }

  /** Not reported by Deno's native TLS. */
  channelBinding(): Uint8Array | null {
    throw unavailable("get_channel_binding()");
  }

  /** A client's session (resumption is not available). */
  session(): SSLSession | null {
    return null;
  }
}

/** A Deno.TlsConn whose errors are Python's and whose ragged EOF is end of stream. */
export class DenoTlsConn implements ByteConn {
  readonly #c: Deno.TlsConn;
  readonly #suppress: boolean;
  readonly localAddr: Deno.Addr;
  readonly remoteAddr: Deno.Addr;

  constructor(conn: Deno.TlsConn, suppressRaggedEofs: boolean) {
    this.#c = conn;
    this.#suppress = suppressRaggedEofs;
    this.localAddr = conn.localAddr;
    this.remoteAddr = conn.remoteAddr;
  }

  read(p: Uint8Array): Promise<number | null> {
    return this.#c.read(p).then(undefined, this.#onReadError);
  }

  write(p: Uint8Array): Promise<number> {
    return this.#c.write(p).then(undefined, onWriteError);
  }

  readonly #onReadError = (err: unknown): null => {
    const mapped = fromDenoTlsError(err);
    if (mapped instanceof SSLEOFError && this.#suppress) return null;
    throw mapped;
  };

  closeWrite(): Promise<void> {
    return this.#c.closeWrite();
  }

  close(): void {
    this.#c.close();
  }
}

/** Why a client connection cannot run on Deno's native TLS (empty: it can). */
export function clientBlockers(
  s: ContextState,
  conn: ByteConn,
  buffered: Uint8Array,
  session: SSLSession | null,
): string[] {
  const why: string[] = [];
  if (Object.getPrototypeOf(conn)?.constructor?.name !== "TcpConn") {
    why.push("the connection is not a Deno TCP connection");
  }
  if (buffered.length > 0) why.push("bytes were already read from the connection");
  if (s.verifyMode === CERT_NONE) why.push("verifyMode CERT_NONE");
  if (!s.trust.defaults) why.push("a trust store without the default roots");
  if (s.chain !== null) why.push("a client certificate");
  if (s.restricted) why.push("narrowed versions or cipher suites");
  if (session !== null) why.push("a session");
  if (!NATIVE_PEER_CERT) why.push("no access to the peer's certificate in this Deno");
  return why;
}

/** Why a listening socket cannot hand out connections of Deno's native TLS. */
export function listenerBlockers(s: ContextState, listener: Deno.Listener): string[] {
  const why: string[] = [];
  if (listener.addr.transport !== "tcp") why.push("the socket is not a TCP socket");
  if (s.verifyMode !== CERT_NONE) why.push("client certificates (verifyMode)");
  if (s.sniCallback !== null) why.push("an SNI callback");
  if (s.chain === null) why.push("no certificate chain");
  if (s.restricted) why.push("narrowed versions or cipher suites");
  return why;
}

function onWriteError(err: unknown): never {
  throw fromDenoTlsError(err);
}

function unavailable(what: string): NotImplementedError {
  return new NotImplementedError(
    `${what}: this connection runs on Deno's native TLS, which does not report it; set ` +
      'the context\'s engine = "node" before wrapping to use node:tls, which does',
  );
}
