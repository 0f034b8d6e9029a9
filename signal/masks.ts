// pthreadSigmask(), sigpending(), sigwait(), sigwaitinfo() and sigtimedwait().
//
// The mask is the JS thread's real kernel mask. Deno's signal thread and its other threads do
// not share it, so a signal sent to the process (kill) is still delivered there while the JS
// thread blocks it. This module therefore catches such a signal with a Deno listener while
// it is blocked, keeps it pending, and handles it (or takes the default action) when it is
// unblocked, which gives Python's observable behaviour.

import { ERRNO } from "../_ffi/errno.ts";
import { OSError } from "../_errors/os_error.ts";
import { ValueError } from "../_errors/python_errors.ts";
import * as ffi from "../_ffi/signals.ts";
import { SIG_BLOCK, SIG_SETMASK, SIG_UNBLOCK } from "./constants.ts";
import { afterMaskChange, beforeUnblock, caughtSignals, waitFor } from "./_state.ts";
import { describe, requireInt, requireSignalSet } from "./_validate.ts";

/** Options of {@linkcode sigwait}, {@linkcode sigwaitinfo} and {@linkcode sigtimedwait}. */
export interface SigwaitOptions {
  /**
   * Stops waiting: the Promise rejects with the signal's reason.
   * @default {undefined}
   */
  signal?: AbortSignal;
}

/**
 * Python's `signal.struct_siginfo`: what the kernel told about an accepted signal. For a
 * signal that Deno's signal thread caught (one sent to the process while the JS thread
 * blocked it) only `siSigno` is known; the other fields are 0.
 *
 * @example
 * ```ts
 * import { StructSiginfo } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * const info = new StructSiginfo({
 *   signo: 10, code: 0, errno: 0, pid: 42, uid: 1000, status: 0, band: 0,
 * });
 * assert.equal(info.siPid, 42);
 * ```
 */
export class StructSiginfo {
  /** The signal number. */
  readonly siSigno: number;
  /** The signal code (SI_USER, SI_QUEUE, CLD_EXITED, ...). */
  readonly siCode: number;
  /** An errno value associated with the signal. */
  readonly siErrno: number;
  /** The sending process id. */
  readonly siPid: number;
  /** The sending process's real user id. */
  readonly siUid: number;
  /** The exit status or signal of a child (SIGCHLD). */
  readonly siStatus: number;
  /** The band event (SIGPOLL); on Linux it overlaps siPid and siUid, as in CPython. */
  readonly siBand: number;

  /**
   * Wraps the fields read from a siginfo_t.
   *
   * @param info the raw fields
   */
  constructor(info: ffi.RawSiginfo) {
    this.siSigno = info.signo;
    this.siCode = info.code;
    this.siErrno = info.errno;
    this.siPid = info.pid;
    this.siUid = info.uid;
    this.siStatus = info.status;
    this.siBand = info.band;
  }
}

/**
 * Reads and changes the calling thread's signal mask (Python's `signal.pthread_sigmask`).
 * A signal that is unblocked while pending is handled before this returns, and its
 * handler's exception is thrown from here, as in Python.
 *
 * @param how `SIG_BLOCK`, `SIG_UNBLOCK` or `SIG_SETMASK`
 * @param mask signal numbers
 * @returns the previous mask
 * @throws {OSError} EINVAL for an unknown `how`
 * @throws {ValueError} when a signal number is out of range
 * @tags allow-ffi
 *
 * @example Block, then unblock a pending signal
 * ```ts
 * import {
 *   pthreadSigmask, raiseSignal, SIG_BLOCK, SIG_UNBLOCK, signal, sigpending, SIGUSR2,
 * } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * let calls = 0;
 * const previous = signal(SIGUSR2, () => void calls++);
 * pthreadSigmask(SIG_BLOCK, [SIGUSR2]);
 * raiseSignal(SIGUSR2);
 * assert.ok(sigpending().has(SIGUSR2));
 * assert.equal(calls, 0);
 * const old = pthreadSigmask(SIG_UNBLOCK, [SIGUSR2]);
 * assert.ok(old.has(SIGUSR2));
 * assert.equal(calls, 1); // handled before pthreadSigmask returned
 * signal(SIGUSR2, previous);
 * ```
 */
export function pthreadSigmask(how: number, mask: Iterable<number>): Set<number> {
  requireInt(how, "how");
  const signals = requireSignalSet(mask, "mask");
  const before = new Set(ffi.threadMask(null));
  const predicted = how === SIG_BLOCK
    ? before.union(signals)
    : how === SIG_UNBLOCK
    ? before.difference(signals)
    : how === SIG_SETMASK
    ? signals
    : before;
  beforeUnblock(before.difference(predicted));
  const old = ffi.threadMask(how, signals);
  afterMaskChange(before, new Set(ffi.threadMask(null)));
  return new Set(old);
}

