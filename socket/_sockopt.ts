// setsockopt/getsockopt. A kernel socket passes every option straight to the kernel. On a
// native socket each option the native path can honour is remembered (so getsockopt reads
// back what was set, as from the kernel) and applied to whatever the socket holds now or
// will hold: Deno.Conn's setNoDelay/setKeepAlive, node:dgram's broadcast, TTL, multicast
// and buffer-size setters. Any other option makes the socket a kernel socket (when it can
// still become one), so that it is applied for real rather than silently dropped.

import { fromDenoError, OSError, osError } from "../_errors/mod.ts";
import { ffiPermitted } from "../_ffi/libc.ts";
import * as sys from "../_ffi/sockets.ts";
import type { KernelChannel } from "./_kernel.ts";
import type { SocketCore } from "./_core.ts";
import type { DgramChannel, DgramCreateOptions } from "./_dgram.ts";
import type { StreamChannel } from "./_stream.ts";
import * as C from "./constants.ts";
import type { OptionValue } from "./socket.ts";

const key = (level: number, opt: number): number => level * 65536 + opt;
const MULTICAST_IF = key(C.IPPROTO_IP, C.IP_MULTICAST_IF);

// Kernel defaults that getsockopt reports for an option nobody set (Linux values).
const DEFAULTS = new Map<number, number>([
  [key(C.IPPROTO_IP, C.IP_TTL), 64],
  [key(C.IPPROTO_IP, C.IP_MULTICAST_TTL), 1],
  [key(C.IPPROTO_IP, C.IP_MULTICAST_LOOP), 1],
  [key(C.IPPROTO_IPV6, C.IPV6_UNICAST_HOPS), 64],
  [key(C.IPPROTO_IPV6, C.IPV6_MULTICAST_HOPS), 1],
  [key(C.IPPROTO_IPV6, C.IPV6_MULTICAST_LOOP), 1],
]);

// Options that are stored and then applied (or are meaningless) on every native socket.
const STORED_ANYWHERE = new Set([
  key(C.SOL_SOCKET, C.SO_REUSEADDR),
  key(C.SOL_SOCKET, C.SO_KEEPALIVE),
  key(C.SOL_SOCKET, C.SO_BROADCAST),
  key(C.IPPROTO_TCP, C.TCP_NODELAY),
]);

// Options only a datagram socket applies (through node:dgram).
const DGRAM_ONLY = new Set([
  key(C.SOL_SOCKET, C.SO_RCVBUF),
  key(C.SOL_SOCKET, C.SO_SNDBUF),
  key(C.IPPROTO_IP, C.IP_TTL),
  key(C.IPPROTO_IP, C.IP_MULTICAST_TTL),
  key(C.IPPROTO_IP, C.IP_MULTICAST_LOOP),
  key(C.IPPROTO_IP, C.IP_MULTICAST_IF),
  key(C.IPPROTO_IP, C.IP_ADD_MEMBERSHIP),
  key(C.IPPROTO_IP, C.IP_DROP_MEMBERSHIP),
  key(C.IPPROTO_IPV6, C.IPV6_UNICAST_HOPS),
  key(C.IPPROTO_IPV6, C.IPV6_MULTICAST_HOPS),
  key(C.IPPROTO_IPV6, C.IPV6_MULTICAST_LOOP),
  key(C.IPPROTO_IPV6, C.IPV6_MULTICAST_IF),
  key(C.IPPROTO_IPV6, C.IPV6_JOIN_GROUP),
  key(C.IPPROTO_IPV6, C.IPV6_LEAVE_GROUP),
]);

