// Python's module-wide default timeout for new sockets.

import { ValueError } from "../_errors/mod.ts";

let defaultTimeout: number | null = null;

/**
 * Python's `socket.getdefaulttimeout()`: the timeout in seconds that new sockets start
 * with, or `null` (blocking, the default).
 *
 * @returns seconds, or `null`
 *
 * @example
 * ```ts
 * import { getdefaulttimeout } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(getdefaulttimeout(), null);
 * ```
 */
export function getdefaulttimeout(): number | null {
  return defaultTimeout;
}

/**
 * Python's `socket.setdefaulttimeout(timeout)`: sets the timeout of sockets created
 * from now on (and of accepted sockets).
 *
 * @param timeout seconds, `0` for non-blocking, or `null` for blocking
 * @throws {ValueError} when `timeout` is negative or NaN
 * @throws {TypeError} when `timeout` is not a number or null
 *
 * @example
 * ```ts
 * import { getdefaulttimeout, setdefaulttimeout, Socket } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * setdefaulttimeout(2.5);
 * using sock = new Socket();
 * assert.equal(sock.gettimeout(), 2.5);
 * setdefaulttimeout(null);
 * assert.equal(getdefaulttimeout(), null);
 * ```
 */
export function setdefaulttimeout(timeout: number | null): void {
  defaultTimeout = checkTimeout(timeout);
}

/** Checks a timeout as Python's `settimeout` does. */
export function checkTimeout(timeout: unknown): number | null {
  if (timeout === null || timeout === undefined) return null;
  if (typeof timeout !== "number") {
    throw new TypeError(`timeout must be a number or null, not ${typeof timeout}`);
  }
  if (Number.isNaN(timeout)) throw new ValueError("Invalid value NaN (not a number)");
  if (timeout < 0) throw new ValueError("Timeout value out of range");
  return timeout;
}
