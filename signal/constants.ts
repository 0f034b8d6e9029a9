// The signal module's constants, with Python's names and the running platform's values.
// A constant that the running OS lacks (as Python lacks it there) is `undefined`.

import { SIGNAL_API_DARWIN, SIGNALS_DARWIN } from "../_ffi/constants_signal_darwin.ts";
import { SIGNAL_API_LINUX, SIGNALS_LINUX } from "../_ffi/constants_signal_linux.ts";

type Name = keyof typeof SIGNALS_LINUX | keyof typeof SIGNALS_DARWIN;
const S: Partial<Record<Name, number>> = Deno.build.os === "darwin"
  ? SIGNALS_DARWIN
  : SIGNALS_LINUX;
const A = Deno.build.os === "darwin" ? SIGNAL_API_DARWIN : SIGNAL_API_LINUX;

/** Hangup detected on the controlling terminal, or death of the controlling process. */
export const SIGHUP: number = S.SIGHUP!;
/** Interrupt from the keyboard (Ctrl-C). */
export const SIGINT: number = S.SIGINT!;
/** Quit from the keyboard (Ctrl-\\). */
export const SIGQUIT: number = S.SIGQUIT!;
/** Illegal instruction. Deno refuses handlers for it (SIG_DFL and SIG_IGN work). */
export const SIGILL: number = S.SIGILL!;
/** Trace or breakpoint trap. */
export const SIGTRAP: number = S.SIGTRAP!;
/** Abort signal from abort(3). */
export const SIGABRT: number = S.SIGABRT!;
/** The same signal as SIGABRT. */
export const SIGIOT: number = S.SIGIOT!;
/** Bus error (bad memory access). */
export const SIGBUS: number = S.SIGBUS!;
/** Emulator trap (macOS only). */
export const SIGEMT: number | undefined = S.SIGEMT;
/** Floating-point exception. Deno refuses handlers for it (SIG_DFL and SIG_IGN work). */
export const SIGFPE: number = S.SIGFPE!;
/** Kill signal: cannot be caught, blocked or ignored. */
export const SIGKILL: number = S.SIGKILL!;
/** User-defined signal 1. */
export const SIGUSR1: number = S.SIGUSR1!;
/** Segmentation fault. Deno refuses handlers for it (SIG_DFL and SIG_IGN work). */
export const SIGSEGV: number = S.SIGSEGV!;
/** User-defined signal 2. */
export const SIGUSR2: number = S.SIGUSR2!;
/** Broken pipe: write to a pipe with no readers. Deno starts with it ignored. */
export const SIGPIPE: number = S.SIGPIPE!;
/** Timer signal from alarm() and ITIMER_REAL. */
export const SIGALRM: number = S.SIGALRM!;
/** Termination signal. */
export const SIGTERM: number = S.SIGTERM!;
/** Stack fault on the coprocessor (Linux only). */
export const SIGSTKFLT: number | undefined = S.SIGSTKFLT;
/** Child stopped or terminated. */
export const SIGCHLD: number = S.SIGCHLD!;
/** The same signal as SIGCHLD (Linux only). */
export const SIGCLD: number | undefined = S.SIGCLD;
/** Continue if stopped. */
export const SIGCONT: number = S.SIGCONT!;
/** Stop the process: cannot be caught, blocked or ignored. */
export const SIGSTOP: number = S.SIGSTOP!;
/** Stop typed at the terminal (Ctrl-Z). */
export const SIGTSTP: number = S.SIGTSTP!;
/** Terminal input for a background process. */
export const SIGTTIN: number = S.SIGTTIN!;
/** Terminal output for a background process. */
export const SIGTTOU: number = S.SIGTTOU!;
/** Urgent condition on a socket. Ignored by default. */
export const SIGURG: number = S.SIGURG!;
/** CPU time limit exceeded. */
export const SIGXCPU: number = S.SIGXCPU!;
/** File size limit exceeded. */
export const SIGXFSZ: number = S.SIGXFSZ!;
/** Virtual alarm clock (ITIMER_VIRTUAL). */
export const SIGVTALRM: number = S.SIGVTALRM!;
/** Profiling timer expired (ITIMER_PROF). */
export const SIGPROF: number = S.SIGPROF!;
/** Window resize. Ignored by default. */
export const SIGWINCH: number = S.SIGWINCH!;
/** I/O now possible. */
export const SIGIO: number = S.SIGIO!;
/** The same signal as SIGIO (Linux only). */
export const SIGPOLL: number | undefined = S.SIGPOLL;
/** Power failure (Linux only). */
export const SIGPWR: number | undefined = S.SIGPWR;
/** Status request from the keyboard, Ctrl-T (macOS only). */
export const SIGINFO: number | undefined = S.SIGINFO;
/** Bad system call. */
export const SIGSYS: number = S.SIGSYS!;
/** The first real-time signal (Linux only; glibc keeps 32 and 33 for itself). */
export const SIGRTMIN: number | undefined = S.SIGRTMIN;
/** The last real-time signal (Linux only). */
export const SIGRTMAX: number | undefined = S.SIGRTMAX;

/**
 * One more than the highest signal number: 65 on Linux, 32 on macOS.
 *
 * @example
 * ```ts
 * import { NSIG, validSignals } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.ok(Math.max(...validSignals()) < NSIG);
 * ```
 */
export const NSIG: number = A.NSIG;
/** `pthreadSigmask` how: add the given signals to the mask. */
export const SIG_BLOCK: number = A.SIG_BLOCK;
/** `pthreadSigmask` how: remove the given signals from the mask. */
export const SIG_UNBLOCK: number = A.SIG_UNBLOCK;
/** `pthreadSigmask` how: replace the mask with the given signals. */
export const SIG_SETMASK: number = A.SIG_SETMASK;
/** Interval timer that counts real time and delivers SIGALRM. */
export const ITIMER_REAL: number = A.ITIMER_REAL;
/** Interval timer that counts the process's user CPU time and delivers SIGVTALRM. */
export const ITIMER_VIRTUAL: number = A.ITIMER_VIRTUAL;
/** Interval timer that counts user and system CPU time and delivers SIGPROF. */
export const ITIMER_PROF: number = A.ITIMER_PROF;
