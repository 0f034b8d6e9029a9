// Every error path of the mmap module, with Python's exception class and message. Each
// scenario is also run through CPython's mmap (python3, when present), which must agree
// with the expectation written here.

import assert from "node:assert/strict";
import {
  ACCESS_COPY,
  ACCESS_READ,
  ACCESS_WRITE,
  MADV_NORMAL,
  MAP_PRIVATE,
  Mmap,
  openFd,
  PROT_READ,
} from "../../mmap/mod.ts";
import { fdsUnder, withFiles } from "./_fds.ts";
import { cpythonOutcomes, type Outcome } from "./_cpython.ts";

interface Fixture {
  fd: number;
  fdRo: number;
  fdEmpty: number;
  fdBig: number;
  m: Mmap;
}

interface Scenario {
  label: string;
  py: string;
  ts: (f: Fixture) => unknown;
  expect: Outcome;
}

const EINVAL = { name: "OSError", message: "[Errno 22] Invalid argument" };
const EBADF = { name: "OSError", message: "[Errno 9] Bad file descriptor" };
const EACCES = { name: "PermissionError", message: "[Errno 13] Permission denied" };
const CLOSED = { name: "ValueError", message: "mmap closed or invalid" };
const READONLY = { name: "TypeError", message: "mmap can't modify a readonly memory map." };
const RESIZE = {
  name: "TypeError",
  message: "mmap can't resize a readonly or copy-on-write memory map.",
};
const value = (message: string) => ({ name: "ValueError", message });
const overflow = (message: string) => ({ name: "OverflowError", message });
const index = (message: string) => ({ name: "IndexError", message });
const b = (s: string) => new TextEncoder().encode(s);

function s(label: string, py: string, ts: (f: Fixture) => unknown, expect: Outcome): Scenario {
  return { label, py, ts, expect };
}

