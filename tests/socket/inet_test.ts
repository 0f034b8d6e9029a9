import assert from "node:assert/strict";
import { OSError } from "../../_errors/os_error.ts";
import { OverflowError, ValueError } from "../../_errors/python_errors.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import { AF_INET, AF_INET6, AF_UNIX } from "../../socket/constants.ts";
import { inetAton, inetNtoa, inetNtop, inetPton } from "../../socket/inet.ts";
import {
  assertMatchesCPython,
  hasPython,
  NEEDS_PYTHON,
  type OracleCall,
  rng,
} from "./_py_oracle.ts";

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const hex = (s: string): Uint8Array =>
  new Uint8Array((s.match(/../g) ?? []).map((h) => parseInt(h, 16)));

function assertIllegal(fn: () => unknown, name: "inet_aton" | "inet_pton"): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof OSError);
    assert.equal(e.constructor, OSError);
    assert.equal(e.errno, null);
    assert.equal(e.message, `illegal IP address string passed to ${name}`);
    return true;
  });
}

Deno.test("inetAton() accepts glibc's liberal syntax", async (t) => {
  const cases: [string, number[]][] = [
    ["1.2.3.4", [1, 2, 3, 4]],
    ["1", [0, 0, 0, 1]],
    ["1.2", [1, 0, 0, 2]],
    ["1.2.3", [1, 2, 0, 3]],
    ["0x7f.1", [127, 0, 0, 1]],
    ["0X7F.0xA.0.0XfF", [127, 10, 0, 255]],
    ["010.0.0.1", [8, 0, 0, 1]],
    ["4294967295", [255, 255, 255, 255]],
    ["0xffffffff", [255, 255, 255, 255]],
    ["037777777777", [255, 255, 255, 255]],
    ["1.16777215", [1, 255, 255, 255]],
    ["1.2.65535", [1, 2, 255, 255]],
    ["00000000000000000000001", [0, 0, 0, 1]],
    ["0x000000000000000000001", [0, 0, 0, 1]],
    ["1.2.3.4 junk", [1, 2, 3, 4]],
    ["1.2.3.4\tx", [1, 2, 3, 4]],
    ["1.2.3.4\n", [1, 2, 3, 4]],
    ["1.2.3.4\v\f\r", [1, 2, 3, 4]],
    ["1.2.3.4 é", [1, 2, 3, 4]],
    ["0", [0, 0, 0, 0]],
  ];
  for (const [input, want] of cases) {
    await t.step(JSON.stringify(input), () => assert.deepEqual(inetAton(input), bytes(...want)));
  }
});

Deno.test("inetAton() throws OSError for what glibc rejects", async (t) => {
  const cases = [
    "",
    " 1.2.3.4",
    "1.2.3.4x",
    "1.2.3.4\xa0x",
    "4294967296",
    "0xFFFFFFFFFFFFFFFF",
    "1.16777216",
    "1.2.65536",
    "256.1.1.1",
    "1.2.256.1",
    "1.2.3.256",
    "0x",
    "0x.1",
    "0x1g",
    "08",
    "09.1.1.1",
    "1..2",
    "1.",
    "1.2.3.",
    "1.2.3.4.",
    "1.2.3.4.5",
    "+1",
    "-1",
    "é",
    "1.2.3.4é",
    ".1.2.3",
  ];
  for (const input of cases) {
    await t.step(JSON.stringify(input), () => assertIllegal(() => inetAton(input), "inet_aton"));
  }
});

Deno.test("inetAton() throws ValueError for NUL and lone surrogates, TypeError otherwise", () => {
  assert.throws(() => inetAton("1.2.3.4\0junk"), new ValueError("embedded null character"));
  assert.throws(
    () => inetAton("1.2.3.4 \u{1F600}\ud800"),
    new ValueError(
      "'utf-8' codec can't encode character '\\ud800' in position 9: surrogates not allowed",
    ),
  );
  for (const bad of [null, undefined, 1, bytes(1, 2, 3, 4), {}]) {
    assert.throws(() => inetAton(bad as unknown as string), TypeError);
  }
});

Deno.test("inetNtoa() formats exactly 4 bytes of any ArrayBufferView", () => {
  assert.equal(inetNtoa(bytes(1, 2, 3, 4)), "1.2.3.4");
  assert.equal(inetNtoa(bytes(255, 255, 255, 255)), "255.255.255.255");
  assert.equal(inetNtoa(new Uint8Array([9, 1, 2, 3, 4, 9]).subarray(1, 5)), "1.2.3.4");
  assert.equal(inetNtoa(new DataView(new Uint8Array([10, 0, 0, 1]).buffer)), "10.0.0.1");
  const le = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  assert.equal(inetNtoa(new Uint16Array([1, 2])), le ? "1.0.2.0" : "0.1.0.2");
  for (const n of [0, 3, 5, 16]) {
    assert.throws(() => inetNtoa(new Uint8Array(n)), (e: unknown) => {
      assert.ok(e instanceof OSError);
      assert.equal(e.errno, null);
      assert.equal(e.message, "packed IP wrong length for inet_ntoa");
      return true;
    });
  }
  for (const bad of ["abcd", null, [1, 2, 3, 4], new ArrayBuffer(4)]) {
    assert.throws(() => inetNtoa(bad as unknown as Uint8Array), TypeError);
  }
});

