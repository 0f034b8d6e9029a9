// sendmsg/recvmsg with scatter/gather buffers and ancillary data (SCM_RIGHTS fd passing,
// credentials, ...), packing `struct msghdr`, `struct iovec` and `struct cmsghdr` with the
// running OS's layout (constants_sockets_<os>.ts): a size_t cmsg_len and 8-byte alignment on
// 64-bit Linux, a socklen_t cmsg_len and 4-byte alignment on macOS.

import { SOCKETS_PRIVATE_DARWIN } from "./constants_sockets_darwin.ts";
import { SOCKETS_PRIVATE_LINUX } from "./constants_sockets_linux.ts";
import { check, libc } from "./libc.ts";
import {
  decodeSockaddr,
  type EncodedSockaddr,
  type SockAddr,
  SOCKADDR_STORAGE_SIZE,
} from "./sockaddr.ts";

const L = Deno.build.os === "darwin" ? SOCKETS_PRIVATE_DARWIN : SOCKETS_PRIVATE_LINUX;

/** One ancillary data item: `[cmsg_level, cmsg_type, data]`, as in Python. */
export type AncillaryItem = [level: number, type: number, data: Uint8Array];
/** `recvmsg`'s result: `[data, ancdata, msg_flags, address]`. */
export type RecvmsgResult = [
  data: Uint8Array,
  ancdata: AncillaryItem[],
  msgFlags: number,
  address: SockAddr | null,
];
/** `recvmsgInto`'s result: `[nbytes, ancdata, msg_flags, address]`. */
export type RecvmsgIntoResult = [
  nbytes: number,
  ancdata: AncillaryItem[],
  msgFlags: number,
  address: SockAddr | null,
];

/**
 * Sends the concatenation of `buffers` with ancillary items, optionally to `addr`; returns
 * the number of data bytes sent. Every item but the last is padded to CMSG_SPACE; the
 * total length stops at the last item's CMSG_LEN, as CPython does (macOS refuses padding).
 */
export function sendmsg(
  fd: number,
  buffers: readonly Uint8Array[],
  ancdata: readonly AncillaryItem[] = [],
  flags = 0,
  addr?: EncodedSockaddr,
): number {
  const iov = iovecs(buffers);
  let space = 0;
  ancdata.forEach(([, , data], i) => {
    space += i === ancdata.length - 1 ? cmsgLen(data.length) : cmsgSpace(data.length);
  });
  const control = new Uint8Array(Math.max(space, 1));
  const cv = new DataView(control.buffer);
  let off = 0;
  for (const [level, type, data] of ancdata) {
    writeLen(cv, off, L.CMSG_LEN_BYTES, cmsgLen(data.length));
    cv.setInt32(off + L.CMSG_LEVEL, level, true);
    cv.setInt32(off + L.CMSG_TYPE, type, true);
    control.set(data, off + L.CMSG_HEADER);
    off += cmsgSpace(data.length);
  }
  const msg = msghdr(addr ?? null, addr?.length ?? 0, iov, buffers.length, space ? control : null);
  writeLen(new DataView(msg.buffer), L.MSGHDR_CONTROLLEN, L.MSGHDR_CONTROLLEN_BYTES, space);
  const lib = libc();
  const sendFlags = flags | L.MSG_DONTWAIT | L.MSG_NOSIGNAL;
  return Number(check(() => lib.sendmsg(fd, msg, sendFlags)));
}

/** Receives up to `bufsize` bytes and up to `ancbufsize` bytes of ancillary data. */
export function recvmsg(fd: number, bufsize: number, ancbufsize = 0, flags = 0): RecvmsgResult {
  const buf = new Uint8Array(bufsize);
  const [n, ancdata, msgFlags, address] = recvmsgInto(fd, [buf], ancbufsize, flags);
  return [buf.slice(0, n), ancdata, msgFlags, address];
}

/**
 * Receives into `buffers` in order. On Linux, received descriptors are close-on-exec
 * (MSG_CMSG_CLOEXEC), as every descriptor this library makes.
 */
