// Python's ssl.SSLContext and ssl.create_default_context. A context holds settings only;
// SSLSocket (ssl_socket.ts) and SSLObject (ssl_object.ts) apply them to a connection with
// one of two engines: Deno's native TLS or Deno's node:tls (see `engine`).

import { NotImplementedError, ValueError } from "../_errors/python_errors.ts";
import { SOCK_STREAM } from "../socket/constants.ts";
import { Socket } from "../socket/socket.ts";
import {
  ASN1Object,
  CERT_NONE,
  CERT_OPTIONAL,
  CERT_REQUIRED,
  OP_ALL,
  OP_CIPHER_SERVER_PREFERENCE,
  OP_ENABLE_MIDDLEBOX_COMPAT,
  OP_NO_COMPRESSION,
  OP_NO_SSLv3,
  PROTOCOL_TLS,
  PROTOCOL_TLS_CLIENT,
  PROTOCOL_TLS_SERVER,
  PROTOCOL_TLSv1_2,
  Purpose,
  TLSVersion,
  VERIFY_X509_TRUSTED_FIRST,
} from "./constants.ts";
import { SSLError } from "./errors.ts";
import { MemoryBIO } from "./memory_bio.ts";
import type { SSLObject } from "./ssl_object.ts";
import { SSLSession } from "./ssl_session.ts";
import type { SSLSocket } from "./ssl_socket.ts";
import { type CipherInfo, enabledCiphers, parseCipherString } from "./_ciphers.ts";
import {
  ContextState,
  type Engine,
  registerState,
  type ServernameCallback,
} from "./_context_state.ts";
import { hooks } from "./_hooks.ts";
import { loadKeyChain, type Password, readText } from "./_keys.ts";
import { decodeCertificate, type PeerCertificate } from "./_x509.ts";
import { pemBlocks } from "./_text.ts";
import { X509Certificate } from "node:crypto";
// The objects SSLContext makes register their factories when loaded.
import "./ssl_object.ts";
import "./ssl_socket.ts";

export type { Engine, ServernameCallback };
export type { CipherInfo };
export type { Password };

/** Options of {@linkcode SSLContext.wrapSocket} (Python's keyword arguments). */
export interface WrapSocketOptions {
  /** Act as the server of the handshake. @default {false} */
  serverSide?: boolean;
  /** The server's name, for SNI and the hostname check (client side). */
  serverHostname?: string | null;
  /** Perform the handshake on `connect`/`accept`/wrap. @default {true} */
  doHandshakeOnConnect?: boolean;
  /** Read a connection that ends without close_notify as end of stream. @default {true} */
  suppressRaggedEofs?: boolean;
  /** A session of an earlier connection (never resumed on this stack). */
  session?: SSLSession | null;
}

/** Options of {@linkcode SSLContext.wrapBio}. */
export interface WrapBioOptions {
  /** Act as the server of the handshake. @default {false} */
  serverSide?: boolean;
  /** The server's name, for SNI and the hostname check (client side). */
  serverHostname?: string | null;
  /** A session of an earlier connection (never resumed on this stack). */
  session?: SSLSession | null;
}

/** Options of {@linkcode SSLContext.loadVerifyLocations} and `createDefaultContext`. */
export interface VerifyLocations {
  /** A PEM file of CA certificates. */
  cafile?: string | URL | null;
  /** A directory of PEM CA certificate files. */
  capath?: string | URL | null;
  /** PEM text, or DER bytes, of CA certificates. */
  cadata?: string | ArrayBufferView | null;
}

/** Options of {@linkcode SSLContext.loadCertChain}. */
export interface CertChainOptions {
  /** A PEM file with the certificate (then any intermediates, and maybe the key). */
  certfile: string | URL;
  /** A PEM file with the private key, when `certfile` has none. */
  keyfile?: string | URL | null;
  /** The password of an encrypted key: text, bytes or a function returning either. */
  password?: Password | null;
}

/** Python's `session_stats()` dict (OpenSSL's counter names). */
export interface SessionStats {
  /** Sessions in the cache (always 0: there is no session cache here). */
  number: number;
  /** Client handshakes started. */
  connect: number;
  /** Client handshakes completed. */
  connect_good: number;
  /** Client renegotiations (always 0: rustls never renegotiates). */
  connect_renegotiate: number;
  /** Server handshakes started. */
  accept: number;
  /** Server handshakes completed. */
  accept_good: number;
  /** Server renegotiations (always 0). */
  accept_renegotiate: number;
  /** Sessions resumed (always 0). */
  hits: number;
  /** Sessions not found (always 0). */
  misses: number;
  /** Sessions expired (always 0). */
  timeouts: number;
  /** Sessions dropped from a full cache (always 0). */
  cache_full: number;
}

