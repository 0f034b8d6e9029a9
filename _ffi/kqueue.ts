// Typed wrappers over kqueue/kevent for select.Kqueue: libSystem on macOS, the userspace
// libkqueue on Linux (kqueueLib() in libc.ts). `struct kevent` is packed and unpacked here.

import { OSError } from "../_errors/os_error.ts";
import { SELECT_PRIVATE_DARWIN as P } from "./constants_select_darwin.ts";
import { fcntl } from "./fd.ts";
import { check, errno, kqueueLib, libc } from "./libc.ts";

/** The fields of one `struct kevent`. */
export interface KeventFields {
  ident: number;
  filter: number;
  flags: number;
  fflags: number;
  data: number;
  udata: number;
}

const EINTR = 4;
const F_SETFD = 2;
const FD_CLOEXEC = 1;

/** A new kqueue descriptor, close-on-exec. */
export function kqueueCreate(): number {
  const lib = kqueueLib();
  const kq = check(() => lib.kqueue());
  if (Deno.build.os === "darwin") fcntl(kq, F_SETFD, FD_CLOEXEC);
  return kq;
}

/** Closes a kqueue descriptor (libkqueue notices the close and frees its state). */
export function kqueueClose(kq: number): void {
  if (libc().close(kq) === 0) return;
  const e = errno();
  if (e !== EINTR) throw new OSError(e);
}

/** Packs events into a `struct kevent` array. */
export function encodeKevents(events: readonly KeventFields[]): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(Math.max(events.length, 1) * P.KEVENT_SIZE);
  const v = new DataView(bytes.buffer);
  events.forEach((e, i) => {
    const base = i * P.KEVENT_SIZE;
    v.setBigUint64(base, BigInt.asUintN(64, BigInt(e.ident)), true);
    v.setInt16(base + P.KEVENT_FILTER_OFFSET, e.filter, true);
    v.setUint16(base + P.KEVENT_FLAGS_OFFSET, e.flags, true);
    v.setUint32(base + P.KEVENT_FFLAGS_OFFSET, e.fflags >>> 0, true);
    v.setBigInt64(base + P.KEVENT_DATA_OFFSET, BigInt(e.data), true);
    v.setBigUint64(base + P.KEVENT_UDATA_OFFSET, BigInt.asUintN(64, BigInt(e.udata)), true);
  });
  return bytes;
}

/** Unpacks the first `n` events of a `struct kevent` array. */
export function decodeKevents(bytes: Uint8Array, n: number): KeventFields[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: KeventFields[] = [];
  for (let i = 0; i < n; i++) {
    const base = i * P.KEVENT_SIZE;
    out.push({
      ident: Number(v.getBigUint64(base, true)),
      filter: v.getInt16(base + P.KEVENT_FILTER_OFFSET, true),
      flags: v.getUint16(base + P.KEVENT_FLAGS_OFFSET, true),
      fflags: v.getUint32(base + P.KEVENT_FFLAGS_OFFSET, true),
      data: Number(v.getBigInt64(base + P.KEVENT_DATA_OFFSET, true)),
      udata: Number(v.getBigUint64(base + P.KEVENT_UDATA_OFFSET, true)),
    });
  }
  return out;
}

/** A `struct timespec` for `ms` milliseconds. */
export function timespec(ms: number): Uint8Array<ArrayBuffer> {
  const ts = new Uint8Array(P.TIMESPEC_SIZE);
  const v = new DataView(ts.buffer);
  v.setBigInt64(0, BigInt(Math.floor(ms / 1000)), true);
  v.setBigInt64(8, BigInt(Math.round((ms % 1000) * 1e6)), true);
  return ts;
}

/**
 * `kevent(kq, changes, nchanges, events, nevents, timeout)` without waiting (a zero
 * timeout): applies the changes and collects up to `nevents` ready events.
 */
export function keventNow(
  kq: number,
  changes: Uint8Array | null,
  nchanges: number,
  events: Uint8Array,
  nevents: number,
): number {
  const lib = kqueueLib();
  const zero = ZERO;
  // EINTR after the changes were applied would apply them twice: only retry without them.
  let n = lib.kevent(kq, changes, nchanges, events, nevents, zero);
  while (n < 0) {
    const e = errno();
    if (e !== EINTR) throw new OSError(e);
    n = lib.kevent(kq, null, 0, events, nevents, zero);
  }
  return n;
}

/**
 * The nonblocking `kevent` (on Deno's FFI thread pool) for up to `ms` milliseconds; for
 * libkqueue, whose descriptor cannot be polled. Returns the count, or -1 when interrupted.
 */
export async function keventWait(
  kq: number,
  events: Uint8Array<ArrayBuffer>,
  nevents: number,
  ms: number,
): Promise<number> {
  const lib = kqueueLib();
  const n = await lib.kevent_nb(kq, null, 0, events, nevents, timespec(ms));
  if (n >= 0) return n;
  // errno of a nonblocking call is lost: ask again synchronously, without waiting.
  return keventNow(kq, null, 0, events, nevents);
}

const ZERO = new Uint8Array(P.TIMESPEC_SIZE);
