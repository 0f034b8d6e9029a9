// setWakeupFd(): a byte per handled signal written to a descriptor, for event loops that
// wait on file descriptors (Python's signal.set_wakeup_fd).

import { ValueError } from "../_errors/python_errors.ts";
import * as ffi from "../_ffi/signals.ts";
import { setWakeup } from "./_state.ts";
import { requireInt, requireMainThread } from "./_validate.ts";

/** Options of {@linkcode setWakeupFd}. */
export interface SetWakeupFdOptions {
  /**
   * Report a write that fails because the descriptor is full (EAGAIN) on stderr, as every
   * other failed write is (Python 3.7's `warn_on_full_buffer`).
   * @default {true}
   */
  warnOnFullBuffer?: boolean;
}

/**
 * Sets the wake-up descriptor (Python's `signal.set_wakeup_fd`): each time a handler
 * installed with `signal()` is about to run, the signal number is written to `fd` as one
 * byte, with a synchronous `write`. A failed write is reported on stderr ("Exception
 * ignored when trying to write to the signal wakeup fd") and never thrown. `-1` turns it
 * off. `fd` must be in non-blocking mode.
 *
 * @param fd a kernel file descriptor (a pipe or socket), or -1
 * @param options whether a full descriptor is reported
 * @returns the previous wake-up descriptor, or -1
 * @throws {ValueError} when `fd` is in blocking mode, or when called from a Worker
 * @throws {OSError} EBADF when `fd` is not an open descriptor
 * @throws {TypeError} when `fd` is not an integer
 * @tags allow-ffi
 *
 * @example
 * ```ts
 * import { setWakeupFd } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.equal(setWakeupFd(-1), -1); // none was set
 * ```
 */
export function setWakeupFd(fd: number, options: SetWakeupFdOptions = {}): number {
  requireMainThread("set_wakeup_fd");
  requireInt(fd, "fd");
  if (fd !== -1 && ffi.isBlocking(fd)) {
    throw new ValueError(`the fd ${fd} must be in non-blocking mode`);
  }
  return setWakeup(fd, options.warnOnFullBuffer ?? true);
}
