// The files databases that the C library's "files" NSS module reads (/etc/hosts,
// /etc/services, /etc/protocols; glibc nss/nss_files/files-*.c), parsed here for the
// paths that run without --allow-ffi. Each reader
// returns `null` when reading is not permitted, so that callers can say which flag is
// missing; a file that does not exist reads as an empty database, as in C.

import { AF_INET, AF_INET6 } from "./constants.ts";
import { inetNtop, inetPton } from "./inet.ts";

/** The hosts database. */
export const HOSTS_PATH = "/etc/hosts";
/** The services database. */
export const SERVICES_PATH = "/etc/services";
/** The protocols database. */
export const PROTOCOLS_PATH = "/etc/protocols";

/** A host entry as `struct hostent` describes it. */
export interface HostEntry {
  name: string;
  aliases: string[];
  family: number;
  addrs: Uint8Array[];
}

/** The packed address of an IP literal of `family`, or `null` (C's inet_pton). */
export function pton(family: number, text: string): Uint8Array | null {
  try {
    return inetPton(family, text);
  } catch {
    return null;
  }
}

/** The text of a packed 4- or 16-byte address (C's inet_ntop). */
export function ntop(addr: Uint8Array): string {
  return inetNtop(addr.length === 4 ? AF_INET : AF_INET6, addr);
}

/** Whether the process may read `path`, without prompting. */
export function canRead(path: string): boolean {
  return Deno.permissions.querySync({ name: "read", path }).state === "granted";
}

/**
 * Looks a name up in /etc/hosts: every line that lists it (any case) for `family`
 * (`AF_INET`, `AF_INET6`, or 0 for both), merged as glibc does. `null` when the file
 * cannot be read; an entry with no addresses when the name is not there.
 */
export function hostsByName(name: string, family: number): HostEntry | null {
  const lines = hostsLines();
  if (lines === null) return null;
  const wanted = name.toLowerCase();
  const entry: HostEntry = { name: "", aliases: [], family, addrs: [] };
  for (const line of lines) {
    if (family !== 0 && line.family !== family) continue;
    if (!line.names.some((n) => n.toLowerCase() === wanted)) continue;
    if (entry.addrs.length === 0) {
      entry.name = line.names[0];
      entry.family = line.family;
      entry.aliases.push(...line.names.slice(1));
    } else {
      for (const alias of line.names) {
        if (alias !== entry.name && !entry.aliases.includes(alias)) entry.aliases.push(alias);
      }
    }
    if (!entry.addrs.some((a) => sameBytes(a, line.addr))) entry.addrs.push(line.addr);
  }
  return entry;
}

/** The first /etc/hosts line for an address; `undefined` if none, `null` if unreadable. */
export function hostsByAddr(addr: Uint8Array): HostEntry | undefined | null {
  const lines = hostsLines();
  if (lines === null) return null;
  const line = lines.find((l) => sameBytes(l.addr, addr));
  if (!line) return undefined;
  return { name: line.names[0], aliases: line.names.slice(1), family: line.family, addrs: [addr] };
}

/** A service's port from /etc/services; `undefined` if none, `null` if unreadable. */
export function servicesByName(name: string, proto: string | null): number | undefined | null {
  const lines = readTable(SERVICES_PATH);
  if (lines === null) return null;
  for (const [official, portProto, ...aliases] of lines) {
    const [port, p] = splitPortProto(portProto);
    if (port === undefined || (proto !== null && p !== proto)) continue;
    if (official === name || aliases.includes(name)) return port;
  }
  return undefined;
}

/** A port's service name from /etc/services; `undefined` if none, `null` if unreadable. */
export function servicesByPort(port: number, proto: string | null): string | undefined | null {
  const lines = readTable(SERVICES_PATH);
  if (lines === null) return null;
  for (const [official, portProto] of lines) {
    const [p, pr] = splitPortProto(portProto);
    if (p === port && (proto === null || pr === proto)) return official;
  }
  return undefined;
}

/** A protocol's number from /etc/protocols; `undefined` if none, `null` if unreadable. */
export function protocolsByName(name: string): number | undefined | null {
  const lines = readTable(PROTOCOLS_PATH);
  if (lines === null) return null;
  for (const [official, num, ...aliases] of lines) {
    if ((official === name || aliases.includes(name)) && /^\d+$/.test(num ?? "")) {
      return Number(num);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------

interface HostsLine {
  addr: Uint8Array;
  family: number;
  names: string[];
}

function hostsLines(): HostsLine[] | null {
  const table = readTable(HOSTS_PATH);
  if (table === null) return null;
  const out: HostsLine[] = [];
  for (const [addrText, ...names] of table) {
    if (names.length === 0) continue;
    // glibc tries IPv6 first, then IPv4 (files-hosts.c LINE_PARSER); a zone is ignored.
    const text = addrText.split("%")[0];
    const v6 = pton(AF_INET6, text);
    const v4 = v6 ? null : pton(AF_INET, text);
    if (v6) out.push({ addr: v6, family: AF_INET6, names });
    else if (v4) out.push({ addr: v4, family: AF_INET, names });
  }
  return out;
}

// Lines of a files database, split on blanks, without comments and empty lines.
function readTable(path: string): string[][] | null {
  if (!canRead(path)) return null;
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    return null;
  }
  const out: string[][] = [];
  for (const raw of text.split("\n")) {
    const hash = raw.indexOf("#");
    const fields = (hash < 0 ? raw : raw.slice(0, hash)).trim().split(/[ \t]+/);
    if (fields[0] !== "") out.push(fields);
  }
  return out;
}

function splitPortProto(field: string | undefined): [number | undefined, string] {
  const m = /^(\d+)\/(\S+)$/.exec(field ?? "");
  return m ? [Number(m[1]), m[2]] : [undefined, ""];
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
