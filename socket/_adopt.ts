// Hands an existing SocketCore to the next `new Socket()` (accept, dup, socketpair),
// so that the public constructor keeps Python's signature.

import type { SocketCore } from "./_core.ts";

let pending: SocketCore | null = null;

/** Runs `make` (which calls `new Socket`) so that the socket wraps `core`. */
export function adopt<T>(core: SocketCore, make: () => T): T {
  pending = core;
  try {
    return make();
  } finally {
    pending = null;
  }
}

/** The core handed over by `adopt`, once. */
export function takeAdopted(): SocketCore | null {
  const core = pending;
  pending = null;
  return core;
}
