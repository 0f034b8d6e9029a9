// The node:tls engine: one TLS connection over a Transport (a socket's bridge or an
// SSLObject's memory), configured from an SSLContext, with Python's verification rules
// applied after node:tls's handshake (client: the chain as rustls checked it, then the
// hostname; server: the client's chain, checked here because Deno's node:tls does not).

import tls from "node:tls";
import { isIP } from "node:net";
import { CERT_NONE, CERT_REQUIRED } from "./constants.ts";
import type { SSLContext } from "./context.ts";
import type { SSLSession } from "./ssl_session.ts";
import type { Transport } from "./_bridge.ts";
import { cipherInfo } from "./_ciphers.ts";
import { type ContextState, stateOf } from "./_context_state.ts";
import { hooks } from "./_hooks.ts";
import { LinkBase } from "./_link_base.ts";
import { builtinRoots } from "./_trust.ts";
import {
  fromAuthorizationError,
  fromNodeTlsError,
  hostnameMismatch,
  sslError,
} from "./_tls_errors.ts";
import { hostnameMatches, verifyChain } from "./_verify.ts";
import { toAscii } from "./_text.ts";

/** What the SNI callback is given, and may change the context of. */
export interface SniOwner {
  context: SSLContext;
}

/** The options a link is made with. */
export interface LinkInit {
  serverSide: boolean;
  serverHostname: string | null;
  session: SSLSession | null;
  owner: SniOwner;
}

/** A negotiated cipher as Python's `cipher()` returns it. */
export type CipherTuple = [string, string, number];

// The handshake settles once node:tls's handshake is done and verified here.
export class NodeLink extends LinkBase {
  readonly engine = "node" as const;
  readonly tls: tls.TLSSocket;
  readonly #state: ContextState;
  readonly #init: LinkInit;

