// The only place that opens the C library. It is opened lazily on first use, so that
// importing any module needs no permission; without --allow-ffi, Deno's own
// `NotCapable` error (naming the flag) passes through unchanged.

import { OSError } from "../_errors/os_error.ts";
import { SYMBOLS_COMMON } from "./symbols_common.ts";
import { SYMBOLS_DARWIN } from "./symbols_darwin.ts";
import { SYMBOLS_LINUX } from "./symbols_linux.ts";

// The OS-specific tables mark every entry `optional`, since each is absent on the other OS.
const SYMBOLS = { ...SYMBOLS_COMMON, ...SYMBOLS_LINUX, ...SYMBOLS_DARWIN };

/** The opened C library with every symbol the library uses. */
export type Libc = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];

const LIBRARY_PATH: Readonly<Record<string, string>> = {
  linux: "libc.so.6",
  darwin: "/usr/lib/libSystem.B.dylib",
};
const ENV_OVERRIDE = "IPCNET_LIBC";

let opened: Libc | undefined;
let errnoView: Deno.UnsafePointerView | undefined;

/** Opens the C library on first call and returns its symbols. */
export function libc(): Libc {
  if (opened) return opened;
  const path = envOverride() ?? LIBRARY_PATH[Deno.build.os];
  if (path === undefined) {
    throw new OSError(`The C library is not available on "${Deno.build.os}"`);
  }
  try {
    opened = Deno.dlopen(path, SYMBOLS).symbols;
  } catch (err) {
    if (err instanceof Deno.errors.NotCapable || err instanceof Deno.errors.PermissionDenied) {
      throw err;
    }
    throw new OSError(`Cannot open the C library ${path}`, undefined, null, null, { cause: err });
  }
  return opened;
}

/** Whether FFI is permitted, without prompting. */
export function ffiPermitted(): boolean {
  return Deno.permissions.querySync({ name: "ffi" }).state === "granted";
}

/**
 * The calling thread's errno. Read it immediately after a synchronous call: the JS thread
 * is the only one that runs synchronous FFI calls, so its errno location is stable.
 */
export function errno(): number {
  if (!errnoView) {
    const lib = libc();
    const ptr = Deno.build.os === "darwin" ? lib.__error!() : lib.__errno_location!();
    errnoView = new Deno.UnsafePointerView(ptr!);
  }
  return errnoView.getInt32();
}

/**
 * Runs a syscall wrapper, retrying on EINTR (PEP 475), and throws the OSError for errno
 * when it returns -1. Returns the call's result otherwise.
 */
export function check<T extends number | bigint>(
  call: () => T,
  filename?: string | null,
): T {
  for (;;) {
    const result = call();
    if (result !== -1 && result !== -1n) return result;
    const e = errno();
    if (e !== EINTR) throw new OSError(e, undefined, filename);
  }
}

/**
 * Like `check`, but a call that would block (EAGAIN/EWOULDBLOCK) returns -1 instead of
 * throwing: the hot path of non-blocking I/O must not allocate an exception per retry.
 */
export function checkAgain(call: () => number | bigint): number {
  for (;;) {
    const result = call();
    if (result !== -1 && result !== -1n) return Number(result);
    const e = errno();
    if (e === EAGAIN) return -1;
    if (e !== EINTR) throw new OSError(e);
  }
}

const EINTR = 4; // Same number on Linux and macOS.
const EAGAIN = Deno.build.os === "darwin" ? 35 : 11;

function envOverride(): string | undefined {
  const state = Deno.permissions.querySync({ name: "env", variable: ENV_OVERRIDE }).state;
  return state === "granted" ? Deno.env.get(ENV_OVERRIDE) : undefined;
}

// ---- The kqueue library (select.Kqueue): libSystem on macOS, the userspace libkqueue on
// Linux. Opened lazily like libc; `IPCNET_LIBKQUEUE` overrides the path. ----

const KQUEUE_SYMBOLS = {
  // <sys/event.h>
  kqueue: { parameters: [], result: "i32" },
  kevent: {
    parameters: [
      "i32", /* int kq */
      "buffer", /* const struct kevent* changelist */
      "i32", /* int nchanges */
      "buffer", /* struct kevent* eventlist */
      "i32", /* int nevents */
      "buffer", /* const struct timespec* timeout */
    ],
    result: "i32",
  },
  // Nonblocking alias (never consults errno): libkqueue's descriptor is not pollable, so a
  // wait with a timeout runs on Deno's FFI thread pool in bounded slices.
  kevent_nb: {
    name: "kevent",
    parameters: ["i32", "buffer", "i32", "buffer", "i32", "buffer"],
    result: "i32",
    nonblocking: true,
  },
} as const satisfies Deno.ForeignLibraryInterface;

/** The kqueue calls, from libSystem (macOS) or libkqueue (Linux). */
export type KqueueLib = Deno.DynamicLibrary<typeof KQUEUE_SYMBOLS>["symbols"];

const KQUEUE_PATH: Readonly<Record<string, string>> = {
  linux: "libkqueue.so.0",
  darwin: "/usr/lib/libSystem.B.dylib",
};
const KQUEUE_ENV_OVERRIDE = "IPCNET_LIBKQUEUE";
const ENOSYS = Deno.build.os === "darwin" ? 78 : 38;

let kqueueOpened: KqueueLib | undefined;

/**
 * Opens the kqueue library on first call. Throws OSError(ENOSYS) when there is none (Linux
 * without libkqueue, Windows); a missing --allow-ffi passes through as Deno's NotCapable.
 */
export function kqueueLib(): KqueueLib {
  if (kqueueOpened) return kqueueOpened;
  const path = overrideOf(KQUEUE_ENV_OVERRIDE) ?? KQUEUE_PATH[Deno.build.os];
  const unavailable = `kqueue is not available on "${Deno.build.os}"`;
  if (path === undefined) throw new OSError(ENOSYS, unavailable);
  try {
    kqueueOpened = Deno.dlopen(path, KQUEUE_SYMBOLS).symbols;
  } catch (err) {
    if (err instanceof Deno.errors.NotCapable || err instanceof Deno.errors.PermissionDenied) {
      throw err;
    }
    const hint = Deno.build.os === "linux"
      ? ` (install the userspace libkqueue, or set ${KQUEUE_ENV_OVERRIDE} to its path)`
      : "";
    throw new OSError(ENOSYS, `${unavailable}: cannot load ${path}${hint}`, undefined, null, {
      cause: err,
    });
  }
  return kqueueOpened;
}

function overrideOf(variable: string): string | undefined {
  const state = Deno.permissions.querySync({ name: "env", variable }).state;
  return state === "granted" ? Deno.env.get(variable) : undefined;
}
