// Python's socket.getaddrinfo (Modules/socketmodule.c socket_getaddrinfo).

import { OSError, OverflowError, ValueError } from "../_errors/mod.ts";
import { cTruncate, idnaEncode, toCInt } from "./_netdb_args.ts";
import { gai } from "./_gai.ts";
import type { Inet4Address, Inet6Address } from "./address.ts";
import { AI_NUMERICSERV } from "./constants.ts";

const DARWIN = Deno.build.os === "darwin";

/**
 * One result of {@linkcode getaddrinfo}: `[family, type, proto, canonname, sockaddr]`,
 * where `sockaddr` is `[host, port]` for `AF_INET` and `[host, port, flowinfo, scopeId]`
 * for `AF_INET6`, and `canonname` is `""` unless `AI_CANONNAME` was asked for (and then
 * only on the first result).
 */
export type AddrInfo = [
  family: number,
  type: number,
  proto: number,
  canonname: string,
  sockaddr: Inet4Address | Inet6Address,
];

/**
 * Translates a host and port into the socket addresses to create and connect sockets
 * with, as Python's `socket.getaddrinfo` (C's `getaddrinfo(3)`): numeric hosts, names in
 * `/etc/hosts` and names the DNS knows all resolve, and results come in the system
 * resolver's order.
 *
 * With `--allow-ffi` this is the C library's own `getaddrinfo`, run on Deno's blocking
 * thread pool, so results and errors are exactly Python's. Without it, a port of glibc's
 * algorithm answers: numeric hosts, a `null` host (the loopback addresses, or the
 * wildcard addresses with `AI_PASSIVE`) and ports resolve without any lookup; names are
 * looked up in `/etc/hosts` when it is readable (`--allow-read`), then through
 * `node:dns` (`--allow-net`); service names are read from `/etc/services`. Its
 * differences: results always have glibc's shape (also on macOS, where they are a best
 * effort); for names that only the DNS knows, `canonname` is the name itself and
 * `AI_ADDRCONFIG` is left to `node:dns`; a `%scope` must be an interface index, not a
 * name. Through FFI, an `EAI_SYSTEM` failure is a `GaiError` rather than Python's
 * `OSError` with errno: errno stays on the pool thread that ran the call.
 *
 * @param host a host name or IP address, or `null` (with `AI_PASSIVE` the wildcard
 *   address, else loopback); `"*"` is the same as `null`. Non-ASCII names are encoded
 *   with IDNA, as Python does.
 * @param port a port number, a service name or a numeric string (`"http"`, `"80"`), or
 *   `null`
 * @param family `AF_INET`, `AF_INET6` or `AF_UNSPEC` (0, any)
 * @param type a socket type such as `SOCK_STREAM`, or 0 for every type
 * @param proto a protocol such as `IPPROTO_TCP`, or 0 for any
 * @param flags `AI_*` flags, OR-ed together
 * @returns the addresses, as `[family, type, proto, canonname, sockaddr]` arrays
 * @throws {GaiError} when the resolver fails, with Python's `errno`: unknown host
 *   (`EAI_NONAME`), unknown service (`EAI_SERVICE`), bad family, type or flags
 *   (`EAI_FAMILY`, `EAI_SOCKTYPE`, `EAI_BADFLAGS`), no address of the family
 *   (`EAI_ADDRFAMILY`)
 * @throws {OSError} "Int or String expected" when `port` is neither an integer, a
 *   string nor `null`
 * @throws {TypeError} when `host` is not a string or `null`, or an integer argument is
 *   not an integer
 * @throws {OverflowError} when an integer argument does not fit its C type
 * @throws {ValueError} when `host` cannot be encoded with IDNA (an empty label)
 * @throws {NotImplementedError} without `--allow-ffi`, when a service name needs the
 *   services database and `/etc/services` cannot be read, or a `%scope` names an
 *   interface
 * @throws {Deno.errors.NotCapable} without `--allow-ffi`, when a name needs the DNS and
 *   `--allow-net` does not cover it
 * @tags allow-ffi, allow-net, allow-read
 *
 * @example Resolving loopback addresses
 * ```ts
 * import { AF_INET, getaddrinfo, IPPROTO_TCP, SOCK_STREAM } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const infos = await getaddrinfo("127.0.0.1", 8080, AF_INET, SOCK_STREAM);
 * assert.deepEqual(infos, [[AF_INET, SOCK_STREAM, IPPROTO_TCP, "", ["127.0.0.1", 8080]]]);
 * ```
 *
 * @example An unknown host
 * ```ts
 * import { EAI_NONAME, GaiError, getaddrinfo } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * await assert.rejects(getaddrinfo("no-such-host.invalid", 80), (err) => {
 *   return err instanceof GaiError && err.errno === EAI_NONAME;
 * });
 * ```
 */
export async function getaddrinfo(
  host: string | null,
  port: number | string | null,
  family: number = 0,
  type: number = 0,
  proto: number = 0,
  flags: number = 0,
): Promise<AddrInfo[]> {
  const hints = {
    family: toCInt(family),
    socktype: toCInt(type),
    protocol: toCInt(proto),
    flags: toCInt(flags),
  };
  let node: string | null;
  if (host === null || host === undefined) node = null;
  else if (typeof host === "string") node = cTruncate(idnaEncode(host));
  else throw new TypeError("getaddrinfo() argument 1 must be string or None");
  let service = serviceText(port);
  // CPython's workaround for a libSystem crash on AI_NUMERICSERV with no or "0" service.
  if (DARWIN && (hints.flags & AI_NUMERICSERV) !== 0 && (service === null || service === "0")) {
    service = "00";
  }
  const entries = await gai({ host: node, service, ...hints });
  return entries.map((e) => [e.family, e.socktype, e.protocol, e.canonname, e.sockaddr]);
}

function serviceText(port: unknown): string | null {
  if (port === null || port === undefined) return null;
  if (typeof port === "number" && Number.isInteger(port)) return String(toCLong(port));
  if (typeof port === "bigint") return String(toCLong(Number(port), port));
  if (typeof port === "string") {
    if (!port.isWellFormed()) {
      throw new ValueError("'utf-8' codec can't encode characters: surrogates not allowed");
    }
    return cTruncate(port);
  }
  throw new OSError("Int or String expected");
}

// Python's PyLong_AsLong: the value printed with %ld.
function toCLong(n: number, exact?: bigint): number | bigint {
  const big = exact ?? BigInt(n);
  if (big >= 2n ** 63n || big < -(2n ** 63n)) {
    throw new OverflowError("Python int too large to convert to C long");
  }
  return exact ?? n;
}
