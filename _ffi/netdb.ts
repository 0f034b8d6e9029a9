// Typed wrappers over <netdb.h> and <net/if.h>: getaddrinfo, getnameinfo, the hostent,
// servent and protoent lookups, gethostname and the interface-index calls. Every struct is
// read here and handed out as plain JavaScript data; nothing outside _ffi/ sees a pointer.
//
// Layouts (LP64 only; Deno runs on 64-bit targets):
// - struct addrinfo: glibc orders ai_addr before ai_canonname, BSD/macOS the reverse
//   (glibc resolv/netdb.h; Apple Libinfo netdb.h).
// - struct sockaddr_in / sockaddr_in6: macOS starts with a u8 sa_len and a u8 family where
//   Linux has a u16 family; port, flowinfo, address and scope id sit at the same offsets.
// - struct hostent, servent, protoent: the same on both (pointers, then ints).

import { errno, ffiPermitted, libc } from "./libc.ts";
import { OSError } from "../_errors/os_error.ts";
import { SOCKET_DARWIN } from "./constants_darwin.ts";
import { SOCKET_LINUX } from "./constants_linux.ts";

const DARWIN = Deno.build.os === "darwin";
const AF_INET = DARWIN ? SOCKET_DARWIN.AF_INET : SOCKET_LINUX.AF_INET;
const AF_INET6 = DARWIN ? SOCKET_DARWIN.AF_INET6 : SOCKET_LINUX.AF_INET6;
/** EAI_SYSTEM: glibc -11, macOS 11. */
const EAI_SYSTEM = DARWIN ? 11 : -11;

const AI_FLAGS = 0;
const AI_FAMILY = 4;
const AI_SOCKTYPE = 8;
const AI_PROTOCOL = 12;
const AI_ADDRLEN = 16;
const AI_ADDR = DARWIN ? 32 : 24;
const AI_CANONNAME = DARWIN ? 24 : 32;
const AI_NEXT = 40;
const ADDRINFO_SIZE = 48;

const NI_MAXHOST = 1025;
const NI_MAXSERV = 32;
const IF_NAMESIZE = 16;
/** Python's buffer for gethostbyname_r and gethostbyaddr_r. */
const HOSTENT_BUFLEN = 16384;
const HOSTENT_BUFLEN_N = BigInt(HOSTENT_BUFLEN);
const HOSTENT_SIZE = 32;

/** A socket address of `AF_INET` or `AF_INET6`, decoded. */
export interface RawSockaddr {
  family: number;
  /** 4 or 16 address bytes in network order. */
  addr: Uint8Array;
  port: number;
  flowinfo: number;
  scopeId: number;
  /** The struct as the C library returned it, for passing back to it. */
  raw: Uint8Array;
}

/** One `struct addrinfo` of a result list. */
export interface RawAddrInfo {
  family: number;
  socktype: number;
  protocol: number;
  canonname: string | null;
  /** `null` for a family other than `AF_INET`/`AF_INET6`. */
  sockaddr: RawSockaddr | null;
}

/** The hints of a getaddrinfo call. */
export interface GaiHints {
  family: number;
  socktype: number;
  protocol: number;
  flags: number;
}

/** A getaddrinfo outcome: `error` 0 and the list, or an `EAI_*` code (and errno). */
export interface GaiOutcome {
  error: number;
  /** errno for `EAI_SYSTEM` from a synchronous call; `null` when unknown. */
  errno: number | null;
  list: RawAddrInfo[];
}

/** A hostent lookup outcome: the entry, or `null` with the `h_errno` value. */
export interface HostentOutcome {
  herrno: number;
  entry: { name: string; aliases: string[]; addrtype: number; addrs: Uint8Array[] } | null;
}

let forceFallback = false;

/**
 * Whether the netdb calls go through the C library: FFI is permitted and the fallback is
 * not forced (tests force it to exercise the permission-free paths in one process).
 */
export function netdbUsesFfi(): boolean {
  return !forceFallback && ffiPermitted();
}

/** Forces (or stops forcing) the permission-free fallbacks. For tests only. */
export function forceNetdbFallback(on: boolean): void {
  forceFallback = on;
}

/** getaddrinfo(3) on Deno's blocking pool. */
export async function getaddrinfoAsync(
  host: string | null,
  service: string | null,
  hints: GaiHints,
): Promise<GaiOutcome> {
  const node = cString(host);
  const serv = cString(service);
  const hintsBuf = encodeHints(hints);
  const res = new BigUint64Array(1);
  const error = await libc().getaddrinfo_nb(node, serv, hintsBuf, res);
  return collect(error, null, res);
}

/** getaddrinfo(3) on the calling thread; blocks it for as long as the lookup takes. */
export function getaddrinfoSync(
  host: string | null,
  service: string | null,
  hints: GaiHints,
): GaiOutcome {
  const res = new BigUint64Array(1);
  const error = libc().getaddrinfo(cString(host), cString(service), encodeHints(hints), res);
  return collect(error, error === EAI_SYSTEM ? errno() : null, res);
}

