// What this module knows about Deno's own signal handling (ext/signals and signal-hook):
// which signals a listener may bind to, the sigaction that Deno's handler uses, and how to
// stop Deno from overwriting a disposition later.
//
// Deno installs its handler (one function for every signal, SA_SIGINFO | SA_RESTART) the
// first time a signal gets a listener, keeps it registered for ever, and never calls
// sigaction for that signal again. With no listener left, its handler emulates the default
// action, except SIGUSR1, which starts the inspector once Deno has claimed it.

import { OSError } from "../_errors/os_error.ts";
import * as ffi from "../_ffi/signals.ts";

// Deno.Signal names that Deno lets a listener bind to (ext/signals/dict.rs without
// signal-hook's FORBIDDEN list: SIGKILL, SIGSTOP, SIGSEGV, SIGILL, SIGFPE).
// deno-fmt-ignore
const DENO_ACCEPTS: readonly Deno.Signal[] = [
  "SIGHUP", "SIGINT", "SIGQUIT", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGUSR1", "SIGUSR2",
  "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGTSTP", "SIGTTIN",
  "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",
  "SIGPWR", "SIGSYS", "SIGEMT", "SIGINFO",
];
const DENO_NAME = new Map<number, Deno.Signal>();
for (const name of DENO_ACCEPTS) {
  const num = ffi.SIGNAL_NUMBERS[name];
  if (num !== undefined) DENO_NAME.set(num, name);
}
const FORBIDDEN_BY_DENO = new Set(
  ["SIGSEGV", "SIGILL", "SIGFPE"].map((n) => ffi.SIGNAL_NUMBERS[n]),
);

/**
 * Signals whose default action is to do nothing. Deno's handler does nothing for them once no
 * listener is left, and other parts of Deno (child reaping on macOS) may rely on it, so for
 * these SIG_DFL leaves Deno's handler in place.
 */
export const DEFAULT_IGNORED: ReadonlySet<number> = new Set(
  ["SIGCHLD", "SIGCONT", "SIGURG", "SIGWINCH"].map((n) => ffi.SIGNAL_NUMBERS[n]),
);

/**
 * Signals that Deno claims on its own about 0.5 s after startup (its SIGINT, SIGTERM and
 * SIGHUP exit hooks and the SIGUSR1 inspector trigger).
 */
export const DENO_STARTUP: readonly Deno.Signal[] = ["SIGHUP", "SIGINT", "SIGTERM", "SIGUSR1"];

let denoAction: ffi.RawAction | undefined;
let pinned = false;
const slotted = new Set<number>();
let holds = 0;
let keepAlive: ReturnType<typeof setInterval> | undefined;

/** The Deno.Signal name of `sig`, if Deno lets a listener bind to it. */
export function denoName(sig: number): Deno.Signal | undefined {
  return DENO_NAME.get(sig);
}

/** Why a function handler cannot be installed for `sig`, or undefined when it can. */
export function handlerRefusal(sig: number): string | undefined {
  if (DENO_NAME.has(sig)) return undefined;
  if (FORBIDDEN_BY_DENO.has(sig)) {
    return `Deno does not allow a handler for signal ${sig} (a synchronous fault signal); ` +
      `SIG_DFL and SIG_IGN work`;
  }
  return `Deno has no listener for signal ${sig} (real-time and reserved signals are not ` +
    `supported); SIG_DFL and SIG_IGN work`;
}

/** Whether the sa_handler word `handler` is Deno's signal handler. */
export function isDenoHandler(handler: bigint): boolean {
  return denoAction !== undefined && handler === ffi.actionHandler(denoAction);
}

/**
 * Makes Deno claim now the signals it would claim on its own half a second into the run,
 * so that a disposition set now is not overwritten then, and getsignal() answers the same
 * whenever it is asked.
 */
export function pinDenoStartup(): void {
  if (pinned) return;
  pinned = true;
  for (const name of DENO_STARTUP) slot(ffi.SIGNAL_NUMBERS[name], false);
}

/**
 * Gives `sig` a slot in Deno's signal registry (a listener added and removed), after which
 * Deno never calls sigaction for it again. Restores the kernel action it found unless
 * `restore` is false.
 */
export function slot(sig: number, restore = true): void {
  const name = DENO_NAME.get(sig);
  if (!name || slotted.has(sig)) return;
  const before = ffi.getAction(sig);
  const noop = () => {};
  Deno.addSignalListener(name, noop);
  noteListening(sig);
  Deno.removeSignalListener(name, noop);
  if (restore) ffi.setAction(sig, before);
}

/** Records that `sig` has a listener (so a slot), and learns Deno's action from it. */
export function noteListening(sig: number): void {
  slotted.add(sig);
  if (denoAction) return;
  const action = ffi.getAction(sig);
  if (ffi.actionHandler(action) > ffi.HANDLER_IGN) denoAction = action;
}

/**
 * Puts Deno's handler back as the kernel action of `sig` (which has a listener) if something
 * else is there, with SA_RESTART as `restart` asks (undefined keeps Deno's choice).
 */
export function installDenoAction(sig: number, restart: boolean | undefined): void {
  if (!denoAction) throw new OSError("Cannot find Deno's signal handler to reinstall");
  let action = ffi.getAction(sig);
  if (!isDenoHandler(ffi.actionHandler(action))) action = denoAction;
  else if (restart === undefined || ffi.actionRestarts(action) === restart) return;
  ffi.setAction(sig, restart === undefined ? action : ffi.withRestart(action, restart));
}

/**
 * Keeps the event loop alive while something waits for a signal: Deno's signal listeners do
 * not, and Python's pause() and sigwait() block the process until a signal comes. Returns
 * the release function.
 */
export function hold(): () => void {
  if (holds++ === 0) keepAlive = setInterval(() => {}, 0x7fffffff);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holds === 0) clearInterval(keepAlive);
  };
}