const CURVES = new Set([
  "prime256v1",
  "secp256r1",
  "secp384r1",
  "secp521r1",
  "X25519",
  "X448",
  "prime192v1",
  "secp224r1",
]);

/**
 * Python's `ssl.SSLContext`: certificates, trust and settings shared by many
 * connections. `wrapSocket` makes an `SSLSocket`, `wrapBio` an `SSLObject` over two
 * `MemoryBIO`s.
 *
 * Two engines, both on rustls, carry the connections (`engine`): Deno's native TLS
 * (`Deno.startTls` for a client, `Deno.listenTls` for a wrapped listening socket) is the
 * fastest; Deno's `node:tls` does everything else (server side on an accepted socket,
 * client certificates, `CERT_NONE`, SNI callbacks, version limits, `unwrap`, TLS over
 * memory). With `engine` left at `"auto"`, each connection takes Deno's native TLS when
 * the context asks for nothing it lacks. Such a connection cannot report `cipher()`,
 * `version()`, `sharedCiphers()` or a channel binding, and cannot `unwrap()`: set
 * `engine = "node"` when you need those.
 *
 * @example A server and a client context
 * ```ts
 * import {
 *   CERT_REQUIRED,
 *   PROTOCOL_TLS_CLIENT,
 *   PROTOCOL_TLS_SERVER,
 *   SSLContext,
 * } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * const client = new SSLContext(PROTOCOL_TLS_CLIENT);
 * assert.equal(client.verifyMode, CERT_REQUIRED);
 * assert.equal(client.checkHostname, true);
 * const server = new SSLContext(PROTOCOL_TLS_SERVER);
 * server.setAlpnProtocols(["h2", "http/1.1"]);
 * assert.equal(server.checkHostname, false);
 * ```
 */
export class SSLContext {
  readonly #s: ContextState;

  /**
   * Creates a context for `protocol` (Python's `SSLContext(protocol)`).
   *
   * @param protocol `PROTOCOL_TLS` (default), `PROTOCOL_TLS_CLIENT`, `PROTOCOL_TLS_SERVER`
   *   or `PROTOCOL_TLSv1_2`
   * @throws {ValueError} for `PROTOCOL_TLSv1`, `PROTOCOL_TLSv1_1` and unknown values: the
   *   stack implements TLS 1.2 and 1.3 only
   */
  constructor(protocol: number = PROTOCOL_TLS) {
    if (!Number.isInteger(protocol)) {
      throw new TypeError(`'${typeof protocol}' object cannot be interpreted as an integer`);
    }
    if (
      ![PROTOCOL_TLS, PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER, PROTOCOL_TLSv1_2].includes(protocol)
    ) {
      throw new ValueError(
        `invalid or unsupported protocol version ${protocol} (the TLS stack, rustls, ` +
          "implements TLS 1.2 and 1.3 only)",
      );
    }
    this.#s = new ContextState(
      protocol,
      OP_ALL | OP_NO_SSLv3 | OP_NO_COMPRESSION | OP_CIPHER_SERVER_PREFERENCE |
        OP_ENABLE_MIDDLEBOX_COMPAT,
      VERIFY_X509_TRUSTED_FIRST,
    );
    if (protocol === PROTOCOL_TLS_CLIENT) {
      this.#s.verifyMode = CERT_REQUIRED;
      this.#s.checkHostname = true;
    }
    registerState(this, this.#s);
  }

  /** The protocol given to the constructor. */
  get protocol(): number {
    return this.#s.protocol;
  }

  /** Whether a client checks the server's name against its certificate. */
  get checkHostname(): boolean {
    return this.#s.checkHostname;
  }

  /**
   * Turns the hostname check on or off.
   *
   * @throws {ValueError} when turned on with `verifyMode` `CERT_NONE`
   */
  set checkHostname(value: boolean) {
    if (value && this.#s.verifyMode === CERT_NONE) {
      throw new ValueError(
        "check_hostname needs a SSL context with either CERT_OPTIONAL or CERT_REQUIRED",
      );
    }
    this.#s.checkHostname = Boolean(value);
    this.#s.generation++;
  }

