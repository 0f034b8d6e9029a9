// The ssl module's constants and IntEnums, with Python's names. Integer values are those of
// CPython built against OpenSSL 3.0 (the `OP_*` and `VERIFY_*` bit values come from OpenSSL's
// headers), so code that stores or combines them keeps working; what each one does here is
// in `ssl/README.md`. The TLS stack is rustls (under both Deno's native TLS and its node:tls),
// which implements TLS 1.2 and 1.3 only: the `HAS_*` flags and `OPENSSL_VERSION*` say so.

/** Peer certificates are neither requested nor checked. */
export const CERT_NONE: number = 0;
/** A server asks for a client certificate and checks it if one is sent. */
export const CERT_OPTIONAL: number = 1;
/** The peer must send a certificate, and it must verify. */
export const CERT_REQUIRED: number = 2;

/** Python's `ssl.VerifyMode` IntEnum: `CERT_NONE`, `CERT_OPTIONAL`, `CERT_REQUIRED`. */
export enum VerifyMode {
  /** Peer certificates are neither requested nor checked. */
  CERT_NONE = 0,
  /** Checked when sent (a server asks for one). */
  CERT_OPTIONAL = 1,
  /** Required and checked. */
  CERT_REQUIRED = 2,
}

/** Verification flag: the default (no CRL checks). */
export const VERIFY_DEFAULT: number = 0;
/** Check the peer's certificate against a CRL (not available: rustls here has no CRLs). */
export const VERIFY_CRL_CHECK_LEAF: number = 0x4;
/** Check every certificate of the chain against CRLs (not available, as above). */
export const VERIFY_CRL_CHECK_CHAIN: number = 0xc;
/** Strict X.509 checks (webpki, under rustls, is always strict). */
export const VERIFY_X509_STRICT: number = 0x20;
/** Allow proxy certificates (accepted; webpki has none). */
export const VERIFY_ALLOW_PROXY_CERTS: number = 0x40;
/** Prefer trusted certificates when building the chain (how webpki always works). */
export const VERIFY_X509_TRUSTED_FIRST: number = 0x8000;
/** Accept a trusted intermediate as an anchor (how webpki always works). */
export const VERIFY_X509_PARTIAL_CHAIN: number = 0x80000;

/** Python's `ssl.VerifyFlags` IntFlag. */
export enum VerifyFlags {
  /** No CRL checks. */
  VERIFY_DEFAULT = 0,
  /** CRL check of the peer's certificate. */
  VERIFY_CRL_CHECK_LEAF = 0x4,
  /** CRL check of the whole chain. */
  VERIFY_CRL_CHECK_CHAIN = 0xc,
  /** Strict X.509 checks. */
  VERIFY_X509_STRICT = 0x20,
  /** Allow proxy certificates. */
  VERIFY_ALLOW_PROXY_CERTS = 0x40,
  /** Prefer trusted certificates when building the chain. */
  VERIFY_X509_TRUSTED_FIRST = 0x8000,
  /** Accept a trusted intermediate as an anchor. */
  VERIFY_X509_PARTIAL_CHAIN = 0x80000,
}

/** Negotiate the highest version both sides support (TLS 1.2 or 1.3 here). */
export const PROTOCOL_TLS: number = 2;
/** The old name of `PROTOCOL_TLS`. */
export const PROTOCOL_SSLv23: number = 2;
/** A client context: `CERT_REQUIRED` and `checkHostname` by default. */
export const PROTOCOL_TLS_CLIENT: number = 16;
/** A server context. */
export const PROTOCOL_TLS_SERVER: number = 17;
/** TLS 1.0 only: unsupported, `new SSLContext(PROTOCOL_TLSv1)` throws `ValueError`. */
export const PROTOCOL_TLSv1: number = 3;
/** TLS 1.1 only: unsupported, `new SSLContext(PROTOCOL_TLSv1_1)` throws `ValueError`. */
export const PROTOCOL_TLSv1_1: number = 4;
/** TLS 1.2 only. */
export const PROTOCOL_TLSv1_2: number = 5;

/** Python's `ssl._SSLMethod` IntEnum: the `PROTOCOL_*` constants. */
export enum SSLMethod {
  /** Any version the stack supports. */
  PROTOCOL_TLS = 2,
  /** TLS 1.0 (unsupported). */
  PROTOCOL_TLSv1 = 3,
  /** TLS 1.1 (unsupported). */
  PROTOCOL_TLSv1_1 = 4,
  /** TLS 1.2 only. */
  PROTOCOL_TLSv1_2 = 5,
  /** A client context. */
  PROTOCOL_TLS_CLIENT = 16,
  /** A server context. */
  PROTOCOL_TLS_SERVER = 17,
}

