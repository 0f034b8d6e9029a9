// Python's socket.getnameinfo (Modules/socketmodule.c socket_getnameinfo): the address is
// parsed with a numeric getaddrinfo, then handed to getnameinfo(3).

import { lookupService } from "node:dns";
import { NotImplementedError, OSError, OverflowError, ValueError } from "../_errors/mod.ts";
import { SOCKET_DARWIN } from "../_ffi/constants_darwin.ts";
import { SOCKET_LINUX } from "../_ffi/constants_linux.ts";
import * as ffi from "../_ffi/netdb.ts";
import { gaiErrorFromCode, gaiSync, mapDnsError } from "./_gai.ts";
import { toCInt, toCUIntMask } from "./_netdb_args.ts";
import {
  canRead,
  HOSTS_PATH,
  hostsByAddr,
  ntop,
  pton,
  SERVICES_PATH,
  servicesByPort,
} from "./_netdb_files.ts";
import { AF_INET, AF_INET6, AF_UNSPEC, SOCK_DGRAM } from "./constants.ts";
import { gaiError } from "./errors.ts";

const DARWIN = Deno.build.os === "darwin";
const C: Partial<Record<string, number>> = DARWIN ? SOCKET_DARWIN : SOCKET_LINUX;
const AI_NUMERICHOST = C.AI_NUMERICHOST!;
const NI_NUMERICHOST = C.NI_NUMERICHOST!;
const NI_NUMERICSERV = C.NI_NUMERICSERV!;
const NI_NAMEREQD = C.NI_NAMEREQD!;
const NI_DGRAM = C.NI_DGRAM!;
// Every NI_* flag the C library accepts (glibc inet/getnameinfo.c; macOS NI_* to 0x40).
const NI_KNOWN = DARWIN ? 0x7f : 0xff;

/**
 * Translates a socket address into a host name and a service name, as Python's
 * `socket.getnameinfo` (C's `getnameinfo(3)`). The host part must be a numeric address;
 * the host name comes from `/etc/hosts` or the DNS, and the service from the services
 * database, each falling back to the numeric form unless `NI_NAMEREQD` is given.
 *
 * With `--allow-ffi` this is the C library's own `getnameinfo`, on Deno's blocking
 * thread pool. Without it, names are looked up in `/etc/hosts` (`--allow-read`) and then
 * with `node:dns` `lookupService` (`--allow-net`), services in `/etc/services`;
 * `NI_NOFQDN` is ignored, and a link-local scope id prints as a number (`fe80::1%2`)
 * where the C library prints the interface's name (`fe80::1%eth0`).
 *
 * @param sockaddr `[host, port]` or `[host, port, flowinfo, scopeId]`, with a numeric host
 * @param flags `NI_*` flags, OR-ed together: `NI_NUMERICHOST`, `NI_NUMERICSERV`,
 *   `NI_NAMEREQD`, `NI_DGRAM`, `NI_NOFQDN`
 * @returns `[host, port]`: the host name (or numeric address) and the service name (or
 *   port number), as strings
 * @throws {GaiError} when the host is not a numeric address or has no name and
 *   `NI_NAMEREQD` was given (`EAI_NONAME`), or the flags are bad (`EAI_BADFLAGS`)
 * @throws {OSError} "sockaddr resolved to multiple addresses", or "IPv4 sockaddr must be
 *   2 tuple" for an IPv4 address with flowinfo or scope id
 * @throws {TypeError} when `sockaddr` is not an array of a string and integers
 * @throws {OverflowError} when the port does not fit a C `int` or flowinfo is not
 *   0-1048575
 * @throws {ValueError} when the host contains a NUL character
 * @throws {NotImplementedError} without `--allow-ffi`, when the services database is
 *   needed and `/etc/services` cannot be read
 * @throws {Deno.errors.NotCapable} without `--allow-ffi`, when a name is needed and
 *   neither `/etc/hosts` nor the DNS (`--allow-net`) can answer
 * @tags allow-ffi, allow-net, allow-read
 *
 * @example Numeric host and service
 * ```ts
 * import { getnameinfo, NI_NUMERICHOST, NI_NUMERICSERV } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const flags = NI_NUMERICHOST | NI_NUMERICSERV;
 * assert.deepEqual(await getnameinfo(["127.0.0.1", 8080], flags), ["127.0.0.1", "8080"]);
 * assert.deepEqual(await getnameinfo(["::1", 80, 0, 0], flags), ["::1", "80"]);
 * ```
 */
