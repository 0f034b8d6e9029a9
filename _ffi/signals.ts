// Typed wrappers over the C library's signal API, for the signal module. Every struct
// (sigaction, sigset_t, siginfo_t, itimerval, timespec) is packed and unpacked here, from the
// layouts in constants_signal_<os>.ts. Each call reads errno straight after it returns.

import { OSError } from "../_errors/os_error.ts";
import { SIGNAL_API_DARWIN, SIGNALS_DARWIN, STRSIGNAL_DARWIN } from "./constants_signal_darwin.ts";
import { SIGNAL_API_LINUX, SIGNALS_LINUX, STRSIGNAL_LINUX } from "./constants_signal_linux.ts";
import { check, errno, libc } from "./libc.ts";

const DARWIN = Deno.build.os === "darwin";

/** Signal numbers of the running OS (Linux numbers elsewhere). */
export const SIGNAL_NUMBERS: Readonly<Record<string, number>> = DARWIN
  ? SIGNALS_DARWIN
  : SIGNALS_LINUX;
/** Constants and struct layouts of the running OS. */
export const API: typeof SIGNAL_API_LINUX | typeof SIGNAL_API_DARWIN = DARWIN
  ? SIGNAL_API_DARWIN
  : SIGNAL_API_LINUX;
/** strsignal() texts of the standard signals, for when FFI is not permitted. */
export const STRSIGNAL: Readonly<Record<number, string>> = DARWIN
  ? STRSIGNAL_DARWIN
  : STRSIGNAL_LINUX;

/** A `struct sigaction` as raw bytes. */
export type RawAction = Uint8Array<ArrayBuffer>;

/** `sa_handler` value of the default action. */
export const HANDLER_DFL = 0n;
/** `sa_handler` value of the ignore action. */
export const HANDLER_IGN = 1n;

// ---- sigset_t ----

/** Packs signal numbers into a sigset_t (bit n-1 for signal n, little-endian words). */
export function sigsetOf(signals: Iterable<number>): Uint8Array<ArrayBuffer> {
  const set = new Uint8Array(API.SIGSET_SIZE);
  for (const n of signals) set[(n - 1) >> 3] |= 1 << ((n - 1) & 7);
  return set;
}

/** The signal numbers (1 to NSIG-1) present in a sigset_t. */
export function sigsetMembers(set: Uint8Array): number[] {
  const out: number[] = [];
  for (let n = 1; n < API.NSIG; n++) {
    if (set[(n - 1) >> 3] & (1 << ((n - 1) & 7))) out.push(n);
  }
  return out;
}

// ---- sigaction ----

/** The current action of `sig` (`sigaction(sig, NULL, &old)`). */
export function getAction(sig: number): RawAction {
  const old = new Uint8Array(API.SIGACTION_SIZE);
  check(() => libc().sigaction(sig, null, old));
  return old;
}

/** Installs `action` for `sig`. */
export function setAction(sig: number, action: RawAction): void {
  check(() => libc().sigaction(sig, action, null));
}

/** A fresh action for SIG_DFL (0n) or SIG_IGN (1n): empty mask, no flags. */
export function simpleAction(handler: bigint): RawAction {
  const action = new Uint8Array(API.SIGACTION_SIZE);
  new DataView(action.buffer).setBigUint64(API.SIGACTION_HANDLER_OFFSET, handler, true);
  return action;
}

/** The handler word of an action: 0n (SIG_DFL), 1n (SIG_IGN) or a function address. */
export function actionHandler(action: RawAction): bigint {
  return new DataView(action.buffer).getBigUint64(API.SIGACTION_HANDLER_OFFSET, true);
}

/** Whether the action restarts interrupted system calls (SA_RESTART). */
export function actionRestarts(action: RawAction): boolean {
  return (flags(action) & API.SA_RESTART) !== 0;
}

/** A copy of `action` with SA_RESTART set (`restart`) or cleared. */
export function withRestart(action: RawAction, restart: boolean): RawAction {
  const copy = action.slice();
  const f = flags(copy);
  new DataView(copy.buffer).setInt32(
    API.SIGACTION_FLAGS_OFFSET,
    restart ? f | API.SA_RESTART : f & ~API.SA_RESTART,
    true,
  );
  return copy;
}

function flags(action: RawAction): number {
  return new DataView(action.buffer).getInt32(API.SIGACTION_FLAGS_OFFSET, true);
}

// ---- masks, pending signals, waiting ----

/**
 * Changes the calling thread's mask (`pthread_sigmask`) and returns the previous one.
 * `how` null only reads it.
 */