const SCENARIOS: Scenario[] = [
  // Construction
  s(
    "empty file",
    "mmap.mmap(fd_empty, 0)",
    (f) => new Mmap(f.fdEmpty, 0),
    value("cannot mmap an empty file"),
  ),
  s(
    "empty file, length",
    "mmap.mmap(fd_empty, 5)",
    (f) => new Mmap(f.fdEmpty, 5),
    value("mmap length is greater than file size"),
  ),
  s(
    "negative length",
    "mmap.mmap(fd, -1)",
    (f) => new Mmap(f.fd, -1),
    overflow("memory mapped length must be positive"),
  ),
  s(
    "negative offset",
    "mmap.mmap(fd, 0, offset=-1)",
    (f) => new Mmap(f.fd, 0, { offset: -1 }),
    overflow("memory mapped offset must be positive"),
  ),
  s(
    "unaligned offset",
    "mmap.mmap(fd_big, 10, offset=100)",
    (f) => new Mmap(f.fdBig, 10, { offset: 100 }),
    EINVAL,
  ),
  s(
    "unaligned offset, length 0",
    "mmap.mmap(fd_big, 0, offset=100)",
    (f) => new Mmap(f.fdBig, 0, { offset: 100 }),
    EINVAL,
  ),
  s(
    "offset past end",
    "mmap.mmap(fd, 0, offset=4096)",
    (f) => new Mmap(f.fd, 0, { offset: 4096 }),
    value("mmap offset is greater than file size"),
  ),
  s(
    "offset at end",
    "mmap.mmap(fd_big, 0, offset=8192)",
    (f) => new Mmap(f.fdBig, 0, { offset: 8192 }),
    value("mmap offset is greater than file size"),
  ),
  s(
    "length past end",
    "mmap.mmap(fd, 11)",
    (f) => new Mmap(f.fd, 11),
    value("mmap length is greater than file size"),
  ),
  s(
    "length past end, offset",
    "mmap.mmap(fd_big, 5000, offset=4096)",
    (f) => new Mmap(f.fdBig, 5000, { offset: 4096 }),
    value("mmap length is greater than file size"),
  ),
  s(
    "access and flags",
    "mmap.mmap(fd, 0, flags=mmap.MAP_PRIVATE, access=mmap.ACCESS_READ)",
    (f) => new Mmap(f.fd, 0, { flags: MAP_PRIVATE, access: ACCESS_READ }),
    value("mmap can't specify both access and flags, prot."),
  ),
  s(
    "access and prot",
    "mmap.mmap(fd, 0, prot=mmap.PROT_READ, access=mmap.ACCESS_READ)",
    (f) => new Mmap(f.fd, 0, { prot: PROT_READ, access: ACCESS_READ }),
    value("mmap can't specify both access and flags, prot."),
  ),
  s(
    "bad access",
    "mmap.mmap(fd, 0, access=7)",
    (f) => new Mmap(f.fd, 0, { access: 7 }),
    value("mmap invalid access parameter."),
  ),
  s(
    "negative access",
    "mmap.mmap(fd, 0, access=-1)",
    (f) => new Mmap(f.fd, 0, { access: -1 }),
    value("mmap invalid access parameter."),
  ),
  s("anonymous of length 0", "mmap.mmap(-1, 0)", () => new Mmap(-1, 0), EINVAL),
  s("bad descriptor", "mmap.mmap(999, 10)", () => new Mmap(999, 10), EBADF),
  s("descriptor -2", "mmap.mmap(-2, 10)", () => new Mmap(-2, 10), EBADF),
  s(
    "ACCESS_WRITE on read-only fd",
    "mmap.mmap(fd_ro, 0, access=mmap.ACCESS_WRITE)",
    (f) => new Mmap(f.fdRo, 0, { access: ACCESS_WRITE }),
    EACCES,
  ),
  s("default access on read-only fd", "mmap.mmap(fd_ro, 0)", (f) => new Mmap(f.fdRo, 0), EACCES),
  s(
    "ACCESS_COPY on read-only fd",
    "mmap.mmap(fd_ro, 0, access=mmap.ACCESS_COPY).close()",
    (f) => use(new Mmap(f.fdRo, 0, { access: ACCESS_COPY }), (r) => r.close()),
    "ok",
  ),
  s(
    "size of anonymous map",
    "mmap.mmap(-1, 10).size()",
    () => use(new Mmap(-1, 10), (r) => r.size()),
    EBADF,
  ),
  // Indexing and slices
  s("get past end", "m[10]", (f) => f.m.get(10), index("mmap index out of range")),
  s("get before start", "m[-11]", (f) => f.m.get(-11), index("mmap index out of range")),
  s("get last", "assert m[-1] == 57", (f) => assert.equal(f.m.get(-1), 57), "ok"),
  s(
    "set 256",
    "m[0] = 256",
    (f) => f.m.set(0, 256),
    value("mmap item value must be in range(0, 256)"),
  ),
  s(
    "set -1",
    "m[0] = -1",
    (f) => f.m.set(0, -1),
    value("mmap item value must be in range(0, 256)"),
  ),
  s("set past end", "m[10] = 1", (f) => f.m.set(10, 1), index("mmap index out of range")),
  s(
    "set slice past end",
    "m[8:12] = b'abcd'",
    (f) => f.m.setSlice(8, b("abcd")),
    index("mmap slice assignment is wrong size"),
  ),
  s(
    "set slice after end",
    "m[10:14] = b'abcd'",
    (f) => f.m.setSlice(10, b("abcd")),
    index("mmap slice assignment is wrong size"),
  ),
  s("slice step 0", "m[0:2:0]", (f) => f.m.slice(0, 2, 0), value("slice step cannot be zero")),
  // Position, reading and writing
  s("seek past end", "m.seek(11)", (f) => f.m.seek(11), value("seek out of range")),
  s("seek before start", "m.seek(-1)", (f) => f.m.seek(-1), value("seek out of range")),
  s(
    "seek relative past end",
    "m.seek(5); m.seek(6, 1)",
    (f) => (f.m.seek(5), f.m.seek(6, 1)),
    value("seek out of range"),
  ),
  s("seek from end past end", "m.seek(1, 2)", (f) => f.m.seek(1, 2), value("seek out of range")),
  s("seek whence 3", "m.seek(0, 3)", (f) => f.m.seek(0, 3), value("unknown seek type")),
  s(
    "read_byte at end",
    "m.seek(10); m.read_byte()",
    (f) => (f.m.seek(10), f.m.readByte()),
    value("read byte out of range"),
  ),
  s(
    "write_byte at end",
    "m.seek(10); m.write_byte(1)",
    (f) => (f.m.seek(10), f.m.writeByte(1)),
    value("write byte out of range"),
  ),
  s(
    "write_byte 256",
    "m.write_byte(256)",
    (f) => f.m.writeByte(256),
    overflow("unsigned byte integer is greater than maximum"),
  ),
  s(
    "write_byte -1",
    "m.write_byte(-1)",
    (f) => f.m.writeByte(-1),
    overflow("unsigned byte integer is less than minimum"),
  ),
  s(
    "write past end",
    "m.seek(8); m.write(b'abc')",
    (f) => (f.m.seek(8), f.m.write(b("abc"))),
    value("data out of range"),
  ),
  s(
    "write at end",
    "m.seek(10); m.write(b'a')",
    (f) => (f.m.seek(10), f.m.write(b("a"))),
    value("data out of range"),
  ),
  s(
    "write nothing at end",
    "m.seek(10); assert m.write(b'') == 0",
    (f) => (f.m.seek(10), assert.equal(f.m.write(b("")), 0)),
    "ok",
  ),
  s(
    "move past end",
    "m.move(5, 0, 6)",
    (f) => f.m.move(5, 0, 6),
    value("source, destination, or count out of range"),
  ),
  s(
    "move negative dest",
    "m.move(-1, 0, 1)",
    (f) => f.m.move(-1, 0, 1),
    value("source, destination, or count out of range"),
  ),
  s(
    "move negative count",
    "m.move(1, 0, -1)",
    (f) => f.m.move(1, 0, -1),
    value("source, destination, or count out of range"),
  ),
  // flush and madvise
  s(
    "flush past end",
    "m.flush(0, 11)",
    (f) => f.m.flush(0, 11),
    value("flush values out of range"),
  ),
  s(
    "flush negative offset",
    "m.flush(-1)",
    (f) => f.m.flush(-1),
    value("flush values out of range"),
  ),
  s("flush offset only", "m.flush(5)", (f) => f.m.flush(5), value("flush values out of range")),
  s("flush unaligned", "m.flush(1, 2)", (f) => f.m.flush(1, 2), EINVAL),
  s(
    "madvise start at end",
    "m.madvise(mmap.MADV_NORMAL, 10)",
    (f) => f.m.madvise(MADV_NORMAL, 10),
    value("madvise start out of bounds"),
  ),
  s(
    "madvise negative start",
    "m.madvise(mmap.MADV_NORMAL, -1)",
    (f) => f.m.madvise(MADV_NORMAL, -1),
    value("madvise start out of bounds"),
  ),
  s(
    "madvise negative length",
    "m.madvise(mmap.MADV_NORMAL, 0, -1)",
    (f) => f.m.madvise(MADV_NORMAL, 0, -1),
    value("madvise length invalid"),
  ),
  s(
    "madvise huge length",
    "m.madvise(mmap.MADV_NORMAL, 1, 2**63 - 1)",
    (f) => f.m.madvise(MADV_NORMAL, 1, 2 ** 63),
    overflow("madvise length too large"),
  ),
  s(
    "madvise unaligned",
    "m.madvise(mmap.MADV_NORMAL, 1, 2)",
    (f) => f.m.madvise(MADV_NORMAL, 1, 2),
    EINVAL,
  ),
  s("madvise bad option", "m.madvise(12345)", (f) => f.m.madvise(12345), EINVAL),
  // resize
  s("resize negative", "m.resize(-1)", (f) => f.m.resize(-1), value("new size out of range")),
  s("resize 0", "m.resize(0)", (f) => f.m.resize(0), EINVAL),
  s(
    "resize ACCESS_COPY",
    "mmap.mmap(fd, 0, access=mmap.ACCESS_COPY).resize(3)",
    (f) => use(new Mmap(f.fd, 0, { access: ACCESS_COPY }), (r) => r.resize(3)),
    RESIZE,
  ),
  s(
    "resize ACCESS_READ",
    "mmap.mmap(fd, 0, access=mmap.ACCESS_READ).resize(3)",
    (f) => use(new Mmap(f.fd, 0, { access: ACCESS_READ }), (r) => r.resize(3)),
    RESIZE,
  ),
  s(
    "resize PROT_READ",
    "mmap.mmap(fd, 0, prot=mmap.PROT_READ).resize(3)",
    (f) => use(new Mmap(f.fd, 0, { prot: PROT_READ }), (r) => r.resize(3)),
    RESIZE,
  ),
  // Read-only maps
  ...([
    ["write", "r.write(b'a')", (r: Mmap) => r.write(b("a"))],
    ["write nothing", "r.write(b'')", (r: Mmap) => r.write(b(""))],
    ["write_byte", "r.write_byte(1)", (r: Mmap) => r.writeByte(1)],
    ["set", "r[0] = 1", (r: Mmap) => r.set(0, 1)],
    ["set slice", "r[0:1] = b'a'", (r: Mmap) => r.setSlice(0, b("a"))],
    ["move", "r.move(0, 1, 1)", (r: Mmap) => r.move(0, 1, 1)],
  ] as const).flatMap(([name, py, ts]) => [
    s(
      `ACCESS_READ ${name}`,
      `r = mmap.mmap(fd, 0, access=mmap.ACCESS_READ); ${py}`,
      (f) => use(new Mmap(f.fd, 0, { access: ACCESS_READ }), ts),
      READONLY,
    ),
    s(
      `PROT_READ ${name}`,
      `r = mmap.mmap(fd, 0, prot=mmap.PROT_READ); ${py}`,
      (f) => use(new Mmap(f.fd, 0, { prot: PROT_READ }), ts),
      READONLY,
    ),
  ]),
  s(
    "ACCESS_READ flush",
    "mmap.mmap(fd, 0, access=mmap.ACCESS_READ).flush()",
    (f) => use(new Mmap(f.fd, 0, { access: ACCESS_READ }), (r) => r.flush()),
    "ok",
  ),
  s(
    "ACCESS_COPY flush",
    "mmap.mmap(fd, 0, access=mmap.ACCESS_COPY).flush()",
    (f) => use(new Mmap(f.fd, 0, { access: ACCESS_COPY }), (r) => r.flush()),
    "ok",
  ),
  s(
    "ACCESS_COPY flush past end",
    "mmap.mmap(fd, 0, access=mmap.ACCESS_COPY).flush(0, 100)",
    (f) => use(new Mmap(f.fd, 0, { access: ACCESS_COPY }), (r) => r.flush(0, 100)),
    value("flush values out of range"),
  ),
  // Closed maps
  ...([
    ["len", "len(m)", (m: Mmap) => m.length],
    ["read", "m.read()", (m: Mmap) => m.read()],
    ["read_byte", "m.read_byte()", (m: Mmap) => m.readByte()],
    ["readline", "m.readline()", (m: Mmap) => m.readline()],
    ["write", "m.write(b'a')", (m: Mmap) => m.write(b("a"))],
    ["write_byte", "m.write_byte(1)", (m: Mmap) => m.writeByte(1)],
    ["get", "m[0]", (m: Mmap) => m.get(0)],
    ["set", "m[0] = 1", (m: Mmap) => m.set(0, 1)],
    ["slice", "m[0:1]", (m: Mmap) => m.slice(0, 1)],
    ["set slice", "m[0:1] = b'a'", (m: Mmap) => m.setSlice(0, b("a"))],
    ["size", "m.size()", (m: Mmap) => m.size()],
    ["tell", "m.tell()", (m: Mmap) => m.tell()],
    ["seek", "m.seek(0)", (m: Mmap) => m.seek(0)],
    ["find", "m.find(b'a')", (m: Mmap) => m.find(b("a"))],
    ["rfind", "m.rfind(b'a')", (m: Mmap) => m.rfind(b("a"))],
    ["flush", "m.flush()", (m: Mmap) => m.flush()],
    ["madvise", "m.madvise(0)", (m: Mmap) => m.madvise(0)],
    ["move", "m.move(0, 1, 1)", (m: Mmap) => m.move(0, 1, 1)],
    ["resize", "m.resize(3)", (m: Mmap) => m.resize(3)],
    ["iteration", "list(m)", (m: Mmap) => [...m]],
    ["buffer", "memoryview(m)", (m: Mmap) => m.buffer],
  ] as const).map(([name, py, ts]) =>
    s(`closed ${name}`, `m.close(); ${py}`, (f) => (f.m.close(), ts(f.m)), CLOSED)
  ),
  s(
    "double close",
    "m.close(); m.close(); assert m.closed",
    (f) => (f.m.close(), f.m.close(), assert.ok(f.m.closed)),
    "ok",
  ),
];

