// Typed wrappers over epoll (Linux) for select.Epoll. Synchronous: errno is read straight
// after each call; EINTR is retried (PEP 475).

import { SELECT_LINUX, SELECT_PRIVATE_LINUX as P } from "./constants_select_linux.ts";
import { check, libc } from "./libc.ts";

/** `epoll_create1(EPOLL_CLOEXEC)`. */
export function epollCreate(): number {
  const lib = libc();
  return check(() => lib.epoll_create1!(SELECT_LINUX.EPOLL_CLOEXEC));
}

const ev = new Uint8Array(P.EPOLL_EVENT_SIZE);
const evView = new DataView(ev.buffer);

/** `epoll_ctl(epfd, op, fd, {events: mask, data.fd: fd})`; op is "add", "mod" or "del". */
export function epollCtl(epfd: number, op: "add" | "mod" | "del", fd: number, mask: number): void {
  const lib = libc();
  const code = op === "add" ? P.EPOLL_CTL_ADD : op === "mod" ? P.EPOLL_CTL_MOD : P.EPOLL_CTL_DEL;
  evView.setUint32(0, mask >>> 0, true);
  evView.setBigUint64(P.EPOLL_DATA_OFFSET, BigInt(fd >>> 0), true);
  check(() => lib.epoll_ctl!(epfd, code, fd, ev));
}

/** A reusable `struct epoll_event` array for `epoll_wait`. */
export class EpollEvents {
  #bytes: Uint8Array<ArrayBuffer>;
  #view: DataView;
  #capacity: number;

  /** Room for `capacity` events. */
  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#bytes = new Uint8Array(capacity * P.EPOLL_EVENT_SIZE);
    this.#view = new DataView(this.#bytes.buffer);
  }

  /** How many events fit. */
  get capacity(): number {
    return this.#capacity;
  }

  /**
   * `epoll_wait(epfd, events, max, 0)`: collects up to `max` ready events without waiting,
   * as `[fd, events]` pairs.
   */
  collect(epfd: number, max: number): Array<[number, number]> {
    const lib = libc();
    const bytes = this.#bytes;
    const n = check(() => lib.epoll_wait!(epfd, bytes, Math.min(max, this.#capacity), 0));
    const out: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) {
      const base = i * P.EPOLL_EVENT_SIZE;
      out.push([
        this.#view.getInt32(base + P.EPOLL_DATA_OFFSET, true),
        this.#view.getUint32(base, true),
      ]);
    }
    return out;
  }
}
