// Python's ssl.get_server_certificate: connect, shake hands, return the server's
// certificate as PEM.

import { createConnection } from "../socket/create_connection.ts";
import { CERT_NONE, CERT_REQUIRED, PROTOCOL_TLS } from "./constants.ts";
import { DER_cert_to_PEM_cert } from "./certs.ts";
import { SSLContext } from "./context.ts";

/** Options of {@linkcode getServerCertificate}. */
export interface GetServerCertificateOptions {
  /** A `PROTOCOL_*` constant. @default {PROTOCOL_TLS} */
  sslVersion?: number;
  /** A PEM file of CA certificates: when given, the certificate must verify against it. */
  caCerts?: string | URL | null;
  /** Seconds for the connection and the handshake. @default {getdefaulttimeout()} */
  timeout?: number | null;
}

/**
 * Python's `ssl.get_server_certificate(addr, ssl_version, ca_certs)`: the certificate of
 * the server at `addr`, as PEM. Without `caCerts` it is not verified; with it, it must
 * chain to those CAs (the name is not checked, as in Python). The host name is sent as
 * SNI.
 *
 * @param addr `[host, port]`
 * @param options `sslVersion`, `caCerts`, `timeout`
 * @returns the PEM text
 * @throws {SSLCertVerificationError} when `caCerts` is given and it does not verify
 * @throws {OSError} when the connection fails
 * @tags allow-net
 *
 * @example
 * ```ts
 * import { getServerCertificate } from "@ipcnet/std/ssl";
 * import { ConnectionRefusedError, createServer } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const server = createServer(["127.0.0.1", 0]);
 * const port = (server.getsockname() as [string, number])[1];
 * server.close();
 * await assert.rejects(getServerCertificate(["127.0.0.1", port]), ConnectionRefusedError);
 * ```
 */
export async function getServerCertificate(
  addr: [string, number],
  options: GetServerCertificateOptions = {},
): Promise<string> {
  const [host] = addr;
  const ctx = new SSLContext(options.sslVersion ?? PROTOCOL_TLS);
  ctx.verifyMode = options.caCerts ? CERT_REQUIRED : CERT_NONE;
  if (options.caCerts) ctx.loadVerifyLocations(options.caCerts);
  const sock = await createConnection(addr, { timeout: options.timeout });
  using ssl = await ctx.wrapSocket(sock, { serverHostname: host });
  return DER_cert_to_PEM_cert(ssl.getpeercert(true)!);
}