export function threadMask(how: number | null, signals: Iterable<number> = []): number[] {
  const old = new Uint8Array(API.SIGSET_SIZE);
  const set = how === null ? null : sigsetOf(signals);
  const err = libc().pthread_sigmask(how ?? API.SIG_BLOCK, set, old);
  if (err !== 0) throw new OSError(err);
  return sigsetMembers(old);
}

/** Signals pending for the calling thread or the process (`sigpending`). */
export function pendingSignals(): number[] {
  const set = new Uint8Array(API.SIGSET_SIZE);
  check(() => libc().sigpending(set));
  return sigsetMembers(set);
}

/** The fields of a siginfo_t that Python's `struct_siginfo` exposes. */
export interface RawSiginfo {
  signo: number;
  code: number;
  errno: number;
  pid: number;
  uid: number;
  status: number;
  band: number;
}

/**
 * Accepts one of `signals` if it is pending right now, without blocking: `sigtimedwait` with
 * a zero timeout on Linux; on macOS, which lacks it, `sigwait` once `sigpending` shows one.
 * Returns null when none is pending.
 */
export function takePending(signals: Iterable<number>): RawSiginfo | null {
  const wanted = [...signals];
  if (DARWIN) {
    const pending = new Set(pendingSignals());
    if (!wanted.some((n) => pending.has(n))) return null;
    const out = new Int32Array(1);
    const err = libc().sigwait(sigsetOf(wanted.filter((n) => pending.has(n))), out);
    if (err !== 0) throw new OSError(err);
    return { signo: out[0], code: 0, errno: 0, pid: 0, uid: 0, status: 0, band: 0 };
  }
  const info = new Uint8Array(API.SIGINFO_SIZE);
  const zero = new Uint8Array(API.TIMESPEC_SIZE);
  const set = sigsetOf(wanted);
  for (;;) {
    const r = libc().sigtimedwait!(set, info, zero);
    if (r >= 0) return readSiginfo(info);
    const e = errno();
    if (e === EAGAIN) return null;
    if (e !== EINTR) throw new OSError(e);
  }
}

function readSiginfo(info: Uint8Array<ArrayBuffer>): RawSiginfo {
  const v = new DataView(info.buffer);
  return {
    signo: v.getInt32(API.SIGINFO_SIGNO_OFFSET, true),
    code: v.getInt32(API.SIGINFO_CODE_OFFSET, true),
    errno: v.getInt32(API.SIGINFO_ERRNO_OFFSET, true),
    pid: v.getInt32(API.SIGINFO_PID_OFFSET, true),
    uid: v.getUint32(API.SIGINFO_UID_OFFSET, true),
    status: v.getInt32(API.SIGINFO_STATUS_OFFSET, true),
    band: Number(v.getBigInt64(API.SIGINFO_BAND_OFFSET, true)),
  };
}

// ---- sending ----

/** `raise(sig)`: sends `sig` to the calling thread. */
export function raise(sig: number): void {
  check(() => libc().raise(sig));
}

/**
 * The calling thread's identifier for {@linkcode threadKill}: the kernel thread id on Linux
 * (glibc's pthread_kill would dereference an invalid pthread_t; tgkill validates), the
 * pthread_t on macOS (libSystem's pthread_kill validates it).
 */
export function threadIdent(): number {
  if (DARWIN) return Number(libc().pthread_self!());
  return Number(check(() => libc().syscall!(BigInt(API_LINUX.SYS_gettid), 0n, 0n, 0n, 0n)));
}

/** Sends `sig` to the thread `ident` of this process (see {@linkcode threadIdent}). */
export function threadKill(ident: number, sig: number): void {
  if (DARWIN) {
    const err = libc().pthread_kill!(BigInt(ident), sig);
    if (err !== 0) throw new OSError(err);
    return;
  }
  check(() =>
    libc().syscall!(BigInt(API_LINUX.SYS_tgkill), BigInt(Deno.pid), BigInt(ident), BigInt(sig), 0n)
  );
}

/** Linux `pidfd_send_signal(pidfd, sig, NULL, flags)`. */
export function pidfdSendSignal(pidfd: number, sig: number, flags: number): void {
  check(() =>
    libc().syscall!(
      BigInt(API_LINUX.SYS_pidfd_send_signal),
      BigInt(pidfd),
      BigInt(sig),
      0n,
      BigInt(flags),
    )
  );
}

/** Linux `pidfd_open(pid, flags)`: a descriptor that refers to the process `pid`. */
export function pidfdOpen(pid: number, flags = 0): number {
  return Number(
    check(() =>
      libc().syscall!(BigInt(API_LINUX.SYS_pidfd_open), BigInt(pid), BigInt(flags), 0n, 0n)
    ),
  );
}

