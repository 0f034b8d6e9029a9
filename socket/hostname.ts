// Python's socket.gethostname, gethostbyname, gethostbyname_ex, gethostbyaddr and getfqdn
// (Modules/socketmodule.c, Lib/socket.py).

import { lookup, lookupService } from "node:dns";
import { OSError, osError } from "../_errors/mod.ts";
import * as ffi from "../_ffi/netdb.ts";
import { atonExact, mapDnsError } from "./_gai.ts";
import { toIdnaArg } from "./_netdb_args.ts";
import {
  canRead,
  type HostEntry,
  HOSTS_PATH,
  hostsByAddr,
  hostsByName,
  ntop,
  pton,
} from "./_netdb_files.ts";
import { isIpLiteral, resolveHost } from "./_resolve.ts";
import { AF_INET, AF_INET6, AF_UNSPEC } from "./constants.ts";
import { HError } from "./errors.ts";

/** `[hostname, aliaslist, ipaddrlist]`, as `gethostbyname_ex` and `gethostbyaddr` return. */
export type HostInfo = [hostname: string, aliaslist: string[], ipaddrlist: string[]];

// h_errno values (<netdb.h>) and hstrerror(3)'s texts, the same in glibc and libSystem.
const HOST_NOT_FOUND = 1;
const TRY_AGAIN = 2;
const NO_RECOVERY = 3;
const H_TEXT = [
  "Resolver Error 0 (no error)",
  "Unknown host",
  "Host name lookup failure",
  "Unknown server error",
  "No address associated with name",
];

/**
 * Returns the machine's host name, as Python's `socket.gethostname` (C's
 * `gethostname(2)`).
 *
 * @returns the host name
 * @throws {Deno.errors.NotCapable} without `--allow-sys` (or `--allow-ffi`)
 * @tags allow-sys, allow-ffi
 *
 * @example
 * ```ts
 * import { gethostname } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(gethostname(), Deno.hostname());
 * ```
 */
export function gethostname(): string {
  return ffi.netdbUsesFfi() ? ffi.gethostnameFfi() : Deno.hostname();
}

/**
 * Translates a host name to one IPv4 address, as Python's `socket.gethostbyname`.
 * Numeric addresses are returned as they are, `""` is `"0.0.0.0"` and `"<broadcast>"`
 * is `"255.255.255.255"`; names resolve as {@linkcode getaddrinfo} resolves them.
 *
 * @param hostname a host name or IPv4 address
 * @returns the dotted-quad address
 * @throws {GaiError} when the name does not resolve to an IPv4 address (`EAI_NONAME`,
 *   or `EAI_ADDRFAMILY` for an IPv6 address)
 * @throws {TypeError} when `hostname` is not a string or contains a NUL character
 * @throws {ValueError} when `hostname` cannot be encoded with IDNA
 * @tags allow-ffi, allow-net, allow-read
 *
 * @example
 * ```ts
 * import { gethostbyname } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await gethostbyname("127.0.0.1"), "127.0.0.1");
 * assert.equal(await gethostbyname("<broadcast>"), "255.255.255.255");
 * ```
 */
export async function gethostbyname(hostname: string): Promise<string> {
  return await resolveHost(AF_INET, toIdnaArg(hostname, "gethostbyname"));
}

/**
 * Translates a host name to its primary name, its aliases and all its IPv4 addresses,
 * as Python's `socket.gethostbyname_ex` (C's `gethostbyname_r`).
 *
 * Without `--allow-ffi`, names are looked up in `/etc/hosts` (`--allow-read`) and then
 * with `node:dns` (`--allow-net`), which knows no aliases and no canonical name.
 *
 * @param hostname a host name or IPv4 address
 * @returns `[hostname, aliaslist, ipaddrlist]`
 * @throws {GaiError} when the name does not resolve to an IPv4 address
 * @throws {HError} when the host database has no entry (`h_errno` 1, "Unknown host")
 * @throws {TypeError} when `hostname` is not a string or contains a NUL character
 * @throws {ValueError} when `hostname` cannot be encoded with IDNA
 * @tags allow-ffi, allow-net, allow-read
 *
 * @example
 * ```ts
 * import { gethostbynameEx } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(await gethostbynameEx("127.0.0.1"), ["127.0.0.1", [], ["127.0.0.1"]]);
 * ```
 */
export async function gethostbynameEx(hostname: string): Promise<HostInfo> {
  const name = toIdnaArg(hostname, "gethostbyname_ex");
  const ip = await resolveHost(AF_INET, name);
  if (ffi.netdbUsesFfi()) return common(await ffi.gethostbynameAsync(name), AF_INET);
  return await fallbackByName(name, ip);
}

/**
 * Translates an address (or a name, resolved first) to the host's primary name, its
 * aliases and its addresses, as Python's `socket.gethostbyaddr` (C's `gethostbyaddr_r`).
 *
 * Without `--allow-ffi`, addresses are looked up in `/etc/hosts` (`--allow-read`) and
 * then with `node:dns` `lookupService` (`--allow-net`), which knows no aliases.
 *
 * @param ipAddr an IPv4 or IPv6 address, or a host name
 * @returns `[hostname, aliaslist, ipaddrlist]`
 * @throws {HError} when the address has no name (`h_errno` 1, "Unknown host")
 * @throws {GaiError} when a name given does not resolve
 * @throws {OSError} "wildcard resolved to multiple address" for `""`
 * @throws {TypeError} when `ipAddr` is not a string or contains a NUL character
 * @tags allow-ffi, allow-net, allow-read
 *
 * @example
 * ```ts
 * import { gethostbyaddr, HError } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * try {
 *   const [, , addresses] = await gethostbyaddr("127.0.0.1");
 *   assert.deepEqual(addresses, ["127.0.0.1"]);
 * } catch (err) {
 *   assert.ok(err instanceof HError); // 127.0.0.1 has no name on this machine
 * }
 * ```
 */
