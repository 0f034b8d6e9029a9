// getaddrinfo for the socket module. With --allow-ffi it is the C library's own call;
// without, a port of glibc's algorithm (sysdeps/posix/getaddrinfo.c: service tuples,
// numeric hosts, null hosts) whose name lookups read /etc/hosts and then ask `node:dns`.

import { ADDRCONFIG, ALL, lookup, type LookupAddress, V4MAPPED } from "node:dns";
import { NotImplementedError, OSError } from "../_errors/mod.ts";
import { SOCKET_DARWIN } from "../_ffi/constants_darwin.ts";
import { SOCKET_LINUX } from "../_ffi/constants_linux.ts";
import * as ffi from "../_ffi/netdb.ts";
import { AF_INET, AF_INET6 } from "./constants.ts";
import { type EaiName, GaiError, gaiError } from "./errors.ts";
import {
  canRead,
  HOSTS_PATH,
  hostsByName,
  ntop,
  pton,
  SERVICES_PATH,
  servicesByName,
} from "./_netdb_files.ts";

const DARWIN = Deno.build.os === "darwin";
const C: Partial<Record<string, number>> = DARWIN ? SOCKET_DARWIN : SOCKET_LINUX;
const AI_PASSIVE = C.AI_PASSIVE!;
const AI_CANONNAME = C.AI_CANONNAME!;
const AI_NUMERICHOST = C.AI_NUMERICHOST!;
const AI_NUMERICSERV = C.AI_NUMERICSERV!;
const AI_V4MAPPED = C.AI_V4MAPPED!;
const AI_ALL = C.AI_ALL!;
const AI_ADDRCONFIG = C.AI_ADDRCONFIG!;
// glibc accepts these flags and the four AI_IDN ones (0x40-0x200); macOS its AI_MASK.
const KNOWN_FLAGS = DARWIN ? 0x1f07 : 0x7ff;

/** A socket address in Python's shape. */
export type Sockaddr =
  | [host: string, port: number]
  | [host: string, port: number, flowinfo: number, scopeId: number];

/** One getaddrinfo result in Python's terms. */
export interface GaiEntry {
  family: number;
  socktype: number;
  protocol: number;
  canonname: string;
  sockaddr: Sockaddr;
}

/** The C-level arguments of a getaddrinfo call. */
export interface GaiRequest extends ffi.GaiHints {
  host: string | null;
  service: string | null;
}

/** getaddrinfo: the C library's through FFI when permitted, else the port of glibc's. */
export async function gai(req: GaiRequest): Promise<GaiEntry[]> {
  if (ffi.netdbUsesFfi()) return fromFfi(await ffi.getaddrinfoAsync(req.host, req.service, req));
  const plan = prepare(req);
  if (plan.addrs === null) await lookupName(plan, req);
  return assemble(plan, req);
}

/**
 * getaddrinfo on the calling thread. Without FFI only numeric hosts and names in
 * /etc/hosts resolve; `null` means the answer needs --allow-ffi.
 */
export function gaiSync(req: GaiRequest): GaiEntry[] | null {
  if (ffi.netdbUsesFfi()) return fromFfi(ffi.getaddrinfoSync(req.host, req.service, req));
  const plan = prepare(req);
  if (plan.addrs === null && !lookupHosts(plan, req)) return null;
  return assemble(plan, req);
}

/** The GaiError for a code the C library returned, with its gai_strerror text. */
export function gaiErrorFromCode(code: number): GaiError {
  return new GaiError(code, ffi.gaiStrerror(code));
}

// Whether a 16-byte address is link-local unicast or link-local multicast.
function isLinkLocal6(a: Uint8Array): boolean {
  return (a[0] === 0xfe && (a[1] & 0xc0) === 0x80) || (a[0] === 0xff && (a[1] & 0x0f) === 2);
}

// ---------------------------------------------------------------------------------------
// The port of glibc's getaddrinfo.

interface Addr {
  family: number;
  addr: Uint8Array;
  scopeId: number;
}
interface Tuple {
  socktype: number;
  protocol: number;
  port: number;
}
interface Plan {
  tuples: Tuple[];
  /** `null` until the host name is looked up. */
  addrs: Addr[] | null;
  name: string;
  canon: string | null;
}
interface TypeProto {
  socktype: number;
  protocol: number;
  name: string;
  noService: boolean;
  protoAny: boolean;
  byDefault: boolean;
}

