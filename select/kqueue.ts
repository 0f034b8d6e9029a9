// Python's select.kqueue: a thin wrapper of a kernel event queue, native on macOS, and on
// Linux the userspace libkqueue when it is installed (the same code path, so that it can be
// tested there). control() with a zero timeout is one synchronous kevent call. A wait never
// blocks the event loop: on macOS the kqueue descriptor (readable while events are pending)
// waits in the shared reactor's poll(2) set; libkqueue's descriptor cannot be polled, so on
// Linux the wait is a nonblocking kevent on Deno's FFI thread pool, in slices of at most
// 100 ms, so that an abort or a deadline takes effect within one slice.

import { ValueError } from "../_errors/python_errors.ts";
import { SELECT_PRIVATE_DARWIN } from "../_ffi/constants_select_darwin.ts";
import {
  decodeKevents,
  encodeKevents,
  type KeventFields,
  keventNow,
  keventWait,
  kqueueClose,
  kqueueCreate,
} from "../_ffi/kqueue.ts";
import { kqueueLib } from "../_ffi/libc.ts";
import { kqueueTimeoutMs, toInt } from "./_args.ts";
import { adopt, adopted, QueueFd, waitReadable } from "./_kernel_queue.ts";
import { Kevent } from "./kevent.ts";

/** Options of {@linkcode Kqueue.control}. */
export interface KqueueControlOptions {
  /** Aborts the wait: the call rejects with `signal.reason`. */
  signal?: AbortSignal;
}

const SLICE_MS = 100;
const POLLABLE = Deno.build.os === "darwin";

/**
 * Python's kernel event queue (`select.kqueue`). Native on macOS; on Linux it works when
 * the userspace libkqueue is installed (`libkqueue.so.0`, or the path in the
 * `IPCNET_LIBKQUEUE` environment variable) and otherwise throws `OSError` with errno
 * `ENOSYS`, as Python has no `kqueue` there.
 *
 * @example
 * ```ts
 * import { Kqueue } from "@ipcnet/std/select";
 * import assert from "node:assert/strict";
 *
 * let kq: Kqueue | undefined;
 * try {
 *   kq = new Kqueue();
 * } catch (err) {
 *   assert.equal((err as { code?: string }).code, "ENOSYS"); // Linux without libkqueue
 * }
 * if (kq) {
 *   using _kq = kq;
 *   assert.deepEqual(await kq.control(null, 4, 0), []);
 * }
 * ```
 */
export class Kqueue {
  readonly #q: QueueFd;

  /**
   * Creates a kernel event queue (close-on-exec).
   *
   * @throws {OSError} with errno `ENOSYS` where there is no kqueue
   *
   * @tags allow-ffi
   *
   * @example
   * ```ts
   * import { Kqueue } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (Deno.build.os === "darwin") {
   *   using kq = new Kqueue();
   *   assert.equal(kq.closed, false);
   * }
   * ```
   */
  constructor() {
    this.#q = new QueueFd(adopted() ?? kqueueCreate(), "kqueue", kqueueClose);
  }

  /**
   * Makes a kqueue object from a descriptor (which it then owns and closes).
   *
   * @param fd a kqueue descriptor
   * @returns the object
   * @throws {OSError} with errno `ENOSYS` where there is no kqueue
   *
   * @example
   * ```ts
   * import { Kqueue } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (Deno.build.os === "darwin") {
   *   const kq = new Kqueue();
   *   using same = Kqueue.fromfd(kq.fileno());
   *   assert.equal(same.fileno(), kq.fileno());
   * }
   * ```
   */
  static fromfd(fd: number): Kqueue {
    const n = toInt(fd);
    kqueueLib();
    return adopt(n, () => new Kqueue());
  }

  /**
   * Whether the object is closed.
   *
   * @example
   * ```ts
   * import { Kqueue } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (Deno.build.os === "darwin") {
   *   const kq = new Kqueue();
   *   kq.close();
   *   assert.ok(kq.closed);
   * }
   * ```
   */
  get closed(): boolean {
    return this.#q.closed;
  }

  /**
   * The kqueue descriptor.
   *
   * @returns the descriptor
   * @throws {ValueError} when the object is closed
   *
   * @example
   * ```ts
   * import { Kqueue } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (Deno.build.os === "darwin") {
   *   using kq = new Kqueue();
   *   assert.ok(kq.fileno() > 2);
   * }
   * ```
   */
  fileno(): number {
    return this.#q.open();
  }

