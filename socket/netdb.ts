// Python's socket.getservbyname, getservbyport, getprotobyname, if_nameindex,
// if_nametoindex and if_indextoname (Modules/socketmodule.c).

import { NotImplementedError, OSError, OverflowError, ValueError } from "../_errors/mod.ts";
import * as ffi from "../_ffi/netdb.ts";
import { pyTypeName } from "./_args.ts";
import { toCInt, toCString, toInteger } from "./_netdb_args.ts";
import {
  PROTOCOLS_PATH,
  protocolsByName,
  SERVICES_PATH,
  servicesByName,
  servicesByPort,
} from "./_netdb_files.ts";

/**
 * Returns the port number of an internet service, as Python's `socket.getservbyname`
 * (C's `getservbyname(3)`, which reads the services database, `/etc/services`).
 *
 * @param servicename a service name or alias, such as `"http"` or `"www"` (case matters)
 * @param protocolname `"tcp"` or `"udp"`; any protocol when omitted
 * @returns the port number
 * @throws {OSError} "service/proto not found" when the database has no such entry
 * @throws {TypeError} when an argument is not a string
 * @throws {ValueError} when an argument contains a NUL character
 * @throws {NotImplementedError} without `--allow-ffi` when `/etc/services` cannot be read
 * @tags allow-ffi, allow-read
 *
 * @example
 * ```ts
 * import { getservbyname } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(getservbyname("http", "tcp"), 80);
 * assert.equal(getservbyname("domain", "udp"), 53);
 * ```
 */
export function getservbyname(servicename: string, protocolname?: string): number {
  const name = toCString(servicename, "getservbyname", 1);
  const proto = protocolname == null ? null : toCString(protocolname, "getservbyname", 2);
  const port = ffi.netdbUsesFfi()
    ? ffi.getservbynameFfi(name, proto)
    : files(servicesByName(name, proto), SERVICES_PATH, "getservbyname");
  if (port == null) throw new OSError("service/proto not found");
  return port;
}

/**
 * Returns the name of the internet service on a port, as Python's
 * `socket.getservbyport` (C's `getservbyport(3)`).
 *
 * @param port a port number, 0-65535
 * @param protocolname `"tcp"` or `"udp"`; any protocol when omitted
 * @returns the service name
 * @throws {OverflowError} "getservbyport: port must be 0-65535." for other ports
 * @throws {OSError} "port/proto not found" when the database has no such entry
 * @throws {TypeError} when `port` is not an integer or `protocolname` not a string
 * @throws {NotImplementedError} without `--allow-ffi` when `/etc/services` cannot be read
 * @tags allow-ffi, allow-read
 *
 * @example
 * ```ts
 * import { getservbyport } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(getservbyport(80, "tcp"), "http");
 * assert.throws(() => getservbyport(70000), { name: "OverflowError" });
 * ```
 */
export function getservbyport(port: number, protocolname?: string): string {
  const num = toCInt(port);
  const proto = protocolname == null ? null : toCString(protocolname, "getservbyport", 2);
  if (num < 0 || num > 0xffff) {
    throw new OverflowError("getservbyport: port must be 0-65535.");
  }
  const name = ffi.netdbUsesFfi()
    ? ffi.getservbyportFfi(num, proto)
    : files(servicesByPort(num, proto), SERVICES_PATH, "getservbyport");
  if (name == null) throw new OSError("port/proto not found");
  return name;
}

/**
 * Returns the number of an internet protocol, as Python's `socket.getprotobyname`
 * (C's `getprotobyname(3)`, which reads `/etc/protocols`), for the `proto` argument of
 * `new Socket()`.
 *
 * @param protocolname a protocol name or alias, such as `"tcp"`, `"udp"` or `"icmp"`
 * @returns the protocol number
 * @throws {OSError} "protocol not found" when the database has no such protocol
 * @throws {TypeError} when `protocolname` is not a string
 * @throws {ValueError} when `protocolname` contains a NUL character
 * @throws {NotImplementedError} without `--allow-ffi` when `/etc/protocols` cannot be read
 * @tags allow-ffi, allow-read
 *
 * @example
 * ```ts
 * import { getprotobyname, IPPROTO_TCP, IPPROTO_UDP } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(getprotobyname("tcp"), IPPROTO_TCP);
 * assert.equal(getprotobyname("udp"), IPPROTO_UDP);
 * ```
 */
