// Python's asynchat.find_prefix_at_end.

/**
 * Python's `asynchat.find_prefix_at_end`: the length of the longest proper prefix of
 * `needle` that `haystack` ends with (0 if none), so that a terminator split across two
 * reads is recognised.
 *
 * @param haystack the bytes received
 * @param needle the terminator
 * @returns the length of the prefix found at the end
 *
 * @example
 * ```ts
 * import { findPrefixAtEnd } from "@ipcnet/std/asynchat";
 * import assert from "node:assert/strict";
 *
 * const enc = new TextEncoder();
 * assert.equal(findPrefixAtEnd(enc.encode("qwerty\r"), enc.encode("\r\n")), 1);
 * assert.equal(findPrefixAtEnd(enc.encode("abc\r\n\r"), enc.encode("\r\n\r\n")), 3);
 * assert.equal(findPrefixAtEnd(enc.encode("qwertydkjf"), enc.encode("\r\n")), 0);
 * ```
 */
export function findPrefixAtEnd(haystack: Uint8Array, needle: Uint8Array): number {
  for (let l = Math.min(needle.length - 1, haystack.length); l > 0; l--) {
    let i = 0;
    const start = haystack.length - l;
    while (i < l && haystack[start + i] === needle[i]) i++;
    if (i === l) return l;
  }
  return 0;
}