/** Python's setsockopt: `value` null sets a NULL option of `optlen` bytes (AF_ALG). */
export function setsockopt(
  core: SocketCore,
  level: number,
  opt: number,
  value: OptionValue,
  optlen?: number,
): void {
  if (core.kernel) return kernelSet(core.kernel, level, opt, value, optlen);
  const k = key(level, opt);
  if (value === null) return kernelSet(upgrade(core, level, opt), level, opt, value, optlen);
  if (isReadOnly(level, opt)) throw osError("ENOPROTOOPT");
  if (level === C.SOL_SOCKET && opt === C.SO_REUSEPORT) {
    // Applied by bind: natively under --unstable-net, otherwise on a kernel socket.
    if (asInt(value) !== 0 && (core.listener || core.dgram) && !core.isDgram) {
      return kernelSet(upgrade(core, level, opt), level, opt, value);
    }
    core.options.set(k, asInt(value));
    return;
  }
  if (level === C.IPPROTO_IPV6 && opt === C.IPV6_V6ONLY && asInt(value) === 0) {
    // Deno's IPv6 sockets are always dual-stack already.
    core.options.set(k, 0);
    return;
  }
  if (STORED_ANYWHERE.has(k)) {
    core.options.set(k, asInt(value));
    if (core.stream) applyStreamOption(core.stream, k, asInt(value));
    if (core.dgram) applyDgramOption(core.dgram, k, asInt(value));
    return;
  }
  if (DGRAM_ONLY.has(k) && core.isDgram) {
    // With FFI a UDP socket becomes a kernel socket at its first use anyway: become one now,
    // so that the kernel judges the option at this call, as in Python.
    if (!core.dgram && !core.nativeOnly && ffiPermitted()) {
      return kernelSet(upgrade(core, level, opt), level, opt, value);
    }
    if (isJoinOrLeave(k)) return setMembership(core, k, asBytes(value));
    const stored = k === MULTICAST_IF ? asBytes(value) : asInt(value);
    if (core.dgram) applyDgramOption(core.dgram, k, stored);
    if (k !== MULTICAST_IF || !core.dgram) core.options.set(k, stored);
    return;
  }
  if (knownOption(level, opt)) return kernelSet(upgrade(core, level, opt), level, opt, value);
  throw osError("ENOPROTOOPT");
}

/** Python's getsockopt: an int, or `buflen` bytes. */
export function getsockopt(
  core: SocketCore,
  level: number,
  opt: number,
  buflen?: number,
): number | Uint8Array {
  if (buflen !== undefined && (buflen <= 0 || buflen > 1024)) {
    throw new OSError("getsockopt buflen out of range");
  }
  if (core.kernel) {
    const fd = core.kernel.fd;
    return buflen === undefined
      ? sys.getsockoptInt(fd, level, opt)
      : sys.getsockoptBytes(fd, level, opt, buflen);
  }
  const value = readOption(core, level, opt);
  if (buflen === undefined) return value;
  if (typeof value !== "number") return value.slice(0, buflen);
  const out = new Uint8Array(Math.min(buflen, 4));
  const full = new Uint8Array(4);
  new DataView(full.buffer).setInt32(0, value, true);
  out.set(full.subarray(0, out.length));
  return out;
}

/** Applies a listener's (or a new socket's own) stream options to a connection. */
export function applyStreamOptions(from: SocketCore, stream: StreamChannel, to?: SocketCore): void {
  for (const [k, v] of from.options) {
    if (to && to !== from) to.options.set(k, v);
    if (typeof v === "number") applyStreamOption(stream, k, v);
  }
}

/** Sets every option remembered so far on a socket that has just become a kernel socket. */
export function applyKernelOptions(core: SocketCore, ch: KernelChannel): void {
  for (const [k, v] of core.options) {
    const level = Math.floor(k / 65536);
    const opt = k % 65536;
    if (typeof v === "number") sys.setsockoptInt(ch.fd, level, opt, v);
    else sys.setsockoptBytes(ch.fd, level, opt, v);
  }
  for (const [k, mreq] of MEMBERSHIPS.get(core)?.values() ?? []) {
    sys.setsockoptBytes(ch.fd, Math.floor(k / 65536), k % 65536, mreq);
  }
  MEMBERSHIPS.delete(core);
}

