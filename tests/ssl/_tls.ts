// Helpers for the ssl tests: contexts from the test certificates, and a TLS connection over
// real loopback TCP with both ends wrapped.

import {
  createDefaultContext,
  PROTOCOL_TLS_SERVER,
  SSLContext,
  type SSLSocket,
  type WrapSocketOptions,
} from "../../ssl/mod.ts";
import type { SocketAddress } from "../../socket/mod.ts";
import { connectedPair, listener } from "../_helpers/loopback.ts";
import { type TestCerts, testCerts } from "../_helpers/certs.ts";

export { testCerts };
export type { TestCerts };

/** A server context with the localhost certificate (or `pair`). */
export async function serverContext(
  pair: keyof Pick<
    TestCerts,
    "localhost" | "other" | "untrusted" | "expired" | "chained" | "selfSigned"
  > = "localhost",
): Promise<SSLContext> {
  const certs = await testCerts();
  const ctx = new SSLContext(PROTOCOL_TLS_SERVER);
  ctx.loadCertChain(certs[pair].cert, certs[pair].key);
  return ctx;
}

/** A client context that trusts the test CA only (node:tls engine under "auto"). */
export async function clientContext(): Promise<SSLContext> {
  const certs = await testCerts();
  return createDefaultContext(undefined, { cafile: certs.caFile });
}

/** A client context that trusts the default roots and the test CA (Deno's engine). */
export async function fastClientContext(): Promise<SSLContext> {
  const certs = await testCerts();
  const ctx = createDefaultContext();
  ctx.loadVerifyLocations(certs.caFile);
  return ctx;
}

/** Both ends of a TLS connection over loopback TCP. */
export interface TlsPair extends AsyncDisposable {
  client: SSLSocket;
  server: SSLSocket;
}

/**
 * Connects over TCP and wraps both ends at once; rejects with the client's error (or the
 * server's when only it fails). Both ends are closed on dispose.
 */
export async function tlsPair(
  serverCtx: SSLContext,
  clientCtx: SSLContext,
  clientOptions: WrapSocketOptions = { serverHostname: "localhost" },
  serverOptions: WrapSocketOptions = {},
): Promise<TlsPair> {
  const [c, s, l] = await connectedPair();
  l.close();
  const results = await Promise.allSettled([
    clientCtx.wrapSocket(c, clientOptions),
    serverCtx.wrapSocket(s, { ...serverOptions, serverSide: true }),
  ]);
  const [cr, sr] = results;
  if (cr.status === "rejected" || sr.status === "rejected") {
    if (cr.status === "fulfilled") cr.value.close();
    if (sr.status === "fulfilled") sr.value.close();
    c.close();
    s.close();
    throw cr.status === "rejected" ? cr.reason : (sr as PromiseRejectedResult).reason;
  }
  return {
    client: cr.value,
    server: sr.value,
    [Symbol.asyncDispose]: () => {
      cr.value.close();
      sr.value.close();
      return Promise.resolve();
    },
  };
}

/** Both results of wrapping the two ends, without throwing. */
export async function tlsAttempt(
  serverCtx: SSLContext,
  clientCtx: SSLContext,
  clientOptions: WrapSocketOptions = { serverHostname: "localhost" },
): Promise<{ client: PromiseSettledResult<SSLSocket>; server: PromiseSettledResult<SSLSocket> }> {
  const [c, s, l] = await connectedPair();
  l.close();
  const [client, server] = await Promise.allSettled([
    clientCtx.wrapSocket(c, clientOptions),
    serverCtx.wrapSocket(s, { serverSide: true }),
  ]);
  for (const r of [client, server]) if (r.status === "fulfilled") r.value.close();
  c.close();
  s.close();
  return { client, server };
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** The two client engines the tests run against, with a client context for each. */
export const ENGINES = [
  ["node:tls", clientContext],
  ["Deno native", fastClientContext],
] as const;

/** A loopback port that nobody listens on (freed right after it was picked). */
export function deadPort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = l.addr.port;
  l.close();
  return port;
}

/** A TLS server on an ephemeral loopback port that accepts and wraps one connection. */
export interface TlsServer extends Disposable {
  /** The listening (plain) socket's address. */
  address: SocketAddress;
  /** The accepted connection, wrapped on the server side (rejects when its handshake does). */
  accepted: Promise<SSLSocket>;
}

/** Listens on loopback and wraps the first connection with `serverCtx` on the server side. */
export function tlsServer(serverCtx: SSLContext): TlsServer {
  const l = listener();
  const accepted = l.accept().then(([s]) => serverCtx.wrapSocket(s, { serverSide: true }));
  return {
    address: l.getsockname(),
    accepted,
    [Symbol.dispose]: () => {
      accepted.catch(() => {}); // a connection that never came: the accept ends with the close
      l.close();
    },
  };
}
