// Python's ssl.create_default_context: a context with secure defaults for a purpose.

import { ASN1Object, CERT_NONE, CERT_REQUIRED, PROTOCOL_TLS, Purpose } from "./constants.ts";
import { SSLContext, type VerifyLocations } from "./context.ts";

/**
 * Python's `ssl.create_default_context(purpose, cafile=, capath=, cadata=)`: a context
 * with secure defaults. For `Purpose.SERVER_AUTH` (a client) it requires and checks the
 * server's certificate and name. The given CA certificates are trusted; without any, the
 * default roots are (`loadDefaultCerts`).
 *
 * @param purpose `Purpose.SERVER_AUTH` (default: a client context) or
 *   `Purpose.CLIENT_AUTH` (a server context)
 * @param locations CA certificates to trust instead of the default roots
 * @returns the context
 * @throws {TypeError} when `purpose` is not a `Purpose` member
 *
 * @example
 * ```ts
 * import { CERT_REQUIRED, createDefaultContext, Purpose } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * const client = createDefaultContext();
 * assert.equal(client.verifyMode, CERT_REQUIRED);
 * assert.equal(client.checkHostname, true);
 * const server = createDefaultContext(Purpose.CLIENT_AUTH);
 * assert.equal(server.checkHostname, false);
 * ```
 */
export function createDefaultContext(
  purpose: ASN1Object = Purpose.SERVER_AUTH,
  locations: VerifyLocations = {},
): SSLContext {
  if (!(purpose instanceof ASN1Object)) throw new TypeError(String(purpose));
  const context = new SSLContext(PROTOCOL_TLS);
  if (purpose === Purpose.SERVER_AUTH) {
    context.verifyMode = CERT_REQUIRED;
    context.checkHostname = true;
  }
  const { cafile, capath, cadata } = locations;
  if (cafile || capath || cadata) {
    context.loadVerifyLocations(cafile, capath, cadata);
  } else if (context.verifyMode !== CERT_NONE) {
    context.loadDefaultCerts(purpose);
  }
  return context;
}
