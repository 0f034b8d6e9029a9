// raiseSignal(), pthreadKill(), getIdent() and pidfdSendSignal(): sending signals to this
// thread, another thread of this process, or a process by its pidfd.

import { OSError } from "../_errors/os_error.ts";
import { ERRNO } from "../_ffi/errno.ts";
import * as ffi from "../_ffi/signals.ts";
import { NSIG } from "./constants.ts";
import { kernelMode, raiseHere } from "./_state.ts";
import { describe, requireInt } from "./_validate.ts";

/**
 * Sends `signalnum` to the calling thread (Python's `signal.raise_signal`). With FFI a
 * handler installed with `signal()` runs before this returns, and its exception is thrown
 * from here, as in Python; a signal with no such handler gets the kernel's action. Without
 * FFI the signal is sent with `Deno.kill(Deno.pid, signalnum)` (needs --allow-run) and the
 * handler runs later on the event loop.
 *
 * @param signalnum the signal number (0 checks nothing and sends nothing)
 * @throws {OSError} EINVAL for an invalid signal number
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { raiseSignal, signal, SIGUSR2 } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * let got = 0;
 * const previous = signal(SIGUSR2, (signum) => void (got = signum));
 * raiseSignal(SIGUSR2);
 * assert.equal(got, SIGUSR2);
 * signal(SIGUSR2, previous);
 * ```
 */
export function raiseSignal(signalnum: number): void {
  requireInt(signalnum, "signalnum");
  if (!kernelMode()) return Deno.kill(Deno.pid, signalnum);
  if (signalnum >= 1 && signalnum < NSIG) raiseHere(signalnum);
  else ffi.raise(signalnum);
}

/**
 * The calling thread's identifier, for {@linkcode pthreadKill}: the kernel thread id on
 * Linux (Python's `threading.get_native_id()`), the pthread_t on macOS (Python's
 * `threading.get_ident()`). A Worker gets its own.
 *
 * @returns the thread identifier
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { getIdent } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.ok(getIdent() > 0);
 * ```
 */
export function getIdent(): number {
  return ffi.threadIdent();
}

/**
 * Sends `signalnum` to the thread `threadId` of this process (Python's
 * `signal.pthread_kill`). Signalling the calling thread behaves as {@linkcode raiseSignal}.
 * `signalnum` 0 only checks that the thread exists. On Linux the thread is addressed by its
 * kernel id and the kernel validates it (glibc's pthread_kill would crash on a stale
 * pthread_t).
 *
 * @param threadId an identifier from {@linkcode getIdent}
 * @param signalnum the signal number
 * @throws {ProcessLookupError} when no such thread exists
 * @throws {OSError} EINVAL for an invalid signal number
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { getIdent, pthreadKill } from "@ipcnet/std/signal";
 *
 * pthreadKill(getIdent(), 0); // the thread exists
 * ```
 */
export function pthreadKill(threadId: number, signalnum: number): void {
  if (!Number.isSafeInteger(threadId)) {
    throw new TypeError(`threadId must be an integer, not ${describe(threadId)}`);
  }
  requireInt(signalnum, "signalnum");
  if (threadId === ffi.threadIdent() && signalnum >= 1 && signalnum < NSIG) {
    return raiseHere(signalnum);
  }
  ffi.threadKill(threadId, signalnum);
}

/**
 * Sends `sig` to the process that `pidfd` refers to (Python's `signal.pidfd_send_signal`,
 * Linux 5.1 or later). A pidfd comes from Linux's pidfd_open(2).
 *
 * @param pidfd a process file descriptor
 * @param sig the signal number
 * @param siginfo reserved; must be null
 * @param flags reserved; must be 0
 * @throws {ProcessLookupError} when the process has exited
 * @throws {OSError} EBADF when `pidfd` is not a pidfd, ENOSYS on macOS
 * @throws {TypeError} when `siginfo` is not null
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { pidfdSendSignal } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") {
 *   assert.throws(() => pidfdSendSignal(-1, 0), { code: "EBADF" });
 * }
 * ```
 */
export function pidfdSendSignal(
  pidfd: number,
  sig: number,
  siginfo: null = null,
  flags = 0,
): void {
  requireInt(pidfd, "pidfd");
  requireInt(sig, "sig");
  if (siginfo != null) throw new TypeError(`siginfo must be null, not ${describe(siginfo)}`);
  requireInt(flags, "flags");
  if (Deno.build.os !== "linux") {
    throw new OSError(ERRNO.ENOSYS, `pidfd_send_signal is not available on "${Deno.build.os}"`);
  }
  ffi.pidfdSendSignal(pidfd, sig, flags);
}
