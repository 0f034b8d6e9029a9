// Python's convenience functions create_connection, create_server and
// has_dualstack_ipv6 (the last two from Python 3.8, which users now expect).

import { NotImplementedError, OSError, ValueError } from "../_errors/mod.ts";
import type { Address, SocketAddress } from "./address.ts";
import { getaddrinfo } from "./getaddrinfo.ts";
import { Socket } from "./socket.ts";
import {
  AF_INET,
  AF_INET6,
  IPPROTO_IPV6,
  IPV6_V6ONLY,
  SO_REUSEADDR,
  SO_REUSEPORT,
  SOCK_STREAM,
  SOL_SOCKET,
} from "./constants.ts";

/** Options of `createConnection`. */
export interface CreateConnectionOptions {
  /** Timeout in seconds set on the socket before connecting. @default getdefaulttimeout() */
  timeout?: number | null;
  /** A local `[host, port]` to bind before connecting. @default null */
  sourceAddress?: Address | null;
  /** Throw an `AggregateError` of every attempt's error instead of the last one. @default false */
  allErrors?: boolean;
  /** Aborts the attempts. */
  signal?: AbortSignal;
}

/**
 * Python's `socket.create_connection(address, timeout, source_address)`: resolves
 * `[host, port]` and tries every address in order until one connects.
 *
 * @param address `[host, port]`
 * @returns the connected socket
 * @throws {OSError} the last attempt's error (e.g. `ConnectionRefusedError`)
 * @throws {GaiError} when the host cannot be resolved
 * @tags allow-net
 *
 * @example
 * ```ts
 * import { createConnection, createServer } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * using server = createServer(["127.0.0.1", 0]);
 * const [, port] = server.getsockname() as [string, number];
 * using client = await createConnection(["localhost", port], { timeout: 5 });
 * assert.equal(client.gettimeout(), 5);
 * const [conn] = await server.accept();
 * conn.close();
 * ```
 */
export async function createConnection(
  address: [host: string, port: number | string],
  options: CreateConnectionOptions = {},
): Promise<Socket> {
  if (!Array.isArray(address) || address.length !== 2) {
    throw new TypeError("createConnection() address must be a [host, port] pair");
  }
  const [host, port] = address;
  const infos = await getaddrinfo(host, port, 0, SOCK_STREAM);
  const errors: unknown[] = [];
  for (const [family, type, proto, , sockaddr] of infos) {
    const sock = new Socket(family, type, proto);
    try {
      if (options.timeout !== undefined) sock.settimeout(options.timeout);
      if (options.sourceAddress) sock.bind(options.sourceAddress);
      await sock.connect(sockaddr, { signal: options.signal });
      return sock;
    } catch (err) {
      sock.close();
      errors.push(err);
    }
  }
  if (errors.length === 0) throw new OSError("getaddrinfo returns an empty list");
  if (options.allErrors) throw new AggregateError(errors, "create_connection failed");
  throw errors[errors.length - 1];
}

/** Options of `createServer`. */
export interface CreateServerOptions {
  /** `AF_INET` or `AF_INET6`. @default AF_INET */
  family?: number;
  /** The listen backlog; Python's default when null. @default null */
  backlog?: number | null;
  /** Set `SO_REUSEPORT` (needs `--unstable-net` on the native path). @default false */
  reusePort?: boolean;
  /** Accept IPv4 and IPv6 on one `AF_INET6` socket. @default false */
  dualstackIpv6?: boolean;
}

/**
 * Python's `socket.create_server(address, family, backlog, reuse_port,
 * dualstack_ipv6)`: a TCP socket bound to `address` (with `SO_REUSEADDR`) and listening.
 * An `AF_INET6` server is IPv6-only (`IPV6_V6ONLY`, which makes it a kernel socket) unless
 * `dualstackIpv6` is set; without `--allow-ffi` it is dual-stack either way.
 *
 * @returns the listening socket
 * @throws {OSError} with Python's "(while attempting to bind on address ...)" message
 * @throws {ValueError} for `dualstackIpv6` with another family than `AF_INET6`
 * @tags allow-net
 *
 * @example
 * ```ts
 * import { AF_INET6, createServer, hasDualstackIpv6 } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.ok(hasDualstackIpv6());
 * using server = createServer(["::1", 0], { family: AF_INET6 });
 * assert.equal((server.getsockname() as [string, number])[0], "::1");
 * ```
 */
export function createServer(address: Address, options: CreateServerOptions = {}): Socket {
  const family = options.family ?? AF_INET;
  if (options.dualstackIpv6 && family !== AF_INET6) {
    throw new ValueError("dualstack_ipv6 requires AF_INET6 family");
  }
  const sock = new Socket(family, SOCK_STREAM);
  try {
    sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
    if (options.reusePort) sock.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1);
    if (family === AF_INET6) {
      if (options.dualstackIpv6) sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0);
      else {
        try {
          sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 1);
        } catch (err) {
          // Python skips a platform that refuses. Without --allow-ffi a native listener
          // cannot be IPv6-only and stays dual-stack (README).
          if (!(err instanceof OSError) && !(err instanceof NotImplementedError)) throw err;
        }
      }
    }
    try {
      sock.bind(address);
    } catch (err) {
      if (!(err instanceof OSError) || err.errno === null) throw err;
      throw new OSError(
        err.errno,
        `${err.strerror} (while attempting to bind on address ${pyRepr(address)})`,
        null,
        null,
        { cause: err },
      );
    }
    if (options.backlog === null || options.backlog === undefined) sock.listen();
    else sock.listen(options.backlog);
    return sock;
  } catch (err) {
    sock.close();
    throw err;
  }
}

/**
 * Python's `socket.has_dualstack_ipv6()`: whether one `AF_INET6` socket can accept both
 * IPv4 and IPv6 connections. Deno's IPv6 listeners always can.
 *
 * @example
 * ```ts
 * import { hasDualstackIpv6 } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(hasDualstackIpv6(), true);
 * ```
 */
export function hasDualstackIpv6(): boolean {
  return true;
}

function pyRepr(address: Address | SocketAddress): string {
  if (typeof address === "string") return `'${address}'`;
  if (address instanceof Uint8Array) return `b'${new TextDecoder().decode(address)}'`;
  return `(${address.map((v) => typeof v === "string" ? `'${v}'` : String(v)).join(", ")})`;
}
