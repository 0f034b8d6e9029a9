// Turns what the two TLS engines throw into Python's SSLError family, with OpenSSL's
// reason mnemonics and X.509 verification codes, so that both engines fail alike.

import { fromDenoError } from "../_errors/mod.ts";
import { OSError } from "../_errors/os_error.ts";
import { SSL_ERROR_SSL } from "./constants.ts";
import { SSLCertVerificationError, SSLEOFError, SSLError } from "./errors.ts";

// OpenSSL's X.509 verification codes and texts (OpenSSL 3 wording).
const VERIFY: Readonly<Record<number, string>> = {
  1: "unspecified certificate verification error",
  2: "unable to get issuer certificate",
  7: "certificate signature failure",
  9: "certificate is not yet valid",
  10: "certificate has expired",
  18: "self-signed certificate",
  19: "self-signed certificate in certificate chain",
  20: "unable to get local issuer certificate",
  23: "certificate revoked",
  24: "invalid CA certificate",
  25: "path length constraint exceeded",
  26: "unsupported certificate purpose",
  27: "certificate not trusted",
  28: "certificate rejected",
};

// node:tls authorizationError names -> codes.
const NODE_CODES: Readonly<Record<string, number>> = {
  UNABLE_TO_GET_ISSUER_CERT: 2,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 20,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 20,
  CERT_SIGNATURE_FAILURE: 7,
  CERT_NOT_YET_VALID: 9,
  CERT_HAS_EXPIRED: 10,
  DEPTH_ZERO_SELF_SIGNED_CERT: 18,
  SELF_SIGNED_CERT_IN_CHAIN: 19,
  CERT_REVOKED: 23,
  INVALID_CA: 24,
  PATH_LENGTH_EXCEEDED: 25,
  INVALID_PURPOSE: 26,
  CERT_UNTRUSTED: 27,
  CERT_REJECTED: 28,
};

// rustls certificate error names (as Deno prints them) -> codes.
const RUSTLS_CODES: readonly [RegExp, number][] = [
  [/UnknownIssuer/, 20],
  [/BadSignature|InvalidSignatureForPublicKey|UnsupportedSignatureAlgorithm/, 7],
  [/NotValidYet/, 9],
  [/Expired/, 10],
  [/Revoked/, 23],
  [/InvalidPurpose/, 26],
  [/CaUsedAsEndEntity/, 1],
];

// TLS alerts that SSL 3.0 already had: OpenSSL names them SSLV3_ALERT_*.
const SSLV3_ALERTS = new Set([
  "CLOSE_NOTIFY",
  "UNEXPECTED_MESSAGE",
  "BAD_RECORD_MAC",
  "DECOMPRESSION_FAILURE",
  "HANDSHAKE_FAILURE",
  "NO_CERTIFICATE",
  "BAD_CERTIFICATE",
  "UNSUPPORTED_CERTIFICATE",
  "CERTIFICATE_REVOKED",
  "CERTIFICATE_EXPIRED",
  "CERTIFICATE_UNKNOWN",
  "ILLEGAL_PARAMETER",
]);

/** The SSLCertVerificationError for X.509 code `code`. */
export function verificationFailed(
  code: number,
  message = VERIFY[code] ?? VERIFY[1],
  cause?: unknown,
): SSLCertVerificationError {
  return new SSLCertVerificationError(
    SSL_ERROR_SSL,
    `[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${message}`,
    {
      library: "SSL",
      reason: "CERTIFICATE_VERIFY_FAILED",
      verifyCode: code,
      verifyMessage: message,
      cause,
    },
  );
}

/** The verification error for a certificate not valid for `hostname`. */
export function hostnameMismatch(hostname: string): SSLCertVerificationError {
  return verificationFailed(62, `Hostname mismatch, certificate is not valid for '${hostname}'.`);
}

/** The verification error for node:tls's `authorizationError`. */
export function fromAuthorizationError(name: unknown): SSLCertVerificationError {
  const code = NODE_CODES[String(name)] ?? 1;
  return verificationFailed(code, code === 1 ? `${VERIFY[1]} (${String(name)})` : VERIFY[code]);
}

/** `[library: REASON] text` as an SSLError. */
export function sslError(library: string, reason: string, text: string, cause?: unknown): SSLError {
  return new SSLError(SSL_ERROR_SSL, `[${library}: ${reason}] ${text}`, { library, reason, cause });
}

/** Maps an error of Deno's native TLS (`Deno.startTls`, a `TlsConn`). */
export function fromDenoTlsError(err: unknown): unknown {
  if (err instanceof SSLError || !(err instanceof Error)) return err;
  const msg = err.message;
  if (err.name === "UnexpectedEof" || /close_notify|unexpected eof/i.test(msg)) {
    return new SSLEOFError(undefined, { cause: err });
  }
  if (/not valid for name|NotValidForName/.test(msg)) {
    const name = /for name "([^"]*)"/.exec(msg)?.[1] ?? "";
    const e = hostnameMismatch(name);
    (e as { cause?: unknown }).cause = err;
    return e;
  }
  if (/invalid peer certificate/i.test(msg)) {
    const code = RUSTLS_CODES.find(([re]) => re.test(msg))?.[1] ?? 1;
    const text = code === 1
      ? `${VERIFY[1]} (${msg.replace(/^.*certificate: /, "")})`
      : VERIFY[code];
    return verificationFailed(code, text, err);
  }
  const alert = /received fatal alert: (\w+)/.exec(msg);
  if (alert) return alertError(alert[1], err);
  if (err.name === "InvalidData") return sslError("SSL", "PROTOCOL_ERROR", msg, err);
  return fromDenoError(err);
}

/** Maps an error of Deno's node:tls. */
export function fromNodeTlsError(err: unknown): unknown {
  if (err instanceof SSLError || !(err instanceof Error)) return err;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string") {
    if (code in NODE_CODES) return fromAuthorizationError(code);
    if (code === "ERR_TLS_CERT_ALTNAME_INVALID") return hostnameMismatch("");
    if (code.startsWith("ERR_SSL_")) {
      const reason = code.slice("ERR_SSL_".length);
      return sslError("SSL", reason, err.message || reason.toLowerCase().replaceAll("_", " "), err);
    }
    if (code === "ECONNRESET" && /before secure TLS connection/.test(err.message)) {
      return new SSLEOFError(undefined, { cause: err });
    }
  }
  const alert = /alert[: ]+(\w+)/i.exec(err.message);
  if (alert && /^[A-Z][A-Za-z]+$/.test(alert[1])) return alertError(alert[1], err);
  const mapped = fromDenoError(err);
  if (mapped instanceof OSError) return mapped;
  return new SSLError(SSL_ERROR_SSL, err.message, { cause: err });
}

function alertError(name: string, cause: unknown): SSLError {
  const snake = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
  const prefix = SSLV3_ALERTS.has(snake)
    ? "SSLV3_ALERT_"
    : snake === "CERTIFICATE_REQUIRED" || snake === "MISSING_EXTENSION"
    ? "TLSV13_ALERT_"
    : "TLSV1_ALERT_";
  const reason = prefix + snake;
  return sslError("SSL", reason, reason.toLowerCase().replaceAll("_", " "), cause);
}