/** gai_strerror(3). */
export function gaiStrerror(code: number): string {
  const ptr = libc().gai_strerror(code);
  return ptr === null ? `Unknown error ${code}` : Deno.UnsafePointerView.getCString(ptr);
}

/** Copies a socket address with the IPv6 flowinfo and scope id replaced. */
export function withFlowScope(sa: RawSockaddr, flowinfo: number, scopeId: number): Uint8Array {
  const raw = sa.raw.slice();
  if (sa.family === AF_INET6) {
    const dv = new DataView(raw.buffer);
    dv.setUint32(4, flowinfo >>> 0, false);
    dv.setUint32(24, scopeId >>> 0, true);
  }
  return raw;
}

/** getnameinfo(3) on Deno's blocking pool: `[error, host, service]`. */
export async function getnameinfoAsync(
  sockaddr: Uint8Array,
  flags: number,
): Promise<[error: number, host: string, serv: string]> {
  const host = new Uint8Array(NI_MAXHOST);
  const serv = new Uint8Array(NI_MAXSERV);
  const error = await libc().getnameinfo_nb(
    sockaddr,
    sockaddr.byteLength,
    host,
    NI_MAXHOST,
    serv,
    NI_MAXSERV,
    flags,
  );
  return [error, bufferString(host), bufferString(serv)];
}

/** gethostbyname_r(3) (getipnodebyname(3) on macOS) for IPv4, on Deno's blocking pool. */
export async function gethostbynameAsync(name: string): Promise<HostentOutcome> {
  const lib = libc();
  if (DARWIN) {
    const err = new Int32Array(1);
    const ptr = await lib.getipnodebyname_nb!(cString(name), AF_INET, 0, err);
    return ipnodeOutcome(ptr, err[0]);
  }
  const ret = new Uint8Array(HOSTENT_SIZE);
  const buf = new Uint8Array(HOSTENT_BUFLEN);
  const result = new BigUint64Array(1);
  const herr = new Int32Array(1);
  await lib.gethostbyname_r_nb!(cString(name), ret, buf, HOSTENT_BUFLEN_N, result, herr);
  return hostentOutcome(result, herr[0]);
}

/** gethostbyaddr_r(3) (getipnodebyaddr(3) on macOS), on Deno's blocking pool. */
export async function gethostbyaddrAsync(
  addr: Uint8Array,
  family: number,
): Promise<HostentOutcome> {
  const lib = libc();
  const bytes = addr.slice();
  if (DARWIN) {
    const err = new Int32Array(1);
    const ptr = await lib.getipnodebyaddr_nb!(bytes, BigInt(bytes.length), family, err);
    return ipnodeOutcome(ptr, err[0]);
  }
  const ret = new Uint8Array(HOSTENT_SIZE);
  const buf = new Uint8Array(HOSTENT_BUFLEN);
  const result = new BigUint64Array(1);
  const herr = new Int32Array(1);
  await lib.gethostbyaddr_r_nb!(
    bytes,
    bytes.length,
    family,
    ret,
    buf,
    HOSTENT_BUFLEN_N,
    result,
    herr,
  );
  return hostentOutcome(result, herr[0]);
}

/** getservbyname(3): the port in host order, or `null` when not found. */
export function getservbynameFfi(name: string, proto: string | null): number | null {
  const ptr = libc().getservbyname(cString(name), cString(proto));
  if (ptr === null) return null;
  // struct servent { char* s_name; char** s_aliases; int s_port; char* s_proto; }
  const port = new Deno.UnsafePointerView(ptr).getInt32(16);
  return ((port & 0xff) << 8) | ((port >>> 8) & 0xff);
}

/** getservbyport(3) for a port in host order: the service name, or `null`. */
export function getservbyportFfi(port: number, proto: string | null): string | null {
  const net = ((port & 0xff) << 8) | ((port >>> 8) & 0xff);
  const ptr = libc().getservbyport(net, cString(proto));
  if (ptr === null) return null;
  return readString(new Deno.UnsafePointerView(ptr).getPointer(0));
}

/** getprotobyname(3): the protocol number, or `null` when not found. */
export function getprotobynameFfi(name: string): number | null {
  const ptr = libc().getprotobyname(cString(name));
  if (ptr === null) return null;
  // struct protoent { char* p_name; char** p_aliases; int p_proto; }
  return new Deno.UnsafePointerView(ptr).getInt32(16);
}

/** gethostname(2). */
export function gethostnameFfi(): string {
  const buf = new Uint8Array(1024);
  const lib = libc();
  if (lib.gethostname(buf, BigInt(buf.length - 1)) === -1) throw new OSError(errno());
  return bufferString(buf);
}

/** if_nameindex(3): `[index, name]` pairs. */
export function ifNameindexFfi(): [number, string][] {
  const lib = libc();
  const ptr = lib.if_nameindex();
  if (ptr === null) throw new OSError(errno());
  const out: [number, string][] = [];
  try {
    // struct if_nameindex { unsigned if_index; char* if_name; }, 16 bytes.
    const view = new Deno.UnsafePointerView(ptr);
    for (let off = 0;; off += 16) {
      const index = view.getUint32(off);
      if (index === 0) break;
      out.push([index, readString(view.getPointer(off + 8))]);
    }
  } finally {
    lib.if_freenameindex(ptr);
  }
  return out;
}