  constructor(ctx: SSLContext, init: LinkInit, transport: Transport) {
    super();
    this.#state = stateOf(ctx);
    this.#init = init;
    const s = this.#state;
    if (init.serverSide) s.counters.accept++;
    else s.counters.connect++;
    this.tls = init.serverSide
      ? new tls.TLSSocket(transport.duplex, serverOptions(s, init))
      : tls.connect(clientOptions(s, init, transport));
    const handshake = new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => {
        cleanup();
        reject(fromNodeTlsError(err));
      };
      const onSecure = (): void => {
        cleanup();
        try {
          this.#verify();
        } catch (err) {
          this.tls.destroy(err as Error);
          return reject(err);
        }
        this.succeeded();
        if (init.serverSide) s.counters.accept_good++;
        else s.counters.connect_good++;
        resolve();
      };
      const onClose = (): void => {
        cleanup();
        reject(fromNodeTlsError(Object.assign(
          new Error(
            "Client network socket disconnected before secure TLS connection was established",
          ),
          { code: "ECONNRESET" },
        )));
      };
      const event = init.serverSide ? "secure" : "secureConnect";
      const cleanup = (): void => {
        this.tls.removeListener("error", onError);
        this.tls.removeListener(event, onSecure);
        this.tls.removeListener("close", onClose);
        this.tls.removeListener("end", onClose);
      };
      this.tls.once("error", onError);
      this.tls.once(event, onSecure);
      this.tls.once("close", onClose);
      this.tls.once("end", onClose);
    });
    this.track(handshake);
  }

  /** The peer's certificate (DER), or null. */
  peerCertificate(): Uint8Array | null {
    const cert = this.tls.getPeerCertificate(false) as { raw?: Uint8Array } | null;
    return cert?.raw && cert.raw.length > 0 ? new Uint8Array(cert.raw) : null;
  }

  /** Python's cipher(). */
  cipher(): CipherTuple | null {
    const c = this.tls.getCipher?.();
    if (!c?.name) return null;
    const info = cipherInfo(c.name) ?? cipherInfo(c.standardName ?? "");
    return info
      ? [info.name, info.protocol, info.strength_bits]
      : [c.name, c.version ?? this.version() ?? "", 0];
  }

  /** Python's version(). */
  version(): string | null {
    return this.tls.getProtocol?.() ?? null;
  }

  /** The ALPN protocol chosen, or null. */
  alpn(): string | null {
    const p = this.tls.alpnProtocol;
    return typeof p === "string" && p !== "" ? p : null;
  }

  /** Python's tls-unique binding: the first Finished message of the handshake. */
  channelBinding(): Uint8Array | null {
    const f = this.#init.serverSide ? this.tls.getPeerFinished() : this.tls.getFinished();
    return f ? new Uint8Array(f) : null;
  }

  /** The client's session after the handshake. */
  session(): SSLSession | null {
    if (this.#init.serverSide || !this.done) return null;
    return hooks.makeSession!(null);
  }

  #verify(): void {
    const s = this.#state;
    const v = this.version();
    if (v === "TLSv1.2") {
      const name = this.tls.getCipher?.()?.name;
      if (name && !s.ciphers.includes(cipherInfo(name)?.name ?? name)) {
        throw sslError("SSL", "NO_SHARED_CIPHER", "no shared cipher");
      }
    }
    if (this.#init.serverSide) return this.#verifyClient();
    if (s.verifyMode === CERT_NONE) return;
    if (s.trust.empty) throw fromAuthorizationError("UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
    if (!this.tls.authorized) throw fromAuthorizationError(this.tls.authorizationError);
    const name = this.#init.serverHostname;
    if (s.checkHostname && name !== null) {
      const der = this.peerCertificate();
      if (der === null || !hostnameMatches(der, name)) {
        throw hostnameMismatch(name);
      }
    }
    this.markVerified();
  }

  #verifyClient(): void {
    const s = stateOf(this.#init.owner.context);
    const mode = this.#state.verifyMode;
    if (mode === CERT_NONE) return;
    const chain: Uint8Array[] = [];
    let cert = this.tls.getPeerCertificate(true) as PeerChainLink | null;
    while (cert?.raw && chain.length < 10) {
      chain.push(new Uint8Array(cert.raw));
      if (!cert.issuerCertificate || cert.issuerCertificate === cert) break;
      cert = cert.issuerCertificate;
    }
    if (chain.length === 0) {
      if (mode === CERT_REQUIRED) {
        throw sslError(
          "SSL",
          "PEER_DID_NOT_RETURN_A_CERTIFICATE",
          "peer did not return a certificate",
        );
      }
      return;
    }
    verifyChain(chain[0], chain.slice(1), s.trust.all());
    this.markVerified();
  }
}

interface PeerChainLink {
  raw?: Uint8Array;
  issuerCertificate?: PeerChainLink;
}

function versionOptions(
  s: ContextState,
): { minVersion: tls.SecureVersion; maxVersion: tls.SecureVersion } {
  const v = s.versions();
  if (v === null) {
    throw sslError("SSL", "NO_PROTOCOLS_AVAILABLE", "no protocols available");
  }
  return { minVersion: v.min, maxVersion: v.max };
}

function trustedPems(s: ContextState): string[] | undefined {
  const own = s.trust.anchors.map((a) => a.pem);
  if (!s.trust.defaults) return own;
  return own.length === 0 ? undefined : [...builtinRoots().map((a) => a.pem), ...own];
}

function clientOptions(
  s: ContextState,
  init: LinkInit,
  transport: Transport,
): tls.ConnectionOptions {
  const name = init.serverHostname;
  return {
    socket: transport.duplex as unknown as tls.ConnectionOptions["socket"],
    servername: name !== null && isIP(name) === 0 ? toAscii(name) : undefined,
    ca: trustedPems(s),
    cert: s.chain?.certPem,
    key: s.chain?.keyPem,
    ALPNProtocols: s.alpn ?? undefined,
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
    allowHalfOpen: true,
    ...versionOptions(s),
  } as tls.ConnectionOptions;
}

function serverOptions(s: ContextState, init: LinkInit): tls.TLSSocketOptions {
  if (s.chain === null) {
    throw sslError("SSL", "NO_SHARED_CIPHER", "no shared cipher (the server has no certificate)");
  }
  const anchors = s.trust.anchors.map((a) => a.pem);
  return {
    isServer: true,
    cert: s.chain.certPem,
    key: s.chain.keyPem,
    ca: anchors.length > 0 ? anchors : undefined,
    requestCert: s.verifyMode !== CERT_NONE,
    rejectUnauthorized: s.verifyMode === CERT_REQUIRED,
    ALPNProtocols: s.alpn ?? undefined,
    SNICallback: s.sniCallback ? sniCallback(s, init) : undefined,
    allowHalfOpen: true,
    ...versionOptions(s),
  } as tls.TLSSocketOptions;
}

function sniCallback(
  s: ContextState,
  init: LinkInit,
): (name: string, cb: (err: Error | null, ctx?: tls.SecureContext) => void) => void {
  return (name, cb) => {
    const ctx = init.owner.context;
    let result: unknown;
    try {
      result = s.sniCallback!(init.owner as never, name || null, ctx);
    } catch (err) {
      return cb(err instanceof Error ? err : new Error(String(err)));
    }
    if (typeof result === "number") {
      return cb(
        sslError("SSL", "TLSV1_ALERT_UNRECOGNIZED_NAME", `SNI callback refused (alert ${result})`),
      );
    }
    const chosen = stateOf(init.owner.context);
    cb(null, secureContextOf(chosen.chain === null ? s : chosen));
  };
}

const SECURE_CONTEXTS = new WeakMap<ContextState, { generation: number; sc: tls.SecureContext }>();

// A node SecureContext with a context's certificate, made once per change of the context.
function secureContextOf(s: ContextState): tls.SecureContext {
  const cached = SECURE_CONTEXTS.get(s);
  if (cached && cached.generation === s.generation) return cached.sc;
  const sc = tls.createSecureContext({ cert: s.chain!.certPem, key: s.chain!.keyPem });
  SECURE_CONTEXTS.set(s, { generation: s.generation, sc });
  return sc;
}
