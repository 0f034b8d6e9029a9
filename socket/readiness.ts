// The readiness protocol for objects without a kernel descriptor (native sockets):
// `select.select`, the selectors, asyncore and asyncio's addReader/addWriter call these
// symbol-keyed methods. An object of the user's that implements them can be watched too.

/**
 * Which readiness is asked for: `"read"` (data, end of stream, an error or a waiting
 * connection) or `"write"` (room to send).
 */
export type ReadinessKind = "read" | "write";

/**
 * Returns whether the object is ready right now, without waiting. Asking for "read"
 * also starts reading ahead, so that readiness arrives on its own.
 */
export const kReadyNow: unique symbol = Symbol.for("ipcnet.readyNow");
/**
 * Resolves when the object is ready for `kind`, or rejects with `signal.reason`.
 */
export const kWaitReady: unique symbol = Symbol.for("ipcnet.waitReady");

/**
 * An object that can report readiness without a file descriptor, so that `select()` and
 * the selectors can watch it. Every native `Socket` implements it.
 *
 * @example
 * ```ts
 * import { kReadyNow, kWaitReady, socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * const readable = b[kWaitReady]("read", new AbortController().signal);
 * await a.sendall(new Uint8Array([1]));
 * await readable;
 * assert.equal(b[kReadyNow]("read"), true);
 * ```
 */
export interface NativeReadiness {
  /** Whether the object is ready for `kind` now. */
  [kReadyNow](kind: ReadinessKind): boolean;
  /** Resolves when the object becomes ready for `kind`. */
  [kWaitReady](kind: ReadinessKind, signal: AbortSignal): Promise<void>;
}

/**
 * Whether `value` implements the readiness protocol.
 *
 * @example
 * ```ts
 * import { hasNativeReadiness, socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * assert.ok(hasNativeReadiness(a));
 * assert.ok(!hasNativeReadiness(0));
 * ```
 */
export function hasNativeReadiness(value: unknown): value is NativeReadiness {
  return typeof value === "object" && value !== null && kWaitReady in value;
}
