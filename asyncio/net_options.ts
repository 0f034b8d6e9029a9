// Options of the loop's networking methods (Python's keyword arguments), shared by the
// declarations in events.ts and the implementation in selector_events.ts.

import type { Socket } from "../socket/socket.ts";
import type { SSLContext } from "../ssl/context.ts";

// The socket and ssl types the loop's networking API mentions, reachable from this module
// (as the ssl module re-exports the socket types its API uses).
export type * from "../socket/address.ts";
export type { AddrInfo } from "../socket/getaddrinfo.ts";
export type { AbortOptions, OptionValue, SendfileSource, Socket } from "../socket/socket.ts";
export type * from "../socket/readiness.ts";
export type * from "../socket/socket_file.ts";
export type * from "./_ssl_types.ts";

/**
 * Options of `loop.createConnection` (Python's keyword arguments).
 *
 * @example
 * ```ts
 * import type { CreateConnectionOptions } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const o: CreateConnectionOptions = { happyEyeballsDelay: 0.25 };
 * assert.equal(o.happyEyeballsDelay, 0.25);
 * ```
 */
export interface CreateConnectionOptions {
  /** TLS: an `SSLContext`, or `true` for `createDefaultContext()`. @default no TLS */
  ssl?: SSLContext | boolean | null;
  /** Address family for name resolution (`AF_INET`, `AF_INET6`). @default 0 (any) */
  family?: number;
  /** Protocol for name resolution. @default 0 */
  proto?: number;
  /** getaddrinfo flags. @default 0 */
  flags?: number;
  /** An already connected socket to use instead of host and port. @default none */
  sock?: Socket | null;
  /** Local `[host, port]` to bind before connecting. @default none */
  localAddr?: [string, number] | null;
  /** The name the server certificate must match. @default host */
  serverHostname?: string | null;
  /** Seconds the TLS handshake may take. @default 60 */
  sslHandshakeTimeout?: number | null;
  /** Seconds before the next address is tried in parallel (RFC 8305). @default off */
  happyEyeballsDelay?: number | null;
  /** With happy eyeballs, how many addresses of the first family come first. @default 1 */
  interleave?: number | null;
  /** Seconds a TLS shutdown may take (accepted; the engine's own limit applies). */
  sslShutdownTimeout?: number | null;
  /** Aborts connecting. @default none */
  signal?: AbortSignal;
}

/**
 * Options of `loop.createUnixConnection`.
 *
 * @example
 * ```ts
 * import type { CreateUnixConnectionOptions } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const o: CreateUnixConnectionOptions = { sslHandshakeTimeout: 5 };
 * assert.equal(o.sslHandshakeTimeout, 5);
 * ```
 */
export interface CreateUnixConnectionOptions {
  /** TLS over the unix socket. @default no TLS */
  ssl?: SSLContext | boolean | null;
  /** A connected unix socket to use instead of `path`. @default none */
  sock?: Socket | null;
  /** The name the server certificate must match (needed with `ssl`). @default none */
  serverHostname?: string | null;
  /** Seconds the TLS handshake may take. @default 60 */
  sslHandshakeTimeout?: number | null;
  /** Accepted for Python compatibility. */
  sslShutdownTimeout?: number | null;
}

/**
 * Options of `loop.createServer` (Python's keyword arguments).
 *
 * @example
 * ```ts
 * import type { CreateServerOptions } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const o: CreateServerOptions = { backlog: 10, reuseAddress: true };
 * assert.equal(o.backlog, 10);
 * ```
 */
export interface CreateServerOptions {
  /** Address family for name resolution. @default 0 (any) */
  family?: number;
  /** getaddrinfo flags. @default AI_PASSIVE */
  flags?: number;
  /** An already bound socket (or several) to listen on instead of host and port. */
  sock?: Socket | Socket[] | null;
  /** The listen backlog. @default 100 */
  backlog?: number;
  /** TLS for accepted connections. @default no TLS */
  ssl?: SSLContext | null;
  /** SO_REUSEADDR. @default true on Linux and macOS, as Python */
  reuseAddress?: boolean | null;
  /** SO_REUSEPORT (needs `--unstable-net` or `--allow-ffi`). @default false */
  reusePort?: boolean | null;
  /** Seconds the TLS handshake may take. @default 60 */
  sslHandshakeTimeout?: number | null;
  /** Accepted for Python compatibility. */
  sslShutdownTimeout?: number | null;
  /** Start accepting at once. @default true */
  startServing?: boolean;
  /** SO_KEEPALIVE on accepted connections (Python 3.13). @default false */
  keepAlive?: boolean | null;
}