  /** `CERT_NONE`, `CERT_OPTIONAL` or `CERT_REQUIRED`. */
  get verifyMode(): number {
    return this.#s.verifyMode;
  }

  /**
   * Sets how peer certificates are requested and checked.
   *
   * @throws {ValueError} for another value, or `CERT_NONE` while `checkHostname` is on
   */
  set verifyMode(value: number) {
    if (value !== CERT_NONE && value !== CERT_OPTIONAL && value !== CERT_REQUIRED) {
      throw new ValueError("invalid value for verify_mode");
    }
    if (value === CERT_NONE && this.#s.checkHostname) {
      throw new ValueError(
        "Cannot set verify_mode to CERT_NONE when check_hostname is enabled.",
      );
    }
    this.#s.verifyMode = value;
    this.#s.generation++;
  }

  /** The `VERIFY_*` flags. CRL checks cannot be done here: wrapping then throws. */
  get verifyFlags(): number {
    return this.#s.verifyFlags;
  }

  /** Sets the `VERIFY_*` flags. */
  set verifyFlags(value: number) {
    if (!Number.isInteger(value)) throw new TypeError("an integer is required");
    this.#s.verifyFlags = value;
    this.#s.generation++;
  }

  /** The `OP_*` options; `OP_NO_TLSv1_2` and `OP_NO_TLSv1_3` narrow the versions. */
  get options(): number {
    return this.#s.options;
  }

  /** Sets the `OP_*` options. */
  set options(value: number) {
    if (!Number.isInteger(value)) throw new TypeError("an integer is required");
    this.#s.options = value >>> 0;
    this.#s.generation++;
  }

  /** The lowest TLS version to negotiate (`TLSVersion`). */
  get minimumVersion(): TLSVersion {
    return this.#s.minimumVersion;
  }

  /**
   * Sets the lowest version; versions below TLS 1.2 are never negotiated here.
   *
   * @throws {ValueError} for a value that is not a `TLSVersion`, or on a
   *   `PROTOCOL_TLSv1_2` context
   */
  set minimumVersion(value: TLSVersion) {
    this.#s.minimumVersion = this.#checkVersion(value);
  }

  /** The highest TLS version to negotiate (`TLSVersion`). */
  get maximumVersion(): TLSVersion {
    return this.#s.maximumVersion;
  }

  /**
   * Sets the highest version (below TLS 1.2, no handshake can succeed).
   *
   * @throws {ValueError} as for `minimumVersion`
   */
  set maximumVersion(value: TLSVersion) {
    this.#s.maximumVersion = this.#checkVersion(value);
  }

  /**
   * The TLS engine: `"auto"` (default: Deno's native TLS when the connection needs
   * nothing it lacks, else `node:tls`), `"deno"` (always native; wrapping throws
   * `NotImplementedError` naming what the context asks that it cannot do) or `"node"`
   * (always `node:tls`, every feature). Not in Python.
   */
  get engine(): Engine {
    return this.#s.engine;
  }

  /** Chooses the TLS engine. @throws {ValueError} for another value */
  set engine(value: Engine) {
    if (value !== "auto" && value !== "deno" && value !== "node") {
      throw new ValueError(`engine must be "auto", "deno" or "node", not ${String(value)}`);
    }
    this.#s.engine = value;
  }

  /** The server name callback (`setServernameCallback`), or `null`. */
  get sniCallback(): ServernameCallback | null {
    return this.#s.sniCallback;
  }

  /**
   * Sets the server name callback, called during a server handshake as
   * `callback(sslSocket, serverName, context)`. It may set `sslSocket.context` to another
   * context (whose certificate is then used), and return an `ALERT_DESCRIPTION_*` number
   * to refuse the connection.
   *
   * @throws {TypeError} when it is not a function or null
   */
  set sniCallback(callback: ServernameCallback | null) {
    if (callback !== null && typeof callback !== "function") {
      throw new TypeError("not a callable object");
    }
    this.#s.sniCallback = callback;
    this.#s.generation++;
  }

  /**
   * Python's `set_servername_callback`: the same as setting `sniCallback`.
   *
   * @param callback the callback, or null to remove it
   * @throws {TypeError} when it is not a function or null
   */
  setServernameCallback(callback: ServernameCallback | null): void {
    this.sniCallback = callback;
  }