Deno.test("inetPton(AF_INET) accepts only strict dotted quads", async (t) => {
  assert.deepEqual(inetPton(AF_INET, "1.2.3.4"), bytes(1, 2, 3, 4));
  assert.deepEqual(inetPton(AF_INET, "0.0.0.0"), bytes(0, 0, 0, 0));
  assert.deepEqual(inetPton(AF_INET, "255.255.255.255"), bytes(255, 255, 255, 255));
  assert.deepEqual(inetPton(AF_INET, "10.0.100.200"), bytes(10, 0, 100, 200));
  const bad = [
    "01.2.3.4",
    "1.2.3.04",
    "00.0.0.0",
    "1.2.3",
    "1.2.3.4 ",
    " 1.2.3.4",
    "256.0.0.0",
    "0x1.2.3.4",
    "1.2.3.4.5",
    "1..2.3",
    "1.2.3.",
    "",
    "1.2.3.4%eth0",
  ];
  for (const input of bad) {
    await t.step(JSON.stringify(input), () => {
      assertIllegal(() => inetPton(AF_INET, input), "inet_pton");
    });
  }
});

Deno.test("inetPton(AF_INET6) follows RFC 4291 as glibc parses it", async (t) => {
  const good: [string, string][] = [
    ["::", "00000000000000000000000000000000"],
    ["::1", "00000000000000000000000000000001"],
    ["1::", "00010000000000000000000000000000"],
    ["1:2:3:4:5:6:7:8", "00010002000300040005000600070008"],
    ["1:2:3:4:5:6:7::", "00010002000300040005000600070000"],
    ["::2:3:4:5:6:7:8", "00000002000300040005000600070008"],
    ["ABCD::eF", "abcd00000000000000000000000000ef"],
    ["0000:0::", "00000000000000000000000000000000"],
    ["::ffff:1.2.3.4", "00000000000000000000ffff01020304"],
    ["::1.2.3.4", "00000000000000000000000001020304"],
    ["1:2:3:4:5:6:1.2.3.4", "00010002000300040005000601020304"],
    ["fe80::1", "fe800000000000000000000000000001"],
  ];
  for (const [input, want] of good) {
    await t.step(input, () => assert.deepEqual(inetPton(AF_INET6, input), hex(want)));
  }
  const bad = [
    "",
    ":",
    ":::",
    "1:",
    ":1",
    ":1::",
    "1:::2",
    "1::2::3",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6::7:8",
    "1:2:3:4:5:6:7:8::",
    "::1:2:3:4:5:6:7:8",
    "1:2:3:4:5:6:7:1.2.3.4",
    "::ffff:01.2.3.4",
    "::ffff:256.1.1.1",
    "::1.2.3",
    "::1.2.3.4.5",
    "::1.2.3.4:1",
    "1.2.3.4::",
    "1.2.3.4",
    "12345::",
    "00000::",
    "g::",
    "fe80::1%eth0",
    "[::1]",
    " ::1",
    "::1 ",
  ];
  for (const input of bad) {
    await t.step(JSON.stringify(input), () => {
      assertIllegal(() => inetPton(AF_INET6, input), "inet_pton");
    });
  }
});

Deno.test("inetPton() checks the family and its arguments as Python does", () => {
  for (const af of [99, AF_UNIX, -1, 0]) {
    assert.throws(() => inetPton(af, "1.2.3.4"), (e: unknown) => {
      assert.ok(e instanceof OSError);
      assert.equal(e.errno, ERRNO.EAFNOSUPPORT);
      assert.equal(e.message, `[Errno ${ERRNO.EAFNOSUPPORT}] ${e.strerror}`);
      return true;
    });
  }
  assert.throws(() => inetPton(2 ** 40, "1.2.3.4"), OverflowError);
  assert.throws(() => inetPton(-(2 ** 40), "1.2.3.4"), OverflowError);
  assert.throws(() => inetPton(2.5, "1.2.3.4"), TypeError);
  assert.throws(() => inetPton("2" as unknown as number, "1.2.3.4"), TypeError);
  assert.throws(() => inetPton(AF_INET, bytes(1) as unknown as string), TypeError);
  // Like Python, the text is checked before the family.
  assert.throws(() => inetPton(99, "1\0"), new ValueError("embedded null character"));
});

