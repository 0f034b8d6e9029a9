// Encoding and decoding of `struct sockaddr` for AF_INET, AF_INET6 (flowinfo, scope id) and
// AF_UNIX (paths, and Linux's abstract names), on Linux (a native-endian u16 family at
// offset 0) and macOS (a length byte, sin_len, then a one-byte family). Pure data: nothing
// here needs a permission, except naming a link-local scope, which asks if_indextoname.
//
// Addresses have Python's shapes: `[host, port]` (IPv4), `[host, port, flowinfo, scopeId]`
// (IPv6), a string path or, for a Linux abstract name (leading NUL), bytes (AF_UNIX), and
// `[family, bytes]` for any other family. Hosts are numeric: resolving names is the job of
// the socket module, above this layer.

import { decodeLinuxSockaddr, encodeLinuxSockaddr } from "./sockaddr_linux.ts";
import { OSError } from "../_errors/os_error.ts";
import { OverflowError, ValueError } from "../_errors/python_errors.ts";
import { SOCKET_DARWIN } from "./constants_darwin.ts";
import { SOCKET_LINUX } from "./constants_linux.ts";
import { SOCKETS_PRIVATE_DARWIN } from "./constants_sockets_darwin.ts";
import { SOCKETS_PRIVATE_LINUX } from "./constants_sockets_linux.ts";
import { ffiPermitted, libc } from "./libc.ts";

const DARWIN = Deno.build.os === "darwin";
const L = DARWIN ? SOCKETS_PRIVATE_DARWIN : SOCKETS_PRIVATE_LINUX;
const AF_UNIX = 1;
const AF_INET = 2;
const AF_INET6 = DARWIN ? SOCKET_DARWIN.AF_INET6 : SOCKET_LINUX.AF_INET6;

/** A decoded socket address, in Python's shapes. */
export type SockAddr =
  | unknown[]
  | [host: string, port: number]
  | [host: string, port: number, flowinfo: number, scopeId: number]
  | string
  | Uint8Array
  | [family: number, data: Uint8Array];

/** An encoded `struct sockaddr`, exactly as long as the address it holds. */
export type EncodedSockaddr = Uint8Array<ArrayBuffer>;

/** Size of a buffer that any address fits (`struct sockaddr_storage`). */
export const SOCKADDR_STORAGE_SIZE: number = L.SOCKADDR_STORAGE_SIZE;

/**
 * Encodes an address in Python's shape for `family`. IPv4 hosts may also be `""`
 * (INADDR_ANY) and `"<broadcast>"`; IPv6 hosts may carry a `%scope` suffix (an interface
 * index or name), which a non-zero `scopeId` overrides.
 */
export function encodeSockaddr(family: number, address: unknown): EncodedSockaddr {
  if (family === AF_UNIX) {
    if (typeof address !== "string" && !(address instanceof Uint8Array)) {
      throw new TypeError("AF_UNIX address must be a str or bytes path");
    }
    return encodeUnix(address);
  }
  if (family !== AF_INET && family !== AF_INET6) {
    const other = DARWIN ? null : encodeLinuxSockaddr(family, address);
    if (other === null) throw new OSError(`encodeSockaddr(): bad family ${family}`);
    return other;
  }
  if (!Array.isArray(address) || typeof address[0] !== "string") {
    throw new TypeError(`Address of family ${family} must be a tuple (host, port, ...)`);
  }
  const [host, port, flowinfo = 0, scopeId = 0] = address as [string, number, number?, number?];
  return family === AF_INET ? encodeInet4(host, port) : encodeInet6(host, port, flowinfo, scopeId);
}

/** `struct sockaddr_in` for a numeric IPv4 host. */
export function encodeInet4(host: string, port: number): EncodedSockaddr {
  checkPort(port);
  const buf = new Uint8Array(L.SOCKADDR_IN_SIZE);
  writeFamily(buf, AF_INET, L.SOCKADDR_IN_SIZE);
  new DataView(buf.buffer).setUint16(2, port);
  buf.set(parseIPv4(host), 4);
  return buf;
}