/**
 * Options of `loop.createUnixServer`.
 *
 * @example
 * ```ts
 * import type { CreateUnixServerOptions } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const o: CreateUnixServerOptions = { cleanup: true };
 * assert.ok(o.cleanup);
 * ```
 */
export interface CreateUnixServerOptions {
  /** A bound unix socket to listen on instead of `path`. */
  sock?: Socket | null;
  /** The listen backlog. @default 100 */
  backlog?: number;
  /** TLS for accepted connections. @default no TLS */
  ssl?: SSLContext | null;
  /** Seconds the TLS handshake may take. @default 60 */
  sslHandshakeTimeout?: number | null;
  /** Accepted for Python compatibility. */
  sslShutdownTimeout?: number | null;
  /** Start accepting at once. @default true */
  startServing?: boolean;
  /** Remove the socket file when the server closes (Python 3.13). @default true */
  cleanup?: boolean;
}

/**
 * Options of `loop.connectAcceptedSocket`.
 *
 * @example
 * ```ts
 * import type { ConnectAcceptedSocketOptions } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const o: ConnectAcceptedSocketOptions = {};
 * assert.equal(o.ssl, undefined);
 * ```
 */
export interface ConnectAcceptedSocketOptions {
  /** TLS (server side) over the socket. @default no TLS */
  ssl?: SSLContext | null;
  /** Seconds the TLS handshake may take. @default 60 */
  sslHandshakeTimeout?: number | null;
  /** Accepted for Python compatibility. */
  sslShutdownTimeout?: number | null;
}

/**
 * Options of `loop.createDatagramEndpoint` (Python's keyword arguments).
 *
 * @example
 * ```ts
 * import type { CreateDatagramEndpointOptions } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const o: CreateDatagramEndpointOptions = { localAddr: ["127.0.0.1", 0] };
 * assert.deepEqual(o.localAddr, ["127.0.0.1", 0]);
 * ```
 */
export interface CreateDatagramEndpointOptions {
  /** Local address to bind: `[host, port]`, or a path for a unix datagram socket. */
  localAddr?: [string, number] | string | null;
  /** Remote address to connect to: `[host, port]` or a path. */
  remoteAddr?: [string, number] | string | null;
  /** Address family (`AF_INET`, `AF_INET6`, `AF_UNIX`). @default 0 (from the address) */
  family?: number;
  /** Protocol. @default 0 */
  proto?: number;
  /** getaddrinfo flags. @default 0 */
  flags?: number;
  /** SO_REUSEPORT. @default false */
  reusePort?: boolean | null;
  /** SO_BROADCAST. @default false */
  allowBroadcast?: boolean | null;
  /** An existing datagram socket to use. */
  sock?: Socket | null;
}

/**
 * Options of `loop.startTls`.
 *
 * @example
 * ```ts
 * import type { StartTlsOptions } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const o: StartTlsOptions = { serverSide: true };
 * assert.ok(o.serverSide);
 * ```
 */
export interface StartTlsOptions {
  /** Act as the TLS server. @default false */
  serverSide?: boolean;
  /** The name the server certificate must match (client side). @default none */
  serverHostname?: string | null;
  /** Seconds the TLS handshake may take. @default 60 */
  sslHandshakeTimeout?: number | null;
  /** Accepted for Python compatibility. */
  sslShutdownTimeout?: number | null;
}

/**
 * Options of `loop.sendfile` and `loop.sockSendfile`.
 *
 * @example
 * ```ts
 * import type { SendfileOptions } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const o: SendfileOptions = { fallback: false };
 * assert.equal(o.fallback, false);
 * ```
 */
export interface SendfileOptions {
  /** Read and send in chunks when no zero-copy path exists. @default true */
  fallback?: boolean;
}

/**
 * Options of `loop.getaddrinfo` (Python's keyword arguments).
 *
 * @example
 * ```ts
 * import { AF_INET } from "@ipcnet/std/socket";
 * import type { GetaddrinfoOptions } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const o: GetaddrinfoOptions = { family: AF_INET };
 * assert.equal(o.family, AF_INET);
 * ```
 */
export interface GetaddrinfoOptions {
  /** Address family. @default 0 */
  family?: number;
  /** Socket type. @default 0 */
  type?: number;
  /** Protocol. @default 0 */
  proto?: number;
  /** AI_* flags. @default 0 */
  flags?: number;
}
