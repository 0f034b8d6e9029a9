import assert from "node:assert/strict";
import { OverflowError } from "../../_errors/python_errors.ts";
import { htonl, htons, ntohl, ntohs } from "../../socket/byte_order.ts";
import { assertMatchesCPython, hasPython, NEEDS_PYTHON, rng } from "./_py_oracle.ts";

const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const FNS16 = { htons, ntohs } as const;
const FNS32 = { htonl, ntohl } as const;

/**
 * Asserts that `fn` gives `swapped` for each `[x, swapped]` on a little-endian host (`x`
 * on a big-endian one), for a number and a bigint alike, never negative, and undoes itself.
 */
function assertSwaps(fn: typeof htons, cases: [number, number][]): void {
  for (const [x, swapped] of cases) {
    const want = LE ? swapped : x;
    assert.equal(fn(x), want);
    assert.equal(fn(BigInt(x)), BigInt(want));
    assert.equal(fn(fn(x)), x);
    assert.ok(fn(x) >= 0);
  }
}

Deno.test("htons() and ntohs() swap the two bytes on a little-endian host", async (t) => {
  const cases: [number, number][] = [
    [0, 0],
    [1, 0x0100],
    [0x1234, 0x3412],
    [0xff00, 0x00ff],
    [0xffff, 0xffff],
  ];
  for (const [name, fn] of Object.entries(FNS16)) {
    await t.step(name, () => {
      assertSwaps(fn, cases);
      assert.equal(Object.is(fn(-0), 0), true);
    });
  }
});

Deno.test("htonl() and ntohl() reverse the four bytes on a little-endian host", async (t) => {
  const cases: [number, number][] = [
    [0, 0],
    [1, 0x01000000],
    [0x12345678, 0x78563412],
    [0x80000000, 0x80],
    [0x7fffffff, 0xffffff7f],
    [0xffffffff, 0xffffffff],
  ];
  for (const [name, fn] of Object.entries(FNS32)) {
    await t.step(name, () => assertSwaps(fn, cases));
  }
});

Deno.test("htons() and ntohs() throw OverflowError with CPython 3.11's messages", async (t) => {
  for (const [name, fn] of Object.entries(FNS16)) {
    await t.step(name, () => {
      const cases: [number | bigint, string][] = [
        [-1, `${name}: can't convert negative Python int to C 16-bit unsigned integer`],
        [-(2 ** 31), `${name}: can't convert negative Python int to C 16-bit unsigned integer`],
        [0x10000, `${name}: Python int too large to convert to C 16-bit unsigned integer`],
        [2 ** 31 - 1, `${name}: Python int too large to convert to C 16-bit unsigned integer`],
        [2 ** 31, "signed integer is greater than maximum"],
        [2n ** 63n - 1n, "signed integer is greater than maximum"],
        [-(2 ** 31) - 1, "signed integer is less than minimum"],
        [-(2n ** 63n), "signed integer is less than minimum"],
        [2 ** 63, "Python int too large to convert to C long"],
        [-(2n ** 63n) - 1n, "Python int too large to convert to C long"],
        [2 ** 64, "Python int too large to convert to C long"],
      ];
      for (const [x, message] of cases) {
        assert.throws(() => fn(x), new OverflowError(message), String(x));
      }
    });
  }
});

Deno.test("htonl() and ntohl() throw OverflowError with CPython 3.11's messages", async (t) => {
  for (const [name, fn] of Object.entries(FNS32)) {
    await t.step(name, () => {
      const cases: [number | bigint, string][] = [
        [-1, "can't convert negative value to unsigned int"],
        [-(2n ** 70n), "can't convert negative value to unsigned int"],
        [2 ** 32, "int larger than 32 bits"],
        [2n ** 64n - 1n, "int larger than 32 bits"],
        [2 ** 64, "Python int too large to convert to C unsigned long"],
      ];
      for (const [x, message] of cases) {
        assert.throws(() => fn(x), new OverflowError(message), String(x));
      }
    });
  }
});

Deno.test("byte-order functions throw TypeError for anything but an integer", () => {
  for (const fn of [htons, ntohs, htonl, ntohl]) {
    for (const bad of [1.5, NaN, Infinity, -Infinity, "1", null, undefined, true, [1]]) {
      assert.throws(() => fn(bad as number), TypeError, `${fn.name}(${String(bad)})`);
    }
  }
  assert.throws(() => htons(1.5), { message: "htons() argument must be an integer, not 1.5" });
  assert.throws(() => ntohl("1" as unknown as number), {
    message: "ntohl() argument must be an integer, not string",
  });
});

// ---------------------------------------------------------------------------------------
// Cross-check against CPython, the reference, over a generated corpus.

function corpus(): (number | bigint | string | null)[] {
  const rand = rng(0x5eed);
  const values: (number | bigint | string | null)[] = [1.5, -0.5, NaN, Infinity, "1", null];
  for (const e of [0n, 8n, 15n, 16n, 31n, 32n, 53n, 63n, 64n, 70n]) {
    for (const d of [-1n, 0n, 1n]) {
      const v = 2n ** e + d;
      values.push(v, -v);
      if (e <= 53n) values.push(Number(v), -Number(v));
    }
  }
  for (let k = 0; k < 300; k++) {
    const bits = Math.floor(rand() * 66);
    const v = Math.floor(rand() * 2 ** bits);
    values.push(rand() < 0.9 ? v : -v);
    values.push(BigInt(Math.floor(rand() * 2 ** 32)) << BigInt(Math.floor(rand() * 40)));
  }
  return values;
}

Deno.test({
  name: `byte-order functions match CPython's socket module on a generated corpus ${NEEDS_PYTHON}`,
  ignore: !hasPython,
}, async () => {
  const values = corpus();
  const calls = Object.entries({ htons, ntohs, htonl, ntohl }).flatMap(([f, fn]) =>
    values.map((v) => ({
      f,
      fn: (x: number) => {
        const r = fn(x);
        assert.equal(typeof r, typeof x, "the result has the argument's kind");
        return r;
      },
      args: [v],
    }))
  );
  assert.equal(await assertMatchesCPython(calls), 4 * values.length);
});
