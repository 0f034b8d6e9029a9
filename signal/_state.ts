// The signal module's process state: each signal's Python-level handler, the kernel action
// found before this module first changed it, the Deno listener that receives deliveries,
// signals caught while the JS thread blocks them, and the pause()/sigwait() waiters.
//
// How a delivery reaches a handler: Deno's signal thread (signal-hook) catches the signal and
// wakes the listener that this module registers with Deno.addSignalListener. SIG_IGN, SIG_DFL
// and "what was there before" are set in the kernel with sigaction. Deno only calls sigaction
// the first time a signal gets a listener, and reinstalls nothing afterwards, so this module
// keeps a copy of Deno's action and puts it back whenever a handler needs it again.

import { ffiPermitted } from "../_ffi/libc.ts";
import * as ffi from "../_ffi/signals.ts";
import { OSError } from "../_errors/os_error.ts";
import {
  DEFAULT_IGNORED,
  DENO_STARTUP,
  denoName,
  hold,
  installDenoAction,
  isDenoHandler,
  noteListening,
  pinDenoStartup,
  slot,
} from "./_deno.ts";
import { Handlers } from "./enums.ts";

/**
 * A Python-style signal handler: called as `handler(signum, frame)` with `frame` null. A
 * returned Promise that rejects counts as a thrown exception.
 *
 * @example
 * ```ts
 * import { type SignalHandler, strsignal } from "@ipcnet/std/signal";
 *
 * const report: SignalHandler = (signum) => console.log("got", strsignal(signum));
 * void report;
 * ```
 */
export type SignalHandler = (signum: number, frame: null) => unknown;
/**
 * What `signal()` accepts and `getsignal()` returns: SIG_DFL, SIG_IGN or a function.
 *
 * @example
 * ```ts
 * import { type Handler, SIG_IGN } from "@ipcnet/std/signal";
 *
 * const choices: Handler[] = [SIG_IGN, (signum) => console.log(signum)];
 * void choices;
 * ```
 */
export type Handler = Handlers | SignalHandler;

interface Entry {
  handler: Handler | null;
  /** The handler found before this module changed anything (what null restores). */
  initial: Handler | null;
  original: ffi.RawAction | null;
  listener?: () => void;
  restart?: boolean;
}

interface Waiter {
  signals: ReadonlySet<number>;
  resolve(info: ffi.RawSiginfo): void;
}

interface PauseWaiter {
  resolve(): void;
  reject(err: unknown): void;
}

const entries = new Map<number, Entry>();
const caught = new Map<number, ffi.RawSiginfo>(); // delivered while blocked in the JS thread
const waiters: Waiter[] = [];
const pauseWaiters = new Set<PauseWaiter>();
let useFfi: boolean | undefined;
let wakeup = { fd: -1, warn: true };

/** Whether dispositions go through the kernel (FFI permitted) or Deno listeners only. */
export function kernelMode(): boolean {
  return useFfi ??= ffiPermitted();
}

/** The Python-level handler of `sig`; null when a handler not set by this module is in place. */
export function getHandler(sig: number): Handler | null {
  return entry(sig).handler;
}

/**
 * Installs `handler` for `sig` (already validated) and returns the previous one; null puts
 * back the handler found before this module first changed `sig`.
 */
export function setHandler(sig: number, handler: Handler | null): Handler | null {
  const e = entry(sig);
  const previous = e.handler;
  e.handler = handler === null ? e.initial : handler;
  // Setting a pending signal's action to ignore discards it (POSIX sigaction).
  if (e.handler === Handlers.SIG_IGN || (e.handler === 0 && DEFAULT_IGNORED.has(sig))) {
    caught.delete(sig);
    if (blocked(sig)) { while (ffi.takePending([sig])); }
  }
  try {
    reconcile(sig);
  } catch (err) {
    e.handler = previous;
    reconcile(sig);
    throw err;
  }
  return previous;
}

/** siginterrupt: whether system calls interrupted by `sig` fail with EINTR (flag true). */
export function setInterrupt(sig: number, flag: boolean): void {
  const e = entry(sig);
  e.restart = !flag;
  ffi.setAction(sig, ffi.withRestart(ffi.getAction(sig), e.restart));
}

/** The fd that receives a byte per handled signal, and whether a full fd is reported. */
export function setWakeup(fd: number, warn: boolean): number {
  const old = wakeup.fd;
  wakeup = { fd, warn };
  return old;
}

/** Signals caught by this module while the JS thread blocked them, not yet handled. */
export function caughtSignals(): number[] {
  return [...caught.keys()];
}

/** How many Deno signal listeners this module has registered (for tests). */
export function listenerCount(): number {
  let n = 0;
  for (const e of entries.values()) if (e.listener) n++;
  return n;
}

/** Whether the calling thread blocks `sig`. */
function blocked(sig: number): boolean {
  return kernelMode() && ffi.threadMask(null).includes(sig);
}

function wanted(sig: number): boolean {
  return waiters.some((w) => w.signals.has(sig));
}

