// Python's socket.htons/ntohs/htonl/ntohl (Modules/socketmodule.c), with CPython 3.11's
// range checks and messages. Network order is big-endian; these swap on little-endian hosts.

import { OverflowError } from "../_errors/python_errors.ts";
import { describeValue } from "./_args.ts";

/**
 * Converts a 16-bit unsigned integer from host to network byte order, as Python's
 * `socket.htons`. On a little-endian host the two bytes are swapped; on a big-endian host
 * the value is returned unchanged. A `bigint` argument gives a `bigint` result.
 *
 * @typeParam T `number` or `bigint`
 * @param x an integer from 0 to 65535
 * @returns `x` in network byte order, of the same kind (`number` or `bigint`)
 * @throws {OverflowError} when `x` is negative or larger than 65535
 * @throws {TypeError} when `x` is not an integer
 *
 * @example Swap on a little-endian host
 * ```ts
 * import { htons } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
 * assert.equal(htons(0x1234), littleEndian ? 0x3412 : 0x1234);
 * assert.equal(htons(0x1234n), littleEndian ? 0x3412n : 0x1234n);
 * assert.throws(() => htons(70000), { name: "OverflowError" });
 * ```
 */
export function htons<T extends number | bigint>(x: T): SameKind<T> {
  return swap16("htons", x) as SameKind<T>;
}

/**
 * Converts a 16-bit unsigned integer from network to host byte order, as Python's
 * `socket.ntohs`. On a little-endian host the two bytes are swapped; on a big-endian host
 * the value is returned unchanged. A `bigint` argument gives a `bigint` result.
 *
 * @typeParam T `number` or `bigint`
 * @param x an integer from 0 to 65535
 * @returns `x` in host byte order, of the same kind (`number` or `bigint`)
 * @throws {OverflowError} when `x` is negative or larger than 65535
 * @throws {TypeError} when `x` is not an integer
 *
 * @example Round trip
 * ```ts
 * import { htons, ntohs } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ntohs(htons(8080)), 8080);
 * assert.throws(() => ntohs(-1), { name: "OverflowError" });
 * ```
 */
export function ntohs<T extends number | bigint>(x: T): SameKind<T> {
  return swap16("ntohs", x) as SameKind<T>;
}

/**
 * Converts a 32-bit unsigned integer from host to network byte order, as Python's
 * `socket.htonl`. On a little-endian host the four bytes are reversed; on a big-endian
 * host the value is returned unchanged. A `bigint` argument gives a `bigint` result.
 *
 * @typeParam T `number` or `bigint`
 * @param x an integer from 0 to 4294967295
 * @returns `x` in network byte order, of the same kind (`number` or `bigint`), never negative
 * @throws {OverflowError} when `x` is negative or does not fit in 32 bits
 * @throws {TypeError} when `x` is not an integer
 *
 * @example Swap on a little-endian host
 * ```ts
 * import { htonl } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
 * assert.equal(htonl(0x12345678), littleEndian ? 0x78563412 : 0x12345678);
 * assert.equal(htonl(1), littleEndian ? 0x01000000 : 1);
 * assert.throws(() => htonl(2 ** 32), { name: "OverflowError" });
 * ```
 */
export function htonl<T extends number | bigint>(x: T): SameKind<T> {
  return swap32("htonl", x) as SameKind<T>;
}

/**
 * Converts a 32-bit unsigned integer from network to host byte order, as Python's
 * `socket.ntohl`. On a little-endian host the four bytes are reversed; on a big-endian
 * host the value is returned unchanged. A `bigint` argument gives a `bigint` result.
 *
 * @typeParam T `number` or `bigint`
 * @param x an integer from 0 to 4294967295
 * @returns `x` in host byte order, of the same kind (`number` or `bigint`), never negative
 * @throws {OverflowError} when `x` is negative or does not fit in 32 bits
 * @throws {TypeError} when `x` is not an integer
 *
 * @example Round trip
 * ```ts
 * import { htonl, ntohl } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ntohl(htonl(0xdeadbeef)), 0xdeadbeef);
 * assert.equal(ntohl(htonl(7n)), 7n);
 * assert.throws(() => ntohl(-1), { name: "OverflowError" });
 * ```
 */
export function ntohl<T extends number | bigint>(x: T): SameKind<T> {
  return swap32("ntohl", x) as SameKind<T>;
}

/** `number` for a `number` argument, `bigint` for a `bigint` one. */
export type SameKind<T extends number | bigint> = T extends bigint ? bigint : number;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// Python parses the 16-bit functions' argument as a C int ("i") and then checks 0..0xffff.
function swap16(fn: string, x: number | bigint): number | bigint {
  const v = toInteger(fn, x);
  if (v >= 2n ** 63n || v < -(2n ** 63n)) {
    throw new OverflowError("Python int too large to convert to C long");
  }
  if (v > 0x7fffffffn) throw new OverflowError("signed integer is greater than maximum");
  if (v < -0x80000000n) throw new OverflowError("signed integer is less than minimum");
  if (v < 0n) {
    throw new OverflowError(
      `${fn}: can't convert negative Python int to C 16-bit unsigned integer`,
    );
  }
  if (v > 0xffffn) {
    throw new OverflowError(`${fn}: Python int too large to convert to C 16-bit unsigned integer`);
  }
  const n = Number(v);
  const r = LITTLE_ENDIAN ? ((n & 0xff) << 8) | (n >>> 8) : n;
  return typeof x === "bigint" ? BigInt(r) : r;
}

// Python converts the 32-bit functions' argument to a C unsigned long, then checks 32 bits.
function swap32(fn: string, x: number | bigint): number | bigint {
  const v = toInteger(fn, x);
  if (v < 0n) throw new OverflowError("can't convert negative value to unsigned int");
  if (v >= 2n ** 64n) {
    throw new OverflowError("Python int too large to convert to C unsigned long");
  }
  if (v > 0xffffffffn) throw new OverflowError("int larger than 32 bits");
  const n = Number(v);
  const r = LITTLE_ENDIAN
    ? (((n & 0xff) << 24) | ((n & 0xff00) << 8) | ((n >>> 8) & 0xff00) | (n >>> 24)) >>> 0
    : n;
  return typeof x === "bigint" ? BigInt(r) : r;
}

function toInteger(fn: string, x: unknown): bigint {
  if (typeof x === "bigint") return x;
  if (typeof x === "number" && Number.isInteger(x)) return BigInt(x);
  throw new TypeError(`${fn}() argument must be an integer, not ${describeValue(x)}`);
}
