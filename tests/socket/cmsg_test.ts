import assert from "node:assert/strict";
import { OSError } from "../../_errors/os_error.ts";
import { OverflowError } from "../../_errors/python_errors.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import { CMSG_LEN, CMSG_SPACE } from "../../socket/cmsg.ts";
import { assertMatchesCPython, hasPython, NEEDS_PYTHON, rng } from "./_py_oracle.ts";

const OS = Deno.build.os;
const POSIX = OS !== "windows";
// [length, CMSG_LEN, CMSG_SPACE] for the platform's struct cmsghdr.
const TABLE: [number, number, number][] = OS === "darwin"
  ? [[0, 12, 12], [1, 13, 16], [4, 16, 16], [5, 17, 20], [8, 20, 20], [100, 112, 112]]
  : [[0, 16, 16], [1, 17, 24], [4, 20, 24], [8, 24, 24], [9, 25, 32], [100, 116, 120]];
// The largest lengths accepted: 2^31 - 1 - header, and 2^31 - 1 - CMSG_SPACE(1).
const MAX_LEN = OS === "darwin" ? 2147483635 : 2147483631;
const MAX_SPACE = OS === "darwin" ? 2147483631 : 2147483623;

Deno.test({
  name: "CMSG_LEN() and CMSG_SPACE() use the platform's cmsghdr size and alignment",
  ignore: !POSIX,
  fn(): void {
    for (const [length, len, space] of TABLE) {
      assert.equal(CMSG_LEN(length), len, `CMSG_LEN(${length})`);
      assert.equal(CMSG_SPACE(length), space, `CMSG_SPACE(${length})`);
      assert.equal(CMSG_LEN(BigInt(length)), len);
      assert.equal(CMSG_SPACE(BigInt(length)), space);
    }
  },
});

Deno.test({
  name: "CMSG_LEN() and CMSG_SPACE() accept lengths up to Python's socklen_t limit",
  ignore: !POSIX,
  fn(): void {
    assert.equal(CMSG_LEN(MAX_LEN), 2 ** 31 - 1);
    assert.throws(
      () => CMSG_LEN(MAX_LEN + 1),
      new OverflowError("CMSG_LEN() argument out of range"),
    );
    assert.ok(CMSG_SPACE(MAX_SPACE) <= 2 ** 31 - 1);
    assert.throws(
      () => CMSG_SPACE(MAX_SPACE + 1),
      new OverflowError("CMSG_SPACE() argument out of range"),
    );
  },
});

Deno.test({
  name: "CMSG_LEN() and CMSG_SPACE() throw OverflowError and TypeError as Python does",
  ignore: !POSIX,
  fn(): void {
    for (const [name, fn] of [["CMSG_LEN", CMSG_LEN], ["CMSG_SPACE", CMSG_SPACE]] as const) {
      const range = new OverflowError(`${name}() argument out of range`);
      for (const x of [-1, -(2 ** 31), 2 ** 31 - 1, 2 ** 32, 2n ** 63n - 1n, -(2n ** 63n)]) {
        assert.throws(() => fn(x), range, `${name}(${x})`);
      }
      const ssize = new OverflowError("Python int too large to convert to C ssize_t");
      for (const x of [2 ** 63, 2 ** 64, -(2n ** 63n) - 1n, 2n ** 70n]) {
        assert.throws(() => fn(x), ssize, `${name}(${x})`);
      }
      for (const bad of [1.5, NaN, Infinity, "1", null, undefined, true]) {
        assert.throws(() => fn(bad as number), TypeError, `${name}(${String(bad)})`);
      }
    }
  },
});

Deno.test({
  name: "CMSG_LEN() throws OSError(ENOSYS) on Windows, where Python lacks it",
  ignore: POSIX,
  fn(): void {
    assert.throws(
      () => CMSG_LEN(1),
      (e: unknown) => e instanceof OSError && e.errno === ERRNO.ENOSYS,
    );
    assert.throws(() => CMSG_SPACE(1), OSError);
  },
});

// ---------------------------------------------------------------------------------------
// Cross-check against CPython, the reference, over a generated corpus.

function corpus(): (number | bigint | string | null)[] {
  const rand = rng(0xc3546);
  const values: (number | bigint | string | null)[] = [1.5, NaN, -Infinity, "1", null];
  for (let v = 0; v <= 40; v++) values.push(v);
  for (const edge of [MAX_LEN, MAX_SPACE, 2 ** 31 - 1, 2 ** 32]) {
    for (let d = -10; d <= 10; d++) values.push(edge + d);
  }
  for (const edge of [2n ** 63n, -(2n ** 63n), 2n ** 64n]) {
    for (const d of [-2n, -1n, 0n, 1n]) values.push(edge + d);
  }
  for (let k = 0; k < 200; k++) {
    const v = Math.floor(rand() * 2 ** Math.floor(rand() * 40));
    values.push(rand() < 0.9 ? v : -v);
  }
  return values;
}

Deno.test({
  name:
    `CMSG_LEN() and CMSG_SPACE() match CPython's socket module on a generated corpus ${NEEDS_PYTHON}`,
  ignore: !POSIX || !hasPython,
  async fn(): Promise<void> {
    const values = corpus();
    const calls = Object.entries({ CMSG_LEN, CMSG_SPACE }).flatMap(([f, fn]) =>
      values.map((v) => ({ f, fn, args: [v] }))
    );
    assert.equal(await assertMatchesCPython(calls), 2 * values.length);
  },
});
