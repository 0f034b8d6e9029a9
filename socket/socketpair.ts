// Python's socket.socketpair on the native substrate: two connected in-memory stream
// sockets, which need no permission at all.

import { NotImplementedError, osError } from "../_errors/mod.ts";
import { adopt } from "./_adopt.ts";
import { SocketCore } from "./_core.ts";
import { memoryPair } from "./_memory_pair.ts";
import { Socket } from "./socket.ts";
import { AF_UNIX, SOCK_STREAM } from "./constants.ts";

/**
 * Python's `socket.socketpair(family, type, proto)`: a pair of connected `AF_UNIX`
 * stream sockets. Data written to one is read from the other; each side can half-close
 * with `shutdown(SHUT_WR)`.
 *
 * @param family must be `AF_UNIX` (the default), as on Linux
 * @param type `SOCK_STREAM` (the default)
 * @param proto 0
 * @returns the two connected sockets
 * @throws {OSError} EOPNOTSUPP for another family
 * @throws {NotImplementedError} for datagram pairs, which need kernel sockets
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
  if (family !== AF_UNIX) throw osError("EOPNOTSUPP");
  if (type !== SOCK_STREAM) {
    throw new NotImplementedError(
      "socketpair() of datagram sockets needs kernel sockets; the native pair is a stream",
    );
  }
  if (proto !== 0) throw osError("EPROTONOSUPPORT");
  const [x, y] = memoryPair();
  const make = (conn: typeof x): Socket => {
    const core = SocketCore.connected(conn, family, type, proto);
    return adopt(core, () => new Socket(family, type, proto));
  };
  return [make(x), make(y)];
}
