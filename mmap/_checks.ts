// Argument conversion for the mmap module, with CPython 3.11's exception classes and
// messages (Modules/mmapmodule.c), checked against python3 on the development machine.

import { OverflowError, ValueError } from "../_errors/python_errors.ts";

/** CPython's messages, word for word. */
export const MSG = {
  closed: "mmap closed or invalid",
  readonly: "mmap can't modify a readonly memory map.",
  resize: "mmap can't resize a readonly or copy-on-write memory map.",
  empty: "cannot mmap an empty file",
  negLength: "memory mapped length must be positive",
  negOffset: "memory mapped offset must be positive",
  offsetPastEnd: "mmap offset is greater than file size",
  lengthPastEnd: "mmap length is greater than file size",
  bothAccess: "mmap can't specify both access and flags, prot.",
  badAccess: "mmap invalid access parameter.",
  dataRange: "data out of range",
  readByte: "read byte out of range",
  writeByte: "write byte out of range",
  seekRange: "seek out of range",
  seekType: "unknown seek type",
  moveRange: "source, destination, or count out of range",
  flushRange: "flush values out of range",
  index: "mmap index out of range",
  indexType: "mmap indices must be integers",
  itemType: "mmap item value must be an int",
  itemRange: "mmap item value must be in range(0, 256)",
  sliceSize: "mmap slice assignment is wrong size",
  sliceStep: "slice step cannot be zero",
  newSize: "new size out of range",
  adviseStart: "madvise start out of bounds",
  adviseLength: "madvise length invalid",
  adviseOverflow: "madvise length too large",
  byteMax: "unsigned byte integer is greater than maximum",
  byteMin: "unsigned byte integer is less than minimum",
} as const;

/**
 * An integer argument, as Python's `n` format: a non-integer throws `TypeError`, a value
 * outside a C `ssize_t` throws `OverflowError`. Integers beyond 2^53 are accepted (they are
 * exact in a double) and fail the range checks that follow, as they do in Python.
 */
export function toInt(value: unknown, name: string): number {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(`${name} must be an integer, not ${describe(value)}`);
  }
  if (Number.isInteger(value) && value >= -SSIZE_LIMIT && value < SSIZE_LIMIT) return value;
  if (Number.isFinite(value) && !Number.isInteger(value)) {
    throw new TypeError(`${name} must be an integer, not ${value}`);
  }
  throw new OverflowError(`${name} is too large to convert to C ssize_t: ${value}`);
}

/** 2^63: the first integer a C `ssize_t` cannot hold. */
export const SSIZE_LIMIT = 2 ** 63;

/** An optional integer argument: `undefined` and `null` (Python's None) give `fallback`. */
export function toOptionalInt(value: unknown, name: string, fallback: number): number {
  return value === undefined || value === null ? fallback : toInt(value, name);
}

/** A bytes-like argument, as Python's `y*` format: any ArrayBufferView, not copied. */
export function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  throw new TypeError(`a bytes-like object is required, not ${describe(value)}`);
}

/**
 * Python's slice arithmetic (`PySlice_AdjustIndices`): the clamped start, stop and step for
 * a sequence of `length`, and how many items the slice selects.
 */
export function adjustSlice(
  length: number,
  start: number | null | undefined,
  stop: number | null | undefined,
  step: number | null | undefined,
): [start: number, stop: number, step: number, count: number] {
  const st = toOptionalInt(step, "step", 1);
  if (st === 0) throw new ValueError(MSG.sliceStep);
  const back = st < 0;
  let a = toOptionalInt(start, "start", back ? length - 1 : 0);
  let b = toOptionalInt(stop, "stop", back ? -1 : length);
  if (start !== undefined && start !== null) a = clamp(a, length, back);
  if (stop !== undefined && stop !== null) b = clamp(b, length, back);
  let count = 0;
  if (back) {
    if (b < a) count = Math.floor((a - b - 1) / -st) + 1;
  } else if (a < b) {
    count = Math.floor((b - a - 1) / st) + 1;
  }
  return [a, b, st, count];
}

/** `start`/`end` of find and rfind: slice-style, without a step. */
export function adjustBound(value: number, length: number): number {
  if (value < 0) value += length;
  if (value < 0) return 0;
  return value > length ? length : value;
}

function clamp(index: number, length: number, back: boolean): number {
  if (index < 0) {
    index += length;
    if (index < 0) return back ? -1 : 0;
    return index;
  }
  if (index >= length) return back ? length - 1 : length;
  return index;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return `'${value.constructor?.name ?? "object"}'`;
  return `'${typeof value}'`;
}
