// Socket addresses: checking what a caller passed (Python's getsockaddrarg in
// socketmodule.c, with its messages) and turning Deno's and Node's addresses back into
// Python's shapes.

import { OSError, OverflowError } from "../_errors/mod.ts";
import { pyTypeName } from "./_args.ts";
import type { SocketAddress } from "./address.ts";
import { AF_INET, AF_INET6, AF_UNIX } from "./constants.ts";

/** A checked internet address. */
export interface InetTarget {
  kind: "inet";
  host: string;
  port: number;
  flowinfo: number;
  scopeId: number;
}
/** A checked unix address. */
export interface UnixTarget {
  kind: "unix";
  path: string;
}
/** An address of another family (AF_CAN, AF_NETLINK, AF_PACKET, ...), for kernel sockets. */
export interface OtherTarget {
  kind: "other";
  address: unknown;
}
/** A checked address of any kind. */
export type Target = InetTarget | UnixTarget | OtherTarget;

// sizeof(((struct sockaddr_un*)0)->sun_path)
const SUN_PATH_MAX = Deno.build.os === "darwin" ? 104 : 108;
const FLOWINFO_MAX = 0xfffff;

/**
 * Checks `address` for a socket of `family`, throwing Python's TypeError, OverflowError
 * or OSError with Python's messages. `caller` names the method in those messages.
 */
export function parseAddress(family: number, address: unknown, caller: string): Target {
  if (family === AF_UNIX) return parseUnix(address);
  if (family === AF_INET) return parseInet4(address, caller);
  if (family === AF_INET6) return parseInet6(address, caller);
  // Checked when encoded for the kernel, the only place such families exist.
  return { kind: "other", address };
}

function parseUnix(address: unknown): UnixTarget {
  let path: string;
  let length: number;
  if (typeof address === "string") {
    path = address;
    length = new TextEncoder().encode(address).length;
  } else if (ArrayBuffer.isView(address)) {
    const bytes = new Uint8Array(address.buffer, address.byteOffset, address.byteLength);
    path = new TextDecoder().decode(bytes);
    length = bytes.length;
  } else {
    throw new TypeError(`a bytes-like object is required, not '${pyTypeName(address)}'`);
  }
  // Abstract names (leading NUL) do not need the terminating NUL.
  const limit = path.startsWith("\0") ? SUN_PATH_MAX : SUN_PATH_MAX - 1;
  if (length > limit) throw new OSError("AF_UNIX path too long");
  return { kind: "unix", path };
}

function parseInet4(address: unknown, caller: string): InetTarget {
  if (!Array.isArray(address)) {
    throw new TypeError(`${caller}(): AF_INET address must be tuple, not ${pyTypeName(address)}`);
  }
  if (address.length !== 2) throw new TypeError("AF_INET address must be a pair (host, port)");
  const host = checkHost(address[0]);
  const port = checkInt(address[1]);
  if (port < 0 || port > 0xffff) throw new OverflowError(`${caller}(): port must be 0-65535.`);
  return { kind: "inet", host, port, flowinfo: 0, scopeId: 0 };
}

function parseInet6(address: unknown, caller: string): InetTarget {
  if (!Array.isArray(address) || address.length < 2 || address.length > 4) {
    throw new TypeError("AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])");
  }
  const host = checkHost(address[0]);
  const port = checkInt(address[1]);
  const flowinfo = address.length > 2 ? checkInt(address[2]) : 0;
  const scopeId = address.length > 3 ? checkInt(address[3]) : 0;
  if (port < 0 || port > 0xffff) throw new OverflowError(`${caller}(): port must be 0-65535.`);
  if (flowinfo < 0 || flowinfo > FLOWINFO_MAX) {
    throw new OverflowError(`${caller}(): flowinfo must be 0-1048575.`);
  }
  if (scopeId < 0 || scopeId > 0xffffffff) {
    throw new OverflowError("Python int too large to convert to C unsigned long");
  }
  return { kind: "inet", host, port, flowinfo, scopeId };
}

function checkHost(host: unknown): string {
  if (typeof host === "string") return host;
  if (ArrayBuffer.isView(host)) {
    return new TextDecoder().decode(
      new Uint8Array(host.buffer, host.byteOffset, host.byteLength),
    );
  }
  throw new TypeError(`str, bytes or bytearray expected, not ${pyTypeName(host)}`);
}

function checkInt(value: unknown): number {
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`'${pyTypeName(value)}' object cannot be interpreted as an integer`);
  }
  return value;
}

/** Python's shape of a Deno address, for a socket of `family`. */
export function fromDenoAddr(family: number, addr: Deno.Addr): SocketAddress {
  if ("hostname" in addr) return inetAddress(family, addr.hostname, addr.port);
  const path = "path" in addr ? addr.path ?? "" : "";
  // Python gives Linux's abstract names (leading NUL) as bytes.
  return path.startsWith("\0") ? new TextEncoder().encode(path) : path;
}

/** Python's shape of an internet address (`[host, port]` or the IPv6 four-tuple). */
export function inetAddress(family: number, host: string, port: number): SocketAddress {
  if (family !== AF_INET6) return [host, port];
  const pct = host.indexOf("%");
  if (pct < 0) return [host, port, 0, 0];
  const scope = Number(host.slice(pct + 1));
  return [host, port, 0, Number.isInteger(scope) ? scope : 0];
}

/** The wildcard host of a family: `0.0.0.0` or `::`. */
export function wildcard(family: number): string {
  return family === AF_INET6 ? "::" : "0.0.0.0";
}
