// alarm(), setitimer() and getitimer(): the kernel's process timers, which deliver SIGALRM,
// SIGVTALRM and SIGPROF to the handlers installed with signal().

import { OSError } from "../_errors/os_error.ts";
import { OverflowError, ValueError } from "../_errors/python_errors.ts";
import * as ffi from "../_ffi/signals.ts";
import { ItimerError } from "./errors.ts";
import { describe, requireInt } from "./_validate.ts";

const INT_MAX = 0x7fffffff;

/**
 * Schedules a SIGALRM in `seconds` whole seconds, replacing any earlier alarm; 0 cancels it
 * (Python's `signal.alarm`).
 *
 * @param seconds whole seconds, 0 to 2147483647
 * @returns the seconds that were left on the previous alarm, or 0
 * @throws {TypeError} when `seconds` is not an integer
 * @throws {OverflowError} when `seconds` is negative or above 2147483647
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { alarm } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * alarm(100);
 * assert.equal(alarm(0), 100); // cancelled; 100 seconds were left
 * ```
 */
export function alarm(seconds: number): number {
  requireInt(seconds, "seconds");
  if (seconds < 0 || seconds > INT_MAX) {
    throw new OverflowError(`seconds must be between 0 and ${INT_MAX}, got ${seconds}`);
  }
  return ffi.alarm(seconds);
}

/**
 * Arms the interval timer `which` (Python's `signal.setitimer`): it fires after `seconds`,
 * then every `interval` seconds if that is not 0, delivering SIGALRM (`ITIMER_REAL`),
 * SIGVTALRM (`ITIMER_VIRTUAL`) or SIGPROF (`ITIMER_PROF`). `seconds` 0 disarms it. Times
 * are rounded up to microseconds.
 *
 * @param which `ITIMER_REAL`, `ITIMER_VIRTUAL` or `ITIMER_PROF`
 * @param seconds delay before the first expiry, in seconds
 * @param interval period after that, in seconds (0 for once)
 * @returns the previous `[delay, interval]` of that timer, in seconds
 * @throws {ItimerError} when the kernel refuses (an unknown `which`, a negative time)
 * @throws {TypeError} when an argument is not a number
 * @throws {ValueError} when a time is NaN
 * @throws {OverflowError} when a time is infinite or beyond 2^53 seconds
 * @tags allow-ffi
 *
 * @example Two ticks of a 10 ms timer
 * ```ts
 * import { ITIMER_REAL, pause, setitimer, signal, SIGALRM } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * let ticks = 0;
 * const previous = signal(SIGALRM, () => void ticks++);
 * setitimer(ITIMER_REAL, 0.01, 0.01);
 * while (ticks < 2) await pause();
 * const [delay, interval] = setitimer(ITIMER_REAL, 0);
 * assert.ok(delay <= 0.01);
 * assert.equal(interval, 0.01);
 * signal(SIGALRM, previous);
 * ```
 */
export function setitimer(which: number, seconds: number, interval = 0): [number, number] {
  requireInt(which, "which");
  checkTime(seconds, "seconds");
  checkTime(interval, "interval");
  return itimerCall(() => ffi.setitimer(which, seconds, interval));
}

/**
 * Reads the interval timer `which` (Python's `signal.getitimer`).
 *
 * @param which `ITIMER_REAL`, `ITIMER_VIRTUAL` or `ITIMER_PROF`
 * @returns `[delay, interval]` in seconds: the time to the next expiry (0 when disarmed)
 *   and the period
 * @throws {ItimerError} when the kernel refuses (an unknown `which`)
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { getitimer, ITIMER_VIRTUAL } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(getitimer(ITIMER_VIRTUAL), [0, 0]);
 * ```
 */
export function getitimer(which: number): [number, number] {
  requireInt(which, "which");
  return itimerCall(() => ffi.getitimer(which));
}

function checkTime(value: unknown, what: string): asserts value is number {
  if (typeof value !== "number") {
    throw new TypeError(`${what} must be a number, not ${describe(value)}`);
  }
  if (Number.isNaN(value)) throw new ValueError("Invalid value NaN (not a number)");
  if (Math.abs(value) > 2 ** 53) throw new OverflowError(`${what} is too large: ${value}`);
}

function itimerCall(call: () => [number, number]): [number, number] {
  try {
    return call();
  } catch (err) {
    if (err instanceof OSError && err.errno !== null) {
      throw new ItimerError(err.errno, undefined, null, null, { cause: err });
    }
    throw err;
  }
}
