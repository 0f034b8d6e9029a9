// Descriptor-level wrappers shared by the socket calls, the reactor and the select module:
// pipes, fcntl (flags, close-on-exec, dup), read and write. Synchronous; each reads errno
// straight after its call and throws the OSError subclass for it, retrying EINTR.

import { SOCKETS_PRIVATE_DARWIN } from "./constants_sockets_darwin.ts";
import { SOCKETS_PRIVATE_LINUX } from "./constants_sockets_linux.ts";
import { check, libc } from "./libc.ts";

const DARWIN = Deno.build.os === "darwin";
const L = DARWIN ? SOCKETS_PRIVATE_DARWIN : SOCKETS_PRIVATE_LINUX;
/** Apple arm64 passes variadic arguments on the stack: fcntl goes through `fcntl_va`. */
const VARIADIC_ON_STACK = DARWIN && Deno.build.arch === "aarch64";
const PAIR = new Int32Array(2);
const PAIR_BYTES = new Uint8Array(PAIR.buffer);
const ONE = new Int32Array([1]);

/** A pipe `[read, write]`, both ends close-on-exec and non-blocking. */
export function pipe(): [read: number, write: number] {
  const lib = libc();
  if (lib.pipe2) {
    check(() => lib.pipe2!(PAIR_BYTES, L.O_CLOEXEC | L.O_NONBLOCK));
    return [PAIR[0], PAIR[1]];
  }
  check(() => lib.pipe(PAIR_BYTES));
  const [r, w] = PAIR;
  adoptBoth(r, w, false);
  return [r, w];
}

/** A duplicate of `fd` (the lowest free number), close-on-exec. */
export function dup(fd: number): number {
  return fcntl(fd, L.F_DUPFD_CLOEXEC, 0);
}

/** Sets or clears O_NONBLOCK. */
export function setNonBlocking(fd: number, nonBlocking = true): void {
  const flags = fcntl(fd, L.F_GETFL, 0);
  const next = nonBlocking ? flags | L.O_NONBLOCK : flags & ~L.O_NONBLOCK;
  if (next !== flags) fcntl(fd, L.F_SETFL, next);
}

/** Whether O_NONBLOCK is set. */
export function getNonBlocking(fd: number): boolean {
  return (fcntl(fd, L.F_GETFL, 0) & L.O_NONBLOCK) !== 0;
}

/** Whether the descriptor survives exec (FD_CLOEXEC clear), as `os.get_inheritable`. */
export function getInheritable(fd: number): boolean {
  return (fcntl(fd, L.F_GETFD, 0) & L.FD_CLOEXEC) === 0;
}

/** Sets whether the descriptor survives exec, as `os.set_inheritable`. */
export function setInheritable(fd: number, inheritable: boolean): void {
  const flags = fcntl(fd, L.F_GETFD, 0);
  const next = inheritable ? flags & ~L.FD_CLOEXEC : flags | L.FD_CLOEXEC;
  if (next !== flags) fcntl(fd, L.F_SETFD, next);
}

/** Reads up to `n` bytes (pipes and other descriptors). Empty means end of file. */
export function read(fd: number, n: number): Uint8Array {
  const buf = new Uint8Array(n);
  return trim(buf, readInto(fd, buf));
}

/** Reads into `buffer`; returns the count. */
export function readInto(fd: number, buffer: Uint8Array): number {
  const lib = libc();
  return Number(check(() => lib.read(fd, buffer, BigInt(buffer.length))));
}

/** Writes once; returns the count. */
export function write(fd: number, data: Uint8Array): number {
  const lib = libc();
  return Number(check(() => lib.write(fd, data, BigInt(data.length))));
}

/** `fcntl(fd, cmd, arg)` with an int argument, EINTR retried. */
export function fcntl(fd: number, cmd: number, arg: number): number {
  const lib = libc();
  if (VARIADIC_ON_STACK) {
    return check(() => lib.fcntl_va!(fd, cmd, 0n, 0n, 0n, 0n, 0n, 0n, BigInt(arg)));
  }
  return check(() => lib.fcntl(fd, cmd, arg));
}

/** macOS: makes a new descriptor close-on-exec and non-blocking (and sockets SIGPIPE-free);
 * closes it and rethrows when that fails. */
export function adopt(fd: number, isSocket: boolean): number {
  try {
    fcntl(fd, L.F_SETFD, L.FD_CLOEXEC);
    setNonBlocking(fd, true);
    if (isSocket && DARWIN) setNoSigpipe(fd);
  } catch (err) {
    closeQuietly(fd);
    throw err;
  }
  return fd;
}

/** `adopt` for both ends of a pair, closing both when either fails. */
export function adoptBoth(a: number, b: number, isSocket: boolean): void {
  try {
    adopt(a, isSocket);
  } catch (err) {
    closeQuietly(b);
    throw err;
  }
  try {
    adopt(b, isSocket);
  } catch (err) {
    closeQuietly(a);
    throw err;
  }
}

export function closeQuietly(fd: number): void {
  libc().close(fd);
}

/** Copies small results out of large buffers, so that they do not pin the whole buffer. */
export function trim(buf: Uint8Array, n: number): Uint8Array {
  return n * 2 < buf.length ? buf.slice(0, n) : buf.subarray(0, n);
}

function setNoSigpipe(fd: number): void {
  const lib = libc();
  const one = new Uint8Array(ONE.buffer);
  check(() => lib.setsockopt(fd, 0xffff, SOCKETS_PRIVATE_DARWIN.SO_NOSIGPIPE, one, 4));
}