/** Options node:dgram takes when the socket is created. */
export function dgramCreateOptions(core: SocketCore): DgramCreateOptions {
  const get = (level: number, opt: number): number | undefined => {
    const v = core.options.get(key(level, opt));
    return typeof v === "number" ? v : undefined;
  };
  return {
    reuseAddr: (get(C.SOL_SOCKET, C.SO_REUSEADDR) ?? 0) !== 0 ||
      (get(C.SOL_SOCKET, C.SO_REUSEPORT) ?? 0) !== 0,
    recvBufferSize: get(C.SOL_SOCKET, C.SO_RCVBUF),
    sendBufferSize: get(C.SOL_SOCKET, C.SO_SNDBUF),
  };
}

/** Applies the options set before bind to a freshly bound datagram socket. */
export function applyDgramOptions(core: SocketCore, ch: DgramChannel): void {
  for (const [k, v] of core.options) {
    if (k === key(C.SOL_SOCKET, C.SO_RCVBUF) || k === key(C.SOL_SOCKET, C.SO_SNDBUF)) continue;
    applyDgramOption(ch, k, v);
    if (k === MULTICAST_IF) core.options.delete(k);
  }
  const joined = MEMBERSHIPS.get(core);
  for (const [id, [k, mreq]] of joined ?? []) {
    try {
      applyDgramOption(ch, k, mreq);
    } catch (err) {
      // Reported once, by the bind that applied it; the socket stays usable.
      joined!.delete(id);
      throw err;
    }
  }
}

/** Whether the socket asked for SO_REUSEPORT before bind. */
export function wantsReusePort(core: SocketCore): boolean {
  return (core.options.get(key(C.SOL_SOCKET, C.SO_REUSEPORT)) ?? 0) !== 0;
}

function readOption(core: SocketCore, level: number, opt: number): number | Uint8Array {
  if (level === C.SOL_SOCKET) {
    if (opt === C.SO_TYPE) return core.type;
    if (opt === C.SO_DOMAIN) return core.family;
    if (opt === C.SO_PROTOCOL) return protocolOf(core);
    if (opt === C.SO_ACCEPTCONN) return core.listening ? 1 : 0;
    if (opt === C.SO_ERROR) {
      const err = core.pendingError;
      core.pendingError = null;
      return err?.errno ?? 0;
    }
    if ((opt === C.SO_RCVBUF || opt === C.SO_SNDBUF) && core.isDgram) {
      const ch = core.ensureDgram();
      return opt === C.SO_RCVBUF ? ch.sock.getRecvBufferSize() : ch.sock.getSendBufferSize();
    }
  }
  const k = key(level, opt);
  const stored = core.options.get(k);
  if (stored !== undefined && k !== MULTICAST_IF) return stored;
  if (STORED_ANYWHERE.has(k) || k === key(C.SOL_SOCKET, C.SO_REUSEPORT)) return 0;
  if (k === key(C.IPPROTO_IPV6, C.IPV6_V6ONLY) && core.family === C.AF_INET6) return 0;
  if (core.isDgram && DEFAULTS.has(k)) return DEFAULTS.get(k)!;
  if (knownOption(level, opt)) return sys.getsockoptInt(upgrade(core, level, opt).fd, level, opt);
  throw osError("ENOPROTOOPT");
}

function applyStreamOption(stream: StreamChannel, k: number, v: number): void {
  if (k === key(C.IPPROTO_TCP, C.TCP_NODELAY)) stream.conn.setNoDelay?.(v !== 0);
  else if (k === key(C.SOL_SOCKET, C.SO_KEEPALIVE)) stream.conn.setKeepAlive?.(v !== 0);
}

// node:dgram throws plain errors (errno -22 for a TTL out of range); Python's are OSError.
function applyDgramOption(ch: DgramChannel, k: number, v: number | Uint8Array): void {
  try {
    setDgramOption(ch, k, v);
  } catch (err) {
    throw fromDenoError(err);
  }
}

