// Argument checks shared by the select module, with CPython 3.11's exception classes and
// messages, and timeout conversion (seconds or milliseconds, rounded up, as CPython's
// _PyTime_ROUND_TIMEOUT does).

import { OverflowError, ValueError } from "../_errors/python_errors.ts";

import type { FileDescriptorLike } from "./select.ts";

export type { FileDescriptorLike };

// The largest timeout CPython accepts: _PyTime_t nanoseconds (2^63 - 1).
const MAX_TIMEOUT_SECONDS = 9223372036.854775;
const OVERFLOW = "timestamp too large to convert to C _PyTime_t";

/** Python's `PyObject_AsFileDescriptor`: an int, or the int that `fileno()` returns. */
export function toFd(value: unknown): number {
  let fd: unknown = value;
  if (
    typeof value === "object" && value !== null && typeof (value as { fileno?: unknown })
        .fileno === "function"
  ) {
    fd = (value as { fileno(): unknown }).fileno();
    if (!isInteger(fd)) throw new TypeError("fileno() returned a non-integer");
  } else if (!isInteger(value)) {
    throw new TypeError("argument must be an int, or have a fileno() method.");
  }
  const n = Number(fd);
  if (n < 0) throw new ValueError(`file descriptor cannot be a negative integer (${n})`);
  if (n > 0x7fffffff) throw new OverflowError("Python int too large to convert to C int");
  return n;
}

/** An integer argument ('I' and 'H' style converters), or TypeError as Python. */
export function toInt(value: unknown): number {
  if (!isInteger(value)) {
    throw new TypeError(`'${pyTypeName(value)}' object cannot be interpreted as an integer`);
  }
  return Number(value);
}

/** select()'s timeout in seconds -> milliseconds (null: wait for ever). */
export function selectTimeoutMs(timeout: unknown): number | null {
  if (timeout === null || timeout === undefined) return null;
  if (typeof timeout !== "number" && typeof timeout !== "bigint") {
    throw new TypeError("timeout must be a float or None");
  }
  const seconds = checkFinite(Number(timeout));
  if (seconds < 0) throw new ValueError("timeout must be non-negative");
  return secondsToMs(seconds);
}

/** Poll.poll()'s timeout in milliseconds (null, undefined or negative: for ever). */
export function pollTimeoutMs(timeout: unknown): number | null {
  if (timeout === null || timeout === undefined) return null;
  if (typeof timeout !== "number" && typeof timeout !== "bigint") {
    throw new TypeError("timeout must be an integer or None");
  }
  const ms = checkFinite(Number(timeout));
  if (ms < 0) return null;
  if (ms / 1000 > MAX_TIMEOUT_SECONDS) throw new OverflowError(OVERFLOW);
  return Math.ceil(ms);
}

/** Epoll.poll()'s timeout in seconds (null, undefined or negative: for ever). */
export function epollTimeoutMs(timeout: unknown): number | null {
  if (timeout === null || timeout === undefined) return null;
  if (typeof timeout !== "number" && typeof timeout !== "bigint") {
    throw new TypeError("timeout must be an integer or None");
  }
  const seconds = checkFinite(Number(timeout));
  return seconds < 0 ? null : secondsToMs(seconds);
}

/** Kqueue.control()'s timeout in seconds (null: for ever; negative: ValueError). */
export function kqueueTimeoutMs(timeout: unknown): number | null {
  if (timeout === null || timeout === undefined) return null;
  if (typeof timeout !== "number" && typeof timeout !== "bigint") {
    throw new TypeError(
      `timeout argument must be a number or None, got ${pyTypeName(timeout)}`,
    );
  }
  const seconds = checkFinite(Number(timeout));
  if (seconds < 0) throw new ValueError("timeout must be positive or None");
  return secondsToMs(seconds);
}

/** Python's type name of a value, for messages. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "string") return "str";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "bigint") return "int";
  if (typeof value === "boolean") return "bool";
  if (value instanceof Uint8Array) return "bytes";
  if (Array.isArray(value)) return "list";
  return (value as object).constructor?.name ?? "object";
}

function isInteger(value: unknown): value is number | bigint {
  return (typeof value === "number" && Number.isInteger(value)) || typeof value === "bigint";
}

function checkFinite(n: number): number {
  if (Number.isNaN(n)) throw new ValueError("Invalid value NaN (not a number)");
  if (!Number.isFinite(n)) throw new OverflowError(OVERFLOW);
  return n;
}

function secondsToMs(seconds: number): number {
  if (seconds > MAX_TIMEOUT_SECONDS) throw new OverflowError(OVERFLOW);
  return Math.ceil(seconds * 1000);
}
