// Python's select.epoll: a thin, faithful wrapper of a Linux epoll descriptor. poll() with a
// zero timeout is one synchronous epoll_wait; a wait parks the epoll descriptor itself
// (readable while it holds ready events) in the shared reactor's poll(2) set, so it never
// blocks the event loop and costs no thread of its own. (Not as a registration in the
// reactor's epoll set: the kernel limits wake-up paths through nested epoll sets, and
// refuses with EINVAL an epoll that holds one file more than 500 times.)

import { OSError } from "../_errors/os_error.ts";
import { ValueError } from "../_errors/python_errors.ts";
import { epollCreate, epollCtl, EpollEvents } from "../_ffi/epoll.ts";
import { close } from "../_ffi/sockets.ts";
import { epollTimeoutMs, toFd, toInt } from "./_args.ts";
import { adopt, adopted, QueueFd, waitReadable } from "./_kernel_queue.ts";
import type { FileDescriptorLike } from "./select.ts";
import { EPOLL_CLOEXEC, EPOLLIN, EPOLLOUT, EPOLLPRI } from "./constants.ts";

/** Options of {@linkcode Epoll.poll}. */
export interface EpollPollOptions {
  /** Aborts the wait: the call rejects with `signal.reason`. */
  signal?: AbortSignal;
}

const FD_SETSIZE = 1024;
const ENOSYS = Deno.build.os === "darwin" ? 78 : 38;

/**
 * Python's edge and level triggered I/O event notification object (`select.epoll`), on
 * Linux. Elsewhere, constructing one throws `OSError` with errno `ENOSYS`, as Python has
 * no `epoll` there.
 *
 * @example
 * ```ts
 * import { Epoll, EPOLLIN, HAS_EPOLL } from "@ipcnet/std/select";
 * import assert from "node:assert/strict";
 *
 * if (HAS_EPOLL) {
 *   using ep = new Epoll();
 *   using inner = new Epoll();
 *   ep.register(inner, EPOLLIN);
 *   assert.deepEqual(await ep.poll(0.01), []);
 *   assert.throws(() => ep.register(inner), { name: "FileExistsError" });
 * }
 * ```
 */
export class Epoll {
  readonly #q: QueueFd;
  #events: EpollEvents | undefined;

  /**
   * Creates an epoll object (always close-on-exec).
   *
   * @param sizehint ignored, as on recent kernels; must be -1 or positive
   * @param flags ignored; must be 0 or `EPOLL_CLOEXEC`
   * @throws {ValueError} when `sizehint` is 0 or below -1 ("negative sizehint")
   * @throws {OSError} "invalid flags" for other flags; errno `ENOSYS` on macOS
   *
   * @tags allow-ffi
   *
   * @example
   * ```ts
   * import { Epoll, HAS_EPOLL } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (HAS_EPOLL) {
   *   const ep = new Epoll();
   *   assert.equal(ep.closed, false);
   *   ep.close();
   *   assert.equal(ep.closed, true);
   *   assert.throws(() => new Epoll(0), { name: "ValueError" });
   * } else {
   *   assert.throws(() => new Epoll(), { name: "OSError", code: "ENOSYS" });
   * }
   * ```
   */
  constructor(sizehint: number = -1, flags: number = 0) {
    const fd = adopted();
    if (fd !== null) {
      this.#q = new QueueFd(fd, "epoll", close);
      return;
    }
    const hint = toInt(sizehint);
    const f = toInt(flags);
    if (hint === 0 || hint < -1) throw new ValueError("negative sizehint");
    if (f !== 0 && f !== EPOLL_CLOEXEC) throw new OSError("invalid flags");
    unavailableCheck();
    this.#q = new QueueFd(epollCreate(), "epoll", close);
  }

  /**
   * Makes an epoll object from a descriptor (which it then owns and closes).
   *
   * @param fd an epoll descriptor
   * @returns the object
   * @throws {OSError} with errno `ENOSYS` on macOS
   *
   * @example
   * ```ts
   * import { Epoll, HAS_EPOLL } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (HAS_EPOLL) {
   *   const ep = new Epoll();
   *   using same = Epoll.fromfd(ep.fileno());
   *   assert.equal(same.fileno(), ep.fileno());
   * }
   * ```
   */
  static fromfd(fd: number): Epoll {
    const n = toInt(fd);
    unavailableCheck();
    return adopt(n, () => new Epoll());
  }

  /**
   * Whether the object is closed.
   *
   * @example
   * ```ts
   * import { Epoll, HAS_EPOLL } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (HAS_EPOLL) {
   *   const ep = new Epoll();
   *   ep.close();
   *   assert.ok(ep.closed);
   * }
   * ```
   */
  get closed(): boolean {
    return this.#q.closed;
  }

  /**
   * The epoll descriptor.
   *
   * @returns the descriptor
   * @throws {ValueError} when the object is closed
   *
   * @example
   * ```ts
   * import { Epoll, HAS_EPOLL } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (HAS_EPOLL) {
   *   using ep = new Epoll();
   *   assert.ok(ep.fileno() > 2);
   * }
   * ```
   */
  fileno(): number {
    return this.#q.open();
  }