export async function gethostbyaddr(ipAddr: string): Promise<HostInfo> {
  const literal = await resolveHost(AF_UNSPEC, toIdnaArg(ipAddr, "gethostbyaddr"));
  const family = isIpLiteral(literal) === 4 ? AF_INET : AF_INET6;
  const addr = pton(family, literal.split("%")[0])!;
  if (ffi.netdbUsesFfi()) return common(await ffi.gethostbyaddrAsync(addr, family), family);
  return await fallbackByAddr(addr);
}

/**
 * Returns a fully qualified domain name for `name`, as Python's `socket.getfqdn`: the
 * first of the host's names (from {@linkcode gethostbyaddr}) that contains a dot, else
 * its primary name; `name` itself when the lookup fails. An empty name, `"0.0.0.0"` or
 * `"::"` stands for this machine ({@linkcode gethostname}).
 *
 * @param name a host name or address; this machine by default
 * @returns the name found
 * @throws {Deno.errors.NotCapable} when `name` is empty and neither `--allow-sys` nor
 *   `--allow-ffi` is given
 * @tags allow-ffi, allow-net, allow-read, allow-sys
 *
 * @example
 * ```ts
 * import { getfqdn } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(typeof await getfqdn("127.0.0.1"), "string");
 * ```
 */
export async function getfqdn(name: string = ""): Promise<string> {
  let result = name.trim();
  if (result === "" || result === "0.0.0.0" || result === "::") result = gethostname();
  let info: HostInfo;
  try {
    info = await gethostbyaddr(result);
  } catch (err) {
    if (err instanceof OSError) return result; // Python's `except error`.
    throw err;
  }
  const [hostname, aliases] = info;
  return [hostname, ...aliases].find((n) => n.includes(".")) ?? hostname;
}

// ---------------------------------------------------------------------------------------

function hostError(herrno: number): HError {
  const text = herrno < 0 ? "Resolver internal error" : H_TEXT[herrno] ?? "Unknown resolver error";
  return new HError(herrno, text);
}

// Python's gethost_common.
function common(outcome: ffi.HostentOutcome, family: number): HostInfo {
  const entry = outcome.entry;
  if (entry === null) throw hostError(outcome.herrno);
  if (entry.addrtype !== family) throw osError("EAFNOSUPPORT");
  return [entry.name, entry.aliases, entry.addrs.map(ntop)];
}

function fromEntry(e: HostEntry): HostInfo {
  return [e.name, e.aliases, e.addrs.map(ntop)];
}

// glibc's gethostbyname_r for IPv4 over /etc/hosts and node:dns.
async function fallbackByName(name: string, ip: string): Promise<HostInfo> {
  // The DNS backend's answers for an empty name and an IPv6 literal.
  if (name === "") throw hostError(NO_RECOVERY);
  if (name.includes(":")) throw hostError(HOST_NOT_FOUND);
  // glibc's digits-and-dots shortcut (nss/digits_dots.c).
  if (/^[\d.]+$/.test(name) && !name.endsWith(".")) return [name, [], [ip]];
  // Other numeric forms ("0x7f.1") reach the DNS, which knows no such name.
  if (atonExact(name) !== null) throw hostError(HOST_NOT_FOUND);
  if (canRead(HOSTS_PATH)) {
    const entry = hostsByName(name, AF_INET);
    if (entry && entry.addrs.length > 0) return fromEntry(entry);
  }
  needNet(name);
  const addrs = await new Promise<string[]>((resolve, reject) => {
    lookup(name, { all: true, family: 4 }, (err, found) => {
      if (!err) resolve(found.map((a) => a.address));
      else if (err.code === "ENOTFOUND") reject(hostError(HOST_NOT_FOUND));
      else if (err.code === "EAI_AGAIN") reject(hostError(TRY_AGAIN));
      else reject(mapDnsError(err));
    });
  });
  return [name, [], addrs];
}

// glibc's gethostbyaddr_r over /etc/hosts and node:dns.
async function fallbackByAddr(addr: Uint8Array): Promise<HostInfo> {
  if (canRead(HOSTS_PATH)) {
    const entry = hostsByAddr(addr);
    if (entry) return fromEntry(entry);
  }
  const text = ntop(addr);
  needNet(text);
  const name = await new Promise<string>((resolve, reject) => {
    lookupService(text, 0, (err, hostname) => {
      if (!err) resolve(hostname);
      else if (err.code === "ENOTFOUND") reject(hostError(HOST_NOT_FOUND));
      else if (err.code === "EAI_AGAIN") reject(hostError(TRY_AGAIN));
      else reject(mapDnsError(err));
    });
  });
  return [name, [], [text]];
}

function needNet(host: string): void {
  if (Deno.permissions.querySync({ name: "net", host }).state !== "granted") {
    throw new Deno.errors.NotCapable(
      `Requires net access to "${host}", run again with the --allow-net flag`,
    );
  }
}