function use(m: Mmap, fn: (m: Mmap) => unknown): unknown {
  try {
    return fn(m);
  } finally {
    m.close();
  }
}

function outcome(fn: () => unknown): Outcome {
  try {
    fn();
    return "ok";
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    return { name: err.name, message: err.message };
  }
}

Deno.test(
  "Mmap throws Python's exception and message on every error path",
  withFiles(async (t, { path: dir }) => {
    for (const scenario of SCENARIOS) {
      await t.step(scenario.label, () => {
        Deno.writeTextFileSync(`${dir}/ten`, "0123456789");
        Deno.writeFileSync(`${dir}/empty`, new Uint8Array(0));
        Deno.writeFileSync(`${dir}/big`, new Uint8Array(8192).fill(0x78));
        {
          using fd = openFd(`${dir}/ten`, { read: true, write: true });
          using fdRo = openFd(`${dir}/ten`);
          using fdEmpty = openFd(`${dir}/empty`, { read: true, write: true });
          using fdBig = openFd(`${dir}/big`, { read: true, write: true });
          using m = new Mmap(fd, 0);
          const fixture = {
            fd: fd.fileno(),
            fdRo: fdRo.fileno(),
            fdEmpty: fdEmpty.fileno(),
            fdBig: fdBig.fileno(),
            m,
          };
          assert.deepEqual(outcome(() => scenario.ts(fixture)), scenario.expect);
        }
        if (Deno.build.os === "linux") assert.deepEqual(fdsUnder(dir), [], "descriptors left");
      });
    }
  }),
);

