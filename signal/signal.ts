// signal(), getsignal(), pause(), siginterrupt(), strsignal(), validSignals() and the
// default SIGINT handler: Python's handler table on top of Deno's signal listeners and the
// kernel's sigaction.

import { osError } from "../_errors/os_error.ts";
import { NotImplementedError } from "../_errors/python_errors.ts";
import { libc } from "../_ffi/libc.ts";
import * as ffi from "../_ffi/signals.ts";
import { SIGKILL, SIGRTMIN, SIGSTOP } from "./constants.ts";
import { KeyboardInterrupt } from "./errors.ts";
import { denoName, handlerRefusal } from "./_deno.ts";
import {
  getHandler,
  type Handler,
  kernelMode,
  pauseUntilHandled,
  setHandler,
  setInterrupt,
} from "./_state.ts";
import { requireMainThread, requireSignal } from "./_validate.ts";

export type { Handler, SignalHandler } from "./_state.ts";

/**
 * Sets the handler of signal `signalnum` and returns the previous one (Python's
 * `signal.signal`). A function handler is called as `handler(signum, null)` on Deno's event
 * loop, once per delivery that Deno reports (Deno merges a burst of the same signal into
 * fewer calls, as the kernel does while a signal is pending). `SIG_IGN` and `SIG_DFL` are
 * set in the kernel. `null` (what {@linkcode getsignal} returns for a handler that this
 * module did not install, such as Deno's own SIGINT exit hook) restores whatever was in
 * place before this module first changed the signal.
 *
 * @param signalnum the signal number, 1 to NSIG-1
 * @param handler `SIG_DFL`, `SIG_IGN`, a function, or null for the original handler
 * @returns the previous handler; null when it was not installed by this module
 * @throws {TypeError} when `handler` is none of those, or `signalnum` is not an integer
 * @throws {ValueError} when `signalnum` is out of range, or when called from a Worker
 * @throws {OSError} EINVAL for SIGKILL and SIGSTOP
 * @throws {NotImplementedError} for a function handler of a signal Deno cannot listen to
 *   (SIGSEGV, SIGILL, SIGFPE, real-time signals)
 * @tags allow-ffi
 *
 * @example Handle a signal, then put the previous handler back
 * ```ts
 * import { getsignal, raiseSignal, signal, SIGUSR2 } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * const seen: number[] = [];
 * const previous = signal(SIGUSR2, (signum, frame) => {
 *   assert.equal(frame, null);
 *   seen.push(signum);
 * });
 * raiseSignal(SIGUSR2); // handled before raiseSignal returns, as in Python
 * assert.deepEqual(seen, [SIGUSR2]);
 * assert.equal(typeof getsignal(SIGUSR2), "function");
 * signal(SIGUSR2, previous);
 * assert.equal(getsignal(SIGUSR2), previous);
 * ```
 */
export function signal(signalnum: number, handler: Handler | null): Handler | null {
  requireMainThread("signal");
  requireSignal(signalnum);
  if (handler !== null && handler !== 0 && handler !== 1 && typeof handler !== "function") {
    throw new TypeError(
      "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
    );
  }
  if (signalnum === SIGKILL || signalnum === SIGSTOP) throw osError("EINVAL");
  if (typeof handler === "function") {
    const why = handlerRefusal(signalnum);
    if (why) throw new NotImplementedError(why);
  }
  // Without FFI only the signals Deno can listen to can be emulated.
  if (!kernelMode() && denoName(signalnum) === undefined) libc();
  return setHandler(signalnum, handler);
}

/**
 * Returns the current handler of `signalnum` (Python's `signal.getsignal`): `SIG_DFL`,
 * `SIG_IGN`, a function installed with {@linkcode signal}, or null when the handler in
 * place was not installed by this module. Deno's own handlers show as null: SIGINT, SIGTERM
 * and SIGHUP (Deno's exit hooks) and SIGUSR1 (Deno's inspector trigger); Deno starts with
 * SIGPIPE ignored, so its handler is `SIG_IGN`.
 *
 * @param signalnum the signal number, 1 to NSIG-1
 * @returns the handler
 * @throws {ValueError} when `signalnum` is out of range
 *
 * @example
 * ```ts
 * import { getsignal, SIG_DFL, SIG_IGN, SIGINT, SIGPIPE, SIGXCPU } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.equal(getsignal(SIGXCPU), SIG_DFL);
 * assert.equal(getsignal(SIGPIPE), SIG_IGN);
 * assert.equal(getsignal(SIGINT), null); // Deno's exit hook, not installed from here
 * ```
 */
export function getsignal(signalnum: number): Handler | null {
  requireSignal(signalnum);
  return getHandler(signalnum);
}

