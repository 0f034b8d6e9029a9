// The kernel backend of `Socket`: a real descriptor (socket(2), accept4(2), socketpair(2),
// or adopted), always non-blocking. Every transfer is one synchronous syscall, so errno is
// exact; when it would block, the shared reactor says when to try again (an edge-triggered
// registration made once per descriptor, so a wait costs no syscall). A timeout or an
// abort cancels only the wait, never a transfer, so nothing is lost.

import { BlockingIOError, osError, TimeoutError } from "../_errors/mod.ts";
import { ERRNO } from "../_ffi/errno.ts";
import { pollOnce } from "../_ffi/poll.ts";
import { FD_READ, FD_WRITE, forgetFd, waitFdEdge } from "../_ffi/reactor.ts";
import type { EncodedSockaddr, SockAddr } from "../_ffi/sockaddr.ts";
import * as k from "../_ffi/sockets.ts";
import { kReadyNow, kWaitReady, type NativeReadiness, type ReadinessKind } from "./readiness.ts";
import type { IoMode } from "./_stream.ts";
import { deadlineOf } from "./_wait.ts";
import { MSG_DONTWAIT, MSG_PEEK, MSG_WAITALL, SOCK_STREAM } from "./constants.ts";

/** One item of ancillary data: `[level, type, data]`. */
export type Ancillary = [level: number, type: number, data: Uint8Array];

const AGAIN = Symbol("again");
const EMPTY = new Uint8Array(0);
const MAX_READ = 4 * 1024 * 1024;
// poll(2) bits, the same on Linux and macOS.
const POLLIN = 1;
const POLLOUT = 4;

export class KernelChannel implements NativeReadiness {
  /** Handles sharing this descriptor. */
  refs = 1;
  readonly family: number;
  readonly type: number;
  readonly proto: number;
  #fd: number;

  constructor(fd: number, family: number, type: number, proto: number) {
    this.#fd = fd;
    this.family = family;
    this.type = type;
    this.proto = proto;
  }

  /** A new kernel socket. */
  static open(family: number, type: number, proto: number): KernelChannel {
    return new KernelChannel(k.socket(family, type, proto), family, type, proto);
  }

  /** The descriptor (-1 once closed or detached). */
  get fd(): number {
    return this.#fd;
  }

  bind(addr: EncodedSockaddr): void {
    k.bind(this.#live(), addr);
  }

  listen(backlog: number): void {
    k.listen(this.#live(), backlog);
  }

  accept(mode: IoMode): Promise<[KernelChannel, SockAddr]> {
    return this.#io(FD_READ, 0, mode, () => {
      const got = k.tryAccept(this.#fd);
      if (got === null) return AGAIN;
      return [new KernelChannel(got[0], this.family, this.type, this.proto), got[1]];
    });
  }

  async connect(addr: EncodedSockaddr, mode: IoMode): Promise<void> {
    try {
      k.connect(this.#live(), addr);
      return;
    } catch (err) {
      if (!(err instanceof BlockingIOError) || err.errno !== ERRNO.EINPROGRESS) throw err;
      if (mode.timeout === 0) throw err;
    }
    await this.#ready(FD_WRITE, deadlineOf(mode.timeout), mode.signal);
    k.connectResult(this.#live());
    // Python's blocking connect(2) leaves the socket connected for good, so another connect
    // throws EISCONN; after a non-blocking one, Linux lets one more connect succeed first.
    if (mode.timeout === null) this.#settleConnect(addr);
  }

  recv(n: number, flags: number, mode: IoMode): Promise<Uint8Array> {
    // CPython returns b"" for recv(0) without a syscall (Linux would say EAGAIN).
    if (n === 0) return this.#fd < 0 ? Promise.reject(osError("EBADF")) : Promise.resolve(EMPTY);
    if (flags & MSG_WAITALL && !(flags & MSG_PEEK) && this.type === SOCK_STREAM) {
      return this.#recvAll(n, flags & ~MSG_WAITALL, mode);
    }
    const buf = new Uint8Array(Math.min(n, MAX_READ));
    return this.#io(FD_READ, flags, mode, () => {
      const got = k.tryRecvInto(this.#fd, buf, buf.length, flags);
      return got < 0 ? AGAIN : trim(buf, got);
    });
  }

  recvInto(target: Uint8Array, flags: number, mode: IoMode): Promise<number> {
    if (target.length === 0) {
      return this.#fd < 0 ? Promise.reject(osError("EBADF")) : Promise.resolve(0);
    }
    return this.#io(FD_READ, flags, mode, () => {
      const got = k.tryRecvInto(this.#fd, target, target.length, flags);
      return got < 0 ? AGAIN : got;
    });
  }

  recvfrom(n: number, flags: number, mode: IoMode): Promise<[Uint8Array, SockAddr | null]> {
    const buf = new Uint8Array(Math.min(n, MAX_READ));
    return this.#io(FD_READ, flags, mode, () => {
      const [got, from] = k.tryRecvfromInto(this.#fd, buf, buf.length, flags);
      return got < 0 ? AGAIN : [trim(buf, got), from] as [Uint8Array, SockAddr | null];
    });
  }

