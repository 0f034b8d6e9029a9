// The macOS reactor backend: one kqueue with one-shot filters (EV_ADD|EV_ONESHOT per wait,
// EVFILT_READ and EVFILT_WRITE separately), and a pipe to wake the parked poll (a kqueue
// descriptor is pollable on macOS). See reactor.ts.

import { KQUEUE_CONSTANTS as K, SELECT_PRIVATE_DARWIN as P } from "./constants_select_darwin.ts";
import { fcntl, pipe } from "./fd.ts";
import { check, errno, libc } from "./libc.ts";
import {
  FD_ERROR,
  FD_HUP,
  FD_READ,
  FD_WRITE,
  type ReactorBackend,
  type Registration,
} from "./reactor_backend.ts";

const MAX_EVENTS = 256;
const F_SETFD = 2;
const FD_CLOEXEC = 1;

/** Creates the kqueue and its wake-up pipe. */
export function createBackend(): ReactorBackend {
  const lib = libc();
  const queueFd = check(() => lib.kqueue!());
  let wakeR: number, wakeW: number;
  try {
    fcntl(queueFd, F_SETFD, FD_CLOEXEC);
    [wakeR, wakeW] = pipe();
  } catch (err) {
    lib.close(queueFd);
    throw err;
  }
  const changes = new Uint8Array(P.KEVENT_SIZE * 2);
  const cv = new DataView(changes.buffer);
  const events = new Uint8Array(P.KEVENT_SIZE * MAX_EVENTS);
  const ev = new DataView(events.buffer);
  const zero = new Uint8Array(P.TIMESPEC_SIZE);
  const byte = new Uint8Array(64);

  const submit = (n: number): number => {
    if (n === 0) return 0;
    return lib.kevent!(queueFd, changes, n, null, 0, zero) === -1 ? errno() : 0;
  };
  const change = (i: number, fd: number, filter: number, flags: number): void => {
    changes.fill(0, i * P.KEVENT_SIZE, (i + 1) * P.KEVENT_SIZE);
    cv.setBigUint64(i * P.KEVENT_SIZE, BigInt(fd), true);
    cv.setInt16(i * P.KEVENT_SIZE + P.KEVENT_FILTER_OFFSET, filter, true);
    cv.setUint16(i * P.KEVENT_SIZE + P.KEVENT_FLAGS_OFFSET, flags, true);
  };

  return {
    queueFd,
    wakeFd: wakeR,
    wake(): void {
      lib.write(wakeW, byte, 1n);
    },
    drainWake(): void {
      while (Number(lib.read(wakeR, byte, BigInt(byte.length))) === byte.length);
    },
    arm(reg: Registration, need: number): number {
      let n = 0;
      const add = K.KQ_EV_ADD | K.KQ_EV_ONESHOT;
      if (need & FD_READ && !(reg.armed & FD_READ)) change(n++, reg.fd, K.KQ_FILTER_READ, add);
      if (need & FD_WRITE && !(reg.armed & FD_WRITE)) change(n++, reg.fd, K.KQ_FILTER_WRITE, add);
      const e = submit(n);
      if (e === 0) reg.armed |= need;
      return e;
    },
    forget(reg: Registration): void {
      let n = 0;
      if (reg.armed & FD_READ) change(n++, reg.fd, K.KQ_FILTER_READ, K.KQ_EV_DELETE);
      if (reg.armed & FD_WRITE) change(n++, reg.fd, K.KQ_FILTER_WRITE, K.KQ_EV_DELETE);
      submit(n);
      reg.armed = 0;
    },
    drain(dispatch: (fd: number, bits: number, disarmed: number) => void): void {
      for (;;) {
        const n = check(() => lib.kevent!(queueFd, null, 0, events, MAX_EVENTS, zero));
        for (let i = 0; i < n; i++) {
          const base = i * P.KEVENT_SIZE;
          const fd = Number(ev.getBigUint64(base, true));
          const filter = ev.getInt16(base + P.KEVENT_FILTER_OFFSET, true);
          const flags = ev.getUint16(base + P.KEVENT_FLAGS_OFFSET, true);
          const fflags = ev.getUint32(base + P.KEVENT_FFLAGS_OFFSET, true);
          const which = filter === K.KQ_FILTER_READ ? FD_READ : FD_WRITE;
          let bits = flags & K.KQ_EV_ERROR ? FD_ERROR : which;
          if (flags & K.KQ_EV_EOF) {
            if (fflags !== 0) bits |= FD_ERROR;
            if (which === FD_WRITE) bits |= FD_HUP;
          }
          dispatch(fd, bits, which);
        }
        if (n < MAX_EVENTS) return;
      }
    },
    close(): void {
      lib.close(wakeR);
      lib.close(wakeW);
      lib.close(queueFd);
    },
  };
}
