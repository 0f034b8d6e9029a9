/**
 * Python's `signal` module (chapter 18.8,
 * {@link https://docs.python.org/3.6/library/signal.html}) for Deno: handlers for
 * asynchronous events, with the kernel's real dispositions, timers and masks.
 *
 * CPython's `Modules/signalmodule.c` maps onto: `signal.ts` (signal, getsignal, pause,
 * siginterrupt, strsignal, valid_signals, default_int_handler), `itimer.ts` (alarm,
 * setitimer, getitimer), `masks.ts` (pthread_sigmask, sigpending, sigwait, sigwaitinfo,
 * sigtimedwait), `send.ts` (raise_signal, pthread_kill, pidfd_send_signal),
 * `wakeup_fd.ts` (set_wakeup_fd), `constants.ts` and `errors.ts`.
 *
 * Differences from CPython (the README's table has the full list):
 * - Handlers run on Deno's event loop, called as `handler(signum, null)`. A handler's
 *   exception is thrown from the call that ran it synchronously (`raiseSignal`,
 *   `pthreadKill` to the calling thread, `pthreadSigmask`), else rejects every pending
 *   `pause()`, else is reported as an uncaught error, which ends the process as in Python.
 * - Deno merges a burst of one signal into fewer handler calls than the kernel delivered.
 * - `getsignal()` shows Deno's own handlers as null (SIGINT, SIGTERM, SIGHUP, SIGUSR1);
 *   `signal(n, null)` restores them, which Python cannot do.
 * - `pause()`, `sigwait()`, `sigwaitinfo()` and `sigtimedwait()` return Promises.
 * - `getIdent()` stands in for `threading.get_ident()` as the thread id of `pthreadKill`.
 * - No handlers for SIGSEGV, SIGILL, SIGFPE or real-time signals (`NotImplementedError`):
 *   Deno refuses listeners for them. `SIG_DFL` and `SIG_IGN` work for every signal.
 *
 * Permissions: `--allow-ffi` gives the kernel dispositions, masks, timers and the wake-up
 * fd. Without it, `signal()` (on the signals Deno can listen to), `getsignal()`, `pause()`,
 * `strsignal()`, `validSignals()`, `defaultIntHandler` and the constants still work, with
 * SIG_IGN emulated by a listener that does nothing and SIG_DFL meaning Deno's own default;
 * `raiseSignal()` then needs `--allow-run`. Everything else throws Deno's `NotCapable`.
 *
 * @example Catch a signal sent to ourselves, then restore the previous handler
 * ```ts
 * import { getsignal, raiseSignal, signal, SIGUSR2 } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * const caught: number[] = [];
 * const previous = signal(SIGUSR2, (signum) => void caught.push(signum));
 * raiseSignal(SIGUSR2);
 * assert.deepEqual(caught, [SIGUSR2]);
 * signal(SIGUSR2, previous);
 * assert.equal(getsignal(SIGUSR2), previous);
 * ```
 *
 * @module
 */

export * from "./constants.ts";
export * from "./enums.ts";
export * from "./errors.ts";
export * from "./itimer.ts";
export * from "./masks.ts";
export * from "./send.ts";
export * from "./signal.ts";
export * from "./wakeup_fd.ts";
