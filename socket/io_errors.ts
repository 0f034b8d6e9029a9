// The exceptions of Python's io and codecs layers that socket file objects raise:
// io.UnsupportedOperation, LookupError and the UnicodeError family.

import { OSError, ValueError } from "../_errors/mod.ts";

/**
 * Python's `io.UnsupportedOperation`: the file does not support the call (reading a
 * write-only file, seeking a socket). Python's class derives from both `OSError` and
 * `ValueError`; this one extends `OSError` (JavaScript has single inheritance) and its
 * `errno` is `null`.
 *
 * @example
 * ```ts
 * import { OSError, socketpair, UnsupportedOperation } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * using f = a.makefile("rb");
 * await assert.rejects(f.write(new Uint8Array([1])), UnsupportedOperation);
 * assert.ok(new UnsupportedOperation("read") instanceof OSError);
 * ```
 */
export class UnsupportedOperation extends OSError {
  /** Python's class name, `"UnsupportedOperation"`. */
  override name = "UnsupportedOperation";
}

/**
 * Python's `LookupError`: an unknown encoding or error handler name was given.
 *
 * @example
 * ```ts
 * import { LookupError, socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * assert.throws(() => a.makefile("r", { encoding: "klingon" }), LookupError);
 * ```
 */
export class LookupError extends Error {
  /** Python's class name, `"LookupError"`. */
  override name = "LookupError";
}

/**
 * Python's `UnicodeError`, a `ValueError`: the base of the codec errors.
 *
 * @example
 * ```ts
 * import { UnicodeError, ValueError } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.ok(new UnicodeError("bad text") instanceof ValueError);
 * ```
 */
export class UnicodeError extends ValueError {
  /** Python's class name, `"UnicodeError"`. */
  override name = "UnicodeError";
}

/**
 * Python's `UnicodeDecodeError`: bytes read by a text file are not valid in its encoding
 * (with `errors: "strict"`, the default). `object` holds the bytes being decoded and
 * `start`/`end` the offending span in them.
 *
 * @example
 * ```ts
 * import { socketpair, UnicodeDecodeError } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * await using f = a.makefile("r");
 * await b.sendall(new Uint8Array([0x61, 0xff, 0x0a]));
 * await assert.rejects(f.readline(), {
 *   name: "UnicodeDecodeError",
 *   message: "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte",
 * });
 * assert.ok(new UnicodeDecodeError("ascii", new Uint8Array([0x80]), 0, 1, "x").object);
 * ```
 */
export class UnicodeDecodeError extends UnicodeError {
  /** Python's class name, `"UnicodeDecodeError"`. */
  override name = "UnicodeDecodeError";
  /** The codec's name, such as `"utf-8"`. */
  readonly encoding: string;
  /** The bytes that were being decoded. */
  readonly object: Uint8Array;
  /** Offset of the first invalid byte in `object`. */
  readonly start: number;
  /** Offset just past the invalid bytes. */
  readonly end: number;
  /** What is wrong, such as `"invalid start byte"`. */
  readonly reason: string;

  /**
   * Makes the error with Python's message from the span and reason.
   *
   * @param encoding the codec's name
   * @param object the bytes being decoded
   * @param start offset of the first invalid byte
   * @param end offset after the last invalid byte
   * @param reason what is wrong
   */
  constructor(encoding: string, object: Uint8Array, start: number, end: number, reason: string) {
    const what = end - start === 1
      ? `byte 0x${object[start].toString(16).padStart(2, "0")} in position ${start}`
      : `bytes in position ${start}-${end - 1}`;
    super(`'${encoding}' codec can't decode ${what}: ${reason}`);
    this.encoding = encoding;
    this.object = object;
    this.start = start;
    this.end = end;
    this.reason = reason;
  }
}

/**
 * Python's `UnicodeEncodeError`: text written to a text file cannot be encoded (a lone
 * surrogate in UTF-8, a character outside ASCII or Latin-1) with `errors: "strict"`.
 * `start` and `end` count code points, as Python's do.
 *
 * @example
 * ```ts
 * import { socketpair, UnicodeEncodeError } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * await using f = a.makefile("w", { encoding: "ascii" });
 * await assert.rejects(f.write("café"), UnicodeEncodeError);
 * ```
 */
export class UnicodeEncodeError extends UnicodeError {
  /** Python's class name, `"UnicodeEncodeError"`. */
  override name = "UnicodeEncodeError";
  /** The codec's name, such as `"ascii"`. */
  readonly encoding: string;
  /** The text that was being encoded. */
  readonly object: string;
  /** Code point offset of the first character that cannot be encoded. */
  readonly start: number;
  /** Code point offset after the last one. */
  readonly end: number;
  /** What is wrong, such as `"ordinal not in range(128)"`. */
  readonly reason: string;

  /**
   * Makes the error with Python's message from the span and reason.
   *
   * @param encoding the codec's name
   * @param object the text being encoded
   * @param start code point offset of the first bad character
   * @param end code point offset after the last bad character
   * @param reason what is wrong
   */
  constructor(encoding: string, object: string, start: number, end: number, reason: string) {
    const chars = [...object];
    const what = end - start === 1
      ? `character '${escapeChar(chars[start])}' in position ${start}`
      : `characters in position ${start}-${end - 1}`;
    super(`'${encoding}' codec can't encode ${what}: ${reason}`);
    this.encoding = encoding;
    this.object = object;
    this.start = start;
    this.end = end;
    this.reason = reason;
  }
}

function escapeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, "0")}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, "0")}`;
  return `\\U${cp.toString(16).padStart(8, "0")}`;
}