/** `struct sockaddr_in6` for a numeric IPv6 host (optionally `%scope`). */
export function encodeInet6(
  host: string,
  port: number,
  flowinfo = 0,
  scopeId = 0,
): EncodedSockaddr {
  checkPort(port);
  if (!Number.isInteger(flowinfo) || flowinfo < 0 || flowinfo > 0xfffff) {
    throw new OverflowError("flowinfo must be 0-1048575.");
  }
  if (!Number.isInteger(scopeId) || scopeId < 0 || scopeId > 0xffffffff) {
    throw new OverflowError("scope id must be 0-4294967295");
  }
  const percent = host.indexOf("%");
  let scope = scopeId;
  if (percent >= 0) {
    if (scope === 0) scope = scopeIndex(host.slice(percent + 1));
    host = host.slice(0, percent);
  }
  const buf = new Uint8Array(L.SOCKADDR_IN6_SIZE);
  const view = new DataView(buf.buffer);
  writeFamily(buf, AF_INET6, L.SOCKADDR_IN6_SIZE);
  view.setUint16(2, port);
  view.setUint32(4, flowinfo); // network byte order, as htonl()
  buf.set(parseIPv6(host), 8);
  view.setUint32(24, scope, true);
  return buf;
}

/** `struct sockaddr_un` for a path; a leading NUL names Linux's abstract namespace. */
export function encodeUnix(path: string | Uint8Array): EncodedSockaddr {
  const bytes = typeof path === "string" ? new TextEncoder().encode(path) : path;
  const abstract = bytes.length > 0 && bytes[0] === 0;
  // A path needs room for its terminating NUL; an abstract name does not (Linux).
  if (bytes.length > (abstract ? L.SUN_PATH_SIZE : L.SUN_PATH_SIZE - 1)) {
    throw new OSError("AF_UNIX path too long");
  }
  // As Python: the length covers the path without a terminating NUL.
  const length = L.SUN_PATH_OFFSET + bytes.length;
  const buf = new Uint8Array(length);
  writeFamily(buf, AF_UNIX, length);
  buf.set(bytes, L.SUN_PATH_OFFSET);
  return buf;
}

/** The family of an encoded address. */
export function sockaddrFamily(buf: Uint8Array): number {
  return DARWIN ? buf[1] : buf[0] | (buf[1] << 8);
}

/**
 * Decodes the first `length` bytes of `buf` (the length the kernel reported). An unnamed
 * unix socket decodes to `""`, as in Python.
 */
export function decodeSockaddr(buf: Uint8Array, length: number): SockAddr {
  if (length < 2) return "";
  const family = sockaddrFamily(buf);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (family === AF_INET && length >= 8) {
    return [formatIPv4(buf.subarray(4, 8)), view.getUint16(2)];
  }
  if (family === AF_INET6 && length >= 24) {
    const addr = buf.subarray(8, 24);
    const scope = length >= 28 ? view.getUint32(24, true) : 0;
    let host = formatIPv6(addr);
    if (scope !== 0 && isLinkLocal(addr)) host += `%${scopeName(scope)}`;
    return [host, view.getUint16(2), view.getUint32(4), scope];
  }
  if (family === AF_UNIX) {
    const path = buf.subarray(L.SUN_PATH_OFFSET, Math.max(length, L.SUN_PATH_OFFSET));
    if (!DARWIN && path.length > 0 && path[0] === 0) return path.slice();
    const nul = path.indexOf(0);
    return new TextDecoder().decode(nul >= 0 ? path.subarray(0, nul) : path);
  }
  const other = DARWIN ? null : decodeLinuxSockaddr(buf, length, family);
  return (other as SockAddr | null) ?? [family, buf.slice(2, length)];
}

// ---- numeric hosts ----