function tp(socktype: number, protocol: number, name: string, byDefault: boolean): TypeProto {
  const raw = name === "raw";
  return { socktype, protocol, name, noService: raw, protoAny: raw, byDefault };
}
// glibc's gaih_inet_typeproto (SOCK_DCCP is 6, IPPROTO_DCCP 33); macOS lists UDP first.
const TYPEPROTO: TypeProto[] = DARWIN
  ? [tp(2, 17, "udp", true), tp(1, 6, "tcp", true), tp(3, 0, "raw", false)]
  : [
    tp(1, 6, "tcp", true),
    tp(2, 17, "udp", true),
    tp(6, 33, "dccp", false),
    tp(2, 136, "udplite", false),
    tp(1, 132, "sctp", false),
    tp(5, 132, "sctp", false),
    tp(3, 0, "raw", true),
  ];

function prepare(req: GaiRequest): Plan {
  const host = req.host === "*" ? null : req.host;
  const service = req.service === "*" ? null : req.service;
  if (host === null && service === null) throw gaiError("EAI_NONAME");
  if ((req.flags & ~KNOWN_FLAGS) !== 0) throw gaiError("EAI_BADFLAGS");
  if ((req.flags & AI_CANONNAME) !== 0 && host === null) throw gaiError("EAI_BADFLAGS");
  if (req.family !== 0 && req.family !== AF_INET && req.family !== AF_INET6) {
    throw gaiError("EAI_FAMILY");
  }
  let serv: { name: string; num: number } | null = null;
  if (service !== null && service !== "") {
    const [num, consumed] = strtoulInt(service);
    if (!consumed && (req.flags & AI_NUMERICSERV) !== 0) throw gaiError("EAI_NONAME");
    serv = { name: service, num: consumed ? num : -1 };
  }
  const tuples = servTuples(serv, req);
  if (host === null) return { tuples, addrs: nullHost(req), name: "", canon: null };
  const addrs = numericHost(host, req);
  if (addrs === null && (req.flags & AI_NUMERICHOST) !== 0) throw gaiError("EAI_NONAME");
  return { tuples, addrs, name: host, canon: addrs === null ? null : host };
}

// glibc's strtoul(s, &end, 10) stored in an int: the value and whether all was consumed.
function strtoulInt(s: string): [number, boolean] {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(s);
  if (!m) return [0, false];
  const ULONG_MAX = 2n ** 64n - 1n;
  let v = BigInt(m[2]);
  if (v > ULONG_MAX) v = ULONG_MAX;
  else if (m[1] === "-") v = BigInt.asUintN(64, -v);
  return [Number(BigInt.asIntN(32, v)), true];
}

function servTuples(serv: { name: string; num: number } | null, req: GaiRequest): Tuple[] {
  let match: TypeProto | undefined;
  if (req.protocol !== 0 || req.socktype !== 0) {
    match = TYPEPROTO.find((t) =>
      !(req.socktype !== 0 && req.socktype !== t.socktype) &&
      !(req.protocol !== 0 && !t.protoAny && req.protocol !== t.protocol)
    );
    if (!match) throw gaiError(req.socktype !== 0 ? "EAI_SOCKTYPE" : "EAI_SERVICE");
  }
  const proto = (t: TypeProto) => t.protoAny ? req.protocol : t.protocol;
  if (serv !== null && match?.noService) throw gaiError("EAI_SERVICE");
  if (serv === null || serv.num >= 0) {
    const port = serv === null ? 0 : serv.num & 0xffff;
    const types = match ? [match] : TYPEPROTO.filter((t) => t.byDefault);
    return types.map((t) => ({ socktype: t.socktype, protocol: proto(t), port }));
  }
  const out: Tuple[] = [];
  for (const t of match ? [match] : TYPEPROTO.filter((t) => !t.noService)) {
    const port = servicesByName(serv.name, t.name);
    if (port === null) {
      throw new NotImplementedError(
        `Looking up the service name "${serv.name}" needs --allow-ffi ` +
          `(or --allow-read=${SERVICES_PATH}); pass a port number instead`,
      );
    }
    if (port !== undefined) out.push({ socktype: t.socktype, protocol: proto(t), port });
  }
  if (out.length === 0) throw gaiError("EAI_SERVICE");
  return out;
}

function nullHost(req: GaiRequest): Addr[] {
  const passive = (req.flags & AI_PASSIVE) !== 0;
  const v4: Addr = {
    family: AF_INET,
    addr: new Uint8Array(passive ? [0, 0, 0, 0] : [127, 0, 0, 1]),
    scopeId: 0,
  };
  const v6: Addr = { family: AF_INET6, addr: new Uint8Array(16), scopeId: 0 };
  if (!passive) v6.addr[15] = 1;
  if (req.family === AF_INET) return [v4];
  if (req.family === AF_INET6) return [v6];
  return passive ? [v4, v6] : [v6, v4];
}

