// Python's socket.fromfd and socket.close: sockets from, and closing of, raw descriptors.

import * as sys from "../_ffi/sockets.ts";
import { requireFfi } from "./_fd_core.ts";
import { Socket } from "./socket.ts";

/**
 * Python's `socket.fromfd(fd, family, type, proto)`: duplicates `fd` and wraps the copy
 * in a kernel socket object; `fd` itself stays open.
 *
 * @param fd an open socket descriptor
 * @param family its address family
 * @param type its socket type
 * @param proto its protocol
 * @returns the new socket
 * @throws {OSError} EBADF or ENOTSOCK for a descriptor that is not an open socket
 * @throws {NotImplementedError} without --allow-ffi
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { AF_UNIX, fromfd, SOCK_STREAM, socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * using copy = fromfd(a.fileno(), AF_UNIX, SOCK_STREAM);
 * assert.notEqual(copy.fileno(), a.fileno());
 * await copy.sendall(new Uint8Array([7]));
 * assert.deepEqual(await b.recv(1), new Uint8Array([7]));
 * ```
 */
export function fromfd(fd: number, family: number, type: number, proto = 0): Socket {
  requireFfi("fromfd()");
  return new Socket(family, type, proto, sys.dup(fd));
}

/**
 * Python's `socket.close(fd)`: closes a socket descriptor (one that `detach()` handed
 * over, for example).
 *
 * @param fd the descriptor
 * @throws {OSError} EBADF for a descriptor that is not open
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { close, socketpair } from "@ipcnet/std/socket";
 *
 * const [a, b] = socketpair();
 * b.close();
 * close(a.detach());
 * ```
 */
export function close(fd: number): void {
  requireFfi("close(fd)");
  sys.close(fd);
}

/**
 * Python's `socket.sethostname(name)`: sets the machine's host name. Needs privileges
 * (`PermissionError` otherwise).
 *
 * @param name the new name
 * @tags allow-ffi
 *
 * @example
 * ```ts ignore
 * import { gethostname, sethostname } from "@ipcnet/std/socket";
 *
 * sethostname(gethostname()); // as root only
 * ```
 */
export function sethostname(name: string | Uint8Array): void {
  requireFfi("sethostname()");
  sys.sethostname(name);
}
