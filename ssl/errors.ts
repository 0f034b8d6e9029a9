// The ssl module's exceptions, and the shared ones it raises, under Python's names.
// An SSLError's `errno` is an `SSL_ERROR_*` number (not an OS errno) and its message reads
// as Python's: "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ...".

import { OSError, type OSErrorOptions } from "../_errors/os_error.ts";
import {
  SSL_ERROR_EOF,
  SSL_ERROR_SYSCALL,
  SSL_ERROR_WANT_READ,
  SSL_ERROR_WANT_WRITE,
  SSL_ERROR_ZERO_RETURN,
} from "./constants.ts";

export {
  BlockingIOError,
  BrokenPipeError,
  ConnectionAbortedError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  FileNotFoundError,
  InterruptedError,
  OSError,
  type OSErrorOptions,
  PermissionError,
  TimeoutError,
} from "../_errors/os_error.ts";
export { NotImplementedError, RuntimeError, ValueError } from "../_errors/python_errors.ts";

/** Options of an {@linkcode SSLError}: where it came from and why. */
export interface SSLErrorOptions extends OSErrorOptions {
  /** The library part, such as `"SSL"` or `"X509"`. */
  library?: string | null;
  /** The reason mnemonic, such as `"CERTIFICATE_VERIFY_FAILED"`. */
  reason?: string | null;
}

/**
 * Python's `ssl.SSLError`: an error of the TLS layer. `errno` is an `SSL_ERROR_*` number,
 * `library` and `reason` name the source, and the message reads as Python's
 * (`[SSL: WRONG_VERSION_NUMBER] wrong version number`).
 *
 * @example
 * ```ts
 * import { OSError, SSL_ERROR_SSL, SSLError } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * const err = new SSLError(SSL_ERROR_SSL, "[SSL: NO_SHARED_CIPHER] no shared cipher", {
 *   library: "SSL",
 *   reason: "NO_SHARED_CIPHER",
 * });
 * assert.ok(err instanceof OSError);
 * assert.equal(err.reason, "NO_SHARED_CIPHER");
 * assert.equal(err.errno, 1);
 * ```
 */
export class SSLError extends OSError {
  /** Python's name of this exception. */
  override name = "SSLError";
  /** The library part of the error (`"SSL"`, `"X509"`, `"PEM"`), or `null`. */
  library: string | null;
  /** The reason mnemonic (`"CERTIFICATE_VERIFY_FAILED"`), or `null`. */
  reason: string | null;

  /**
   * Creates the error.
   *
   * @param errnoOrMessage an `SSL_ERROR_*` number, or a message alone
   * @param strerror the message, when the first argument is a number
   * @param options `library`, `reason` and `cause`
   */
  constructor(errnoOrMessage?: number | string, strerror?: string, options?: SSLErrorOptions) {
    const message = typeof errnoOrMessage === "string"
      ? errnoOrMessage
      : strerror ?? (errnoOrMessage === undefined ? "" : String(errnoOrMessage));
    super(message, undefined, null, null, { cause: options?.cause });
    this.errno = typeof errnoOrMessage === "number" ? errnoOrMessage : null;
    this.strerror = typeof errnoOrMessage === "number" ? message : null;
    this.code = undefined;
    this.library = options?.library ?? null;
    this.reason = options?.reason ?? null;
  }
}

/**
 * Python's `ssl.SSLZeroReturnError`: the peer closed the TLS layer with close_notify.
 *
 * @example
 * ```ts
 * import { SSLError, SSLZeroReturnError } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * assert.ok(new SSLZeroReturnError() instanceof SSLError);
 * ```
 */
export class SSLZeroReturnError extends SSLError {
  /** Python's name of this exception. */
  override name = "SSLZeroReturnError";
  /**
   * Creates the error.
   *
   * @param message the message
   * @param options the `cause`
   */
  constructor(message = "TLS/SSL connection has been closed (EOF)", options?: SSLErrorOptions) {
    super(SSL_ERROR_ZERO_RETURN, message, { library: "SSL", reason: "ZERO_RETURN", ...options });
  }
}

/**
 * Python's `ssl.SSLWantReadError`: a non-blocking socket or an `SSLObject` needs more
 * input before the call can finish; wait until it is readable (or feed the incoming
 * `MemoryBIO`) and call again.
 *
 * @example
 * ```ts
 * import { MemoryBIO, SSLContext, PROTOCOL_TLS_SERVER, SSLWantReadError } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * const ctx = new SSLContext(PROTOCOL_TLS_SERVER);
 * const obj = ctx.wrapBio(new MemoryBIO(), new MemoryBIO(), { serverSide: true });
 * await assert.rejects(obj.doHandshake(), SSLWantReadError);
 * obj.close();
 * ```
 */
export class SSLWantReadError extends SSLError {
  /** Python's name of this exception. */
  override name = "SSLWantReadError";
  /**
   * Creates the error.
   *
   * @param message the message
   * @param options the `cause`
   */
  constructor(message = "The operation did not complete (read)", options?: SSLErrorOptions) {
    super(SSL_ERROR_WANT_READ, message, { library: "SSL", reason: "WANT_READ", ...options });
  }
}

