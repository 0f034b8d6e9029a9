// Python's socket.fromfd: a socket object for an existing descriptor.

import { NotImplementedError } from "../_errors/mod.ts";
import type { Socket } from "./socket.ts";

/**
 * Python's `socket.fromfd(fd, family, type, proto)`: duplicates `fd` and wraps it in a
 * socket object.
 *
 * @param fd an open socket descriptor
 * @param family its address family
 * @param type its socket type
 * @param proto its protocol
 * @returns the new socket
 * @throws {NotImplementedError} on the native substrate, which cannot adopt descriptors
 *
 * @example
 * ```ts
 * import { AF_INET, fromfd, NotImplementedError, SOCK_STREAM } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => fromfd(0, AF_INET, SOCK_STREAM), NotImplementedError);
 * ```
 */
export function fromfd(fd: number, family: number, type: number, proto = 0): Socket {
  throw new NotImplementedError(
    `fromfd(${fd}, ${family}, ${type}, ${proto}): adopting a descriptor needs a kernel ` +
      "socket; Deno's native sockets have none",
  );
}