  /**
   * Closes the epoll descriptor; a pending `poll()` rejects with OSError `EBADF`. Closing
   * twice does nothing.
   *
   * @example
   * ```ts
   * import { Epoll, HAS_EPOLL } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (HAS_EPOLL) {
   *   const ep = new Epoll();
   *   ep.close();
   *   ep.close();
   *   assert.throws(() => ep.fileno(), { name: "ValueError" });
   * }
   * ```
   */
  close(): void {
    this.#q.close(); // pending polls reject with EBADF
  }

  /**
   * Registers a descriptor.
   *
   * @param fd a descriptor, or an object with `fileno()`
   * @param eventmask `EPOLL*` bits; default `EPOLLIN | EPOLLPRI | EPOLLOUT`
   * @throws {FileExistsError} when `fd` is already registered
   * @throws {ValueError} when the object is closed, or `fd` is negative
   * @throws {OSError} from epoll_ctl (`EPERM` for a regular file, `EBADF`, ...)
   *
   * @example
   * ```ts
   * import { Epoll, EPOLLIN, HAS_EPOLL } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (HAS_EPOLL) {
   *   using ep = new Epoll();
   *   using other = new Epoll();
   *   ep.register(other.fileno(), EPOLLIN);
   *   assert.throws(() => ep.register(other, EPOLLIN), { name: "FileExistsError", errno: 17 });
   * }
   * ```
   */
  register(
    fd: FileDescriptorLike,
    eventmask: number = EPOLLIN | EPOLLPRI | EPOLLOUT,
  ): void {
    const epfd = this.#q.open();
    epollCtl(epfd, "add", toFd(fd), toInt(eventmask));
  }

  /**
   * Changes the events of a registered descriptor.
   *
   * @param fd a registered descriptor, or an object with `fileno()`
   * @param eventmask the new `EPOLL*` bits
   * @throws {FileNotFoundError} (errno `ENOENT`) when `fd` is not registered
   * @throws {ValueError} when the object is closed
   *
   * @example
   * ```ts
   * import { Epoll, EPOLLIN, HAS_EPOLL } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (HAS_EPOLL) {
   *   using ep = new Epoll();
   *   using other = new Epoll();
   *   assert.throws(() => ep.modify(other, EPOLLIN), { name: "FileNotFoundError", errno: 2 });
   * }
   * ```
   */
  modify(fd: FileDescriptorLike, eventmask: number): void {
    const epfd = this.#q.open();
    epollCtl(epfd, "mod", toFd(fd), toInt(eventmask));
  }

  /**
   * Removes a registered descriptor.
   *
   * @param fd a registered descriptor, or an object with `fileno()`
   * @throws {FileNotFoundError} (errno `ENOENT`) when `fd` is not registered
   * @throws {ValueError} when the object is closed
   *
   * @example
   * ```ts
   * import { Epoll, HAS_EPOLL } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (HAS_EPOLL) {
   *   using ep = new Epoll();
   *   using other = new Epoll();
   *   ep.register(other);
   *   ep.unregister(other);
   *   assert.throws(() => ep.unregister(other), { name: "FileNotFoundError" });
   * }
   * ```
   */
  unregister(fd: FileDescriptorLike): void {
    const epfd = this.#q.open();
    epollCtl(epfd, "del", toFd(fd), 0);
  }

  /**
   * Waits for events, up to `timeout` seconds. Resolves with `[fd, events]` pairs, or `[]`
   * when the timeout passes first.
   *
   * A zero timeout is one synchronous epoll_wait; a wait never blocks the event loop (the
   * epoll descriptor waits in the shared reactor until it has events).
   *
   * @param timeout seconds; `null`, omitted or negative waits for ever
   * @param maxevents the most events to return; -1 (the default) means FD_SETSIZE - 1
   * @param options `signal` to abort the wait
   * @returns the events
   * @throws {ValueError} when the object is closed, or `maxevents` is 0 or below -1
   * @throws {TypeError} when `timeout` is not a number
   * @throws {OSError} with errno `EBADF` when the object is closed during the wait
   *
   * @tags allow-ffi
   *
   * @example
   * ```ts
   * import { Epoll, HAS_EPOLL } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (HAS_EPOLL) {
   *   using ep = new Epoll();
   *   using other = new Epoll();
   *   ep.register(other);
   *   assert.deepEqual(await ep.poll(0), []);
   *   await assert.rejects(ep.poll(0, 0), { name: "ValueError" });
   * }
   * ```
   */
  async poll(
    timeout?: number | null,
    maxevents: number = -1,
    options?: EpollPollOptions,
  ): Promise<Array<[number, number]>> {
    const epfd = this.#q.open();
    const timeoutMs = epollTimeoutMs(timeout);
    let max = toInt(maxevents);
    if (max === -1) max = FD_SETSIZE - 1;
    else if (max <= 0) throw new ValueError(`maxevents must be greater than 0, got ${max}`);
    if (!this.#events || this.#events.capacity < max) this.#events = new EpollEvents(max);
    const events = this.#events;
    const check = (): Array<[number, number]> | null => {
      this.#q.checkSame(epfd);
      const out = events.collect(epfd, max);
      return out.length > 0 ? out : null;
    };
    const signal = this.#q.waitSignal(options?.signal);
    return await waitReadable(epfd, check, timeoutMs, signal);
  }

  /** Closes the object (the `with` statement of Python). */
  [Symbol.dispose](): void {
    this.close();
  }
}

function unavailableCheck(): void {
  if (Deno.build.os !== "linux") {
    throw new OSError(ENOSYS, `epoll is not available on "${Deno.build.os}"`);
  }
}
