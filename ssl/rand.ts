// Python's RAND_* functions on the Web Crypto CSPRNG (`crypto.getRandomValues`), which the
// operating system seeds: it is always seeded, and RAND_add has nothing to add.

import { ValueError } from "../_errors/python_errors.ts";

const CHUNK = 65536;

/**
 * Python's `ssl.RAND_bytes(num)`: `num` cryptographically strong random bytes.
 *
 * @param num how many bytes
 * @returns the bytes
 * @throws {ValueError} when `num` is negative
 * @throws {TypeError} when `num` is not an integer
 *
 * @example
 * ```ts
 * import { RAND_bytes } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * assert.equal(RAND_bytes(32).length, 32);
 * ```
 */
export function RAND_bytes(num: number): Uint8Array {
  if (!Number.isInteger(num)) {
    throw new TypeError(`'${typeof num}' object cannot be interpreted as an integer`);
  }
  if (num < 0) throw new ValueError("num must be positive");
  const out = new Uint8Array(num);
  for (let off = 0; off < num; off += CHUNK) {
    crypto.getRandomValues(out.subarray(off, Math.min(num, off + CHUNK)));
  }
  return out;
}

/**
 * Python's `ssl.RAND_pseudo_bytes(num)` (deprecated in Python): `[bytes, isCryptographic]`.
 * The bytes always come from the CSPRNG, so the flag is always `true`.
 *
 * @param num how many bytes
 * @returns the bytes and `true`
 * @throws {ValueError} when `num` is negative
 *
 * @example
 * ```ts
 * import { RAND_pseudo_bytes } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * const [bytes, strong] = RAND_pseudo_bytes(8);
 * assert.equal(bytes.length, 8);
 * assert.equal(strong, true);
 * ```
 */
export function RAND_pseudo_bytes(num: number): [Uint8Array, boolean] {
  return [RAND_bytes(num), true];
}

/**
 * Python's `ssl.RAND_status()`: whether the generator is seeded. Always `true`: the
 * operating system seeds the CSPRNG.
 *
 * @returns `true`
 *
 * @example
 * ```ts
 * import { RAND_status } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * assert.equal(RAND_status(), true);
 * ```
 */
export function RAND_status(): boolean {
  return true;
}

/**
 * Python's `ssl.RAND_add(bytes, entropy)`: mixes bytes into the generator. The arguments
 * are checked as Python checks them; the CSPRNG is seeded by the operating system and
 * takes no input, so nothing else happens.
 *
 * @param data a string or bytes
 * @param entropy the entropy estimate, in bytes
 * @throws {TypeError} for arguments of the wrong type
 *
 * @example
 * ```ts
 * import { RAND_add } from "@ipcnet/std/ssl";
 *
 * RAND_add(new Uint8Array([1, 2, 3]), 0.0);
 * ```
 */
export function RAND_add(data: string | ArrayBufferView, entropy: number): void {
  if (typeof data !== "string" && !ArrayBuffer.isView(data)) {
    throw new TypeError("a bytes-like object is required");
  }
  if (typeof entropy !== "number") {
    throw new TypeError("must be real number");
  }
}