  /**
   * Loads this side's certificate chain and private key. An encrypted key is decrypted
   * now, so a wrong password fails here. Accepts `(certfile, keyfile, password)` or
   * `({ certfile, keyfile, password })`.
   *
   * @param certfile a PEM file: the certificate, then intermediates (and the key, when
   *   `keyfile` is omitted)
   * @param keyfile a PEM file with the private key
   * @param password the key's password: text, bytes, or a function returning either
   * @throws {SSLError} for a file without a certificate or key, a wrong or missing
   *   password, or a key that does not match the certificate
   * @throws {FileNotFoundError} when a file does not exist
   */
  loadCertChain(
    certfile: string | URL | CertChainOptions,
    keyfile?: string | URL | null,
    password?: Password | null,
  ): void {
    if (typeof certfile === "object" && !(certfile instanceof URL)) {
      ({ certfile, keyfile, password } = certfile);
    }
    this.#s.chain = loadKeyChain(certfile, keyfile, password);
    this.#s.generation++;
  }

  /**
   * Trusts the default CA certificates: Deno's root store (Mozilla's by default; the
   * operating system's, which honours `SSL_CERT_FILE` and `SSL_CERT_DIR`, with
   * `DENO_TLS_CA_STORE=system`; plus the file `DENO_CERT` names).
   *
   * @param purpose `Purpose.SERVER_AUTH` (default) or `Purpose.CLIENT_AUTH`
   * @throws {TypeError} when `purpose` is not a `Purpose` member
   */
  loadDefaultCerts(purpose: ASN1Object = Purpose.SERVER_AUTH): void {
    if (!(purpose instanceof ASN1Object)) throw new TypeError(String(purpose));
    this.setDefaultVerifyPaths();
  }

  /** Python's `set_default_verify_paths`: the same as `loadDefaultCerts()`. */
  setDefaultVerifyPaths(): void {
    this.#s.trust.defaults = true;
    this.#s.generation++;
  }

  /**
   * Trusts CA certificates from a PEM file, a directory of PEM files, or PEM text / DER
   * bytes. Accepts `(cafile, capath, cadata)` or `({ cafile, capath, cadata })`.
   *
   * @throws {TypeError} when all three are omitted
   * @throws {SSLError} when the data holds no certificate
   * @throws {FileNotFoundError} when a file does not exist
   */
  loadVerifyLocations(
    cafile?: string | URL | VerifyLocations | null,
    capath?: string | URL | null,
    cadata?: string | ArrayBufferView | null,
  ): void {
    if (cafile !== null && typeof cafile === "object" && !(cafile instanceof URL)) {
      ({ cafile, capath, cadata } = cafile);
    }
    this.#s.trust.load(cafile as string | URL | null | undefined, capath, cadata);
    this.#s.generation++;
  }

  /**
   * The trusted CA certificates (with `loadDefaultCerts`, Deno's roots too): dicts as
   * `getpeercert()` returns them, or DER bytes.
   *
   * @param binaryForm DER bytes instead of dicts
   */
  getCaCerts(binaryForm?: false): PeerCertificate[];
  /** The trusted CA certificates as DER bytes. */
  getCaCerts(binaryForm: true): Uint8Array[];
  getCaCerts(binaryForm = false): PeerCertificate[] | Uint8Array[] {
    const cas = this.#s.trust.all().filter((a) => new X509Certificate(a.der).ca);
    return binaryForm
      ? cas.map((a) => a.der.slice())
      : cas.map((a) => decodeCertificate(a.der).dict);
  }

  /** Python's `cert_store_stats()`: counts of trusted certificates and CRLs. */
  certStoreStats(): { x509_ca: number; crl: number; x509: number } {
    return this.#s.trust.stats();
  }

  /**
   * Chooses the TLS 1.2 cipher suites with an OpenSSL cipher string (TLS 1.3 suites are
   * always on, as in OpenSSL). The stack offers rustls's suites; a TLS 1.2 connection
   * that negotiates a suite outside the choice is refused after its handshake.
   *
   * @throws {SSLError} "No cipher can be selected." when no suite matches
   */
  setCiphers(ciphers: string): void {
    if (typeof ciphers !== "string") throw new TypeError("set_ciphers() argument must be str");
    this.#s.ciphers = parseCipherString(ciphers);
    this.#s.generation++;
  }

