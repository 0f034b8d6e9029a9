// Python's module-level ssl.wrap_socket (deprecated since Python 3.7): a one-off context
// made from keyword arguments, then SSLContext.wrapSocket.

import { ValueError } from "../_errors/python_errors.ts";
import type { Socket } from "../socket/socket.ts";
import { CERT_NONE, PROTOCOL_TLS } from "./constants.ts";
import { SSLContext } from "./context.ts";
import type { SSLSocket } from "./ssl_socket.ts";

/** Options of the deprecated {@linkcode wrapSocket} (Python's keyword arguments). */
export interface WrapSocketFunctionOptions {
  /** A PEM file with the private key, when `certfile` has none. */
  keyfile?: string | URL | null;
  /** A PEM file with this side's certificate chain (required on the server side). */
  certfile?: string | URL | null;
  /** Act as the server of the handshake. @default {false} */
  serverSide?: boolean;
  /** `CERT_NONE`, `CERT_OPTIONAL` or `CERT_REQUIRED`. @default {CERT_NONE} */
  certReqs?: number;
  /** A `PROTOCOL_*` constant. @default {PROTOCOL_TLS} */
  sslVersion?: number;
  /** A PEM file of CA certificates to trust. */
  caCerts?: string | URL | null;
  /** Perform the handshake on connect/accept/wrap. @default {true} */
  doHandshakeOnConnect?: boolean;
  /** Read an end without close_notify as end of stream. @default {true} */
  suppressRaggedEofs?: boolean;
  /** An OpenSSL cipher string. */
  ciphers?: string | null;
}

/**
 * Python's deprecated `ssl.wrap_socket(sock, keyfile, certfile, server_side, cert_reqs,
 * ssl_version, ca_certs, do_handshake_on_connect, suppress_ragged_eofs, ciphers)`: wraps
 * `sock` with a new context made from the options. It checks no hostname; prefer
 * `createDefaultContext().wrapSocket(sock, { serverHostname })`.
 *
 * @param sock a stream socket
 * @param options Python's keyword arguments
 * @returns the TLS socket
 * @throws {ValueError} on the server side without `certfile`, or `keyfile` without it
 *
 * @example
 * ```ts
 * import { ValueError, wrapSocket } from "@ipcnet/std/ssl";
 * import { Socket } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * using sock = new Socket();
 * await assert.rejects(wrapSocket(sock, { serverSide: true }), ValueError);
 * ```
 */
export async function wrapSocket(
  sock: Socket,
  options: WrapSocketFunctionOptions = {},
): Promise<SSLSocket> {
  const { keyfile = null, certfile = null, serverSide = false, ciphers = null } = options;
  if (serverSide && !certfile) {
    throw new ValueError("certfile must be specified for server-side operations");
  }
  if (keyfile && !certfile) throw new ValueError("certfile must be specified");
  const ctx = new SSLContext(options.sslVersion ?? PROTOCOL_TLS);
  ctx.verifyMode = options.certReqs ?? CERT_NONE;
  if (options.caCerts) ctx.loadVerifyLocations(options.caCerts);
  if (certfile) ctx.loadCertChain(certfile, keyfile);
  if (ciphers) ctx.setCiphers(ciphers);
  return await ctx.wrapSocket(sock, {
    serverSide,
    doHandshakeOnConnect: options.doHandshakeOnConnect ?? true,
    suppressRaggedEofs: options.suppressRaggedEofs ?? true,
  });
}
