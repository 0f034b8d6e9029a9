// Python's IntEnums of the signal module: Handlers, Sigmasks and Signals, and the two
// handlers that are not functions, SIG_DFL and SIG_IGN.

import { SIGNALS_DARWIN } from "../_ffi/constants_signal_darwin.ts";
import { SIGNALS_LINUX } from "../_ffi/constants_signal_linux.ts";
import { SIG_BLOCK as BLOCK, SIG_SETMASK as SETMASK, SIG_UNBLOCK as UNBLOCK } from "./constants.ts";

const S: Readonly<Record<string, number>> = Deno.build.os === "darwin"
  ? SIGNALS_DARWIN
  : SIGNALS_LINUX;

/**
 * Python's `signal.Handlers`: the two handlers that are not functions.
 *
 * @example
 * ```ts
 * import { Handlers, SIG_DFL, SIG_IGN } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.equal(SIG_DFL, Handlers.SIG_DFL);
 * assert.equal(Handlers[SIG_IGN], "SIG_IGN");
 * ```
 */
export enum Handlers {
  /** Take the signal's default action (terminate, stop, ignore, ...). */
  SIG_DFL = 0,
  /** Ignore the signal in the kernel. */
  SIG_IGN = 1,
}

/**
 * The default handler: take the signal's default action.
 *
 * @example
 * ```ts
 * import { getsignal, SIG_DFL, SIGXCPU } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.equal(getsignal(SIGXCPU), SIG_DFL); // Deno leaves SIGXCPU alone
 * ```
 */
export const SIG_DFL: Handlers.SIG_DFL = Handlers.SIG_DFL;

/**
 * The ignoring handler: the kernel discards the signal.
 *
 * @example
 * ```ts
 * import { getsignal, SIG_IGN, SIGPIPE } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.equal(getsignal(SIGPIPE), SIG_IGN); // Deno ignores SIGPIPE at startup
 * ```
 */
export const SIG_IGN: Handlers.SIG_IGN = Handlers.SIG_IGN;

/**
 * Python's `signal.Sigmasks`: the `how` values of `pthreadSigmask`.
 *
 * @example
 * ```ts
 * import { SIG_BLOCK, Sigmasks } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.equal(Sigmasks.SIG_BLOCK, SIG_BLOCK);
 * ```
 */
export enum Sigmasks {
  /** Add signals to the mask. */
  SIG_BLOCK = BLOCK,
  /** Remove signals from the mask. */
  SIG_UNBLOCK = UNBLOCK,
  /** Replace the mask. */
  SIG_SETMASK = SETMASK,
}

/**
 * The shape of {@linkcode Signals}: every signal name of the platform, and a reverse
 * mapping from number to name, as a TypeScript numeric enum has.
 */
export interface SignalsEnum {
  /** Reverse mapping: the name of a signal number. */
  readonly [num: number]: string;
  /** SIGHUP. */
  readonly SIGHUP: number;
  /** SIGINT. */
  readonly SIGINT: number;
  /** SIGQUIT. */
  readonly SIGQUIT: number;
  /** SIGILL. */
  readonly SIGILL: number;
  /** SIGTRAP. */
  readonly SIGTRAP: number;
  /** SIGABRT. */
  readonly SIGABRT: number;
  /** SIGIOT. */
  readonly SIGIOT: number;
  /** SIGBUS. */
  readonly SIGBUS: number;
  /** SIGFPE. */
  readonly SIGFPE: number;
  /** SIGKILL. */
  readonly SIGKILL: number;
  /** SIGUSR1. */
  readonly SIGUSR1: number;
  /** SIGSEGV. */
  readonly SIGSEGV: number;
  /** SIGUSR2. */
  readonly SIGUSR2: number;
  /** SIGPIPE. */
  readonly SIGPIPE: number;
  /** SIGALRM. */
  readonly SIGALRM: number;
  /** SIGTERM. */
  readonly SIGTERM: number;
  /** SIGCHLD. */
  readonly SIGCHLD: number;
  /** SIGCONT. */
  readonly SIGCONT: number;
  /** SIGSTOP. */
  readonly SIGSTOP: number;
  /** SIGTSTP. */
  readonly SIGTSTP: number;
  /** SIGTTIN. */
  readonly SIGTTIN: number;
  /** SIGTTOU. */
  readonly SIGTTOU: number;
  /** SIGURG. */
  readonly SIGURG: number;
  /** SIGXCPU. */
  readonly SIGXCPU: number;
  /** SIGXFSZ. */
  readonly SIGXFSZ: number;
  /** SIGVTALRM. */
  readonly SIGVTALRM: number;
  /** SIGPROF. */
  readonly SIGPROF: number;
  /** SIGWINCH. */
  readonly SIGWINCH: number;
  /** SIGIO. */
  readonly SIGIO: number;
  /** SIGSYS. */
  readonly SIGSYS: number;
  /** SIGSTKFLT (Linux only). */
  readonly SIGSTKFLT?: number;
  /** SIGCLD (Linux only). */
  readonly SIGCLD?: number;
  /** SIGPOLL (Linux only). */
  readonly SIGPOLL?: number;
  /** SIGPWR (Linux only). */
  readonly SIGPWR?: number;
  /** SIGRTMIN (Linux only). */
  readonly SIGRTMIN?: number;
  /** SIGRTMAX (Linux only). */
  readonly SIGRTMAX?: number;
  /** SIGEMT (macOS only). */
  readonly SIGEMT?: number;
  /** SIGINFO (macOS only). */
  readonly SIGINFO?: number;
}

/**
 * Python's `signal.Signals`: every signal name of the running platform with its number,
 * and the reverse mapping (number to name). Where two names share a number, the reverse
 * mapping gives the one Python's enum does (the alphabetically first: SIGABRT, SIGCHLD,
 * SIGIO).
 *
 * @example
 * ```ts
 * import { Signals, SIGTERM } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.equal(Signals.SIGTERM, SIGTERM);
 * assert.equal(Signals[SIGTERM], "SIGTERM");
 * assert.equal(Signals[Signals.SIGIOT], "SIGABRT");
 * ```
 */
export const Signals: SignalsEnum = buildSignals();

/** A signal number, as Python's `Signals` members are ints. */
export type Signals = number;

function buildSignals(): SignalsEnum {
  const out: Record<string | number, string | number> = {};
  const entries = Object.entries(S).sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1));
  for (const [name, num] of entries) {
    out[name] = num;
    if (!(num in out)) out[num] = name;
  }
  return Object.freeze(out) as unknown as SignalsEnum;
}