/** The C library's description of `sig`, or null when it calls the signal unknown. */
export function strsignal(sig: number): string | null {
  const ptr = libc().strsignal(sig);
  if (ptr === null) return null;
  const text = Deno.UnsafePointerView.getCString(ptr);
  return text.includes("Unknown signal") ? null : text;
}

// ---- timers ----

/** `alarm(seconds)`: returns the seconds that were left of the previous alarm. */
export function alarm(seconds: number): number {
  return libc().alarm(seconds);
}

/** Packs seconds into an itimerval-style timeval, rounding up to microseconds. */
function putTimeval(view: DataView, offset: number, seconds: number): void {
  const micros = Math.ceil(Math.ceil(seconds * 1e9) / 1000);
  const sec = Math.floor(micros / 1e6);
  view.setBigInt64(offset, BigInt(sec), true);
  view.setInt32(offset + API.TIMEVAL_USEC_OFFSET, micros - sec * 1e6, true);
}

function getTimeval(view: DataView, offset: number): number {
  const sec = Number(view.getBigInt64(offset, true));
  return sec + view.getInt32(offset + API.TIMEVAL_USEC_OFFSET, true) / 1e6;
}

/** `setitimer`; returns the old [value, interval] in seconds. Throws OSError. */
export function setitimer(which: number, value: number, interval: number): [number, number] {
  const next = new Uint8Array(API.ITIMERVAL_SIZE);
  const view = new DataView(next.buffer);
  putTimeval(view, API.ITIMERVAL_VALUE_OFFSET, value);
  putTimeval(view, API.ITIMERVAL_INTERVAL_OFFSET, interval);
  const old = new Uint8Array(API.ITIMERVAL_SIZE);
  check(() => libc().setitimer(which, next, old));
  return readItimerval(old);
}

/** `getitimer`; returns [value, interval] in seconds. Throws OSError. */
export function getitimer(which: number): [number, number] {
  const cur = new Uint8Array(API.ITIMERVAL_SIZE);
  check(() => libc().getitimer(which, cur));
  return readItimerval(cur);
}

function readItimerval(buf: Uint8Array<ArrayBuffer>): [number, number] {
  const view = new DataView(buf.buffer);
  return [
    getTimeval(view, API.ITIMERVAL_VALUE_OFFSET),
    getTimeval(view, API.ITIMERVAL_INTERVAL_OFFSET),
  ];
}

// ---- descriptors (the wake-up fd, and pipes for tests and examples) ----

/** The file status flags of `fd` (`fcntl(fd, F_GETFL)`); OSError EBADF when invalid. */
export function statusFlags(fd: number): number {
  return check(() => libc().fcntl(fd, API.F_GETFL, 0));
}

/** Whether `fd` is in blocking mode. */
export function isBlocking(fd: number): boolean {
  return (statusFlags(fd) & API.O_NONBLOCK) === 0;
}

/** Sets or clears O_NONBLOCK on `fd`. */
export function setBlocking(fd: number, blocking: boolean): void {
  const f = statusFlags(fd);
  check(() => libc().fcntl(fd, API.F_SETFL, blocking ? f & ~API.O_NONBLOCK : f | API.O_NONBLOCK));
}

/** Writes one byte without retrying; returns 0, or the errno of the failed write. */
export function writeByte(fd: number, byte: number): number {
  const buf = BYTE;
  buf[0] = byte;
  for (;;) {
    if (Number(libc().write(fd, buf, 1n)) !== -1) return 0;
    const e = errno();
    if (e !== EINTR) return e;
  }
}
const BYTE = new Uint8Array(1);

/** Reads up to `size` bytes (`read`), retrying on EINTR; throws OSError (EAGAIN too). */
export function readBytes(fd: number, size: number): Uint8Array {
  const buf = new Uint8Array(size);
  const n = Number(check(() => libc().read(fd, buf, BigInt(size))));
  return buf.subarray(0, n);
}

/** Writes bytes (`write`), retrying on EINTR; returns the count written. */
export function writeBytes(fd: number, data: Uint8Array<ArrayBuffer>): number {
  return Number(check(() => libc().write(fd, data, BigInt(data.byteLength))));
}

/** A new pipe, [read end, write end]. */
export function pipe(): [number, number] {
  const fds = new Int32Array(2);
  check(() => libc().pipe(fds));
  return [fds[0], fds[1]];
}

/** Closes a descriptor. */
export function closeFd(fd: number): void {
  check(() => libc().close(fd));
}

const API_LINUX = SIGNAL_API_LINUX;
const EINTR = 4; // Same number on Linux and macOS.
const EAGAIN = DARWIN ? 35 : 11;