const cpython = cpythonOutcomes(SCENARIOS.map(({ label, py }) => ({ label, py })));

Deno.test({
  name: "CPython's mmap agrees with every expected exception and message",
  ignore: cpython === null,
  fn(): void {
    for (const scenario of SCENARIOS) {
      assert.deepEqual(cpython![scenario.label], scenario.expect, scenario.label);
    }
  },
});

Deno.test("Mmap arguments of the wrong type throw TypeError", () => {
  using m = new Mmap(-1, 10);
  assert.throws(() => m.find("a" as never), {
    name: "TypeError",
    message: "a bytes-like object is required, not 'string'",
  });
  assert.throws(() => m.write(42 as never), /bytes-like object is required, not 'number'/);
  assert.throws(() => m.get("a" as never), {
    name: "TypeError",
    message: "mmap indices must be integers",
  });
  assert.throws(() => m.get(1.5), { name: "TypeError", message: "mmap indices must be integers" });
  assert.throws(() => m.set(0, new Uint8Array([1]) as never), {
    name: "TypeError",
    message: "mmap item value must be an int",
  });
  assert.throws(() => m.seek(1.5), {
    name: "TypeError",
    message: "pos must be an integer, not 1.5",
  });
  assert.throws(() => m.read(NaN), TypeError);
  assert.throws(() => m.seek(2 ** 60), { name: "ValueError", message: "seek out of range" });
  assert.throws(() => m.seek(2 ** 63), { name: "OverflowError" });
  assert.throws(() => m.read(2 ** 64), { name: "OverflowError" });
  assert.deepEqual(m.read(2 ** 62), new Uint8Array(10)); // clamped, as in Python
  assert.throws(() => new Mmap(-1, 1.5), TypeError);
  assert.throws(() => new Mmap(-1, Infinity), { name: "OverflowError" });
  assert.throws(() => new Mmap({ fileno: () => "3" } as never, 1), TypeError);
  assert.throws(() => new Mmap(-1, 2 ** 62), { name: "OSError", code: "ENOMEM" });
});

Deno.test("Mmap refuses a prot that would crash on access, and MADV_HWPOISON", async (t) => {
  await t.step("prot 0", () => {
    assert.throws(() => new Mmap(-1, 10, { prot: 0 }), {
      name: "ValueError",
      message: "mmap prot must include PROT_READ or PROT_WRITE",
    });
  });
  await t.step({
    name: "MADV_HWPOISON",
    ignore: Deno.build.os !== "linux",
    fn: () => {
      using m = new Mmap(-1, 4096);
      assert.throws(() => m.madvise(100), {
        name: "ValueError",
        message: "madvise(MADV_HWPOISON) is refused: it would end the process",
      });
      m.set(0, 1); // still alive and usable
      assert.equal(m.get(0), 1);
    },
  });
});