export async function getnameinfo(
  sockaddr: [host: string, port: number, flowinfo?: number, scopeId?: number],
  flags: number,
): Promise<[host: string, port: string]> {
  const niFlags = toCInt(flags);
  if (!Array.isArray(sockaddr)) {
    throw new TypeError("getnameinfo() argument 1 must be a tuple");
  }
  const [host, portArg, flowArg, scopeArg] = sockaddr as unknown[];
  if (sockaddr.length < 2 || sockaddr.length > 4 || typeof host !== "string") {
    throw new TypeError("getnameinfo(): illegal sockaddr argument");
  }
  if (host.includes("\0")) throw new ValueError("embedded null character");
  const port = toCInt(portArg);
  const flowinfo = sockaddr.length > 2 ? toCUIntMask(flowArg) : 0;
  const scopeId = sockaddr.length > 3 ? toCUIntMask(scopeArg) : 0;
  if (flowinfo > 0xfffff) {
    throw new OverflowError("getnameinfo(): flowinfo must be 0-1048575.");
  }
  const hints = { family: AF_UNSPEC, socktype: SOCK_DGRAM, protocol: 0, flags: AI_NUMERICHOST };
  if (ffi.netdbUsesFfi()) {
    const res = ffi.getaddrinfoSync(host, String(port), hints);
    if (res.error !== 0) {
      throw res.errno !== null ? new OSError(res.errno) : gaiErrorFromCode(res.error);
    }
    const sa = res.list[0].sockaddr!;
    checkSingle(res.list.length, sa.family === AF_INET, sockaddr.length);
    const [error, name, serv] = await ffi.getnameinfoAsync(
      ffi.withFlowScope(sa, flowinfo, scopeId),
      niFlags,
    );
    if (error !== 0) throw gaiErrorFromCode(error);
    return [name, serv];
  }
  const entries = gaiSync({ host, service: String(port), ...hints })!;
  const [addrText, saPort] = entries[0].sockaddr;
  checkSingle(entries.length, entries[0].family === AF_INET, sockaddr.length);
  const addr = pton(AF_INET, addrText) ?? pton(AF_INET6, addrText)!;
  return await fallbackGetnameinfo(addr, saPort, scopeId, niFlags);
}

function checkSingle(count: number, isV4: boolean, tupleLength: number): void {
  if (count > 1) throw new OSError("sockaddr resolved to multiple addresses");
  if (isV4 && tupleLength !== 2) throw new OSError("IPv4 sockaddr must be 2 tuple");
}

// glibc's getnameinfo over the files databases and node:dns.
async function fallbackGetnameinfo(
  addr: Uint8Array,
  port: number,
  scopeId: number,
  flags: number,
): Promise<[string, string]> {
  if ((flags & ~NI_KNOWN) !== 0) throw gaiError("EAI_BADFLAGS");
  let host: string | null = null;
  if ((flags & NI_NUMERICHOST) === 0) {
    host = await reverseName(addr);
    if (host === null && (flags & NI_NAMEREQD) !== 0) throw gaiError("EAI_NONAME");
  }
  host ??= numericHost(addr, scopeId);
  if ((flags & NI_NUMERICSERV) !== 0) return [host, String(port)];
  const service = servicesByPort(port, (flags & NI_DGRAM) !== 0 ? "udp" : "tcp");
  if (service === null) {
    throw new NotImplementedError(
      `Looking up the name of port ${port} needs --allow-ffi (or --allow-read=${SERVICES_PATH});` +
        " pass NI_NUMERICSERV for the number",
    );
  }
  return [host, service ?? String(port)];
}

async function reverseName(addr: Uint8Array): Promise<string | null> {
  if (canRead(HOSTS_PATH)) {
    const entry = hostsByAddr(addr);
    if (entry) return entry.name;
  }
  const text = ntop(addr);
  if (Deno.permissions.querySync({ name: "net", host: text }).state !== "granted") {
    throw new Deno.errors.NotCapable(
      `Requires net access to "${text}", run again with the --allow-net flag`,
    );
  }
  return await new Promise<string | null>((resolve, reject) => {
    lookupService(text, 0, (err, hostname) => {
      if (!err) resolve(hostname);
      else if (err.code === "ENOTFOUND" || err.code === "EAI_NONAME") resolve(null);
      else reject(mapDnsError(err));
    });
  });
}

// glibc prints a link-local scope as the interface's name; without FFI it stays a number.
function numericHost(addr: Uint8Array, scopeId: number): string {
  const text = ntop(addr);
  return addr.length !== 16 || scopeId === 0 ? text : `${text}%${scopeId}`;
}
