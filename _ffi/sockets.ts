// Typed synchronous wrappers over the kernel's socket and pipe calls, for the kernel backend
// of `socket.Socket` and for the select module. Each call reads errno straight after it
// returns and throws the OSError subclass Python would (EAGAIN -> BlockingIOError, ...);
// EINTR is retried (PEP 475) except where a retry would be wrong (connect, close).
//
// Every descriptor made here is close-on-exec and non-blocking (SOCK_NONBLOCK|SOCK_CLOEXEC,
// accept4 and pipe2 on Linux; fcntl, plus SO_NOSIGPIPE, on macOS). Transfers add
// MSG_DONTWAIT, so that no call can block Deno's event loop even on a descriptor someone
// made blocking: a call that would block throws BlockingIOError, and the caller waits for
// readiness with `_ffi/reactor.ts` and calls again. Sends add MSG_NOSIGNAL (Linux).
//
// API (all synchronous; `fd` is a kernel descriptor; addresses are `EncodedSockaddr` from
// `_ffi/sockaddr.ts` on input and Python-shaped `SockAddr` on output):
//   socket(family, type, proto = 0): number          socketpair(family?, type?, proto?)
//   pipe(): [read, write]                            bind(fd, addr) / listen(fd, backlog)
//   accept(fd): [fd, SockAddr]                       connect(fd, addr) (EINPROGRESS throws
//     BlockingIOError; wait for FD_WRITE, then connectResult(fd) throws the SO_ERROR)
//   recv(fd, n, flags?) / recvInto(fd, buf, n?, flags?) / recvfrom / recvfromInto
//   send(fd, data, flags?) / sendto(fd, data, flags, addr)
//   sendmsg / recvmsg / recvmsgInto (socket_msg.ts: ancillary data, SCM_RIGHTS)
//   shutdown(fd, how)   getsockoptInt / getsockoptBytes / setsockoptInt / setsockoptBytes /
//   setsockoptNone      getsockname(fd) / getpeername(fd)   close(fd) (forgets the fd in
//   the reactor first)  dup(fd)   setNonBlocking / getNonBlocking   getInheritable /
//   setInheritable      read(fd, n) / readInto / write(fd, data)   sethostname(name)

import { OSError } from "../_errors/os_error.ts";
import { SOCKETS_PRIVATE_DARWIN } from "./constants_sockets_darwin.ts";
import { SOCKETS_PRIVATE_LINUX } from "./constants_sockets_linux.ts";
import { adopt, adoptBoth, trim } from "./fd.ts";
import { check, checkAgain, errno, libc } from "./libc.ts";
import { forgetFd } from "./reactor.ts";
import {
  decodeSockaddr,
  type EncodedSockaddr,
  type SockAddr,
  SOCKADDR_STORAGE_SIZE,
} from "./sockaddr.ts";

export {
  dup,
  fcntl,
  getInheritable,
  getNonBlocking,
  pipe,
  read,
  readInto,
  setInheritable,
  setNonBlocking,
  write,
} from "./fd.ts";
export { recvmsg, recvmsgInto, sendmsg } from "./socket_msg.ts";
export type { AncillaryItem, RecvmsgIntoResult, RecvmsgResult } from "./socket_msg.ts";

const DARWIN = Deno.build.os === "darwin";
const L = DARWIN ? SOCKETS_PRIVATE_DARWIN : SOCKETS_PRIVATE_LINUX;
const SOL_SOCKET = DARWIN ? 0xffff : 1;
const SO_ERROR = DARWIN ? 0x1007 : 4;
const AF_UNIX = 1;
const SOCK_STREAM = 1;
const EINTR = 4;
const EINPROGRESS = DARWIN ? 36 : 115;
const RECV_FLAGS = L.MSG_DONTWAIT;
const SEND_FLAGS = L.MSG_DONTWAIT | L.MSG_NOSIGNAL;

// Reused out-parameters (the JS thread makes one synchronous call at a time).
const pair = new Int32Array(2);
const pairBytes = new Uint8Array(pair.buffer);
const addrBuf = new Uint8Array(SOCKADDR_STORAGE_SIZE);
const lenBuf = new Uint32Array(1);
const lenBytes = new Uint8Array(lenBuf.buffer);
const intBuf = new Int32Array(1);
const intBytes = new Uint8Array(intBuf.buffer);

/** A new socket: close-on-exec and non-blocking. */
export function socket(family: number, type: number, proto = 0): number {
  const lib = libc();
  const fd = check(() => lib.socket(family, type | L.SOCK_NONBLOCK | L.SOCK_CLOEXEC, proto));
  return DARWIN ? adopt(fd, true) : fd;
}

/** A connected pair of sockets (AF_UNIX stream by default), both non-blocking. */
export function socketpair(
  family = AF_UNIX,
  type = SOCK_STREAM,
  proto = 0,
): [number, number] {
  const lib = libc();
  check(() => lib.socketpair(family, type | L.SOCK_NONBLOCK | L.SOCK_CLOEXEC, proto, pairBytes));
  const [a, b] = pair;
  if (DARWIN) {
    adoptBoth(a, b, true);
  }
  return [a, b];
}