  /**
   * Closes the queue; a pending `control()` rejects with OSError `EBADF`. Closing twice
   * does nothing.
   *
   * @example
   * ```ts
   * import { Kqueue } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (Deno.build.os === "darwin") {
   *   const kq = new Kqueue();
   *   kq.close();
   *   kq.close();
   *   assert.throws(() => kq.fileno(), { name: "ValueError" });
   * }
   * ```
   */
  close(): void {
    this.#q.close(); // pending calls reject with EBADF
  }

  /**
   * Applies `changelist`, then waits up to `timeout` seconds for at most `maxEvents` events
   * and resolves with them (an empty list when the timeout passes first, or when
   * `maxEvents` is 0). A change that fails is reported as an event with `KQ_EV_ERROR` in
   * `flags` and the errno in `data` when there is room, as the kernel does.
   *
   * @param changelist events to apply, or `null`
   * @param maxEvents the most events to return (0 or more)
   * @param timeout seconds; `null` or omitted waits for ever
   * @param options `signal` to abort the wait
   * @returns the events
   * @throws {ValueError} when the object is closed, `maxEvents` is negative or `timeout`
   *   is negative
   * @throws {TypeError} when `changelist` is not iterable or holds something else than
   *   `Kevent` objects, or `timeout` is not a number
   *
   * @tags allow-ffi
   *
   * @example
   * ```ts
   * import { Kqueue } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * if (Deno.build.os === "darwin") {
   *   using kq = new Kqueue();
   *   assert.deepEqual(await kq.control(null, 1, 0.01), []);
   *   await assert.rejects(kq.control(null, -1), { name: "ValueError" });
   * }
   * ```
   */
  async control(
    changelist: Iterable<Kevent> | null | undefined,
    maxEvents: number,
    timeout?: number | null,
    options?: KqueueControlOptions,
  ): Promise<Kevent[]> {
    const kq = this.#q.open();
    const max = toInt(maxEvents);
    if (max < 0) throw new ValueError(`Length of eventlist must be 0 or positive, got ${max}`);
    const changes = toChanges(changelist);
    const timeoutMs = kqueueTimeoutMs(timeout);
    const events = new Uint8Array(Math.max(max, 1) * SELECT_PRIVATE_DARWIN.KEVENT_SIZE);
    const encoded = changes.length > 0 ? encodeKevents(changes) : null;
    const decode = (n: number): Kevent[] => decodeKevents(events, n).map(toKevent);
    const first = keventNow(kq, encoded, changes.length, events, max);
    if (first > 0 || max === 0 || timeoutMs === 0) return decode(first);
    const signal = this.#q.waitSignal(options?.signal);
    signal.throwIfAborted();
    if (!POLLABLE) return decode(await this.#waitSliced(kq, events, max, timeoutMs, signal));
    const check = (): Kevent[] | null => {
      this.#q.checkSame(kq);
      const n = keventNow(kq, null, 0, events, max);
      return n > 0 ? decode(n) : null;
    };
    return await waitReadable(kq, check, timeoutMs, signal);
  }

  /** Closes the queue (the `with` statement of Python). */
  [Symbol.dispose](): void {
    this.close();
  }

  async #waitSliced(
    kq: number,
    events: Uint8Array<ArrayBuffer>,
    max: number,
    timeoutMs: number | null,
    signal: AbortSignal,
  ): Promise<number> {
    const end = timeoutMs === null ? Infinity : performance.now() + timeoutMs;
    for (;;) {
      const left = end - performance.now();
      if (left <= 0) return 0;
      const n = await keventWait(kq, events, max, Math.min(left, SLICE_MS));
      if (n > 0) return n; // consumed from the queue: deliver them even if aborted meanwhile
      signal.throwIfAborted();
      this.#q.checkSame(kq);
    }
  }
}

function toChanges(changelist: unknown): KeventFields[] {
  if (changelist === null || changelist === undefined) return [];
  if (typeof (changelist as Iterable<unknown>)[Symbol.iterator] !== "function") {
    throw new TypeError("changelist is not iterable");
  }
  const out: KeventFields[] = [];
  for (const item of changelist as Iterable<unknown>) {
    if (!(item instanceof Kevent)) {
      throw new TypeError("changelist must be an iterable of select.kevent objects");
    }
    out.push(item);
  }
  return out;
}

function toKevent(f: KeventFields): Kevent {
  const ev = new Kevent(0);
  Object.assign(ev, f);
  return ev;
}