  recvfromInto(
    target: Uint8Array,
    flags: number,
    mode: IoMode,
  ): Promise<[number, SockAddr | null]> {
    return this.#io(FD_READ, flags, mode, () => {
      const result = k.tryRecvfromInto(this.#fd, target, target.length, flags);
      return result[0] < 0 ? AGAIN : result;
    });
  }

  send(data: Uint8Array, flags: number, mode: IoMode): Promise<number> {
    return this.#io(FD_WRITE, flags, mode, () => {
      const sent = k.trySend(this.#fd, data, flags);
      return sent < 0 ? AGAIN : sent;
    });
  }

  async sendall(data: Uint8Array, flags: number, mode: IoMode): Promise<void> {
    const deadline = deadlineOf(mode.timeout);
    let off = 0;
    while (off < data.length) {
      const sent = k.trySend(this.#live(), off === 0 ? data : data.subarray(off), flags);
      if (sent >= 0) {
        off += sent;
        continue;
      }
      if (mode.timeout === 0 || flags & MSG_DONTWAIT) {
        const err = new BlockingIOError(ERRNO.EAGAIN);
        err.charactersWritten = off;
        throw err;
      }
      await this.#ready(FD_WRITE, deadline, mode.signal);
    }
  }

  sendto(data: Uint8Array, flags: number, addr: EncodedSockaddr, mode: IoMode): Promise<number> {
    return this.#io(FD_WRITE, flags, mode, () => {
      const sent = k.trySendto(this.#fd, data, flags, addr);
      return sent < 0 ? AGAIN : sent;
    });
  }

  sendmsg(
    buffers: Uint8Array[],
    ancdata: Ancillary[],
    flags: number,
    addr: EncodedSockaddr | null,
    mode: IoMode,
  ): Promise<number> {
    return this.#io(
      FD_WRITE,
      flags,
      mode,
      () => again(() => k.sendmsg(this.#fd, buffers, ancdata, flags, addr ?? undefined)),
    );
  }

  recvmsg(
    bufsize: number,
    ancbufsize: number,
    flags: number,
    mode: IoMode,
  ): Promise<k.RecvmsgResult> {
    return this.#io(
      FD_READ,
      flags,
      mode,
      () => again(() => k.recvmsg(this.#fd, bufsize, ancbufsize, flags)),
    );
  }

  recvmsgInto(
    buffers: Uint8Array[],
    ancbufsize: number,
    flags: number,
    mode: IoMode,
  ): Promise<k.RecvmsgIntoResult> {
    return this.#io(
      FD_READ,
      flags,
      mode,
      () => again(() => k.recvmsgInto(this.#fd, buffers, ancbufsize, flags)),
    );
  }

  shutdown(how: number): Promise<void> {
    try {
      k.shutdown(this.#live(), how);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err);
    }
  }

  sockname(): SockAddr {
    return k.getsockname(this.#live());
  }

  peername(): SockAddr {
    return k.getpeername(this.#live());
  }

  /** Drops one handle; the last one closes the descriptor. */
  release(): void {
    if (--this.refs > 0 || this.#fd < 0) return;
    const fd = this.#fd;
    this.#fd = -1;
    k.close(fd);
  }

  /** Hands the descriptor over without closing it (Python's `detach`). */
  detach(): number {
    const fd = this.#fd;
    this.#fd = -1;
    this.refs = 0;
    if (fd >= 0) forgetFd(fd);
    return fd;
  }

  [kReadyNow](kind: ReadinessKind): boolean {
    if (this.#fd < 0) return true;
    return pollOnce(this.#fd, kind === "read" ? POLLIN : POLLOUT) !== 0;
  }

  async [kWaitReady](kind: ReadinessKind, signal: AbortSignal): Promise<void> {
    // Waits are edge-triggered: ask the kernel first whether it is ready already.
    while (this.#fd >= 0 && !this[kReadyNow](kind)) {
      await waitFdEdge(this.#fd, kind === "read" ? FD_READ : FD_WRITE, signal);
    }
  }

  #settleConnect(addr: EncodedSockaddr): void {
    try {
      k.connect(this.#live(), addr);
    } catch {
      // EISCONN, as expected. A reset that came in between shows on the next call, as it
      // would after Python's connect, which has already succeeded.
    }
  }

  #live(): number {
    if (this.#fd < 0) throw osError("EBADF");
    return this.#fd;
  }

  // Tries `op` at once; if it would block, waits for readiness (unless non-blocking) and
  // tries again. The first attempt is synchronous so that data already there costs one call.
  #io<T>(events: number, flags: number, mode: IoMode, op: () => T | typeof AGAIN): Promise<T> {
    try {
      this.#live();
      const result = op();
      if (result !== AGAIN) return Promise.resolve(result);
      if (mode.timeout === 0 || flags & MSG_DONTWAIT) {
        return Promise.reject(new BlockingIOError(ERRNO.EAGAIN));
      }
    } catch (err) {
      return Promise.reject(err);
    }
    return this.#retry(events, mode, op);
  }

  async #retry<T>(events: number, mode: IoMode, op: () => T | typeof AGAIN): Promise<T> {
    const deadline = deadlineOf(mode.timeout);
    for (;;) {
      await this.#ready(events, deadline, mode.signal);
      this.#live();
      const result = op();
      if (result !== AGAIN) return result;
    }
  }

  async #recvAll(n: number, flags: number, mode: IoMode): Promise<Uint8Array> {
    const out = new Uint8Array(n);
    const deadline = deadlineOf(mode.timeout);
    let got = 0;
    while (got < n) {
      const count = k.tryRecvInto(this.#live(), out.subarray(got), n - got, flags);
      if (count === 0) break;
      if (count > 0) {
        got += count;
        continue;
      }
      if (mode.timeout === 0 || flags & MSG_DONTWAIT) {
        if (got > 0) break;
        throw new BlockingIOError(ERRNO.EAGAIN);
      }
      await this.#ready(FD_READ, deadline, mode.signal);
    }
    return trim(out, got);
  }

  // Waits until the descriptor is ready, `deadline` passes (TimeoutError) or `signal`
  // aborts. Whatever ends the wait also ends the reactor registration, so that nothing is
  // left parked.
  #ready(events: number, deadline: number | null, signal?: AbortSignal): Promise<number> {
    if (deadline === null && !signal) return waitFdEdge(this.#fd, events);
    const ctl = new AbortController();
    const onAbort = (): void => ctl.abort(signal!.reason);
    if (signal?.aborted) return Promise.reject(signal.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer = deadline === null ? undefined : setTimeout(
      () => ctl.abort(new TimeoutError("timed out")),
      Math.max(0, deadline - performance.now()),
    );
    return waitFdEdge(this.#fd, events, ctl.signal).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    });
  }
}

// Runs a throwing transfer, turning BlockingIOError into AGAIN.
function again<T>(op: () => T): T | typeof AGAIN {
  try {
    return op();
  } catch (err) {
    if (err instanceof BlockingIOError) return AGAIN;
    throw err;
  }
}

function trim(buf: Uint8Array, n: number): Uint8Array {
  if (n === 0) return EMPTY;
  if (n === buf.length) return buf;
  return n * 2 < buf.length ? buf.slice(0, n) : buf.subarray(0, n);
}
