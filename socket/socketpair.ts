// Python's socket.socketpair: two connected kernel sockets (socketpair(2)) when FFI is
// granted, and otherwise two connected in-memory stream sockets, which need no permission.

import { NotImplementedError, osError } from "../_errors/mod.ts";
import { ffiPermitted } from "../_ffi/libc.ts";
import * as sys from "../_ffi/sockets.ts";
import { adopt } from "./_adopt.ts";
import { SocketCore } from "./_core.ts";
import { KernelChannel } from "./_kernel.ts";
import { memoryPair, memoryPairOnly } from "./_memory_pair.ts";
import { Socket } from "./socket.ts";
import { AF_UNIX, SOCK_STREAM } from "./constants.ts";

/**
 * Python's `socket.socketpair(family, type, proto)`: a pair of connected sockets.
 * With `--allow-ffi` they are real `socketpair(2)` descriptors (any type the kernel
 * allows: `SOCK_STREAM`, `SOCK_DGRAM`, `SOCK_SEQPACKET`), usable with `select`, `epoll`
 * and fd passing; without it, an in-memory `AF_UNIX` stream pair that needs no
 * permission at all.
 *
 * @param family must be `AF_UNIX` (the default), as on Linux
 * @param type `SOCK_STREAM` (the default)
 * @param proto 0
 * @returns the two connected sockets
 * @throws {OSError} EOPNOTSUPP for another family
 * @throws {NotImplementedError} for datagram pairs without --allow-ffi
 *
 * @example
 * ```ts
 * import { AF_UNIX, socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * assert.equal(a.family, AF_UNIX);
 * await a.sendall(new TextEncoder().encode("hello"));
 * assert.equal(new TextDecoder().decode(await b.recv(5)), "hello");
 * ```
 */
export function socketpair(
  family: number = AF_UNIX,
  type: number = SOCK_STREAM,
  proto: number = 0,
): [Socket, Socket] {
  if (!memoryPairOnly() && ffiPermitted()) {
    const [x, y] = sys.socketpair(family, type, proto);
    const make = (fd: number): Socket => {
      const core = SocketCore.kernel(new KernelChannel(fd, family, type, proto));
      return adopt(core, () => new Socket(family, type, proto));
    };
    return [make(x), make(y)];
  }
  if (family !== AF_UNIX) throw osError("EOPNOTSUPP");
  if (type !== SOCK_STREAM) {
    throw new NotImplementedError(
      "socketpair() of non-stream sockets needs kernel sockets: run with --allow-ffi",
    );
  }
  if (proto !== 0) throw osError("EPROTONOSUPPORT");
  const [a, b] = memoryPair();
  const make = (conn: typeof a): Socket => {
    const core = SocketCore.connected(conn, family, type, proto);
    return adopt(core, () => new Socket(family, type, proto));
  };
  return [make(a), make(b)];
}
