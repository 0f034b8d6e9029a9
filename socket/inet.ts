// Python's socket.inet_aton/inet_ntoa/inet_pton/inet_ntop (Modules/socketmodule.c) over
// ports of glibc's parsers and printer (resolv/inet_addr.c, inet_pton.c, inet_ntop.c), so
// that exactly the strings glibc accepts are accepted, and addresses print as glibc does.

import { OSError, osError } from "../_errors/os_error.ts";
import { OverflowError, ValueError } from "../_errors/python_errors.ts";
import { describeValue } from "./_args.ts";
import { AF_INET, AF_INET6 } from "./constants.ts";

/**
 * Converts an IPv4 address in the liberal syntax of C's `inet_aton` to its 4 packed bytes
 * in network order, as Python's `socket.inet_aton`. Besides dotted quads it accepts one to
 * three parts (`"127.1"` is `127.0.0.1`, the last part filling the remaining bytes), hex
 * (`0x7f`) and octal (`010`) parts, and anything after a whitespace character that follows
 * the address (`"1.2.3.4 junk"`), as glibc does.
 *
 * @param ipString the address text
 * @returns a new 4-byte `Uint8Array`
 * @throws {OSError} when the text is not an address (`errno` is `null`)
 * @throws {ValueError} when the text contains a NUL character or a lone surrogate
 * @throws {TypeError} when `ipString` is not a string
 *
 * @example Short and numeric forms
 * ```ts
 * import { inetAton, OSError } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(inetAton("192.168.0.1"), new Uint8Array([192, 168, 0, 1]));
 * assert.deepEqual(inetAton("127.1"), new Uint8Array([127, 0, 0, 1]));
 * assert.deepEqual(inetAton("0x7f.010.0.1"), new Uint8Array([127, 8, 0, 1]));
 * assert.throws(() => inetAton("1.2.3.256"), OSError);
 * ```
 */
export function inetAton(ipString: string): Uint8Array {
  const text = toCString("inetAton", 1, ipString);
  const addr = parseAton(text);
  if (addr === null) throw new OSError("illegal IP address string passed to inet_aton");
  return packU32(addr);
}

/**
 * Converts 4 packed bytes of an IPv4 address to its dotted-quad text, as Python's
 * `socket.inet_ntoa`.
 *
 * @param packedIp exactly 4 bytes, in network order (any `ArrayBufferView`; its bytes
 *   are read)
 * @returns the address as `"a.b.c.d"`
 * @throws {OSError} when `packedIp` is not exactly 4 bytes long (`errno` is `null`)
 * @throws {TypeError} when `packedIp` is not an `ArrayBufferView`
 *
 * @example
 * ```ts
 * import { inetNtoa } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(inetNtoa(new Uint8Array([10, 0, 0, 255])), "10.0.0.255");
 * assert.throws(() => inetNtoa(new Uint8Array(5)), { name: "OSError" });
 * ```
 */
export function inetNtoa(packedIp: ArrayBufferView): string {
  const bytes = toBytes("inetNtoa", 1, packedIp);
  if (bytes.length !== 4) throw new OSError("packed IP wrong length for inet_ntoa");
  return formatV4(bytes, 0);
}