function setDgramOption(ch: DgramChannel, k: number, v: number | Uint8Array): void {
  const s = ch.sock;
  const n = typeof v === "number" ? v : 0;
  switch (k) {
    case key(C.SOL_SOCKET, C.SO_BROADCAST):
      return s.setBroadcast(n !== 0);
    case key(C.SOL_SOCKET, C.SO_RCVBUF):
      return s.setRecvBufferSize(n);
    case key(C.SOL_SOCKET, C.SO_SNDBUF):
      return s.setSendBufferSize(n);
    case key(C.IPPROTO_IP, C.IP_TTL):
    case key(C.IPPROTO_IPV6, C.IPV6_UNICAST_HOPS):
      return void s.setTTL(n);
    case key(C.IPPROTO_IP, C.IP_MULTICAST_TTL):
    case key(C.IPPROTO_IPV6, C.IPV6_MULTICAST_HOPS):
      return void s.setMulticastTTL(n);
    case key(C.IPPROTO_IP, C.IP_MULTICAST_LOOP):
    case key(C.IPPROTO_IPV6, C.IPV6_MULTICAST_LOOP):
      return void s.setMulticastLoopback(n !== 0);
    case key(C.IPPROTO_IP, C.IP_MULTICAST_IF):
      return s.setMulticastInterface(typeof v === "number" ? ipv4(intToBytes(v)) : ipv4(v));
    case key(C.IPPROTO_IP, C.IP_ADD_MEMBERSHIP):
    case key(C.IPPROTO_IP, C.IP_DROP_MEMBERSHIP): {
      const mreq = requireBytes(v, 8);
      const iface = ipv4(mreq.subarray(4, 8));
      const args: [string, string?] = [ipv4(mreq.subarray(0, 4))];
      if (iface !== "0.0.0.0") args.push(iface);
      if (k === key(C.IPPROTO_IP, C.IP_ADD_MEMBERSHIP)) s.addMembership(...args);
      else s.dropMembership(...args);
      return;
    }
    case key(C.IPPROTO_IPV6, C.IPV6_JOIN_GROUP):
    case key(C.IPPROTO_IPV6, C.IPV6_LEAVE_GROUP): {
      const mreq = requireBytes(v, 20);
      const group = ipv6(mreq.subarray(0, 16));
      if (k === key(C.IPPROTO_IPV6, C.IPV6_JOIN_GROUP)) s.addMembership(group);
      else s.dropMembership(group);
      return;
    }
  }
}

// Group memberships of a UDP socket that is not a kernel socket, by group and interface.
// node:dgram reports EINVAL for both a second join and leaving a group never joined, and a
// socket not bound yet has nothing to join with; tracking them here gives Linux's
// EADDRINUSE and EADDRNOTAVAIL at once, and lets bind (or the kernel socket a UDP socket
// becomes) join every group asked for before it.
const MEMBERSHIPS = new WeakMap<SocketCore, Map<string, [number, Uint8Array]>>();

function setMembership(core: SocketCore, k: number, value: Uint8Array): void {
  const v4 = k === key(C.IPPROTO_IP, C.IP_ADD_MEMBERSHIP) ||
    k === key(C.IPPROTO_IP, C.IP_DROP_MEMBERSHIP);
  const mreq = requireBytes(value, v4 ? 8 : 20).slice(0, v4 ? 8 : 20);
  const join = k === key(C.IPPROTO_IP, C.IP_ADD_MEMBERSHIP) ||
    k === key(C.IPPROTO_IPV6, C.IPV6_JOIN_GROUP);
  let joined = MEMBERSHIPS.get(core);
  if (!joined) MEMBERSHIPS.set(core, joined = new Map());
  const id = `${v4 ? 4 : 6}:${mreq.join(".")}`;
  if (join && !core.dgram && !isMulticastGroup(mreq, v4)) throw osError("EINVAL");
  let found = joined.has(id) ? id : undefined;
  // IPv6 leaves a group joined on any interface with index 0; IPv4's INADDR_ANY picks the
  // interface by route, so it must match the join exactly, as here.
  if (!join && !found && !v4 && mreq.subarray(16).every((b) => b === 0)) {
    const group = id.split(".").slice(0, 16).join(".");
    found = [...joined.keys()].find((m) => m.split(".").slice(0, 16).join(".") === group);
  }
  if (join && found) throw osError("EADDRINUSE");
  if (!join && !found) throw osError("EADDRNOTAVAIL");
  if (core.dgram) applyDgramOption(core.dgram, k, found ? joined.get(found)![1] : mreq);
  if (join) joined.set(id, [k, mreq]);
  else joined.delete(found!);
}

