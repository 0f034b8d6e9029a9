// Python's socket.CMSG_LEN and socket.CMSG_SPACE (Modules/socketmodule.c): the sizes of
// ancillary-data items for sendmsg/recvmsg, from the platform's CMSG_LEN/CMSG_SPACE macros.

import { osError } from "../_errors/os_error.ts";
import { OverflowError } from "../_errors/python_errors.ts";
import { describeValue } from "./_args.ts";

/**
 * Returns the total length, without trailing padding, of an ancillary data item whose
 * data is `length` bytes long: the value for `cmsg_len`, as Python's `socket.CMSG_LEN`.
 * It uses the running platform's `struct cmsghdr` layout (a 16-byte header on 64-bit
 * Linux, 12 bytes on macOS).
 *
 * @param length the number of data bytes, from 0 up to the platform's limit
 *   (2147483631 on 64-bit Linux)
 * @returns the item's length in bytes, header included
 * @throws {OverflowError} when `length` is negative or the result would not fit in a
 *   `socklen_t` (Python's limit of 2^31 - 1)
 * @throws {TypeError} when `length` is not an integer
 * @throws {OSError} with errno `ENOSYS` on Windows, where Python has no `CMSG_LEN`
 *
 * @example The length of one file descriptor's item
 * ```ts
 * import { CMSG_LEN } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(CMSG_LEN(4), 20);
 * if (Deno.build.os === "darwin") assert.equal(CMSG_LEN(4), 16);
 * assert.throws(() => CMSG_LEN(-1), { name: "OverflowError" });
 * ```
 */
export function CMSG_LEN(length: number | bigint): number {
  const { header } = layout();
  const n = toSsize("CMSG_LEN", length);
  if (n < 0 || n > SOCKLEN_T_LIMIT - header) {
    throw new OverflowError("CMSG_LEN() argument out of range");
  }
  return header + n;
}

/**
 * Returns the buffer size needed for an ancillary data item whose data is `length` bytes
 * long, trailing padding included, as Python's `socket.CMSG_SPACE`. Sum the results for
 * several items to size the ancillary buffer of `recvmsg`.
 *
 * @param length the number of data bytes, from 0 up to the platform's limit
 *   (2147483623 on 64-bit Linux)
 * @returns the space the item takes in bytes, header and padding included
 * @throws {OverflowError} when `length` is negative or the result would not fit in a
 *   `socklen_t` (Python's limit of 2^31 - 1)
 * @throws {TypeError} when `length` is not an integer
 * @throws {OSError} with errno `ENOSYS` on Windows, where Python has no `CMSG_SPACE`
 *
 * @example Room for two file descriptors
 * ```ts
 * import { CMSG_SPACE } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(CMSG_SPACE(8), 24);
 * if (Deno.build.os === "darwin") assert.equal(CMSG_SPACE(8), 20);
 * assert.throws(() => CMSG_SPACE(2 ** 31), { name: "OverflowError" });
 * ```
 */
export function CMSG_SPACE(length: number | bigint): number {
  const { header, align } = layout();
  const n = toSsize("CMSG_SPACE", length);
  // Python bounds the length by LIMIT - CMSG_SPACE(1): padding before and after the data.
  if (n < 0 || n > SOCKLEN_T_LIMIT - (header + align)) {
    throw new OverflowError("CMSG_SPACE() argument out of range");
  }
  return header + Math.ceil(n / align) * align;
}

// CPython's SOCKLEN_T_LIMIT: the smaller of 2^31 - 1 and INT_MAX.
const SOCKLEN_T_LIMIT = 0x7fffffff;

interface CmsgLayout {
  /** CMSG_ALIGN(sizeof(struct cmsghdr)) */
  header: number;
  /** the alignment of CMSG_ALIGN */
  align: number;
}

// <bits/socket.h> (glibc, 64-bit; also the BSDs): cmsghdr is 16 bytes, aligned to
// sizeof(size_t). <sys/socket.h> (macOS): cmsghdr is 12 bytes, __DARWIN_ALIGN32 (4 bytes).
function layout(): CmsgLayout {
  switch (Deno.build.os) {
    case "darwin":
      return { header: 12, align: 4 };
    case "windows":
      throw osError("ENOSYS");
    default:
      return { header: 16, align: 8 };
  }
}

// Python parses the argument as a Py_ssize_t ("n").
function toSsize(fn: string, x: unknown): number {
  let v: bigint;
  if (typeof x === "bigint") v = x;
  else if (typeof x === "number" && Number.isInteger(x)) v = BigInt(x);
  else throw new TypeError(`${fn}() argument must be an integer, not ${describeValue(x)}`);
  if (v >= 2n ** 63n || v < -(2n ** 63n)) {
    throw new OverflowError("Python int too large to convert to C ssize_t");
  }
  // Every value outside the int32 range is out of range for both functions anyway.
  return v > 0x7fffffffn ? Infinity : v < -0x80000000n ? -Infinity : Number(v);
}