/** `bind(fd, addr)`. */
export function bind(fd: number, addr: EncodedSockaddr): void {
  const lib = libc();
  check(() => lib.bind(fd, addr, addr.length));
}

/** `listen(fd, backlog)`. */
export function listen(fd: number, backlog: number): void {
  const lib = libc();
  check(() => lib.listen(fd, backlog));
}

/** Accepts a connection: `[fd, address]`, the new fd non-blocking and close-on-exec. */
export function accept(fd: number): [fd: number, address: SockAddr] {
  const lib = libc();
  lenBuf[0] = SOCKADDR_STORAGE_SIZE;
  let conn: number;
  if (lib.accept4) {
    conn = check(() => lib.accept4!(fd, addrBuf, lenBytes, L.SOCK_NONBLOCK | L.SOCK_CLOEXEC));
  } else {
    conn = adopt(check(() => lib.accept(fd, addrBuf, lenBytes)), true);
  }
  return [conn, decodeSockaddr(addrBuf, lenBuf[0])];
}

/**
 * Starts connecting. On a non-blocking socket this throws BlockingIOError (EINPROGRESS):
 * wait for FD_WRITE, then call `connectResult(fd)`. An interrupted connect (EINTR) also
 * goes on in the background, so it throws the same EINPROGRESS instead of being retried.
 */
export function connect(fd: number, addr: EncodedSockaddr): void {
  const lib = libc();
  if (lib.connect(fd, addr, addr.length) === 0) return;
  const e = errno();
  throw new OSError(e === EINTR ? EINPROGRESS : e);
}

/** The outcome of a background connect: throws the OSError of its SO_ERROR, if any. */
export function connectResult(fd: number): void {
  const e = getsockoptInt(fd, SOL_SOCKET, SO_ERROR);
  if (e !== 0) throw new OSError(e);
}

/** Receives up to `bufsize` bytes. An empty result means end of stream. */
export function recv(fd: number, bufsize: number, flags = 0): Uint8Array {
  const buf = new Uint8Array(bufsize);
  return trim(buf, recvInto(fd, buf, bufsize, flags));
}

/** Receives into `buffer` (up to `nbytes`, default its length); returns the count. */
export function recvInto(fd: number, buffer: Uint8Array, nbytes?: number, flags = 0): number {
  const lib = libc();
  const n = BigInt(nbytes ?? buffer.length);
  return Number(check(() => lib.recv(fd, buffer, n, flags | RECV_FLAGS)));
}

/** Receives a datagram: `[data, address]` (the address is null when there is none). */
export function recvfrom(
  fd: number,
  bufsize: number,
  flags = 0,
): [data: Uint8Array, address: SockAddr | null] {
  const buf = new Uint8Array(bufsize);
  const [n, address] = recvfromInto(fd, buf, bufsize, flags);
  return [trim(buf, n), address];
}

/** Receives a datagram into `buffer`: `[count, address]`. */
export function recvfromInto(
  fd: number,
  buffer: Uint8Array,
  nbytes?: number,
  flags = 0,
): [count: number, address: SockAddr | null] {
  const lib = libc();
  const n = BigInt(nbytes ?? buffer.length);
  lenBuf[0] = SOCKADDR_STORAGE_SIZE;
  const count = Number(
    check(() => lib.recvfrom(fd, buffer, n, flags | RECV_FLAGS, addrBuf, lenBytes)),
  );
  return [count, lenBuf[0] === 0 ? null : decodeSockaddr(addrBuf, lenBuf[0])];
}

/** Sends once; returns how many bytes the kernel took (maybe fewer than given). */
export function send(fd: number, data: Uint8Array, flags = 0): number {
  const lib = libc();
  return Number(check(() => lib.send(fd, data, BigInt(data.length), flags | SEND_FLAGS)));
}

/** Sends a datagram to `addr`; returns the count. */
export function sendto(fd: number, data: Uint8Array, flags: number, addr: EncodedSockaddr): number {
  const lib = libc();
  const n = BigInt(data.length);
  return Number(check(() => lib.sendto(fd, data, n, flags | SEND_FLAGS, addr, addr.length)));
}

// The "try" variants below return -1 where the call would block (EAGAIN) instead of
// throwing BlockingIOError, for the kernel Socket's hot paths; other errors still throw.

/** `recvInto` that returns -1 when nothing is there yet. */
export function tryRecvInto(fd: number, buffer: Uint8Array, nbytes: number, flags = 0): number {
  const lib = libc();
  return checkAgain(() => lib.recv(fd, buffer, BigInt(nbytes), flags | RECV_FLAGS));
}