/** if_nametoindex(3): the index, or 0 when there is no such interface. */
export function ifNametoindexFfi(name: string): number {
  return libc().if_nametoindex(cString(name));
}

/** if_indextoname(3): the name; throws the OSError for errno when there is none. */
export function ifIndextonameFfi(index: number): string {
  const buf = new Uint8Array(IF_NAMESIZE + 1);
  const ptr = libc().if_indextoname(index >>> 0, buf);
  if (ptr === null) throw new OSError(errno());
  return bufferString(buf);
}

// ---------------------------------------------------------------------------------------

function cString(s: string | null): Uint8Array | null {
  return s === null ? null : new TextEncoder().encode(s + "\0");
}

function bufferString(buf: Uint8Array): string {
  const end = buf.indexOf(0);
  return new TextDecoder().decode(end < 0 ? buf : buf.subarray(0, end));
}

function readString(ptr: Deno.PointerValue): string {
  return ptr === null ? "" : Deno.UnsafePointerView.getCString(ptr);
}

function encodeHints(h: GaiHints): Uint8Array {
  const buf = new Uint8Array(ADDRINFO_SIZE);
  const dv = new DataView(buf.buffer);
  dv.setInt32(AI_FLAGS, h.flags, true);
  dv.setInt32(AI_FAMILY, h.family, true);
  dv.setInt32(AI_SOCKTYPE, h.socktype, true);
  dv.setInt32(AI_PROTOCOL, h.protocol, true);
  return buf;
}

function collect(error: number, err: number | null, res: BigUint64Array): GaiOutcome {
  if (error !== 0) return { error, errno: err, list: [] };
  const head = Deno.UnsafePointer.create(res[0]);
  const list: RawAddrInfo[] = [];
  try {
    for (let p = head; p !== null;) {
      const view = new Deno.UnsafePointerView(p);
      const addrlen = view.getUint32(AI_ADDRLEN);
      const addr = view.getPointer(AI_ADDR);
      list.push({
        family: view.getInt32(AI_FAMILY),
        socktype: view.getInt32(AI_SOCKTYPE),
        protocol: view.getInt32(AI_PROTOCOL),
        canonname: view.getPointer(AI_CANONNAME) === null
          ? null
          : readString(view.getPointer(AI_CANONNAME)),
        sockaddr: addr === null ? null : decodeSockaddr(copyOut(addr, addrlen)),
      });
      p = view.getPointer(AI_NEXT);
    }
  } finally {
    if (head !== null) libc().freeaddrinfo(head);
  }
  return { error: 0, errno: null, list };
}

function copyOut(ptr: Deno.PointerObject, len: number): Uint8Array {
  const out = new Uint8Array(len);
  if (len > 0) new Deno.UnsafePointerView(ptr).copyInto(out);
  return out;
}

function decodeSockaddr(raw: Uint8Array): RawSockaddr | null {
  if (raw.length < 4) return null;
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const family = DARWIN ? raw[1] : dv.getUint16(0, true);
  const port = dv.getUint16(2, false);
  if (family === AF_INET && raw.length >= 8) {
    return { family, addr: raw.slice(4, 8), port, flowinfo: 0, scopeId: 0, raw };
  }
  if (family === AF_INET6 && raw.length >= 28) {
    return {
      family,
      addr: raw.slice(8, 24),
      port,
      flowinfo: dv.getUint32(4, false),
      scopeId: dv.getUint32(24, true),
      raw,
    };
  }
  return null;
}

function hostentOutcome(result: BigUint64Array, herrno: number): HostentOutcome {
  const ptr = Deno.UnsafePointer.create(result[0]);
  return ptr === null ? { herrno, entry: null } : { herrno: 0, entry: readHostent(ptr) };
}

function ipnodeOutcome(ptr: Deno.PointerValue, herrno: number): HostentOutcome {
  if (ptr === null) return { herrno, entry: null };
  try {
    return { herrno: 0, entry: readHostent(ptr) };
  } finally {
    libc().freehostent!(ptr);
  }
}

// struct hostent { char* h_name; char** h_aliases; int h_addrtype; int h_length;
//                  char** h_addr_list; }
function readHostent(ptr: Deno.PointerObject): NonNullable<HostentOutcome["entry"]> {
  const view = new Deno.UnsafePointerView(ptr);
  const length = view.getInt32(20);
  return {
    name: readString(view.getPointer(0)),
    aliases: readList(view.getPointer(8), (p) => readString(p)),
    addrtype: view.getInt32(16),
    addrs: readList(view.getPointer(24), (p) => copyOut(p, length)),
  };
}

function readList<T>(ptr: Deno.PointerValue, read: (p: Deno.PointerObject) => T): T[] {
  const out: T[] = [];
  if (ptr === null) return out;
  const view = new Deno.UnsafePointerView(ptr);
  for (let off = 0;; off += 8) {
    const item = view.getPointer(off);
    if (item === null) return out;
    out.push(read(item));
  }
}
