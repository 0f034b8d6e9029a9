// The host part of a socket address, resolved as Python's setipaddr (Modules/socketmodule.c)
// does before connect, sendto and bind: "" is the wildcard, "<broadcast>" the broadcast
// address, numeric addresses need no lookup, and any other name is the first getaddrinfo
// result of the family.

import { NotImplementedError, OSError } from "../_errors/mod.ts";
import { gai, type GaiEntry, type GaiRequest, gaiSync } from "./_gai.ts";
import { idnaEncode } from "./_netdb_args.ts";
import { ntop, pton } from "./_netdb_files.ts";
import { AF_INET, AF_INET6, AF_UNSPEC, SOCK_DGRAM } from "./constants.ts";
import { AI_PASSIVE } from "./constants.ts";

/**
 * Which IP version a host string is a literal address of: 4 for a dotted quad (strict
 * `inet_pton` syntax), 6 for an IPv6 address with an optional `%scope`, 0 otherwise.
 */
export function isIpLiteral(host: string): 0 | 4 | 6 {
  if (pton(AF_INET, host)) return 4;
  const pct = host.indexOf("%");
  if (pct === host.length - 1) return 0;
  return pton(AF_INET6, pct < 0 ? host : host.slice(0, pct)) ? 6 : 0;
}

/**
 * Resolves the host of a socket address to one IP literal of `family` (`AF_INET`,
 * `AF_INET6`, or `AF_UNSPEC` for the first address of any family), as Python does
 * before `connect` and `sendto`. `""` is the wildcard address, `"<broadcast>"` (and
 * `"255.255.255.255"`) the IPv4 broadcast address, numeric addresses are returned in
 * canonical form without a lookup; names go through {@linkcode getaddrinfo}'s resolver.
 * An IPv6 result with a scope id ends in `%<scope id>`.
 *
 * Throws as Python does: a host with a NUL is a TypeError, `""` with `AF_UNSPEC` an
 * OSError ("wildcard resolved to multiple address"), `"<broadcast>"` with `AF_INET6` an
 * OSError ("address family mismatched"), an unknown name a GaiError.
 */
export async function resolveHost(family: number, host: string): Promise<string> {
  const name = checkHost(host);
  const quick = special(family, name);
  if (quick !== undefined) return quick;
  return literal((await gai(request(family, name)))[0]);
}

/**
 * {@linkcode resolveHost} without waiting, for `bind` (synchronous in Python). Numeric
 * and special hosts and `"localhost"` (the loopback address of the family, whatever
 * `/etc/hosts` says) need no lookup; other names are resolved by a synchronous
 * `getaddrinfo` through FFI, which blocks the thread for the lookup. Without
 * `--allow-ffi`, names are looked up in `/etc/hosts` only.
 *
 * @throws {NotImplementedError} without `--allow-ffi`, for a name that `/etc/hosts`
 *   (when readable) does not list
 */
export function resolveHostSync(family: number, host: string): string {
  const name = checkHost(host);
  const quick = special(family, name);
  if (quick !== undefined) return quick;
  if (name.toLowerCase() === "localhost") {
    if (family === AF_INET6) return "::1";
    if (family === AF_INET || family === AF_UNSPEC) return "127.0.0.1";
  }
  const entries = gaiSync(request(family, name));
  if (entries === null) {
    throw new NotImplementedError(
      `Binding to the host name "${name}" needs --allow-ffi to resolve it ` +
        "(or a numeric address, or a name listed in a readable /etc/hosts)",
    );
  }
  return literal(entries[0]);
}

// Python's idna_converter: ASCII as is, other text IDNA-encoded, no NUL.
function checkHost(host: string): string {
  let name = host;
  // deno-lint-ignore no-control-regex
  if (!/^[\x00-\x7f]*$/.test(host)) {
    try {
      name = idnaEncode(host);
    } catch {
      throw new TypeError("encoding of hostname failed");
    }
  }
  if (name.includes("\0")) throw new TypeError("host name must not contain null character");
  return name;
}

function special(family: number, name: string): string | undefined {
  if (name === "") {
    const wildcard = gaiSync({
      host: null,
      service: "0",
      family,
      socktype: SOCK_DGRAM,
      protocol: 0,
      flags: AI_PASSIVE,
    })!;
    if (wildcard.length > 1) throw new OSError("wildcard resolved to multiple address");
    return literal(wildcard[0]);
  }
  if (name === "255.255.255.255" || name === "<broadcast>") {
    if (family !== AF_INET && family !== AF_UNSPEC) {
      throw new OSError("address family mismatched");
    }
    return "255.255.255.255";
  }
  if (family === AF_UNSPEC || family === AF_INET) {
    if (pton(AF_INET, name)) return name;
  }
  if ((family === AF_UNSPEC || family === AF_INET6) && !name.includes("%")) {
    const v6 = pton(AF_INET6, name);
    if (v6) return ntop(v6);
  }
  return undefined;
}

function request(family: number, host: string): GaiRequest {
  return { host, service: null, family, socktype: 0, protocol: 0, flags: 0 };
}

function literal(entry: GaiEntry): string {
  const sa = entry.sockaddr;
  return sa.length === 4 && sa[3] !== 0 ? `${sa[0]}%${sa[3]}` : sa[0];
}
