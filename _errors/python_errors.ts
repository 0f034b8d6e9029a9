// Python's built-in exceptions that the chapter raises outside the OSError family.
// Python's TypeError is JavaScript's own TypeError.

/**
 * Python's `ValueError`: an argument has the right type but a bad value.
 *
 * @example
 * ```ts
 * import { socket } from "@ipcnet/std";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => socket.inetAton("1.2.3.4.5"), socket.OSError);
 * assert.ok(new socket.ValueError("bad") instanceof RangeError);
 * ```
 */
export class ValueError extends RangeError {
  /** Python\'s name of this exception. */
  override name = "ValueError";
}

/** Python's `KeyError`: a mapping has no such key. `key` holds the key that was missing. */
export class KeyError extends Error {
  /** Python\'s name of this exception. */
  override name = "KeyError";
  /** The key that was looked up. */
  key: unknown;
  /**
   * Creates the error for a missing key.
   *
   * @param key the missing key; the message is its description
   * @param options the `cause`
   */
  constructor(key?: unknown, options?: ErrorOptions) {
    super(typeof key === "string" ? key : String(key), options);
    this.key = key;
  }
}

/** Python's `IndexError`: a sequence index is out of range. */
export class IndexError extends RangeError {
  /** Python\'s name of this exception. */
  override name = "IndexError";
}

/** Python's `OverflowError`: a number is too large for its C representation. */
export class OverflowError extends RangeError {
  /** Python\'s name of this exception. */
  override name = "OverflowError";
}

/** Python's `RuntimeError`: an error that fits no other category. */
export class RuntimeError extends Error {
  /** Python\'s name of this exception. */
  override name = "RuntimeError";
}

/**
 * Python's `NotImplementedError`. The library throws it for a documented feature that
 * Deno cannot provide; the message names the feature and the reason.
 */
export class NotImplementedError extends RuntimeError {
  /** Python\'s name of this exception. */
  override name = "NotImplementedError";
}