/**
 * Converts an IP address of the given family from text to packed bytes in network order,
 * as Python's `socket.inet_pton` (C's `inet_pton`). `AF_INET` takes a strict dotted quad
 * (four decimal parts, no leading zeros). `AF_INET6` takes RFC 4291 text: hex groups in
 * either case, one `::`, and an optional dotted-quad tail (`"::ffff:10.0.0.1"`); zone ids
 * (`"fe80::1%eth0"`) and brackets are rejected.
 *
 * @param addressFamily `AF_INET` or `AF_INET6`
 * @param ipString the address text
 * @returns a new `Uint8Array` of 4 bytes (`AF_INET`) or 16 bytes (`AF_INET6`)
 * @throws {OSError} when the text is not an address of the family (`errno` is `null`),
 *   or with errno `EAFNOSUPPORT` when the family is neither `AF_INET` nor `AF_INET6`
 * @throws {ValueError} when the text contains a NUL character or a lone surrogate
 * @throws {OverflowError} when `addressFamily` does not fit in a C `int`
 * @throws {TypeError} when `addressFamily` is not an integer or `ipString` not a string
 *
 * @example
 * ```ts
 * import { AF_INET, AF_INET6, inetPton } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(inetPton(AF_INET, "10.1.2.3"), new Uint8Array([10, 1, 2, 3]));
 * const v6 = inetPton(AF_INET6, "2001:DB8::1");
 * assert.deepEqual([...v6.subarray(0, 4)], [0x20, 0x01, 0x0d, 0xb8]);
 * assert.equal(v6[15], 1);
 * assert.throws(() => inetPton(AF_INET, "010.1.2.3"), { name: "OSError" });
 * assert.throws(() => inetPton(AF_INET6, "fe80::1%eth0"), { name: "OSError" });
 * ```
 */
export function inetPton(addressFamily: number, ipString: string): Uint8Array {
  const af = toCInt("inetPton", 1, addressFamily);
  const text = toCString("inetPton", 2, ipString);
  let packed: Uint8Array | null;
  if (af === AF_INET) {
    const out = new Uint8Array(4);
    packed = parseV4(text, 0, out, 0) ? out : null;
  } else if (af === AF_INET6) {
    packed = parseV6(text);
  } else {
    throw osError("EAFNOSUPPORT");
  }
  if (packed === null) throw new OSError("illegal IP address string passed to inet_pton");
  return packed;
}

/**
 * Converts a packed IP address of the given family to its text, as Python's
 * `socket.inet_ntop` (glibc's `inet_ntop`). IPv6 addresses print in lowercase with the
 * longest run of two or more zero groups shortened to `::` (the leftmost of equal runs);
 * IPv4-mapped (`::ffff:a.b.c.d`) and IPv4-compatible (`::a.b.c.d`) addresses end in a
 * dotted quad.
 *
 * @param addressFamily `AF_INET` or `AF_INET6`
 * @param packedIp 4 bytes (`AF_INET`) or 16 bytes (`AF_INET6`), in network order
 *   (any `ArrayBufferView`; its bytes are read)
 * @returns the address text
 * @throws {ValueError} when the family is neither `AF_INET` nor `AF_INET6`
 *   (`"unknown address family N"`), or `packedIp` has the wrong length
 * @throws {OverflowError} when `addressFamily` does not fit in a C `int`
 * @throws {TypeError} when `addressFamily` is not an integer or `packedIp` is not an
 *   `ArrayBufferView`
 *
 * @example
 * ```ts
 * import { AF_INET, AF_INET6, inetNtop, inetPton } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(inetNtop(AF_INET, new Uint8Array([127, 0, 0, 1])), "127.0.0.1");
 * assert.equal(inetNtop(AF_INET6, inetPton(AF_INET6, "2001:0DB8:0:0:0:0:0:1")), "2001:db8::1");
 * assert.equal(inetNtop(AF_INET6, inetPton(AF_INET6, "::FFFF:7F00:1")), "::ffff:127.0.0.1");
 * assert.throws(() => inetNtop(AF_INET6, new Uint8Array(4)), { name: "ValueError" });
 * ```
 */
export function inetNtop(addressFamily: number, packedIp: ArrayBufferView): string {
  const af = toCInt("inetNtop", 1, addressFamily);
  const bytes = toBytes("inetNtop", 2, packedIp);
  let size: number;
  if (af === AF_INET) size = 4;
  else if (af === AF_INET6) size = 16;
  else throw new ValueError(`unknown address family ${af}`);
  if (bytes.length !== size) {
    throw new ValueError("invalid length of packed IP address string");
  }
  return size === 4 ? formatV4(bytes, 0) : formatV6(bytes);
}

// ---------------------------------------------------------------------------------------
// glibc's inet_aton (resolv/inet_addr.c): parts parsed as by strtoul(cp, &end, 0).