Deno.test("inetNtop(AF_INET6) prints as glibc's inet_ntop", async (t) => {
  const cases: [string, string][] = [
    ["00000000000000000000000000000000", "::"],
    ["00000000000000000000000000000001", "::1"],
    ["00010000000000000000000000000000", "1::"],
    ["00010002000300040005000600070008", "1:2:3:4:5:6:7:8"],
    ["20010db8000000000000000000000001", "2001:db8::1"],
    ["20010db8000000010000000000000001", "2001:db8:0:1::1"],
    ["20010db8000000000001000000000001", "2001:db8::1:0:0:1"],
    ["00010000000100000001000000010000", "1:0:1:0:1:0:1:0"],
    ["00010000000000010000000000010000", "1::1:0:0:1:0"],
    ["00000000000000000000ffff01020304", "::ffff:1.2.3.4"],
    ["00000000000000000000ffff00000000", "::ffff:0.0.0.0"],
    ["00000000000000000000000001020304", "::1.2.3.4"],
    ["00000000000000000000000000000100", "::100"],
    ["00000000000000000000000000010000", "::0.1.0.0"],
    ["00000000000000000000000000000002", "::2"],
    ["000000000000000000000000ffffffff", "::255.255.255.255"],
    ["00000000000000000000fffe01020304", "::fffe:102:304"],
    ["000000000000000000010000ffff0102", "::1:0:ffff:102"],
    ["00000000000000000000000001000000", "::1.0.0.0"],
    ["0000000000000000ffff000001020304", "::ffff:0:102:304"],
    ["ABCDEF00000000000000000000000000".toLowerCase(), "abcd:ef00::"],
    ["fe800000000000000000000000000000", "fe80::"],
  ];
  for (const [packed, want] of cases) {
    await t.step(want, () => assert.equal(inetNtop(AF_INET6, hex(packed)), want));
  }
  assert.equal(inetNtop(AF_INET, bytes(127, 0, 0, 1)), "127.0.0.1");
});

Deno.test("inetNtop() throws ValueError for a bad family or length", () => {
  assert.throws(() => inetNtop(99, bytes(1, 2, 3, 4)), new ValueError("unknown address family 99"));
  assert.throws(() => inetNtop(-5, bytes(1, 2, 3, 4)), new ValueError("unknown address family -5"));
  const wrong = new ValueError("invalid length of packed IP address string");
  assert.throws(() => inetNtop(AF_INET, new Uint8Array(16)), wrong);
  assert.throws(() => inetNtop(AF_INET6, new Uint8Array(4)), wrong);
  assert.throws(() => inetNtop(AF_INET6, new Uint8Array(0)), wrong);
  assert.throws(() => inetNtop(2 ** 31, bytes(1, 2, 3, 4)), OverflowError);
  assert.throws(() => inetNtop(1.5, bytes(1, 2, 3, 4)), TypeError);
  assert.throws(() => inetNtop(AF_INET, "1234" as unknown as Uint8Array), TypeError);
  assert.throws(() => inetNtop(99, "1234" as unknown as Uint8Array), TypeError);
});

Deno.test("inetPton() and inetNtop() round-trip IPv6 text to glibc's canonical form", () => {
  const text = "2001:0DB8:0000:0000:0000:ff00:0042:8329";
  assert.equal(inetNtop(AF_INET6, inetPton(AF_INET6, text)), "2001:db8::ff00:42:8329");
});

// ---------------------------------------------------------------------------------------
// Cross-check against CPython, the reference, over a generated corpus.