/**
 * The signals pending for the calling thread: raised while blocked, or sent to the process
 * while the JS thread blocked them (Python's `signal.sigpending`).
 *
 * @returns a new Set of signal numbers
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { sigpending } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sigpending().size, 0);
 * ```
 */
export function sigpending(): Set<number> {
  return new Set([...ffi.pendingSignals(), ...caughtSignals()]);
}

/**
 * Waits for one of `sigset` and accepts it, so that its handler is not called (Python's
 * `signal.sigwait`). Resolves at once with a signal that is already pending. As in Python,
 * block the signals first; a signal that is not blocked is also taken by the waiter, since
 * the listener that Deno calls cannot tell the two apart.
 *
 * @param sigset signal numbers to wait for
 * @param options an AbortSignal to stop waiting
 * @returns the number of the signal accepted
 * @throws {ValueError} when a signal number is out of range
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import {
 *   pthreadSigmask, raiseSignal, SIG_BLOCK, SIG_SETMASK, sigwait, SIGUSR2,
 * } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * const old = pthreadSigmask(SIG_BLOCK, [SIGUSR2]);
 * raiseSignal(SIGUSR2);
 * assert.equal(await sigwait([SIGUSR2]), SIGUSR2);
 * pthreadSigmask(SIG_SETMASK, old);
 * ```
 */
export function sigwait(
  sigset: Iterable<number>,
  options: SigwaitOptions = {},
): Promise<number> {
  const set = requireSignalSet(sigset, "sigset");
  return waitFor(set, null, options.signal).then((info) => info!.signo);
}

/**
 * Like {@linkcode sigwait}, but resolves with the signal's {@linkcode StructSiginfo}
 * (Python's `signal.sigwaitinfo`). Linux only, as in Python.
 *
 * @param sigset signal numbers to wait for
 * @param options an AbortSignal to stop waiting
 * @returns what the kernel told about the signal
 * @throws {OSError} ENOSYS on macOS
 * @throws {ValueError} when a signal number is out of range
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import {
 *   pthreadSigmask, raiseSignal, SIG_BLOCK, SIG_SETMASK, sigwaitinfo, SIGUSR2,
 * } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") {
 *   const old = pthreadSigmask(SIG_BLOCK, [SIGUSR2]);
 *   raiseSignal(SIGUSR2);
 *   const info = await sigwaitinfo([SIGUSR2]);
 *   assert.equal(info.siSigno, SIGUSR2);
 *   assert.equal(info.siPid, Deno.pid);
 *   pthreadSigmask(SIG_SETMASK, old);
 * }
 * ```
 */
export function sigwaitinfo(
  sigset: Iterable<number>,
  options: SigwaitOptions = {},
): Promise<StructSiginfo> {
  linuxOnly("sigwaitinfo");
  const set = requireSignalSet(sigset, "sigset");
  return waitFor(set, null, options.signal).then((info) => new StructSiginfo(info!));
}

/**
 * Like {@linkcode sigwaitinfo}, giving up after `timeout` seconds (Python's
 * `signal.sigtimedwait`). Linux only, as in Python.
 *
 * @param sigset signal numbers to wait for
 * @param timeout seconds to wait; 0 only polls
 * @param options an AbortSignal to stop waiting
 * @returns the signal's information, or null on timeout
 * @throws {OSError} ENOSYS on macOS
 * @throws {ValueError} when `timeout` is negative or NaN, or a signal number is out of range
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { sigtimedwait, SIGUSR2 } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") {
 *   assert.equal(await sigtimedwait([SIGUSR2], 0), null);
 * }
 * ```
 */
export function sigtimedwait(
  sigset: Iterable<number>,
  timeout: number,
  options: SigwaitOptions = {},
): Promise<StructSiginfo | null> {
  linuxOnly("sigtimedwait");
  const set = requireSignalSet(sigset, "sigset");
  if (typeof timeout !== "number") {
    throw new TypeError(`timeout must be a number, not ${describe(timeout)}`);
  }
  if (Number.isNaN(timeout)) throw new ValueError("Invalid value NaN (not a number)");
  if (timeout < 0) throw new ValueError("timeout must be non-negative");
  return waitFor(set, timeout, options.signal).then((info) =>
    info ? new StructSiginfo(info) : null
  );
}

function linuxOnly(fn: string): void {
  if (Deno.build.os !== "linux") {
    throw new OSError(ERRNO.ENOSYS, `${fn} is not available on "${Deno.build.os}"`);
  }
}