function entry(sig: number): Entry {
  let e = entries.get(sig);
  if (e) return e;
  if (kernelMode()) {
    pinDenoStartup();
    const original = ffi.getAction(sig);
    const h = ffi.actionHandler(original);
    // Deno's handler on a signal whose default is to do nothing acts as SIG_DFL (see
    // reconcile), so it reads as SIG_DFL.
    const dfl = h === ffi.HANDLER_DFL || (DEFAULT_IGNORED.has(sig) && isDenoHandler(h));
    const handler = dfl ? 0 : h === ffi.HANDLER_IGN ? 1 : null;
    e = { handler, initial: handler, original };
  } else {
    // Deno's own dispositions: SIGPIPE ignored, its exit hooks and inspector trigger on the
    // DENO_STARTUP signals, every other signal at its default.
    const name = denoName(sig);
    const handler = name === "SIGPIPE" ? 1 : DENO_STARTUP.includes(name!) ? null : 0;
    e = { handler, initial: handler, original: null };
  }
  entries.set(sig, e);
  return e;
}

/** Brings the Deno listener and the kernel action of `sig` in line with its state. */
function reconcile(sig: number): void {
  const e = entry(sig);
  const name = denoName(sig);
  const kernel = kernelMode();
  const listen = name !== undefined && (typeof e.handler === "function" ||
    (kernel ? wanted(sig) || blocked(sig) : e.handler === Handlers.SIG_IGN));
  if (listen) {
    if (!e.listener) {
      e.listener = () => onDelivery(sig);
      Deno.addSignalListener(name, e.listener);
      if (kernel) noteListening(sig);
    }
    if (kernel) installDenoAction(sig, e.restart);
    return;
  }
  if (e.listener) {
    Deno.removeSignalListener(name!, e.listener);
    e.listener = undefined;
  }
  if (!kernel) return;
  slot(sig);
  const current = ffi.getAction(sig);
  if (e.handler === Handlers.SIG_IGN) {
    ffi.setAction(sig, ffi.simpleAction(ffi.HANDLER_IGN));
  } else if (e.handler === Handlers.SIG_DFL) {
    const keep = DEFAULT_IGNORED.has(sig) && isDenoHandler(ffi.actionHandler(current));
    if (!keep) ffi.setAction(sig, ffi.simpleAction(ffi.HANDLER_DFL));
  } else if (e.handler === null && e.original) {
    ffi.setAction(sig, e.original);
  }
}

/** The Deno listener: one delivery of `sig` (Deno may have merged several). */
function onDelivery(sig: number): void {
  try {
    const info = synthetic(sig);
    if (blocked(sig)) {
      if (!resolveWaiter(info)) caught.set(sig, info);
      return;
    }
    if (resolveWaiter(info)) return;
    const h = entries.get(sig)?.handler;
    if (typeof h === "function") runHandler(sig, h, false);
  } catch (err) {
    reportError(err);
  }
}

function synthetic(sig: number): ffi.RawSiginfo {
  return { signo: sig, code: 0, errno: 0, pid: 0, uid: 0, status: 0, band: 0 };
}

function resolveWaiter(info: ffi.RawSiginfo): boolean {
  const i = waiters.findIndex((w) => w.signals.has(info.signo));
  if (i < 0) return false;
  waiters[i].resolve(info);
  return true;
}

/**
 * Calls a Python-level handler after writing the wake-up byte. Its exception is thrown to
 * the caller when `sync` (raiseSignal, pthreadSigmask), else it rejects every pending
 * pause(), else it is reported as an uncaught error (which ends the process, as in Python).
 */
export function runHandler(sig: number, handler: SignalHandler, sync: boolean): void {
  writeWakeup(sig);
  let result: unknown;
  try {
    result = handler(sig, null);
  } catch (err) {
    if (sync) {
      settlePauses();
      throw err;
    }
    if (!settlePauses(err)) reportError(err);
    return;
  }
  if (isThenable(result)) {
    result.then(() => settlePauses(), (err) => settlePauses(err) || reportError(err));
  } else {
    settlePauses();
  }
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return typeof (x as PromiseLike<unknown> | null)?.then === "function";
}

/** Settles every pending pause(); returns whether there was one. */
function settlePauses(err?: unknown): boolean {
  if (pauseWaiters.size === 0) return false;
  const all = [...pauseWaiters];
  pauseWaiters.clear();
  for (const w of all) err === undefined ? w.resolve() : w.reject(err);
  return true;
}

function writeWakeup(sig: number): void {
  if (wakeup.fd === -1) return;
  const e = ffi.writeByte(wakeup.fd, sig & 0xff);
  if (e === 0 || (!wakeup.warn && new OSError(e).name === "BlockingIOError")) return;
  const err = new OSError(e);
  console.error(
    `Exception ignored when trying to write to the signal wakeup fd:\n${err.name}: ${err.message}`,
  );
}

/**
 * Raises `sig` in the calling thread with Python's timing: a signal with a Python-level
 * handler (or a sigwait() waiting for it) is accepted at once and handled before this
 * returns; any other goes to the kernel's action.
 */
