// Which (family, type, proto) combinations a socket may have, with the errors Linux's
// socket(2) gives for the others, and NotImplementedError for the valid ones that only a
// kernel descriptor can provide.

import { NotImplementedError, osError } from "../_errors/mod.ts";
import { SOCKET_DARWIN } from "../_ffi/constants_darwin.ts";
import { SOCKET_LINUX } from "../_ffi/constants_linux.ts";
import { pyTypeName } from "./_args.ts";
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  IPPROTO_TCP,
  IPPROTO_UDP,
  SOCK_DGRAM,
  SOCK_RAW,
  SOCK_RDM,
  SOCK_SEQPACKET,
  SOCK_STREAM,
} from "./constants.ts";

const TABLE: Readonly<Record<string, number>> = Deno.build.os === "darwin"
  ? SOCKET_DARWIN
  : SOCKET_LINUX;

/** Throws Python's error for a combination that a native socket cannot be. */
export function checkFamilyAndType(family: number, type: number, proto: number): void {
  for (const [name, value] of [["family", family], ["type", type], ["proto", proto]] as const) {
    if (!Number.isInteger(value)) {
      throw new TypeError(`'${pyTypeName(value)}' object cannot be interpreted as an integer`);
    }
    if (name === "proto" && value < 0) throw osError("EPROTONOSUPPORT");
  }
  if (family !== AF_INET && family !== AF_INET6 && family !== AF_UNIX) {
    const name = nameOf("AF_", family);
    if (name === undefined) throw osError("EAFNOSUPPORT");
    throw needsKernel(`${name} sockets`);
  }
  if (type === SOCK_RAW || type === SOCK_SEQPACKET || type === SOCK_RDM) {
    throw needsKernel(`${nameOf("SOCK_", type)} sockets`);
  }
  if (type !== SOCK_STREAM && type !== SOCK_DGRAM) throw osError("EINVAL");
  if (family === AF_UNIX) {
    if (proto !== 0 && proto !== 1) throw osError("EPROTONOSUPPORT");
    if (type === SOCK_DGRAM) throw needsKernel("AF_UNIX SOCK_DGRAM sockets");
    return;
  }
  const native = type === SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
  if (proto !== 0 && proto !== native) throw osError("EPROTONOSUPPORT");
}

function nameOf(prefix: string, value: number): string | undefined {
  for (const [name, v] of Object.entries(TABLE)) {
    if (v === value && name.startsWith(prefix)) return name;
  }
  return undefined;
}

function needsKernel(what: string): NotImplementedError {
  return new NotImplementedError(
    `${what} need a kernel socket descriptor; Deno's native networking has no such sockets`,
  );
}
