// Small pieces shared by the socket file objects: the per-object operation lock, byte
// helpers, argument checks and the line-iteration helpers.

import { BlockingIOError, ValueError } from "../_errors/mod.ts";
import { ERRNO } from "../_ffi/errno.ts";
import { pyTypeName } from "./_args.ts";
import { waitFor } from "./_wait.ts";
import type { AbortOptions } from "./socket.ts";

/** Python's `io.DEFAULT_BUFFER_SIZE`. */
export const DEFAULT_BUFFER_SIZE = 8192;
/** Bytes asked of the raw file per read when reading to the end. */
export const READALL_CHUNK = 64 * 1024;
/** The most bytes asked of the raw file in one read. */
export const MAX_RAW_READ = 1024 * 1024;
/** The message of every operation on a closed file. */
export const CLOSED = "I/O operation on closed file.";
/** An empty byte array. */
export const EMPTY: Uint8Array = new Uint8Array(0);

/** Runs async operations one at a time, in call order (Python's buffered-object lock). */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /** Runs `fn` after every operation started before; `signal` aborts the wait for a turn. */
  async run<T>(fn: () => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const before = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => release = resolve);
    let waited = false;
    try {
      await waitFor(before, null, signal);
      waited = true;
      return await fn();
    } finally {
      if (waited) release();
      else void before.then(release);
    }
  }
}

/** The bytes of `parts` in one array (the only part itself when there is one). */
export function concatBytes(parts: readonly Uint8Array[], total?: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total ?? parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const part of parts) {
    out.set(part, off);
    off += part.length;
  }
  return out;
}

/** Checks a size argument. @throws {TypeError} when it is not an integer */
export function checkInt(size: number): void {
  if (!Number.isInteger(size)) {
    throw new TypeError(`argument should be integer or None, not '${pyTypeName(size)}'`);
  }
}

/** Checks a buffer size. @throws {ValueError} when it is not positive */
export function checkBufferSize(size: number): void {
  checkInt(size);
  if (size <= 0) throw new ValueError("buffer size must be strictly positive");
}

/** A byte view of `data`. @throws {TypeError} when `data` is not bytes-like */
export function bytesOf(data: ArrayBufferView): Uint8Array {
  if (!ArrayBuffer.isView(data)) {
    throw new TypeError(`a bytes-like object is required, not '${pyTypeName(data)}'`);
  }
  return data instanceof Uint8Array
    ? data
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A writable byte view of `buffer` for `readinto`. @throws {TypeError} when not bytes-like */
export function viewOf(buffer: ArrayBufferView, name: string): Uint8Array {
  if (!ArrayBuffer.isView(buffer)) {
    throw new TypeError(
      `${name}() argument must be read-write bytes-like object, not ${pyTypeName(buffer)}`,
    );
  }
  return bytesOf(buffer);
}

/** Python's `BlockingIOError(EAGAIN, message)` of the buffered layer. */
export function wouldBlock(message: string): BlockingIOError {
  return new BlockingIOError(ERRNO.EAGAIN, message);
}

/** Python's `readlines(hint)` over `readline`: stops at end of stream or once `hint` is met. */
export async function readlines<T extends { length: number }>(
  readline: (options?: AbortOptions) => Promise<T>,
  hint: number,
  options: AbortOptions | undefined,
): Promise<T[]> {
  checkInt(hint);
  const out: T[] = [];
  let total = 0;
  for (;;) {
    const line = await readline(options);
    if (line.length === 0) return out;
    out.push(line);
    total += line.length;
    if (hint > 0 && total >= hint) return out;
  }
}

/** Iteration by line: yields `readline()` results until an empty one. */
export async function* lines<T extends { length: number }>(
  readline: () => Promise<T>,
): AsyncGenerator<T, void, undefined> {
  for (;;) {
    const line = await readline();
    if (line.length === 0) return;
    yield line;
  }
}
