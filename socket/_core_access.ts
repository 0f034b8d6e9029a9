// A module-private way to reach a Socket's core (its state is `#private`), for ssl/ and for
// makefile: socket.ts registers an accessor once. Not part of the public API.

import { osError } from "../_errors/mod.ts";
import { adopt } from "./_adopt.ts";
import type { SocketCore } from "./_core.ts";
import type { Socket } from "./socket.ts";

let access: ((sock: Socket) => SocketCore | null) | null = null;

/** Called once by socket.ts with a function that returns a socket's core. */
export function registerCoreAccess(fn: (sock: Socket) => SocketCore | null): void {
  access = fn;
}

/** The core of `sock`, or null when it is closed. */
export function coreOf(sock: Socket): SocketCore | null {
  return access!(sock);
}

/**
 * A second `Socket` object on the same socket (same descriptor, if any), which keeps it
 * open until it is closed too: what a file from `makefile` holds, as Python's SocketIO
 * holds the socket itself.
 */
export function shareSocket(sock: Socket): Socket {
  const core = coreOf(sock);
  if (core === null) throw osError("EBADF");
  core.refs++;
  const Ctor = sock.constructor as new (f: number, t: number, p: number) => Socket;
  const copy = adopt(core, () => new Ctor(core.family, core.type, core.proto));
  copy.settimeout(sock.gettimeout());
  return copy;
}