  /** The enabled cipher suites, as Python's `get_ciphers()` dicts. */
  getCiphers(): CipherInfo[] {
    return enabledCiphers(this.#s.ciphers);
  }

  /**
   * Sets the ALPN protocols to offer (client) or accept (server), in preference order.
   * When the two sides share none, rustls ends the handshake with a
   * `no_application_protocol` alert (OpenSSL would go on without one).
   *
   * @throws {ValueError} for a protocol name of 0 or more than 255 bytes
   */
  setAlpnProtocols(alpnProtocols: Iterable<string>): void {
    const list = [...alpnProtocols].map((p) => String(p));
    for (const p of list) {
      const size = new TextEncoder().encode(p).length;
      if (size === 0 || size > 255) {
        throw new ValueError("ALPN protocols must be 1 to 255 in length");
      }
    }
    this.#s.alpn = list.length > 0 ? list : null;
    this.#s.generation++;
  }

  /**
   * Python's `set_npn_protocols`.
   *
   * @throws {NotImplementedError} always: rustls implements ALPN only (`HAS_NPN` is false)
   */
  setNpnProtocols(_npnProtocols: Iterable<string>): void {
    throw new NotImplementedError(
      "set_npn_protocols(): the NPN extension is not available: rustls implements ALPN only",
    );
  }

  /**
   * Loads Diffie-Hellman parameters (checked and kept). rustls has no finite-field DHE
   * suites, so they are never used.
   *
   * @throws {SSLError} when the file holds no DH parameters
   * @throws {FileNotFoundError} when it does not exist
   */
  loadDhParams(dhfile: string | URL): void {
    const text = readText(dhfile);
    if (
      !pemBlocks(text).some((b) => b.label === "DH PARAMETERS" || b.label === "X9.42 DH PARAMETERS")
    ) {
      throw new SSLError(1, "[PEM: NO_START_LINE] no start line", {
        library: "PEM",
        reason: "NO_START_LINE",
      });
    }
    this.#s.dhParams = text;
  }

  /**
   * Names the curve for ECDH key exchange (checked and kept; rustls negotiates X25519,
   * P-256 or P-384 by itself).
   *
   * @throws {ValueError} for an unknown curve name
   */
  setEcdhCurve(curveName: string): void {
    if (!CURVES.has(curveName)) {
      throw new ValueError(`unknown elliptic curve name '${curveName}'`);
    }
    this.#s.ecdhCurve = curveName;
  }

  /**
   * Python's `session_stats()`: handshakes started and completed by connections of
   * this context (`hits` stays 0: sessions are never resumed here).
   */
  sessionStats(): SessionStats {
    const c = this.#s.counters;
    return {
      number: 0,
      connect: c.connect,
      connect_good: c.connect_good,
      connect_renegotiate: 0,
      accept: c.accept,
      accept_good: c.accept_good,
      accept_renegotiate: 0,
      hits: 0,
      misses: 0,
      timeouts: 0,
      cache_full: 0,
    };
  }

  /**
   * Wraps a stream socket in TLS. A connected socket is taken over at once (the
   * original is closed, as Python detaches it) and, with `doHandshakeOnConnect`, the
   * handshake runs before the Promise resolves. An unconnected socket does its
   * handshake in `connect()`; a listening one hands out TLS sockets from `accept()`.
   *
   * @param sock a `SOCK_STREAM` socket
   * @param options Python's keyword arguments
   * @returns the TLS socket
   * @throws {ValueError} for contradictory options (`serverHostname` on a server,
   *   `checkHostname` without `serverHostname`, a handshake on connect for a
   *   non-blocking socket, a client context used on the server side, ...)
   * @throws {NotImplementedError} for datagram sockets
   * @throws {SSLCertVerificationError} when the peer's certificate does not verify
   * @throws {SSLError} when the handshake fails otherwise
   *
   * @example Wrapping a socket before it connects
   * ```ts
   * import { createDefaultContext } from "@ipcnet/std/ssl";
   * import { Socket } from "@ipcnet/std/socket";
   * import assert from "node:assert/strict";
   *
   * const ctx = createDefaultContext();
   * const plain = new Socket();
   * using tls = await ctx.wrapSocket(plain, { serverHostname: "example.com" });
   * assert.equal(plain.closed, true); // taken over, as Python detaches it
   * assert.equal(tls.serverHostname, "example.com");
   * // await tls.connect(["example.com", 443]) would connect and shake hands
   * ```
   */
  wrapSocket(sock: Socket, options: WrapSocketOptions = {}): Promise<SSLSocket> {
    try {
      const init = {
        serverSide: Boolean(options.serverSide ?? false),
        serverHostname: checkHostnameArg(options.serverHostname ?? null),
        doHandshakeOnConnect: Boolean(options.doHandshakeOnConnect ?? true),
        suppressRaggedEofs: Boolean(options.suppressRaggedEofs ?? true),
        session: checkSession(options.session ?? null, Boolean(options.serverSide)),
      };
      this.#checkSide(init.serverSide, init.serverHostname);
      if (!(sock instanceof Socket)) throw new TypeError("wrapSocket() needs a socket.Socket");
      if (sock.type !== SOCK_STREAM) {
        throw new NotImplementedError("only stream sockets are supported");
      }
      return hooks.wrapSocket!(this, sock, init);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * Makes an `SSLObject`: TLS over two memory buffers, for any transport. The object
   * reads the peer's records from `incoming` and writes its own to `outgoing`.
   *
   * @param incoming records from the peer
   * @param outgoing records for the peer
   * @param options `serverSide`, `serverHostname`, `session`
   * @returns the object
   * @throws {ValueError} for contradictory options, as for `wrapSocket`
   *
   * @example Two objects shaking hands in memory
   * ```ts
   * import { MemoryBIO, PROTOCOL_TLS, SSLContext, SSLWantReadError } from "@ipcnet/std/ssl";
   * import assert from "node:assert/strict";
   *
   * const client = new SSLContext(PROTOCOL_TLS).wrapBio(new MemoryBIO(), new MemoryBIO());
   * await assert.rejects(client.doHandshake(), SSLWantReadError);
   * assert.equal(client.serverSide, false);
   * client.close();
   * ```
   */
  wrapBio(incoming: MemoryBIO, outgoing: MemoryBIO, options: WrapBioOptions = {}): SSLObject {
    if (!(incoming instanceof MemoryBIO) || !(outgoing instanceof MemoryBIO)) {
      throw new TypeError("incoming and outgoing must be MemoryBIO objects");
    }
    const init = {
      serverSide: Boolean(options.serverSide ?? false),
      serverHostname: checkHostnameArg(options.serverHostname ?? null),
      session: checkSession(options.session ?? null, Boolean(options.serverSide)),
    };
    this.#checkSide(init.serverSide, init.serverHostname);
    return hooks.wrapBio!(this, incoming, outgoing, init);
  }

  #checkSide(serverSide: boolean, serverHostname: string | null): void {
    if (serverSide && serverHostname !== null) {
      throw new ValueError("server_hostname can only be specified in client mode");
    }
    if (serverSide && this.#s.clientOnly) {
      throw new ValueError("Cannot create a server socket with a PROTOCOL_TLS_CLIENT context");
    }
    if (!serverSide && this.#s.serverOnly) {
      throw new ValueError("Cannot create a client socket with a PROTOCOL_TLS_SERVER context");
    }
    if (!serverSide && this.#s.checkHostname && serverHostname === null) {
      throw new ValueError("check_hostname requires server_hostname");
    }
  }

  #checkVersion(value: TLSVersion): TLSVersion {
    if (!Object.values(TLSVersion).includes(value)) {
      throw new ValueError(`Unsupported TLS/SSL version 0x${Number(value).toString(16)}`);
    }
    if (this.#s.protocol === PROTOCOL_TLSv1_2) {
      throw new ValueError(
        "The context's protocol doesn't support modification of highest and lowest version.",
      );
    }
    this.#s.generation++;
    return value;
  }
}

function checkHostnameArg(name: string | null): string | null {
  if (name === null) return null;
  if (typeof name !== "string") {
    throw new TypeError("server_hostname must be a string");
  }
  if (name === "" || name.startsWith(".")) {
    throw new ValueError("server_hostname cannot be an empty string or start with a leading dot.");
  }
  return name;
}

function checkSession(session: SSLSession | null, serverSide: boolean): SSLSession | null {
  if (session === null) return null;
  if (!(session instanceof SSLSession)) throw new TypeError("Value is not a SSLSession.");
  if (serverSide) throw new ValueError("Cannot set session for server-side SSLSocket.");
  return session;
}