// glibc: inet_aton (exact), then inet_pton(AF_INET6) with an optional %scope.
function numericHost(host: string, req: GaiRequest): Addr[] | null {
  const v4 = atonExact(host);
  if (v4 !== null) {
    if (req.family !== AF_INET6) return [{ family: AF_INET, addr: v4, scopeId: 0 }];
    if ((req.flags & AI_V4MAPPED) !== 0) {
      return [{ family: AF_INET6, addr: mapped(v4), scopeId: 0 }];
    }
    throw gaiError("EAI_ADDRFAMILY");
  }
  const pct = host.indexOf("%");
  const v6 = pton(AF_INET6, pct < 0 ? host : host.slice(0, pct));
  if (v6 === null) return null;
  let result: Addr;
  if (req.family !== AF_INET) result = { family: AF_INET6, addr: v6, scopeId: 0 };
  else if (isMapped(v6)) result = { family: AF_INET, addr: v6.slice(12), scopeId: 0 };
  else throw gaiError("EAI_ADDRFAMILY");
  if (pct >= 0) result.scopeId = scopeId(host.slice(pct + 1), v6);
  return [result];
}

function scopeId(scope: string, addr: Uint8Array): number {
  const numeric = /^\d+$/.test(scope) && Number(scope) <= 0xffffffff;
  if (isLinkLocal6(addr) && !numeric) {
    const index = interfaceIndex(scope);
    if (index > 0) return index;
  }
  if (numeric) return Number(scope);
  throw gaiError("EAI_NONAME");
}

function interfaceIndex(name: string): number {
  if (ffi.netdbUsesFfi()) return ffi.ifNametoindexFfi(name);
  throw new NotImplementedError(
    `Resolving the interface name in "%${name}" needs --allow-ffi; use the interface index`,
  );
}

