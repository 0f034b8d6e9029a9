// Python's select.poll(): a set of descriptors polled with poll(2). A zero timeout is one
// synchronous poll(2) call; a wait parks the set in the shared reactor (_ffi/reactor.ts)
// as a level-triggered poll set, so it never blocks the event loop.

import { osError } from "../_errors/os_error.ts";
import { KeyError, OverflowError, RuntimeError, ValueError } from "../_errors/python_errors.ts";
import { PollSet } from "../_ffi/poll.ts";
import { waitPollSet } from "../_ffi/reactor.ts";
import { pollTimeoutMs, toFd, toInt } from "./_args.ts";
import type { FileDescriptorLike } from "./select.ts";
import { race, waitLoop } from "./_wait.ts";
import { POLLIN, POLLOUT, POLLPRI } from "./constants.ts";

/** Options of {@linkcode Poll.poll}. */
export interface PollOptions {
  /** Aborts the wait: the call rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * Python's polling object (`select.poll()`): a set of descriptors and the events to wait
 * for on each, polled with poll(2). Make one with {@linkcode poll}.
 *
 * @example
 * ```ts
 * import { Epoll, HAS_EPOLL, poll, POLLIN } from "@ipcnet/std/select";
 * import assert from "node:assert/strict";
 *
 * if (HAS_EPOLL) {
 *   using ep = new Epoll(); // any descriptor will do
 *   const p = poll();
 *   p.register(ep, POLLIN);
 *   assert.deepEqual(await p.poll(0), []);
 *   p.unregister(ep);
 * }
 * ```
 */
export class Poll {
  #masks = new Map<number, number>();
  #set = new PollSet();
  #stale = true;
  #polling = false;

  /**
   * Registers a descriptor, or changes the events of one already registered.
   *
   * @param fd a descriptor, or an object with `fileno()`
   * @param eventmask `POLL*` bits to wait for; default `POLLIN | POLLPRI | POLLOUT`
   * @throws {TypeError} when `fd` is neither an int nor has `fileno()`
   * @throws {ValueError} when `fd` is negative, or `eventmask` is negative
   * @throws {OverflowError} when `eventmask` does not fit in an unsigned short
   *
   * @example
   * ```ts
   * import { poll, POLLIN } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * const p = poll();
   * p.register(0, POLLIN);
   * assert.throws(() => p.register(-1), { name: "ValueError" });
   * assert.throws(() => p.register(0, 1 << 16), { name: "OverflowError" });
   * ```
   */
  register(fd: FileDescriptorLike, eventmask: number = POLLIN | POLLPRI | POLLOUT): void {
    const n = toFd(fd);
    this.#masks.set(n, toMask(eventmask));
    this.#stale = true;
  }

  /**
   * Changes the events of a registered descriptor.
   *
   * @param fd a registered descriptor, or an object with `fileno()`
   * @param eventmask the new `POLL*` bits
   * @throws {FileNotFoundError} (errno `ENOENT`) when `fd` was not registered, as Python
   * @throws {TypeError} when `fd` is neither an int nor has `fileno()`
   *
   * @example
   * ```ts
   * import { poll, POLLIN, POLLOUT } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * const p = poll();
   * p.register(0, POLLIN);
   * p.modify(0, POLLOUT);
   * assert.throws(() => p.modify(999, POLLIN), { name: "FileNotFoundError", errno: 2 });
   * ```
   */
  modify(fd: FileDescriptorLike, eventmask: number): void {
    const n = toFd(fd);
    if (!this.#masks.has(n)) throw osError("ENOENT");
    this.#masks.set(n, toMask(eventmask));
    this.#stale = true;
  }

  /**
   * Removes a descriptor.
   *
   * @param fd a registered descriptor, or an object with `fileno()`
   * @throws {KeyError} when `fd` was not registered
   *
   * @example
   * ```ts
   * import { poll } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * const p = poll();
   * p.register(0);
   * p.unregister(0);
   * assert.throws(() => p.unregister(0), { name: "KeyError" });
   * ```
   */
  unregister(fd: FileDescriptorLike): void {
    const n = toFd(fd);
    if (!this.#masks.delete(n)) throw new KeyError(n);
    this.#stale = true;
  }

  /**
   * Polls the registered descriptors, waiting up to `timeout` milliseconds for one to have
   * an event. Resolves with `[fd, events]` pairs for the descriptors with events (POLLNVAL
   * for one that is not open), or `[]` when the timeout passes first.
   *
   * A zero timeout is one synchronous poll(2) call; a wait never blocks the event loop.
   *
   * @param timeout milliseconds; `null`, omitted or negative waits for ever
   * @param options `signal` to abort the wait
   * @returns the ready descriptors and their events
   * @throws {RuntimeError} when another `poll()` of this object is in progress
   * @throws {TypeError} when `timeout` is not a number
   *
   * @tags allow-ffi
   *
   * @example
   * ```ts
   * import { poll } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * const p = poll();
   * assert.deepEqual(await p.poll(5), []);
   * ```
   */
  async poll(timeout?: number | null, options?: PollOptions): Promise<Array<[number, number]>> {
    const timeoutMs = pollTimeoutMs(timeout);
    if (this.#polling) throw new RuntimeError("concurrent poll() invocation");
    if (this.#stale) {
      this.#set.clear();
      for (const [fd, mask] of this.#masks) this.#set.add(fd, mask);
      this.#stale = false;
    }
    const set = this.#set;
    const check = (): Array<[number, number]> | null => {
      if (set.pollNow() === 0) return null;
      const out: Array<[number, number]> = [];
      for (let i = 0; i < set.length; i++) {
        const revents = set.revents(i);
        if (revents !== 0) out.push([set.fd(i), revents]);
      }
      return out;
    };
    this.#polling = true;
    try {
      // An empty set only sleeps: nothing to park in the reactor.
      const wait = (s: AbortSignal) => set.length ? waitPollSet(set, s) : race([], s);
      return await waitLoop(check, wait, () => [], timeoutMs, options?.signal);
    } finally {
      this.#polling = false;
    }
  }
}

/**
 * Returns a new polling object, Python's `select.poll()`.
 *
 * @returns an empty {@linkcode Poll}
 *
 * @example
 * ```ts
 * import { Poll, poll } from "@ipcnet/std/select";
 * import assert from "node:assert/strict";
 *
 * assert.ok(poll() instanceof Poll);
 * ```
 */
export function poll(): Poll {
  return new Poll();
}

function toMask(eventmask: unknown): number {
  const mask = toInt(eventmask);
  if (mask < 0) throw new ValueError("value must be positive");
  if (mask > 0xffff) throw new OverflowError("Python int too large for C unsigned short");
  return mask;
}