const MAX_LAST_PART = [0xffffffff, 0xffffff, 0xffff, 0xff];

function parseAton(s: string): number | null {
  const parts: number[] = [];
  let i = 0;
  let val: number;
  for (;;) {
    if (!isDigit(s.charCodeAt(i))) return null;
    [val, i] = strtoul(s, i);
    if (val > 0xffffffff) return null;
    if (s.charCodeAt(i) !== DOT) break;
    if (parts.length > 2 || val > 0xff) return null;
    parts.push(val);
    i++;
  }
  // The address may be followed by an ASCII whitespace character and then anything.
  if (i < s.length && !isCSpace(s.charCodeAt(i))) return null;
  if (val > MAX_LAST_PART[parts.length]) return null;
  let addr = val;
  for (let k = 0; k < parts.length; k++) addr += parts[k] * 2 ** (24 - 8 * k);
  return addr;
}

// strtoul with base 0 from s[i], a decimal digit: returns the value and the end index.
// A value past 2^32 - 1 only grows, so it stays rejected however imprecise it gets.
function strtoul(s: string, i: number): [number, number] {
  let base = 10;
  if (s.charCodeAt(i) === ZERO) {
    const x = s.charCodeAt(i + 1) | 0x20;
    if (x === LOWER_X && hexValue(s.charCodeAt(i + 2)) >= 0) {
      base = 16;
      i += 2;
    } else {
      base = 8;
    }
  }
  let val = 0;
  for (;;) {
    const d = hexValue(s.charCodeAt(i));
    if (d < 0 || d >= base) return [val, i];
    val = val * base + d;
    i++;
  }
}

// ---------------------------------------------------------------------------------------
// glibc's inet_pton4 and inet_pton6 (resolv/inet_pton.c).

// Parses s[from..] as a strict dotted quad into out[at..at+4]; true on success.
function parseV4(s: string, from: number, out: Uint8Array, at: number): boolean {
  let octets = 0;
  let sawDigit = false;
  let cur = 0;
  const tmp = [0, 0, 0, 0];
  for (let i = from; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (isDigit(ch)) {
      if (sawDigit && cur === 0) return false; // a leading zero
      cur = cur * 10 + ch - ZERO;
      if (cur > 255) return false;
      if (!sawDigit) {
        if (++octets > 4) return false;
        sawDigit = true;
      }
      tmp[octets - 1] = cur;
    } else if (ch === DOT && sawDigit) {
      if (octets === 4) return false;
      sawDigit = false;
      cur = 0;
    } else {
      return false;
    }
  }
  if (octets < 4) return false;
  out.set(tmp, at);
  return true;
}

function parseV6(s: string): Uint8Array | null {
  const out = new Uint8Array(16);
  let tp = 0;
  let colonp = -1;
  let i = 0;
  if (s.length === 0) return null;
  // A leading colon must be half of a leading "::".
  if (s.charCodeAt(0) === COLON) {
    i = 1;
    if (s.charCodeAt(1) !== COLON) return null;
  }
  let curtok = i;
  let digits = 0;
  let val = 0;
  while (i < s.length) {
    const ch = s.charCodeAt(i++);
    const d = hexValue(ch);
    if (d >= 0) {
      if (digits === 4) return null;
      val = (val << 4) | d;
      digits++;
      continue;
    }
    if (ch === COLON) {
      curtok = i;
      if (digits === 0) {
        if (colonp >= 0) return null;
        colonp = tp;
        continue;
      }
      if (i === s.length || tp + 2 > 16) return null;
      out[tp++] = val >> 8;
      out[tp++] = val & 0xff;
      digits = 0;
      val = 0;
      continue;
    }
    if (ch === DOT && tp + 4 <= 16 && parseV4(s, curtok, out, tp)) {
      tp += 4;
      digits = 0;
      break;
    }
    return null;
  }
  if (digits > 0) {
    if (tp + 2 > 16) return null;
    out[tp++] = val >> 8;
    out[tp++] = val & 0xff;
  }
  if (colonp >= 0) {
    if (tp === 16) return null; // "::" must stand for at least one group
    const n = tp - colonp;
    out.copyWithin(16 - n, colonp, tp);
    out.fill(0, colonp, 16 - n);
    tp = 16;
  }
  return tp === 16 ? out : null;
}