/**
 * Python's `signal.default_int_handler`: throws {@linkcode KeyboardInterrupt}. Install it
 * with `signal(SIGINT, defaultIntHandler)` to make Ctrl-C end the process with a
 * `KeyboardInterrupt` (or reject a pending {@linkcode pause}).
 *
 * @param _signum the signal number (ignored)
 * @param _frame always null
 * @throws {KeyboardInterrupt} always
 *
 * @example
 * ```ts
 * import { defaultIntHandler, KeyboardInterrupt, SIGINT } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => defaultIntHandler(SIGINT, null), KeyboardInterrupt);
 * ```
 */
export function defaultIntHandler(_signum: number, _frame: null): never {
  throw new KeyboardInterrupt();
}

/** Options of {@linkcode pause}. */
export interface PauseOptions {
  /**
   * Stops waiting: the Promise rejects with the signal's reason.
   * @default {undefined}
   */
  signal?: AbortSignal;
}

/**
 * Waits until a signal is handled (Python's `signal.pause`): resolves after the next call of
 * a handler installed with {@linkcode signal}, and rejects with the handler's exception if it
 * throws one. Keeps the process alive while it waits, as Python's pause() does.
 *
 * @param options an AbortSignal to stop waiting
 * @returns a Promise settled by the next handled signal
 *
 * @example
 * ```ts
 * import { pause, raiseSignal, signal, SIGUSR2 } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * const previous = signal(SIGUSR2, () => {
 *   throw new Error("stop");
 * });
 * const paused = pause();
 * assert.throws(() => raiseSignal(SIGUSR2), { message: "stop" });
 * await paused; // resolved: the exception went to raiseSignal's caller
 * signal(SIGUSR2, previous);
 * ```
 */
export function pause(options: PauseOptions = {}): Promise<void> {
  return pauseUntilHandled(options.signal);
}

/**
 * Chooses whether system calls interrupted by `signalnum` fail with EINTR (`flag` true) or
 * are restarted (`flag` false), by clearing or setting SA_RESTART (Python's
 * `signal.siginterrupt`). Deno installs its handler with SA_RESTART; the choice is kept
 * when this module reinstalls Deno's handler later.
 *
 * @param signalnum the signal number, 1 to NSIG-1
 * @param flag true to interrupt system calls, false to restart them
 * @throws {ValueError} when `signalnum` is out of range
 * @throws {OSError} EINVAL for SIGKILL and SIGSTOP
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { siginterrupt, SIGUSR2 } from "@ipcnet/std/signal";
 *
 * siginterrupt(SIGUSR2, false); // restart system calls (the default)
 * ```
 */
export function siginterrupt(signalnum: number, flag: boolean): void {
  requireSignal(signalnum);
  if (signalnum === SIGKILL || signalnum === SIGSTOP) throw osError("EINVAL");
  setInterrupt(signalnum, Boolean(flag));
}

/**
 * The system's description of a signal (Python's `signal.strsignal`), such as
 * `"Interrupt"` for SIGINT, or null when the system does not know the signal. Uses the C
 * library's strsignal() when FFI is permitted, else the same texts built in.
 *
 * @param signalnum the signal number, 1 to NSIG-1
 * @returns the description, or null
 * @throws {ValueError} when `signalnum` is out of range
 *
 * @example
 * ```ts
 * import { SIGINT, strsignal } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.equal(strsignal(SIGINT), "Interrupt");
 * ```
 */
export function strsignal(signalnum: number): string | null {
  requireSignal(signalnum);
  if (kernelMode()) return ffi.strsignal(signalnum);
  if (SIGRTMIN !== undefined && signalnum >= SIGRTMIN) {
    return `Real-time signal ${signalnum - SIGRTMIN}`;
  }
  return ffi.STRSIGNAL[signalnum] ?? null;
}

/**
 * Every signal number that can be used on this platform (Python's `signal.valid_signals`):
 * 1 to 31 and the real-time signals 34 to 64 on Linux (glibc reserves 32 and 33), 1 to 31
 * on macOS.
 *
 * @returns a new Set of signal numbers
 *
 * @example
 * ```ts
 * import { SIGKILL, validSignals } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.ok(validSignals().has(SIGKILL));
 * ```
 */
export function validSignals(): Set<number> {
  const out = new Set<number>();
  for (let n = 1; n <= 31; n++) out.add(n);
  if (SIGRTMIN !== undefined) {
    for (let n = SIGRTMIN; n <= ffi.SIGNAL_NUMBERS.SIGRTMAX; n++) out.add(n);
  }
  return out;
}
