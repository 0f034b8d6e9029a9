// Argument checks shared by the signal module, with Python's exceptions and messages.

import { OverflowError, ValueError } from "../_errors/python_errors.ts";
import { NSIG } from "./constants.ts";

/**
 * Throws TypeError unless `value` is an integer, and OverflowError unless it fits a C int
 * (as Python's argument conversion does); `what` names the argument.
 */
export function requireInt(value: unknown, what: string): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`${what} must be an integer, not ${describe(value)}`);
  }
  if (value < -0x80000000 || value > 0x7fffffff) {
    throw new OverflowError(`${what} does not fit in a C int: ${value}`);
  }
}

/** Checks a signal number: TypeError for a non-integer, ValueError outside 1..NSIG-1. */
export function requireSignal(sig: unknown): asserts sig is number {
  requireInt(sig, "signalnum");
  if (sig < 1 || sig >= NSIG) throw new ValueError("signal number out of range");
}

/** Checks a set of signal numbers (Python's iterable_to_sigset) and returns it as a Set. */
export function requireSignalSet(signals: unknown, what: string): Set<number> {
  if (
    signals === null || typeof signals !== "object" ||
    typeof (signals as Iterable<unknown>)[Symbol.iterator] !== "function"
  ) {
    throw new TypeError(`${what} must be an iterable of signal numbers, not ${describe(signals)}`);
  }
  const out = new Set<number>();
  for (const sig of signals as Iterable<unknown>) {
    requireInt(sig, "signal number");
    if (sig < 1 || sig >= NSIG) throw new ValueError(`signal number ${sig} out of range`);
    out.add(sig);
  }
  return out;
}

/** Throws Python's ValueError when called from a Worker rather than the main thread. */
export function requireMainThread(fn: string): void {
  const scope = (globalThis as { WorkerGlobalScope?: abstract new () => unknown })
    .WorkerGlobalScope;
  if (typeof scope === "function" && globalThis instanceof scope) {
    throw new ValueError(`${fn} only works in main thread`);
  }
}

/** Python's name for the type of `value`, for TypeError messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
