// Sockets made from descriptors: `Socket(fileno=...)`, `fromfd`, kernel `socketpair`.
// Python 3.7+ detects the family, type and protocol of an adopted descriptor unless they
// are given.

import { NotImplementedError, ValueError } from "../_errors/mod.ts";
import { ffiPermitted } from "../_ffi/libc.ts";
import * as sys from "../_ffi/sockets.ts";
import { pyTypeName } from "./_args.ts";
import { SocketCore } from "./_core.ts";
import { KernelChannel } from "./_kernel.ts";
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  SO_DOMAIN,
  SO_PROTOCOL,
  SO_TYPE,
  SOL_SOCKET,
} from "./constants.ts";

/** A core owning `fd`, which becomes non-blocking; -1 arguments are detected from it. */
export function coreFromFd(fd: unknown, family: number, type: number, proto: number): SocketCore {
  if (typeof fd !== "number" || !Number.isInteger(fd)) {
    throw new TypeError(`'${pyTypeName(fd)}' object cannot be interpreted as an integer`);
  }
  if (fd < 0) throw new ValueError("negative file descriptor");
  requireFfi("a socket made from a file descriptor");
  // Reading SO_TYPE first also checks that fd is a socket (ENOTSOCK, EBADF).
  const realType = sys.getsockoptInt(fd, SOL_SOCKET, SO_TYPE);
  const fam = family !== -1 ? family : detectFamily(fd);
  const typ = type !== -1 ? type : realType;
  const pro = proto !== -1
    ? proto
    : SO_PROTOCOL === undefined
    ? 0
    : sys.getsockoptInt(fd, SOL_SOCKET, SO_PROTOCOL);
  sys.setNonBlocking(fd, true);
  return SocketCore.kernel(new KernelChannel(fd, fam, typ, pro));
}

/** Throws the NotImplementedError that names --allow-ffi when FFI is not granted. */
export function requireFfi(what: string): void {
  if (!ffiPermitted()) {
    throw new NotImplementedError(`${what} needs a kernel socket: run with --allow-ffi`);
  }
}

function detectFamily(fd: number): number {
  if (SO_DOMAIN !== undefined) return sys.getsockoptInt(fd, SOL_SOCKET, SO_DOMAIN);
  const addr = sys.getsockname(fd);
  if (typeof addr === "string" || addr instanceof Uint8Array) return AF_UNIX;
  if (addr.length === 4) return AF_INET6;
  if (typeof addr[0] === "number") return addr[0];
  return AF_INET;
}
