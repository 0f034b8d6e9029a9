// Which (family, type, proto) combinations a socket may have, with the errors Linux's
// socket(2) gives for the others, and which of them only a kernel descriptor provides.

import { osError } from "../_errors/mod.ts";
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

/**
 * Checks a combination: throws socket(2)'s error for an invalid one, and says whether
 * a valid one can run natively or needs a kernel socket.
 */
export function checkFamilyAndType(
  family: number,
  type: number,
  proto: number,
): "native" | "kernel" {
  for (const [name, value] of [["family", family], ["type", type], ["proto", proto]] as const) {
    if (!Number.isInteger(value)) {
      throw new TypeError(`'${pyTypeName(value)}' object cannot be interpreted as an integer`);
    }
    if (name === "proto" && value < 0) throw osError("EPROTONOSUPPORT");
  }
  if (family !== AF_INET && family !== AF_INET6 && family !== AF_UNIX) {
    // Other families of the platform (AF_PACKET, AF_NETLINK, AF_CAN, ...): the kernel
    // decides; an unknown one is EAFNOSUPPORT already.
    if (nameOf("AF_", family) === undefined) throw osError("EAFNOSUPPORT");
    return "kernel";
  }
  if (type === SOCK_RAW || type === SOCK_SEQPACKET || type === SOCK_RDM) return "kernel";
  if (type !== SOCK_STREAM && type !== SOCK_DGRAM) throw osError("EINVAL");
  if (family === AF_UNIX) {
    if (proto !== 0 && proto !== 1) throw osError("EPROTONOSUPPORT");
    return type === SOCK_DGRAM ? "kernel" : "native";
  }
  const native = type === SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
  if (proto !== 0 && proto !== native) throw osError("EPROTONOSUPPORT");
  return "native";
}

function nameOf(prefix: string, value: number): string | undefined {
  for (const [name, v] of Object.entries(TABLE)) {
    if (v === value && name.startsWith(prefix)) return name;
  }
  return undefined;
}