export function recvmsgInto(
  fd: number,
  buffers: readonly Uint8Array[],
  ancbufsize = 0,
  flags = 0,
): RecvmsgIntoResult {
  const name = new Uint8Array(SOCKADDR_STORAGE_SIZE);
  const control = new Uint8Array(Math.max(ancbufsize, 1));
  const msg = msghdr(name, name.length, iovecs(buffers), buffers.length, control);
  const mv = new DataView(msg.buffer);
  writeLen(mv, L.MSGHDR_CONTROLLEN, L.MSGHDR_CONTROLLEN_BYTES, ancbufsize);
  const lib = libc();
  const recvFlags = flags | L.MSG_DONTWAIT | L.MSG_CMSG_CLOEXEC;
  const n = Number(check(() => lib.recvmsg(fd, msg, recvFlags)));
  const namelen = mv.getUint32(L.MSGHDR_NAMELEN, true);
  const controllen = readLen(mv, L.MSGHDR_CONTROLLEN, L.MSGHDR_CONTROLLEN_BYTES);
  // Linux echoes MSG_CMSG_CLOEXEC, which the caller did not ask for.
  const msgFlags = mv.getInt32(L.MSGHDR_FLAGS, true) & ~L.MSG_CMSG_CLOEXEC;
  const address = namelen === 0 ? null : decodeSockaddr(name, namelen);
  return [n, parseCmsgs(control, Math.min(controllen, ancbufsize)), msgFlags, address];
}

/** CMSG_LEN(n): header plus data, without trailing padding. */
export function cmsgLen(n: number): number {
  return L.CMSG_HEADER + n;
}

/** CMSG_SPACE(n): header plus data, padded to the alignment. */
export function cmsgSpace(n: number): number {
  return L.CMSG_HEADER + Math.ceil(n / L.CMSG_ALIGN) * L.CMSG_ALIGN;
}

// ---- helpers ----

function parseCmsgs(control: Uint8Array, length: number): AncillaryItem[] {
  const items: AncillaryItem[] = [];
  const cv = new DataView(control.buffer, control.byteOffset, control.byteLength);
  let off = 0;
  while (off + L.CMSG_HEADER <= length) {
    const len = readLen(cv, off, L.CMSG_LEN_BYTES);
    if (len < L.CMSG_HEADER) break;
    const level = cv.getInt32(off + L.CMSG_LEVEL, true);
    const type = cv.getInt32(off + L.CMSG_TYPE, true);
    items.push([level, type, control.slice(off + L.CMSG_HEADER, Math.min(off + len, length))]);
    off += L.CMSG_HEADER + Math.ceil((len - L.CMSG_HEADER) / L.CMSG_ALIGN) * L.CMSG_ALIGN;
  }
  return items;
}

function iovecs(buffers: readonly Uint8Array[]): Uint8Array {
  const iov = new Uint8Array(Math.max(buffers.length, 1) * L.IOVEC_SIZE);
  const v = new DataView(iov.buffer);
  buffers.forEach((b, i) => {
    v.setBigUint64(i * L.IOVEC_SIZE, address(b), true);
    v.setBigUint64(i * L.IOVEC_SIZE + 8, BigInt(b.length), true);
  });
  return iov;
}

function msghdr(
  name: Uint8Array | null,
  namelen: number,
  iov: Uint8Array,
  iovlen: number,
  control: Uint8Array | null,
): Uint8Array<ArrayBuffer> {
  const msg = new Uint8Array(L.MSGHDR_SIZE);
  const v = new DataView(msg.buffer);
  v.setBigUint64(L.MSGHDR_NAME, name ? address(name) : 0n, true);
  v.setUint32(L.MSGHDR_NAMELEN, namelen, true);
  v.setBigUint64(L.MSGHDR_IOV, iovlen ? address(iov) : 0n, true);
  writeLen(v, L.MSGHDR_IOVLEN, L.MSGHDR_IOVLEN_BYTES, iovlen);
  v.setBigUint64(L.MSGHDR_CONTROL, control ? address(control) : 0n, true);
  return msg;
}

function address(buf: Uint8Array): bigint {
  if (buf.length === 0) return 0n;
  return BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buf)));
}

function writeLen(v: DataView, offset: number, bytes: number, value: number): void {
  if (bytes === 8) v.setBigUint64(offset, BigInt(value), true);
  else v.setUint32(offset, value, true);
}

function readLen(v: DataView, offset: number, bytes: number): number {
  return bytes === 8 ? Number(v.getBigUint64(offset, true)) : v.getUint32(offset, true);
}