// ---------------------------------------------------------------------------------------
// glibc's inet_ntop4 and inet_ntop6 (resolv/inet_ntop.c).

function formatV4(b: Uint8Array, at: number): string {
  return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
}

function formatV6(b: Uint8Array): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((b[i] << 8) | b[i + 1]);
  // The longest run of zero words, the leftmost on ties; only runs of 2 or more count.
  let bestBase = -1;
  let bestLen = 0;
  let curBase = -1;
  let curLen = 0;
  for (let i = 0; i <= 8; i++) {
    if (i < 8 && words[i] === 0) {
      if (curBase === -1) [curBase, curLen] = [i, 1];
      else curLen++;
    } else if (curBase !== -1) {
      if (bestBase === -1 || curLen > bestLen) [bestBase, bestLen] = [curBase, curLen];
      curBase = -1;
    }
  }
  if (bestLen < 2) bestBase = -1;
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ":";
      continue;
    }
    if (i !== 0) out += ":";
    // An IPv4-compatible (::a.b.c.d) or IPv4-mapped (::ffff:a.b.c.d) address.
    if (
      i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))
    ) {
      return out + formatV4(b, 12);
    }
    out += words[i].toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) out += ":";
  return out;
}

// ---------------------------------------------------------------------------------------
// Argument conversion, as CPython's PyArg_ParseTuple formats "s", "i" and "y*".

const ZERO = 0x30;
const DOT = 0x2e;
const COLON = 0x3a;
const LOWER_X = 0x78;

function isDigit(c: number): boolean {
  return c >= ZERO && c <= 0x39;
}

// C's isspace in the "C" locale, ASCII only: space, \t, \n, \v, \f, \r.
function isCSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function hexValue(c: number): number {
  if (c >= ZERO && c <= 0x39) return c - ZERO;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

function packU32(addr: number): Uint8Array {
  return new Uint8Array([addr >>> 24, (addr >>> 16) & 0xff, (addr >>> 8) & 0xff, addr & 0xff]);
}

// "s": a str that encodes to UTF-8 (no lone surrogates) and has no NUL.
function toCString(fn: string, n: number, value: unknown): string {
  if (typeof value !== "string") {
    throw new TypeError(`${fn}() argument ${n} must be a string, not ${describeValue(value)}`);
  }
  if (!value.isWellFormed()) {
    let pos = 0;
    for (let i = 0; i < value.length; i++, pos++) {
      const c = value.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const next = value.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++;
          continue;
        }
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        throw new ValueError(
          `'utf-8' codec can't encode character '\\u${c.toString(16)}' in position ${pos}: ` +
            "surrogates not allowed",
        );
      }
    }
  }
  if (value.includes("\0")) throw new ValueError("embedded null character");
  return value;
}

// "i": an integer that fits in a C int.
function toCInt(fn: string, n: number, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`${fn}() argument ${n} must be an integer, not ${describeValue(value)}`);
  }
  if (value >= 2 ** 63 || value < -(2 ** 63)) {
    throw new OverflowError("Python int too large to convert to C long");
  }
  if (value > 0x7fffffff) throw new OverflowError("signed integer is greater than maximum");
  if (value < -0x80000000) throw new OverflowError("signed integer is less than minimum");
  return value | 0;
}

// "y*": any bytes-like object, read as its raw bytes.
function toBytes(fn: string, n: number, value: unknown): Uint8Array {
  if (!ArrayBuffer.isView(value)) {
    throw new TypeError(
      `${fn}() argument ${n} must be a bytes-like object (ArrayBufferView), not ${
        describeValue(value)
      }`,
    );
  }
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