/**
 * Python's `ssl.SSLWantWriteError`: a non-blocking socket cannot take more output until
 * what it holds has drained; wait until it is writable and call again.
 *
 * @example
 * ```ts
 * import { SSLError, SSLWantWriteError } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * assert.equal(new SSLWantWriteError().errno, 3);
 * assert.ok(new SSLWantWriteError() instanceof SSLError);
 * ```
 */
export class SSLWantWriteError extends SSLError {
  /** Python's name of this exception. */
  override name = "SSLWantWriteError";
  /**
   * Creates the error.
   *
   * @param message the message
   * @param options the `cause`
   */
  constructor(message = "The operation did not complete (write)", options?: SSLErrorOptions) {
    super(SSL_ERROR_WANT_WRITE, message, { library: "SSL", reason: "WANT_WRITE", ...options });
  }
}

/**
 * Python's `ssl.SSLSyscallError`: the connection under the TLS layer failed.
 *
 * @example
 * ```ts
 * import { SSLError, SSLSyscallError } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * assert.ok(new SSLSyscallError() instanceof SSLError);
 * ```
 */
export class SSLSyscallError extends SSLError {
  /** Python's name of this exception. */
  override name = "SSLSyscallError";
  /**
   * Creates the error.
   *
   * @param message the message
   * @param options the `cause`
   */
  constructor(message = "Some I/O error occurred", options?: SSLErrorOptions) {
    super(SSL_ERROR_SYSCALL, message, { library: "SSL", reason: "SYSCALL", ...options });
  }
}

/**
 * Python's `ssl.SSLEOFError`: the connection ended without TLS's close_notify. Reading
 * raises it only when `suppressRaggedEofs` is false; otherwise such an end reads as an
 * empty result.
 *
 * @example
 * ```ts
 * import { SSLEOFError, SSLError } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * assert.equal(new SSLEOFError().message, "EOF occurred in violation of protocol");
 * assert.ok(new SSLEOFError() instanceof SSLError);
 * ```
 */
export class SSLEOFError extends SSLError {
  /** Python's name of this exception. */
  override name = "SSLEOFError";
  /**
   * Creates the error.
   *
   * @param message the message
   * @param options the `cause`
   */
  constructor(message = "EOF occurred in violation of protocol", options?: SSLErrorOptions) {
    super(SSL_ERROR_EOF, message, {
      library: "SSL",
      reason: "UNEXPECTED_EOF_WHILE_READING",
      ...options,
    });
  }
}

/** Options of an {@linkcode SSLCertVerificationError}. */
export interface SSLCertVerificationErrorOptions extends SSLErrorOptions {
  /** The X.509 verification code (20: unable to get local issuer certificate, ...). */
  verifyCode?: number | null;
  /** The text of that code. */
  verifyMessage?: string | null;
}

/**
 * Python's `ssl.SSLCertVerificationError`: the peer's certificate did not verify (an
 * untrusted issuer, an expired certificate, a hostname mismatch, ...). `verifyCode` is
 * OpenSSL's X.509 code and `verifyMessage` its text. `CertificateError` (raised by
 * `matchHostname`) is the same class.
 *
 * @example
 * ```ts
 * import { CertificateError, matchHostname, SSLCertVerificationError } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * const cert = { subjectAltName: [["DNS", "example.com"]] as [string, string][] };
 * assert.equal(CertificateError, SSLCertVerificationError);
 * assert.throws(() => matchHostname(cert, "example.org"), SSLCertVerificationError);
 * ```
 */
export class SSLCertVerificationError extends SSLError {
  /** Python's name of this exception. */
  override name = "SSLCertVerificationError";
  /** OpenSSL's X.509 verification code, or `null`. */
  verifyCode: number | null;
  /** The text of `verifyCode`, or `null`. */
  verifyMessage: string | null;

  /**
   * Creates the error.
   *
   * @param errnoOrMessage an `SSL_ERROR_*` number, or a message alone
   * @param strerror the message, when the first argument is a number
   * @param options `verifyCode`, `verifyMessage`, `library`, `reason`, `cause`
   */
  constructor(
    errnoOrMessage?: number | string,
    strerror?: string,
    options?: SSLCertVerificationErrorOptions,
  ) {
    super(errnoOrMessage, strerror, options);
    this.verifyCode = options?.verifyCode ?? null;
    this.verifyMessage = options?.verifyMessage ?? null;
  }
}

/**
 * Python's `ssl.CertificateError`: the same class as {@linkcode SSLCertVerificationError}
 * (Python 3.7 made them one).
 *
 * @example
 * ```ts
 * import { CertificateError, SSLError } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * assert.ok(new CertificateError("hostname mismatch") instanceof SSLError);
 * ```
 */
export const CertificateError: typeof SSLCertVerificationError = SSLCertVerificationError;