/** Python's `ssl.TLSVersion` IntEnum, for `minimumVersion` and `maximumVersion`. */
export enum TLSVersion {
  /** The lowest version the stack supports (TLS 1.2). */
  MINIMUM_SUPPORTED = -2,
  /** The highest version the stack supports (TLS 1.3). */
  MAXIMUM_SUPPORTED = -1,
  /** SSL 3.0 (never negotiated here). */
  SSLv3 = 0x300,
  /** TLS 1.0 (never negotiated here). */
  TLSv1 = 0x301,
  /** TLS 1.1 (never negotiated here). */
  TLSv1_1 = 0x302,
  /** TLS 1.2. */
  TLSv1_2 = 0x303,
  /** TLS 1.3. */
  TLSv1_3 = 0x304,
}

/** Every workaround option of OpenSSL (stored; rustls needs none). */
export const OP_ALL: number = 0x80000050;
/** No SSL 2.0 (always true here). */
export const OP_NO_SSLv2: number = 0;
/** No SSL 3.0 (always true here). */
export const OP_NO_SSLv3: number = 0x2000000;
/** No TLS 1.0 (always true here). */
export const OP_NO_TLSv1: number = 0x4000000;
/** No TLS 1.1 (always true here). */
export const OP_NO_TLSv1_1: number = 0x10000000;
/** No TLS 1.2: the context then negotiates TLS 1.3 only. */
export const OP_NO_TLSv1_2: number = 0x8000000;
/** No TLS 1.3: the context then negotiates TLS 1.2 only. */
export const OP_NO_TLSv1_3: number = 0x20000000;
/** Server's cipher order first (stored; the engines choose their own order). */
export const OP_CIPHER_SERVER_PREFERENCE: number = 0x400000;
/** A new DH key per session (always true: rustls uses fresh ephemeral keys). */
export const OP_SINGLE_DH_USE: number = 0;
/** A new ECDH key per session (always true, as above). */
export const OP_SINGLE_ECDH_USE: number = 0;
/** No TLS compression (always true: rustls never compresses). */
export const OP_NO_COMPRESSION: number = 0x20000;
/** No session tickets (stored). */
export const OP_NO_TICKET: number = 0x4000;
/** No renegotiation (always true: rustls never renegotiates). */
export const OP_NO_RENEGOTIATION: number = 0x40000000;
/** TLS 1.3 middlebox compatibility mode (stored; rustls always uses it). */
export const OP_ENABLE_MIDDLEBOX_COMPAT: number = 0x100000;
/** Treat an unexpected EOF as end of stream (stored; see `suppressRaggedEofs`). */
export const OP_IGNORE_UNEXPECTED_EOF: number = 0x80;

/** Python's `ssl.Options` IntFlag: the `OP_*` constants. */
export enum Options {
  /** Every workaround option. */
  OP_ALL = 0x80000050,
  /** No SSL 2.0. */
  OP_NO_SSLv2 = 0,
  /** No SSL 3.0. */
  OP_NO_SSLv3 = 0x2000000,
  /** No TLS 1.0. */
  OP_NO_TLSv1 = 0x4000000,
  /** No TLS 1.1. */
  OP_NO_TLSv1_1 = 0x10000000,
  /** No TLS 1.2. */
  OP_NO_TLSv1_2 = 0x8000000,
  /** No TLS 1.3. */
  OP_NO_TLSv1_3 = 0x20000000,
  /** Server's cipher order first. */
  OP_CIPHER_SERVER_PREFERENCE = 0x400000,
  /** No TLS compression. */
  OP_NO_COMPRESSION = 0x20000,
  /** No session tickets. */
  OP_NO_TICKET = 0x4000,
  /** No renegotiation. */
  OP_NO_RENEGOTIATION = 0x40000000,
  /** Middlebox compatibility mode. */
  OP_ENABLE_MIDDLEBOX_COMPAT = 0x100000,
  /** Unexpected EOF is end of stream. */
  OP_IGNORE_UNEXPECTED_EOF = 0x80,
}