function corpus(): OracleCall[] {
  const rand = rng(0x18c0ffee);
  const int = (n: number): number => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const calls: OracleCall[] = [];
  const aton = (s: unknown) => calls.push({ f: "inet_aton", fn: inetAton, args: [s] });
  const pton = (af: unknown, s: unknown) =>
    calls.push({ f: "inet_pton", fn: inetPton, args: [af, s] });
  const ntop = (af: unknown, b: unknown) =>
    calls.push({ f: "inet_ntop", fn: inetNtop, args: [af, b] });
  const ntoa = (b: unknown) => calls.push({ f: "inet_ntoa", fn: inetNtoa, args: [b] });

  const noise = "0123456789..::xXabcdefABCDEFg \t\n\v%-+é";
  const randomText = (): string => {
    let s = "";
    for (let n = int(18); n > 0; n--) s += pick([...noise]);
    return s;
  };
  const part = (): string => {
    const v = pick([0, 1, 7, 8, 255, 256, 65535, 65536, 0xffffff, 0x1000000, 2 ** 32 - 1, 2 ** 32]);
    const x = rand() < 0.5 ? v : int(v + 1);
    return pick([
      () => `${x}`,
      () => `0x${x.toString(16)}`,
      () => `0X${x.toString(16).toUpperCase()}`,
      () => `0${x.toString(8)}`,
      () => `${"0".repeat(int(4))}${x}`,
    ])();
  };
  const quad = (): string => {
    const parts: string[] = [];
    for (let n = 1 + int(5); n > 0; n--) parts.push(rand() < 0.7 ? `${int(300)}` : part());
    return parts.join(".");
  };
  // One to four inet_aton parts, each within its limit most of the time.
  const atonParts = (): string => {
    const n = 1 + int(4);
    const parts = Array.from({ length: n - 1 }, () => rand() < 0.9 ? int(256) : 256);
    const max = 2 ** (8 * (5 - n)) - 1;
    parts.push(rand() < 0.8 ? int(max + 1) : max + int(2));
    return parts.map((v) => pick([`${v}`, `0x${v.toString(16)}`, `0${v.toString(8)}`])).join(".");
  };
  const group = (): string => {
    const w = rand() < 0.4 ? 0 : rand() < 0.2 ? 0xffff : int(0x10000);
    const h = w.toString(16);
    const g = rand() < 0.2 ? h.padStart(4, "0") : h;
    return rand() < 0.3 ? g.toUpperCase() : g;
  };
  const v6 = (): string => {
    const tail = rand() < 0.25;
    const groups = Array.from({ length: tail ? 6 : 8 }, group);
    if (tail) groups.push(`${int(256)}.${int(256)}.${int(256)}.${int(300)}`);
    if (rand() < 0.6) {
      const at = int(groups.length + 1);
      groups.splice(at, int(groups.length - at + 1), "");
      if (groups.length === 1) return "::";
      if (at === 0) groups.unshift("");
      if (at >= groups.length - 1) groups.push("");
    }
    return groups.join(":");
  };
  const mutate = (s: string): string => {
    const at = int(s.length + 1);
    return pick([
      () => s.slice(0, at) + s.slice(at + 1),
      () => s.slice(0, at) + pick([":", ".", "::", "0", "g", " ", "%1"]) + s.slice(at),
      () => s + pick(["", " ", ":", "::", ".1", "%eth0"]),
    ])();
  };

  for (let k = 0; k < 400; k++) {
    const tail = (): string => `${pick([" ", "\t", "\r", "x", ".", ""])}${randomText()}`;
    aton(pick([randomText, quad, atonParts, atonParts, () => `${atonParts()}${tail()}`])());
  }
  for (let k = 0; k < 200; k++) pton(AF_INET, rand() < 0.8 ? quad() : randomText());
  for (let k = 0; k < 400; k++) pton(AF_INET6, rand() < 0.6 ? v6() : mutate(v6()));
  for (const s of ["1.2.3.4 \ud800", "\udc00", "a\ud83d\ude00\ud83d", "1.2\0"]) {
    aton(s);
    pton(AF_INET6, s);
  }
  for (const af of [0, 1, 99, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 63, 1.5]) {
    pton(af, "1.2.3.4");
    ntop(af, new Uint8Array(4));
  }
  for (const bad of [null, 5, 1.5]) {
    aton(bad);
    pton(AF_INET, bad);
  }
  for (let k = 0; k < 400; k++) {
    const b = new Uint8Array(16);
    for (let w = 0; w < 8; w++) {
      const v = rand() < 0.5
        ? 0
        : rand() < 0.15
        ? 0xffff
        : rand() < 0.5
        ? int(0x100)
        : int(0x10000);
      b[2 * w] = v >> 8;
      b[2 * w + 1] = v & 0xff;
    }
    ntop(AF_INET6, b);
  }
  for (let k = 0; k < 50; k++) {
    ntop(AF_INET, Uint8Array.from({ length: 4 }, () => int(256)));
    ntop(pick([AF_INET, AF_INET6]), new Uint8Array(int(20)));
    ntoa(Uint8Array.from({ length: pick([4, 4, 4, 0, 3, 5, 16]) }, () => int(256)));
    ntoa(new Uint16Array([int(0x10000), int(0x10000)]));
  }
  ntop(AF_INET, "1234");
  ntoa("1234");
  ntoa(null);
  return calls;
}

Deno.test({
  name: `inet functions match CPython's socket module on a generated corpus ${NEEDS_PYTHON}`,
  ignore: !hasPython,
}, async () => {
  // 400 aton, 200 + 400 pton and 400 ntop calls in the random loops alone, then the rest.
  assert.ok(await assertMatchesCPython(corpus()) > 1400);
});
