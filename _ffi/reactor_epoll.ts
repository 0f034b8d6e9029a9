// The Linux reactor backend: one epoll set with one-shot registrations (EPOLLONESHOT, so a
// descriptor reports once per wait and an idle one costs nothing) or, for descriptors the
// library owns and only waits on after EAGAIN, one edge-triggered registration for their
// whole life (no epoll_ctl per wait); and an eventfd to wake the parked poll. See reactor.ts.

import { SELECT_LINUX, SELECT_PRIVATE_LINUX } from "./constants_select_linux.ts";
import { check, errno, libc } from "./libc.ts";
import {
  FD_ERROR,
  FD_HUP,
  FD_READ,
  FD_WRITE,
  type ReactorBackend,
  type Registration,
} from "./reactor_backend.ts";

const E = SELECT_LINUX;
const P = SELECT_PRIVATE_LINUX;
const MAX_EVENTS = 256;
const ENOENT = 2;
const EEXIST = 17;
const EINTR = 4;
const READ_MASK = E.EPOLLIN | E.EPOLLRDHUP | E.EPOLLPRI;

/** Creates the epoll set and its eventfd. */
export function createBackend(): ReactorBackend {
  const lib = libc();
  const queueFd = check(() => lib.epoll_create1!(E.EPOLL_CLOEXEC));
  let wakeFd: number;
  try {
    wakeFd = check(() => lib.eventfd!(0, P.EFD_CLOEXEC | P.EFD_NONBLOCK));
  } catch (err) {
    lib.close(queueFd);
    throw err;
  }
  const ev = new Uint8Array(P.EPOLL_EVENT_SIZE);
  const evView = new DataView(ev.buffer);
  const events = new Uint8Array(P.EPOLL_EVENT_SIZE * MAX_EVENTS);
  const eventsView = new DataView(events.buffer);
  const counter = new BigUint64Array([1n]);
  const counterBytes = new Uint8Array(counter.buffer);

  const ctl = (op: number, fd: number, mask: number): number => {
    evView.setUint32(0, mask, true);
    evView.setBigUint64(P.EPOLL_DATA_OFFSET, BigInt(fd), true);
    for (;;) {
      if (lib.epoll_ctl!(queueFd, op, fd, ev) === 0) return 0;
      const e = errno();
      if (e !== EINTR) return e;
    }
  };

  return {
    queueFd,
    wakeFd,
    wake(): void {
      counter[0] = 1n;
      lib.write(wakeFd, counterBytes, 8n);
    },
    drainWake(): void {
      lib.read(wakeFd, counterBytes, 8n);
    },
    arm(reg: Registration, need: number): number {
      const mask = E.EPOLLONESHOT | (need & FD_READ ? READ_MASK : 0) |
        (need & FD_WRITE ? E.EPOLLOUT : 0);
      let e = ctl(reg.registered ? P.EPOLL_CTL_MOD : P.EPOLL_CTL_ADD, reg.fd, mask);
      // The kernel dropped the registration (its file closed): add it again. Or it is
      // there already although we did not know (a stale registration): modify it.
      if (e === ENOENT && reg.registered) e = ctl(P.EPOLL_CTL_ADD, reg.fd, mask);
      else if (e === EEXIST && !reg.registered) e = ctl(P.EPOLL_CTL_MOD, reg.fd, mask);
      if (e === 0) {
        reg.registered = true;
        reg.armed = need;
      }
      return e;
    },
    armEdge(reg: Registration): number {
      const mask = E.EPOLLET | READ_MASK | E.EPOLLOUT;
      let e = ctl(reg.registered ? P.EPOLL_CTL_MOD : P.EPOLL_CTL_ADD, reg.fd, mask);
      if (e === ENOENT && reg.registered) e = ctl(P.EPOLL_CTL_ADD, reg.fd, mask);
      else if (e === EEXIST && !reg.registered) e = ctl(P.EPOLL_CTL_MOD, reg.fd, mask);
      if (e === 0) {
        reg.registered = true;
        reg.armed = FD_READ | FD_WRITE;
      }
      return e;
    },
    forget(reg: Registration): void {
      if (reg.registered) ctl(P.EPOLL_CTL_DEL, reg.fd, 0);
      reg.registered = false;
      reg.armed = 0;
    },
    drain(dispatch: (fd: number, bits: number, disarmed: number) => void): void {
      for (;;) {
        const n = check(() => lib.epoll_wait!(queueFd, events, MAX_EVENTS, 0));
        for (let i = 0; i < n; i++) {
          const base = i * P.EPOLL_EVENT_SIZE;
          const mask = eventsView.getUint32(base, true);
          const fd = eventsView.getUint32(base + P.EPOLL_DATA_OFFSET, true);
          dispatch(fd, toBits(mask), FD_READ | FD_WRITE);
        }
        if (n < MAX_EVENTS) return;
      }
    },
    close(): void {
      lib.close(wakeFd);
      lib.close(queueFd);
    },
  };
}

function toBits(mask: number): number {
  return (mask & READ_MASK ? FD_READ : 0) | (mask & E.EPOLLOUT ? FD_WRITE : 0) |
    (mask & E.EPOLLERR ? FD_ERROR : 0) | (mask & E.EPOLLHUP ? FD_HUP : 0);
}