/** `recvfromInto` that returns -1 (and no address) when nothing is there yet. */
export function tryRecvfromInto(
  fd: number,
  buffer: Uint8Array,
  nbytes: number,
  flags = 0,
): [count: number, address: SockAddr | null] {
  const lib = libc();
  lenBuf[0] = SOCKADDR_STORAGE_SIZE;
  const n = BigInt(nbytes);
  const count = checkAgain(() =>
    lib.recvfrom(fd, buffer, n, flags | RECV_FLAGS, addrBuf, lenBytes)
  );
  if (count < 0) return [-1, null];
  return [count, lenBuf[0] === 0 ? null : decodeSockaddr(addrBuf, lenBuf[0])];
}

/** `send` that returns -1 when the send buffer is full. */
export function trySend(fd: number, data: Uint8Array, flags = 0): number {
  const lib = libc();
  return checkAgain(() => lib.send(fd, data, BigInt(data.length), flags | SEND_FLAGS));
}

/** `sendto` that returns -1 when the send buffer is full. */
export function trySendto(
  fd: number,
  data: Uint8Array,
  flags: number,
  addr: EncodedSockaddr,
): number {
  const lib = libc();
  const n = BigInt(data.length);
  return checkAgain(() => lib.sendto(fd, data, n, flags | SEND_FLAGS, addr, addr.length));
}

/** `accept` that returns null when no connection is waiting. */
export function tryAccept(fd: number): [fd: number, address: SockAddr] | null {
  const lib = libc();
  lenBuf[0] = SOCKADDR_STORAGE_SIZE;
  const conn = lib.accept4
    ? checkAgain(() => lib.accept4!(fd, addrBuf, lenBytes, L.SOCK_NONBLOCK | L.SOCK_CLOEXEC))
    : checkAgain(() => lib.accept(fd, addrBuf, lenBytes));
  if (conn < 0) return null;
  return [lib.accept4 ? conn : adopt(conn, true), decodeSockaddr(addrBuf, lenBuf[0])];
}

/** `shutdown(fd, how)` with SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2). */
export function shutdown(fd: number, how: number): void {
  const lib = libc();
  check(() => lib.shutdown(fd, how));
}

/** An integer socket option. */
export function getsockoptInt(fd: number, level: number, option: number): number {
  const lib = libc();
  intBuf[0] = 0;
  lenBuf[0] = 4;
  check(() => lib.getsockopt(fd, level, option, intBytes, lenBytes));
  return intBuf[0];
}

/** A socket option as raw bytes, at most `buflen` of them. */
export function getsockoptBytes(
  fd: number,
  level: number,
  option: number,
  buflen: number,
): Uint8Array {
  const lib = libc();
  const buf = new Uint8Array(buflen);
  lenBuf[0] = buflen;
  check(() => lib.getsockopt(fd, level, option, buf, lenBytes));
  return buf.slice(0, lenBuf[0]);
}

/** Sets an integer socket option. */
export function setsockoptInt(fd: number, level: number, option: number, value: number): void {
  const lib = libc();
  intBuf[0] = value;
  check(() => lib.setsockopt(fd, level, option, intBytes, 4));
}

/** Sets a socket option from raw bytes. */
export function setsockoptBytes(
  fd: number,
  level: number,
  option: number,
  value: Uint8Array,
): void {
  const lib = libc();
  check(() => lib.setsockopt(fd, level, option, value, value.length));
}

/** `setsockopt(fd, level, option, NULL, optlen)`, Python's `setsockopt(l, o, None, n)`. */
export function setsockoptNone(fd: number, level: number, option: number, optlen: number): void {
  const lib = libc();
  check(() => lib.setsockopt(fd, level, option, null, optlen));
}

/** The socket's own address. */
export function getsockname(fd: number): SockAddr {
  const lib = libc();
  lenBuf[0] = SOCKADDR_STORAGE_SIZE;
  check(() => lib.getsockname(fd, addrBuf, lenBytes));
  return decodeSockaddr(addrBuf, lenBuf[0]);
}

/** The address of the socket's peer. */
export function getpeername(fd: number): SockAddr {
  const lib = libc();
  lenBuf[0] = SOCKADDR_STORAGE_SIZE;
  check(() => lib.getpeername(fd, addrBuf, lenBytes));
  return decodeSockaddr(addrBuf, lenBuf[0]);
}

/**
 * Closes a descriptor, first settling and dropping its reactor registration. EINTR counts
 * as closed (Linux releases the descriptor anyway), as Python's `os.close`.
 */
export function close(fd: number): void {
  forgetFd(fd);
  if (libc().close(fd) === 0) return;
  const e = errno();
  if (e !== EINTR) throw new OSError(e);
}

/** Sets the host name (needs CAP_SYS_ADMIN / root: PermissionError otherwise). */
export function sethostname(name: string | Uint8Array): void {
  const lib = libc();
  const bytes = typeof name === "string" ? new TextEncoder().encode(name) : name;
  check(() => lib.sethostname(bytes, BigInt(bytes.length)));
}
