// The readiness contract of DESIGN.md for objects without a kernel descriptor (native
// sockets): `select.select`, the selectors, asyncore and asyncio's addReader/addWriter
// call these symbol-keyed methods.

/** Which readiness is asked for. */
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

/** An object that can report readiness without a file descriptor. */
export interface NativeReadiness {
  /** Whether the object is ready for `kind` now. */
  [kReadyNow](kind: ReadinessKind): boolean;
  /** Resolves when the object becomes ready for `kind`. */
  [kWaitReady](kind: ReadinessKind, signal: AbortSignal): Promise<void>;
}

/** Whether `value` implements the native readiness contract. */
export function hasNativeReadiness(value: unknown): value is NativeReadiness {
  return typeof value === "object" && value !== null && kWaitReady in value;
}