/** glibc's inet_aton without trailing text: one to four decimal, octal or hex parts. */
export function atonExact(host: string): Uint8Array | null {
  // inet_aton's syntax: one to four parts, each decimal, octal or hex.
  const parts = host.split(".");
  if (parts.length > 4 || !parts.every((p) => /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.test(p))) {
    return null;
  }
  const nums = parts.map((p) => p.length > 1 && p[0] === "0" ? parseOctalOrHex(p) : Number(p));
  const last = nums.pop()!;
  if (nums.some((n) => n > 0xff) || last >= 2 ** (8 * (4 - nums.length))) return null;
  let value = last;
  nums.forEach((n, i) => value += n * 2 ** (24 - 8 * i));
  return new Uint8Array([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

function parseOctalOrHex(p: string): number {
  return p[1] === "x" || p[1] === "X" ? parseInt(p.slice(2), 16) : parseInt(p, 8);
}

function mapped(v4: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  out[10] = out[11] = 0xff;
  out.set(v4, 12);
  return out;
}

function isMapped(a: Uint8Array): boolean {
  return a.subarray(0, 10).every((b) => b === 0) && a[10] === 0xff && a[11] === 0xff;
}

// The "files" source: /etc/hosts. True when it answered.
function lookupHosts(plan: Plan, req: GaiRequest): boolean {
  const want = (family: number) => {
    const e = hostsByName(plan.name, family);
    return e === null ? null : { name: e.name, addrs: e.addrs.map((a) => toAddr(a)) };
  };
  let found = want(req.family);
  if (found === null) return false;
  if (req.family === AF_INET6 && (req.flags & AI_V4MAPPED) !== 0) {
    if (found.addrs.length === 0 || (req.flags & AI_ALL) !== 0) {
      const v4 = want(AF_INET)!;
      const more = v4.addrs.map((a) => ({ family: AF_INET6, addr: mapped(a.addr), scopeId: 0 }));
      found = { name: found.name || v4.name, addrs: [...found.addrs, ...more] };
    }
  }
  if (found.addrs.length === 0) return false;
  // RFC 6724's precedence puts ::1 before IPv4 addresses; other orders are kept.
  found.addrs.sort((a, b) => loopback6(b) - loopback6(a));
  plan.addrs = found.addrs;
  plan.canon = found.name;
  return true;
}

async function lookupName(plan: Plan, req: GaiRequest): Promise<void> {
  if (canRead(HOSTS_PATH) && lookupHosts(plan, req)) return;
  const name = plan.name;
  if (Deno.permissions.querySync({ name: "net", host: name || "localhost" }).state !== "granted") {
    throw new Deno.errors.NotCapable(
      `Requires net access to "${name}", run again with the --allow-net flag`,
    );
  }
  let hints = req.flags & AI_ADDRCONFIG ? ADDRCONFIG : 0;
  if (req.family === AF_INET6 && (req.flags & AI_V4MAPPED) !== 0) {
    hints |= V4MAPPED | (req.flags & AI_ALL ? ALL : 0);
  }
  const family = req.family === AF_INET ? 4 : req.family === AF_INET6 ? 6 : 0;
  const found = await new Promise<LookupAddress[]>((resolve, reject) => {
    lookup(name, { all: true, family, hints }, (err, addresses) => {
      if (err) reject(mapDnsError(err));
      else resolve(addresses);
    });
  });
  const addrs: Addr[] = [];
  for (const { address } of found) {
    const pct = address.indexOf("%");
    const bytes = pton(AF_INET, address) ??
      pton(AF_INET6, pct < 0 ? address : address.slice(0, pct));
    if (bytes) addrs.push(toAddr(bytes));
  }
  if (addrs.length === 0) throw gaiError("EAI_NONAME");
  plan.addrs = addrs;
  plan.canon = name;
}

const NODE_EAI: Readonly<Record<number, EaiName>> = {
  [-3000]: "EAI_ADDRFAMILY",
  [-3001]: "EAI_AGAIN",
  [-3002]: "EAI_BADFLAGS",
  [-3003]: "EAI_AGAIN",
  [-3004]: "EAI_FAIL",
  [-3005]: "EAI_FAMILY",
  [-3006]: "EAI_MEMORY",
  [-3007]: "EAI_NONAME", // Deno reports "no data" where glibc says "no name".
  [-3008]: "EAI_NONAME",
  [-3009]: "EAI_OVERFLOW",
  [-3010]: "EAI_SERVICE",
  [-3011]: "EAI_SOCKTYPE",
};

/** Python's error for a failed `node:dns` call. */
export function mapDnsError(err: { code?: string; errno?: number }): Error {
  if (err.code === "EPERM") {
    return new Deno.errors.NotCapable("Requires net access, run again with the --allow-net flag");
  }
  const name = NODE_EAI[err.errno ?? 0] ??
    (err.code === "ENOTFOUND" ? "EAI_NONAME" : err.code === "EAI_AGAIN" ? "EAI_AGAIN" : undefined);
  return gaiError(name ?? "EAI_FAIL", { cause: err });
}

function toAddr(bytes: Uint8Array): Addr {
  return { family: bytes.length === 4 ? AF_INET : AF_INET6, addr: bytes, scopeId: 0 };
}

function loopback6(a: Addr): number {
  return a.family === AF_INET6 && a.addr.every((b, i) => b === (i === 15 ? 1 : 0)) ? 1 : 0;
}

function assemble(plan: Plan, req: GaiRequest): GaiEntry[] {
  const out: GaiEntry[] = [];
  for (const a of plan.addrs!) {
    const host = ntop(a.addr);
    for (const t of plan.tuples) {
      const canonname = out.length === 0 && (req.flags & AI_CANONNAME) !== 0
        ? plan.canon ?? ""
        : "";
      const sockaddr: Sockaddr = a.family === AF_INET
        ? [host, t.port]
        : [host, t.port, 0, a.scopeId];
      out.push({
        family: a.family,
        socktype: t.socktype,
        protocol: t.protocol,
        canonname,
        sockaddr,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------

function fromFfi(outcome: ffi.GaiOutcome): GaiEntry[] {
  if (outcome.error !== 0) {
    if (outcome.errno !== null) throw new OSError(outcome.errno);
    throw gaiErrorFromCode(outcome.error);
  }
  const out: GaiEntry[] = [];
  for (const ai of outcome.list) {
    const sa = ai.sockaddr;
    if (sa === null) continue; // Only AF_INET and AF_INET6 are ever asked for.
    const host = ntop(sa.addr);
    out.push({
      family: ai.family,
      socktype: ai.socktype,
      protocol: ai.protocol,
      canonname: ai.canonname ?? "",
      sockaddr: sa.family === AF_INET ? [host, sa.port] : [host, sa.port, sa.flowinfo, sa.scopeId],
    });
  }
  return out;
}
