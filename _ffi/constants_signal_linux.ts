// Signal constants and struct layouts of Linux with glibc, identical on x86_64 and aarch64
// except where noted. Sources: <asm-generic/signal.h> and <bits/signum-generic.h> (numbers),
// <bits/sigaction.h> (struct sigaction), <bits/types/__sigset_t.h> (sigset_t),
// <bits/types/siginfo_t.h> (siginfo_t), <bits/types/struct_itimerspec.h> and
// <sys/time.h> (struct itimerval), <bits/sigaction.h> (SA_* flags), <bits/sigstack.h>,
// <asm/unistd_64.h> and <asm-generic/unistd.h> (syscall numbers).

/** Signal numbers, with the names CPython's `signal` module exposes on Linux. */
export const SIGNALS_LINUX = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGIOT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGSTKFLT: 16,
  SIGCHLD: 17,
  SIGCLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGURG: 23,
  SIGXCPU: 24,
  SIGXFSZ: 25,
  SIGVTALRM: 26,
  SIGPROF: 27,
  SIGWINCH: 28,
  SIGIO: 29,
  SIGPOLL: 29,
  SIGPWR: 30,
  SIGSYS: 31,
  // glibc reserves 32 and 33 for its threads; SIGRTMIN is __libc_current_sigrtmin().
  SIGRTMIN: 34,
  SIGRTMAX: 64,
} as const;

/** Other constants and layouts of the signal API on Linux. */
export const SIGNAL_API_LINUX = {
  /** One more than the largest signal number (`_NSIG`). */
  NSIG: 65,
  SIG_BLOCK: 0,
  SIG_UNBLOCK: 1,
  SIG_SETMASK: 2,
  ITIMER_REAL: 0,
  ITIMER_VIRTUAL: 1,
  ITIMER_PROF: 2,
  /** `sa_flags` bits. */
  SA_SIGINFO: 0x4,
  SA_RESTART: 0x10000000,
  /** glibc's sigset_t: 1024 bits in unsigned longs; signal n is bit n-1 (little-endian). */
  SIGSET_SIZE: 128,
  /** glibc's struct sigaction: handler (8), sa_mask (128), sa_flags (int), sa_restorer. */
  SIGACTION_SIZE: 152,
  SIGACTION_HANDLER_OFFSET: 0,
  SIGACTION_MASK_OFFSET: 8,
  SIGACTION_FLAGS_OFFSET: 136,
  /** siginfo_t is 128 bytes; the union starts at 16 on 64-bit targets. */
  SIGINFO_SIZE: 128,
  SIGINFO_SIGNO_OFFSET: 0,
  SIGINFO_ERRNO_OFFSET: 4,
  SIGINFO_CODE_OFFSET: 8,
  SIGINFO_PID_OFFSET: 16,
  SIGINFO_UID_OFFSET: 20,
  SIGINFO_STATUS_OFFSET: 24,
  /** `si_band` is a long at the start of the union, as CPython reads it. */
  SIGINFO_BAND_OFFSET: 16,
  /** struct timespec: tv_sec (i64), tv_nsec (i64). */
  TIMESPEC_SIZE: 16,
  /** struct itimerval: it_interval then it_value, each a timeval {i64 sec, i64 usec}. */
  ITIMERVAL_SIZE: 32,
  ITIMERVAL_INTERVAL_OFFSET: 0,
  ITIMERVAL_VALUE_OFFSET: 16,
  TIMEVAL_USEC_OFFSET: 8,
  /** fcntl commands and flags (<bits/fcntl-linux.h>, <asm-generic/fcntl.h>). */
  F_GETFL: 3,
  F_SETFL: 4,
  O_NONBLOCK: 0x800,
  /** Syscall numbers; pidfd_* share one number on every architecture (kernel 5.1+). */
  SYS_gettid: Deno.build.arch === "aarch64" ? 178 : 186,
  SYS_tgkill: Deno.build.arch === "aarch64" ? 131 : 234,
  SYS_pidfd_send_signal: 424,
  SYS_pidfd_open: 434,
} as const;

/**
 * What glibc's strsignal() returns for the standard signals (glibc 2.36), used when FFI is
 * not permitted. Real-time signals read "Real-time signal N" counted from SIGRTMIN.
 */
export const STRSIGNAL_LINUX: Readonly<Record<number, string>> = {
  1: "Hangup",
  2: "Interrupt",
  3: "Quit",
  4: "Illegal instruction",
  5: "Trace/breakpoint trap",
  6: "Aborted",
  7: "Bus error",
  8: "Floating point exception",
  9: "Killed",
  10: "User defined signal 1",
  11: "Segmentation fault",
  12: "User defined signal 2",
  13: "Broken pipe",
  14: "Alarm clock",
  15: "Terminated",
  16: "Stack fault",
  17: "Child exited",
  18: "Continued",
  19: "Stopped (signal)",
  20: "Stopped",
  21: "Stopped (tty input)",
  22: "Stopped (tty output)",
  23: "Urgent I/O condition",
  24: "CPU time limit exceeded",
  25: "File size limit exceeded",
  26: "Virtual timer expired",
  27: "Profiling timer expired",
  28: "Window changed",
  29: "I/O possible",
  30: "Power failure",
  31: "Bad system call",
};