/** Application-Layer Protocol Negotiation is supported. */
export const HAS_ALPN: boolean = true;
/** Server Name Indication is supported (client and server side). */
export const HAS_SNI: boolean = true;
/** Elliptic-curve Diffie-Hellman key exchange is supported. */
export const HAS_ECDH: boolean = true;
/** Next Protocol Negotiation is not supported (rustls implements only ALPN). */
export const HAS_NPN: boolean = false;
/** SSL 2.0 is not supported. */
export const HAS_SSLv2: boolean = false;
/** SSL 3.0 is not supported. */
export const HAS_SSLv3: boolean = false;
/** TLS 1.0 is not supported (rustls implements TLS 1.2 and 1.3 only). */
export const HAS_TLSv1: boolean = false;
/** TLS 1.1 is not supported. */
export const HAS_TLSv1_1: boolean = false;
/** TLS 1.2 is supported. */
export const HAS_TLSv1_2: boolean = true;
/** TLS 1.3 is supported. */
export const HAS_TLSv1_3: boolean = true;
/** The handshake's hostname check never looks at the subject's commonName (as rustls). */
export const HAS_NEVER_CHECK_COMMON_NAME: boolean = true;

/** The channel binding types `getChannelBinding` knows. */
export const CHANNEL_BINDING_TYPES: readonly string[] = Object.freeze(["tls-unique"]);

/** The TLS stack in use: rustls, as built into this Deno. */
export const OPENSSL_VERSION: string =
  `rustls (Deno ${Deno.version.deno}; TLS 1.2 and 1.3 through Deno.*Tls and node:tls)`;
/** The Deno version whose rustls this is, as Python's five-number tuple. */
export const OPENSSL_VERSION_INFO: readonly [number, number, number, number, number] = Object
  .freeze(
    [...Deno.version.deno.split(".").map((n) => parseInt(n, 10) || 0), 0, 0].slice(0, 5) as [
      number,
      number,
      number,
      number,
      number,
    ],
  );
/** `OPENSSL_VERSION_INFO` packed as OpenSSL packs its version number. */
export const OPENSSL_VERSION_NUMBER: number = OPENSSL_VERSION_INFO[0] * 0x10000000 +
  OPENSSL_VERSION_INFO[1] * 0x100000 + OPENSSL_VERSION_INFO[2] * 0x1000;

/** `SSLError.errno`: a protocol error. */
export const SSL_ERROR_SSL: number = 1;
/** `SSLError.errno`: more input is needed (`SSLWantReadError`). */
export const SSL_ERROR_WANT_READ: number = 2;
/** `SSLError.errno`: output must drain first (`SSLWantWriteError`). */
export const SSL_ERROR_WANT_WRITE: number = 3;
/** `SSLError.errno`: a certificate callback is pending. */
export const SSL_ERROR_WANT_X509_LOOKUP: number = 4;
/** `SSLError.errno`: a system error (`SSLSyscallError`). */
export const SSL_ERROR_SYSCALL: number = 5;
/** `SSLError.errno`: the peer closed TLS cleanly (`SSLZeroReturnError`). */
export const SSL_ERROR_ZERO_RETURN: number = 6;
/** `SSLError.errno`: the connect is in progress. */
export const SSL_ERROR_WANT_CONNECT: number = 7;
/** `SSLError.errno`: the connection ended without close_notify (`SSLEOFError`). */
export const SSL_ERROR_EOF: number = 8;
/** `SSLError.errno`: an unknown error. */
export const SSL_ERROR_INVALID_ERROR_CODE: number = 10;

/** Python's `ssl.SSLErrorNumber` IntEnum: the `SSL_ERROR_*` constants. */
export enum SSLErrorNumber {
  /** A protocol error. */
  SSL_ERROR_SSL = 1,
  /** More input is needed. */
  SSL_ERROR_WANT_READ = 2,
  /** Output must drain first. */
  SSL_ERROR_WANT_WRITE = 3,
  /** A certificate callback is pending. */
  SSL_ERROR_WANT_X509_LOOKUP = 4,
  /** A system error. */
  SSL_ERROR_SYSCALL = 5,
  /** Clean TLS close. */
  SSL_ERROR_ZERO_RETURN = 6,
  /** Connect in progress. */
  SSL_ERROR_WANT_CONNECT = 7,
  /** End of stream without close_notify. */
  SSL_ERROR_EOF = 8,
  /** Unknown. */
  SSL_ERROR_INVALID_ERROR_CODE = 10,
}