export function raiseHere(sig: number): void {
  if (blocked(sig)) {
    ffi.raise(sig); // pending in this thread until unblocked, as in Python
    if (wanted(sig)) {
      const info = ffi.takePending([sig]);
      if (info) resolveWaiter(info);
    }
    return;
  }
  const h = denoName(sig) ? entry(sig).handler : null;
  if (typeof h !== "function" && !wanted(sig)) return ffi.raise(sig);
  ffi.threadMask(ffi.API.SIG_BLOCK, [sig]);
  let info: ffi.RawSiginfo | null;
  try {
    ffi.raise(sig);
    info = ffi.takePending([sig]);
  } finally {
    ffi.threadMask(ffi.API.SIG_UNBLOCK, [sig]);
  }
  if (!info || resolveWaiter(info)) return;
  if (typeof h === "function") runHandler(sig, h, true);
}

/**
 * Called by pthreadSigmask before the mask changes: signals about to be unblocked that have a
 * handler are accepted now, so that their handlers run before pthreadSigmask returns.
 */
export function beforeUnblock(signals: Iterable<number>): void {
  const handled = [...signals].filter((s) => typeof entries.get(s)?.handler === "function");
  if (handled.length === 0) return;
  for (let info = ffi.takePending(handled); info; info = ffi.takePending(handled)) {
    caught.set(info.signo, info);
  }
}

/** Called by pthreadSigmask after the mask changed from `before` to `after`. */
export function afterMaskChange(before: ReadonlySet<number>, after: ReadonlySet<number>): void {
  const changed = [...before, ...after].filter((s) => before.has(s) !== after.has(s));
  for (const s of changed) if (denoName(s)) reconcile(s);
  const due = [...caught.keys()].filter((s) => !after.has(s)).sort((a, b) => a - b);
  deliverCaught(due, true);
}

function deliverCaught(due: number[], sync: boolean): void {
  for (let i = 0; i < due.length; i++) {
    const sig = due[i];
    if (!caught.delete(sig)) continue;
    const h = entries.get(sig)?.handler;
    if (typeof h === "function") {
      try {
        runHandler(sig, h, sync);
      } catch (err) {
        const rest = due.slice(i + 1);
        queueMicrotask(() => deliverCaught(rest, false));
        throw err;
      }
    } else if (h !== Handlers.SIG_IGN) {
      ffi.raise(sig); // the default (or the original) action, now that it is unblocked
    }
  }
}

/**
 * Accepts one of `signals` that is pending now (caught by this module or pending in the
 * kernel), or returns null.
 */
export function takeNow(signals: ReadonlySet<number>): ffi.RawSiginfo | null {
  const mine = [...caught.keys()].filter((s) => signals.has(s)).sort((a, b) => a - b)[0];
  if (mine !== undefined) {
    const info = caught.get(mine)!;
    caught.delete(mine);
    return info;
  }
  return ffi.takePending(signals);
}

/**
 * Waits for one of `signals` (sigwait): resolves with its siginfo, or null after `timeout`
 * seconds. Keeps the process alive while waiting.
 */
export function waitFor(
  signals: ReadonlySet<number>,
  timeout: number | null,
  abort?: AbortSignal,
): Promise<ffi.RawSiginfo | null> {
  if (abort?.aborted) return Promise.reject(abort.reason);
  const now = takeNow(signals);
  if (now || timeout === 0) return Promise.resolve(now);
  const { promise, resolve, reject } = Promise.withResolvers<ffi.RawSiginfo | null>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const release = hold();
  const finish = () => {
    const i = waiters.indexOf(waiter);
    if (i >= 0) waiters.splice(i, 1);
    clearTimeout(timer);
    abort?.removeEventListener("abort", onAbort);
    release();
    for (const s of signals) if (denoName(s)) reconcile(s);
  };
  const waiter: Waiter = { signals, resolve: (info) => (finish(), resolve(info)) };
  const onAbort = () => (finish(), reject(abort!.reason));
  waiters.push(waiter);
  abort?.addEventListener("abort", onAbort, { once: true });
  // Beyond setTimeout's range (24.8 days) the wait has no end, rather than ending at once.
  if (timeout !== null && timeout * 1000 <= 0x7fffffff) {
    timer = setTimeout(() => (finish(), resolve(null)), timeout * 1000);
  }
  try {
    for (const s of signals) if (denoName(s)) reconcile(s);
  } catch (err) {
    finish();
    reject(err);
  }
  return promise;
}

/** pause(): resolves after the next call of a Python-level handler. */
export function pauseUntilHandled(abort?: AbortSignal): Promise<void> {
  if (abort?.aborted) return Promise.reject(abort.reason);
  const { promise, resolve, reject } = Promise.withResolvers<void>();
  const release = hold();
  const finish = () => {
    pauseWaiters.delete(waiter);
    abort?.removeEventListener("abort", onAbort);
    release();
  };
  const waiter: PauseWaiter = {
    resolve: () => (finish(), resolve()),
    reject: (err) => (finish(), reject(err)),
  };
  const onAbort = () => waiter.reject(abort!.reason);
  pauseWaiters.add(waiter);
  abort?.addEventListener("abort", onAbort, { once: true });
  return promise;
}