/** Parses a dotted-quad IPv4 address (inet_pton rules, plus "" and "<broadcast>"). */
export function parseIPv4(host: string): Uint8Array {
  if (host === "") return new Uint8Array(4);
  if (host === "<broadcast>") return new Uint8Array([255, 255, 255, 255]);
  const parts = host.split(".");
  if (parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && +p < 256)) {
    return new Uint8Array(parts.map(Number));
  }
  throw new ValueError(`Not a numeric IPv4 address: '${host}'`);
}

/** Parses a numeric IPv6 address (with `::` and an embedded IPv4 tail). */
export function parseIPv6(host: string): Uint8Array {
  const out = new Uint8Array(16);
  const fail = (): never => {
    throw new ValueError(`Not a numeric IPv6 address: '${host}'`);
  };
  if (host === "") return out;
  const halves = host.split("::");
  if (halves.length > 2) fail();
  const groups = (s: string): number[] => {
    if (s === "") return [];
    const words: number[] = [];
    const items = s.split(":");
    items.forEach((item, i) => {
      if (i === items.length - 1 && item.includes(".")) {
        const v4 = parseIPv4Strict(item) ?? fail();
        words.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(item)) {
        words.push(parseInt(item, 16));
      } else {
        fail();
      }
    });
    return words;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (halves.length === 1 ? head.length !== 8 : head.length + tail.length > 7) fail();
  const words = [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/** Formats 4 bytes as a dotted quad. */
export function formatIPv4(b: Uint8Array): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/** Formats 16 bytes as glibc's inet_ntop does (RFC 5952 compression, IPv4 tails). */
export function formatIPv6(b: Uint8Array): string {
  const w: number[] = [];
  for (let i = 0; i < 8; i++) w.push((b[2 * i] << 8) | b[2 * i + 1]);
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (w[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  if (bestLen < 2) best = -1;
  const v4Tail = best === 0 &&
    (bestLen === 6 || (bestLen === 7 && w[7] !== 1) || (bestLen === 5 && w[5] === 0xffff));
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      out += "::";
      i += bestLen - 1;
      continue;
    }
    if (v4Tail && i === 6) {
      return out + (out.endsWith(":") ? "" : ":") + formatIPv4(b.subarray(12, 16));
    }
    if (out !== "" && !out.endsWith(":")) out += ":";
    out += w[i].toString(16);
  }
  return out;
}

// ---- helpers ----

function parseIPv4Strict(host: string): Uint8Array | undefined {
  if (host === "" || host === "<broadcast>") return undefined;
  try {
    return parseIPv4(host);
  } catch {
    return undefined;
  }
}

function writeFamily(buf: Uint8Array, family: number, length: number): void {
  if (L.HAS_SA_LEN) {
    buf[0] = Math.min(length, 255);
    buf[1] = family;
  } else {
    buf[0] = family & 0xff;
    buf[1] = family >> 8;
  }
}

function checkPort(port: unknown): void {
  if (typeof port !== "number" || !Number.isInteger(port)) {
    throw new TypeError(`'${typeof port}' object cannot be interpreted as an integer`);
  }
  if (port < 0 || port > 0xffff) throw new OverflowError("port must be 0-65535.");
}

function isLinkLocal(addr: Uint8Array): boolean {
  return (addr[0] === 0xfe && (addr[1] & 0xc0) === 0x80) ||
    (addr[0] === 0xff && (addr[1] & 0x0f) === 0x02);
}

function scopeIndex(scope: string): number {
  if (/^[0-9]+$/.test(scope)) return Number(scope);
  const index = ffiPermitted() ? libc().if_nametoindex(new TextEncoder().encode(`${scope}\0`)) : 0;
  if (index === 0) throw new ValueError(`Unknown IPv6 scope: '${scope}'`);
  return index;
}

function scopeName(scope: number): string {
  if (!ffiPermitted()) return String(scope);
  const name = new Uint8Array(16 + 1);
  const ptr = libc().if_indextoname(scope, name);
  if (ptr === null) return String(scope);
  const nul = name.indexOf(0);
  return new TextDecoder().decode(name.subarray(0, nul < 0 ? name.length : nul));
}