/** TLS alert: the connection is closing. */
export const ALERT_DESCRIPTION_CLOSE_NOTIFY: number = 0;
/** TLS alert: an unexpected message. */
export const ALERT_DESCRIPTION_UNEXPECTED_MESSAGE: number = 10;
/** TLS alert: a record with a bad MAC. */
export const ALERT_DESCRIPTION_BAD_RECORD_MAC: number = 20;
/** TLS alert: a record too long. */
export const ALERT_DESCRIPTION_RECORD_OVERFLOW: number = 22;
/** TLS alert: decompression failed. */
export const ALERT_DESCRIPTION_DECOMPRESSION_FAILURE: number = 30;
/** TLS alert: no acceptable parameters. */
export const ALERT_DESCRIPTION_HANDSHAKE_FAILURE: number = 40;
/** TLS alert: a bad certificate. */
export const ALERT_DESCRIPTION_BAD_CERTIFICATE: number = 42;
/** TLS alert: an unsupported certificate type. */
export const ALERT_DESCRIPTION_UNSUPPORTED_CERTIFICATE: number = 43;
/** TLS alert: a revoked certificate. */
export const ALERT_DESCRIPTION_CERTIFICATE_REVOKED: number = 44;
/** TLS alert: an expired certificate. */
export const ALERT_DESCRIPTION_CERTIFICATE_EXPIRED: number = 45;
/** TLS alert: a certificate problem of another kind. */
export const ALERT_DESCRIPTION_CERTIFICATE_UNKNOWN: number = 46;
/** TLS alert: a field out of range. */
export const ALERT_DESCRIPTION_ILLEGAL_PARAMETER: number = 47;
/** TLS alert: the CA is not trusted. */
export const ALERT_DESCRIPTION_UNKNOWN_CA: number = 48;
/** TLS alert: access denied. */
export const ALERT_DESCRIPTION_ACCESS_DENIED: number = 49;
/** TLS alert: a message could not be decoded. */
export const ALERT_DESCRIPTION_DECODE_ERROR: number = 50;
/** TLS alert: a cryptographic check failed. */
export const ALERT_DESCRIPTION_DECRYPT_ERROR: number = 51;
/** TLS alert: the protocol version is not supported. */
export const ALERT_DESCRIPTION_PROTOCOL_VERSION: number = 70;
/** TLS alert: the parameters are too weak. */
export const ALERT_DESCRIPTION_INSUFFICIENT_SECURITY: number = 71;
/** TLS alert: an internal error. */
export const ALERT_DESCRIPTION_INTERNAL_ERROR: number = 80;
/** TLS alert: the user cancelled the handshake. */
export const ALERT_DESCRIPTION_USER_CANCELLED: number = 90;
/** TLS alert: renegotiation refused. */
export const ALERT_DESCRIPTION_NO_RENEGOTIATION: number = 100;
/** TLS alert: an unsupported extension. */
export const ALERT_DESCRIPTION_UNSUPPORTED_EXTENSION: number = 110;
/** TLS alert: a certificate could not be obtained. */
export const ALERT_DESCRIPTION_CERTIFICATE_UNOBTAINABLE: number = 111;
/** TLS alert: the server name is not recognised (what an SNI callback returns to refuse). */
export const ALERT_DESCRIPTION_UNRECOGNIZED_NAME: number = 112;
/** TLS alert: a bad OCSP response. */
export const ALERT_DESCRIPTION_BAD_CERTIFICATE_STATUS_RESPONSE: number = 113;
/** TLS alert: a bad certificate hash. */
export const ALERT_DESCRIPTION_BAD_CERTIFICATE_HASH_VALUE: number = 114;
/** TLS alert: an unknown PSK identity. */
export const ALERT_DESCRIPTION_UNKNOWN_PSK_IDENTITY: number = 115;