function isJoinOrLeave(k: number): boolean {
  return k === key(C.IPPROTO_IP, C.IP_ADD_MEMBERSHIP) ||
    k === key(C.IPPROTO_IP, C.IP_DROP_MEMBERSHIP) ||
    k === key(C.IPPROTO_IPV6, C.IPV6_JOIN_GROUP) ||
    k === key(C.IPPROTO_IPV6, C.IPV6_LEAVE_GROUP);
}

// A join's group must be multicast (224.0.0.0/4, ff00::/8): Linux says EINVAL otherwise.
function isMulticastGroup(mreq: Uint8Array, v4: boolean): boolean {
  return v4 ? (mreq[0] & 0xf0) === 0xe0 : mreq[0] === 0xff;
}

function isReadOnly(level: number, opt: number): boolean {
  return level === C.SOL_SOCKET &&
    [C.SO_TYPE, C.SO_ERROR, C.SO_ACCEPTCONN, C.SO_DOMAIN, C.SO_PROTOCOL].includes(opt);
}

function asInt(value: OptionValue): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new TypeError("an integer is required");
    return value;
  }
  if (value === null) throw osError("EINVAL");
  const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (bytes.length === 1) return bytes[0];
  if (bytes.length < 4) throw osError("EINVAL");
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0, true);
}

function asBytes(value: OptionValue): Uint8Array {
  if (typeof value === "number" || typeof value === "boolean") return intToBytes(Number(value));
  if (value === null) throw osError("EINVAL");
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
}

function requireBytes(v: number | Uint8Array, size: number): Uint8Array {
  if (typeof v === "number" || v.length < size) throw osError("EINVAL");
  return v;
}

function intToBytes(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n >>> 0, false);
  return out;
}

function ipv4(b: Uint8Array): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

function ipv6(b: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
  return groups.join(":");
}

function protocolOf(core: SocketCore): number {
  if (core.proto !== 0 || core.family === C.AF_UNIX) return core.proto;
  return core.isDgram ? C.IPPROTO_UDP : C.IPPROTO_TCP;
}

// The kernel socket an option the native path cannot apply needs.
function upgrade(core: SocketCore, level: number, opt: number): KernelChannel {
  return core.toKernel(`socket option ${levelName(level)}/${optionName(level, opt)}`);
}

function kernelSet(
  ch: KernelChannel,
  level: number,
  opt: number,
  value: OptionValue,
  optlen?: number,
): void {
  if (value === null) {
    if (optlen === undefined) throw new TypeError("setsockopt() with None needs an optlen");
    return sys.setsockoptNone(ch.fd, level, opt, optlen);
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return sys.setsockoptInt(ch.fd, level, opt, asInt(value));
  }
  sys.setsockoptBytes(ch.fd, level, opt, asBytes(value));
}

function knownOption(level: number, opt: number): boolean {
  return optionName(level, opt) !== String(opt);
}

const LEVEL_PREFIX: ReadonlyArray<[number, string, RegExp]> = [
  [C.SOL_SOCKET, "SOL_SOCKET", /^SO_/],
  [C.IPPROTO_TCP, "IPPROTO_TCP", /^TCP_/],
  [C.IPPROTO_IP, "IPPROTO_IP", /^IP_/],
  [C.IPPROTO_IPV6, "IPPROTO_IPV6", /^IPV6_/],
  [C.IPPROTO_UDP, "IPPROTO_UDP", /^UDP_/],
];

function levelName(level: number): string {
  return LEVEL_PREFIX.find(([l]) => l === level)?.[1] ?? String(level);
}

function optionName(level: number, opt: number): string {
  const pattern = LEVEL_PREFIX.find(([l]) => l === level)?.[2];
  if (!pattern) return String(opt);
  for (const [name, value] of Object.entries(C)) {
    if (value === opt && pattern.test(name)) return name;
  }
  return String(opt);
}