export function getprotobyname(protocolname: string): number {
  const name = toCString(protocolname, "getprotobyname", 1);
  const num = ffi.netdbUsesFfi()
    ? ffi.getprotobynameFfi(name)
    : files(protocolsByName(name), PROTOCOLS_PATH, "getprotobyname");
  if (num == null) throw new OSError("protocol not found");
  return num;
}

/**
 * Lists the network interfaces as `[index, name]` pairs, as Python's
 * `socket.if_nameindex` (C's `if_nameindex(3)`).
 *
 * @returns `[index, name]` pairs, by index
 * @throws {OSError} when the system call fails
 * @throws {NotImplementedError} without `--allow-ffi`
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { ifNameindex } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const loopback = ifNameindex().find(([, name]) => name === "lo" || name === "lo0");
 * assert.ok(loopback !== undefined && loopback[0] > 0);
 * ```
 */
export function ifNameindex(): [index: number, name: string][] {
  if (ffi.netdbUsesFfi()) return ffi.ifNameindexFfi();
  return interfaces("ifNameindex");
}

/**
 * Returns the index of a network interface, as Python's `socket.if_nametoindex`.
 *
 * @param ifName an interface name, such as `"lo"` or `"eth0"`
 * @returns the interface index
 * @throws {OSError} "no interface with this name" when there is none
 * @throws {TypeError} when `ifName` is not a string
 * @throws {ValueError} when `ifName` contains a NUL character
 * @throws {NotImplementedError} without `--allow-ffi`
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { ifIndextoname, ifNametoindex } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const lo = Deno.build.os === "darwin" ? "lo0" : "lo";
 * assert.equal(ifIndextoname(ifNametoindex(lo)), lo);
 * assert.throws(() => ifNametoindex("no-such-if0"), { name: "OSError" });
 * ```
 */
export function ifNametoindex(ifName: string): number {
  if (typeof ifName !== "string") {
    throw new TypeError(
      `expected str, bytes or os.PathLike object, not ${pyTypeName(ifName, "constructor")}`,
    );
  }
  if (ifName.includes("\0")) throw new ValueError("embedded null byte");
  const index = ffi.netdbUsesFfi() ? ffi.ifNametoindexFfi(ifName) : interfaces("ifNametoindex");
  // if_nametoindex() sets no errno.
  if (index === 0) throw new OSError("no interface with this name");
  return index;
}

/**
 * Returns the name of a network interface, as Python's `socket.if_indextoname`.
 *
 * @param ifIndex an interface index (reduced modulo 2^32, as C does)
 * @returns the interface name
 * @throws {OSError} with errno `ENXIO` when there is no interface with that index
 * @throws {OverflowError} when `ifIndex` is negative
 * @throws {TypeError} when `ifIndex` is not an integer
 * @throws {NotImplementedError} without `--allow-ffi`
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { ifIndextoname } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => ifIndextoname(0), { name: "OSError" });
 * ```
 */
export function ifIndextoname(ifIndex: number): string {
  let index: number;
  try {
    index = toInteger(ifIndex);
  } catch {
    throw new TypeError("an integer is required");
  }
  if (index < 0) throw new OverflowError("can't convert negative value to unsigned int");
  if (index >= 2 ** 64) {
    throw new OverflowError("Python int too large to convert to C unsigned long");
  }
  const uint = Number(BigInt.asUintN(32, BigInt(index)));
  if (!ffi.netdbUsesFfi()) interfaces("ifIndextoname");
  return ffi.ifIndextonameFfi(uint);
}

// ---------------------------------------------------------------------------------------

function files<T>(value: T | undefined | null, path: string, fn: string): T | undefined {
  if (value === null) {
    throw new NotImplementedError(
      `${fn}() needs --allow-ffi (or --allow-read=${path}) to read the database`,
    );
  }
  return value;
}

function interfaces(fn: string): never {
  throw new NotImplementedError(`${fn}() needs --allow-ffi: Deno has no interface-index API`);
}