/** Python's `ssl.AlertDescription` IntEnum: the `ALERT_DESCRIPTION_*` constants. */
export enum AlertDescription {
  /** Closing. */
  ALERT_DESCRIPTION_CLOSE_NOTIFY = 0,
  /** Unexpected message. */
  ALERT_DESCRIPTION_UNEXPECTED_MESSAGE = 10,
  /** Bad record MAC. */
  ALERT_DESCRIPTION_BAD_RECORD_MAC = 20,
  /** Record overflow. */
  ALERT_DESCRIPTION_RECORD_OVERFLOW = 22,
  /** Decompression failure. */
  ALERT_DESCRIPTION_DECOMPRESSION_FAILURE = 30,
  /** Handshake failure. */
  ALERT_DESCRIPTION_HANDSHAKE_FAILURE = 40,
  /** Bad certificate. */
  ALERT_DESCRIPTION_BAD_CERTIFICATE = 42,
  /** Unsupported certificate. */
  ALERT_DESCRIPTION_UNSUPPORTED_CERTIFICATE = 43,
  /** Certificate revoked. */
  ALERT_DESCRIPTION_CERTIFICATE_REVOKED = 44,
  /** Certificate expired. */
  ALERT_DESCRIPTION_CERTIFICATE_EXPIRED = 45,
  /** Certificate unknown. */
  ALERT_DESCRIPTION_CERTIFICATE_UNKNOWN = 46,
  /** Illegal parameter. */
  ALERT_DESCRIPTION_ILLEGAL_PARAMETER = 47,
  /** Unknown CA. */
  ALERT_DESCRIPTION_UNKNOWN_CA = 48,
  /** Access denied. */
  ALERT_DESCRIPTION_ACCESS_DENIED = 49,
  /** Decode error. */
  ALERT_DESCRIPTION_DECODE_ERROR = 50,
  /** Decrypt error. */
  ALERT_DESCRIPTION_DECRYPT_ERROR = 51,
  /** Protocol version. */
  ALERT_DESCRIPTION_PROTOCOL_VERSION = 70,
  /** Insufficient security. */
  ALERT_DESCRIPTION_INSUFFICIENT_SECURITY = 71,
  /** Internal error. */
  ALERT_DESCRIPTION_INTERNAL_ERROR = 80,
  /** User cancelled. */
  ALERT_DESCRIPTION_USER_CANCELLED = 90,
  /** No renegotiation. */
  ALERT_DESCRIPTION_NO_RENEGOTIATION = 100,
  /** Unsupported extension. */
  ALERT_DESCRIPTION_UNSUPPORTED_EXTENSION = 110,
  /** Certificate unobtainable. */
  ALERT_DESCRIPTION_CERTIFICATE_UNOBTAINABLE = 111,
  /** Unrecognized name. */
  ALERT_DESCRIPTION_UNRECOGNIZED_NAME = 112,
  /** Bad certificate status response. */
  ALERT_DESCRIPTION_BAD_CERTIFICATE_STATUS_RESPONSE = 113,
  /** Bad certificate hash value. */
  ALERT_DESCRIPTION_BAD_CERTIFICATE_HASH_VALUE = 114,
  /** Unknown PSK identity. */
  ALERT_DESCRIPTION_UNKNOWN_PSK_IDENTITY = 115,
}

/** The header line of a PEM certificate. */
export const PEM_HEADER: string = "-----BEGIN CERTIFICATE-----";
/** The footer line of a PEM certificate. */
export const PEM_FOOTER: string = "-----END CERTIFICATE-----";

/**
 * Python's `ssl._ASN1Object`: an object identifier with OpenSSL's names, as found in
 * {@linkcode Purpose}.
 *
 * @example
 * ```ts
 * import { Purpose } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * assert.equal(Purpose.SERVER_AUTH.oid, "1.3.6.1.5.5.7.3.1");
 * assert.equal(Purpose.CLIENT_AUTH.shortname, "clientAuth");
 * ```
 */
export class ASN1Object {
  /** OpenSSL's numeric id. */
  readonly nid: number;
  /** The short name. */
  readonly shortname: string;
  /** The long name. */
  readonly longname: string;
  /** The dotted object identifier. */
  readonly oid: string;

  /**
   * Makes the object (`Purpose` holds the two that matter).
   *
   * @param nid OpenSSL's numeric id
   * @param shortname the short name
   * @param longname the long name
   * @param oid the dotted identifier
   */
  constructor(nid: number, shortname: string, longname: string, oid: string) {
    this.nid = nid;
    this.shortname = shortname;
    this.longname = longname;
    this.oid = oid;
    Object.freeze(this);
  }
}

/**
 * Python's `ssl.Purpose`: what a context created by `createDefaultContext` is for.
 * `SERVER_AUTH` makes a client context (it authenticates servers), `CLIENT_AUTH` a server
 * context.
 *
 * @example
 * ```ts
 * import { CERT_REQUIRED, createDefaultContext, Purpose } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * const ctx = createDefaultContext(Purpose.SERVER_AUTH);
 * assert.equal(ctx.verifyMode, CERT_REQUIRED);
 * ```
 */
export const Purpose: {
  readonly SERVER_AUTH: ASN1Object;
  readonly CLIENT_AUTH: ASN1Object;
} = Object.freeze({
  SERVER_AUTH: new ASN1Object(
    129,
    "serverAuth",
    "TLS Web Server Authentication",
    "1.3.6.1.5.5.7.3.1",
  ),
  CLIENT_AUTH: new ASN1Object(
    130,
    "clientAuth",
    "TLS Web Client Authentication",
    "1.3.6.1.5.5.7.3.2",
  ),
});
