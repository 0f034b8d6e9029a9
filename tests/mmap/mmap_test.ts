// The behaviours that CPython's Lib/test/test_mmap.py checks, on real files.

import assert from "node:assert/strict";
import {
  ACCESS_COPY,
  ACCESS_READ,
  ACCESS_WRITE,
  ALLOCATIONGRANULARITY,
  MADV_NORMAL,
  Mmap,
  openFd,
  PAGESIZE,
  PROT_READ,
} from "../../mmap/mod.ts";
import { withFiles } from "./_fds.ts";

const b = (s: string) => new TextEncoder().encode(s);
const str = (u: Uint8Array) => new TextDecoder().decode(u);

Deno.test(
  "Mmap maps a file: find, get, set, slices, flush, seek, resize (test_basic)",
  withFiles(async (_t, dir) => {
    const path = dir.join("basic");
    const data = new Uint8Array(2 * PAGESIZE);
    data.set(b("foo"), PAGESIZE);
    await Deno.writeFile(path, data);
    {
      using file = openFd(path, { read: true, write: true });
      using m = new Mmap(file.fileno(), 2 * PAGESIZE);
      assert.equal(m.find(b("foo")), PAGESIZE);
      assert.equal(m.length, 2 * PAGESIZE);
      assert.equal(m.get(0), 0);
      assert.deepEqual(m.slice(0, 3), new Uint8Array(3));
      assert.throws(() => m.get(m.length), { name: "IndexError" });
      assert.throws(() => m.set(m.length, 0), { name: "IndexError" });
      m.set(0, 0x33);
      assert.equal(m.get(0), 0x33);
      m.setSlice(PAGESIZE + 3, b("bar"));
      assert.deepEqual(m.slice(0, 3), b("3\0\0"));
      assert.deepEqual(m.slice(PAGESIZE - 1, PAGESIZE + 7), b("\0foobar\0"));
      m.flush();
      const onDisk = await Deno.readFile(path);
      assert.deepEqual(onDisk.subarray(PAGESIZE - 1, PAGESIZE + 7), b("\0foobar\0"));
      assert.equal(onDisk[0], 0x33);
      m.seek(0, 0);
      assert.equal(m.tell(), 0);
      m.seek(42, 1);
      assert.equal(m.tell(), 42);
      m.seek(0, 2);
      assert.equal(m.tell(), m.length);
      assert.throws(() => m.seek(-1), { name: "ValueError" });
      assert.throws(() => m.seek(1, 2), { name: "ValueError" });
      assert.throws(() => m.seek(-m.length - 1, 2), { name: "ValueError" });
      m.resize(512);
      assert.equal(m.length, 512);
      assert.throws(() => m.seek(513, 0), { name: "ValueError" });
      assert.equal((await Deno.stat(path)).size, 512);
      assert.equal(m.size(), 512);
    }
  }),
);

Deno.test(
  "Mmap access modes: READ refuses writes, WRITE reaches the file, COPY never does",
  withFiles(async (t, dir) => {
    const path = dir.join("access");
    await Deno.writeTextFile(path, "a".repeat(10));
    using file = openFd(path, { read: true, write: true });
    await t.step("ACCESS_READ", () => {
      using m = new Mmap(file.fileno(), 10, { access: ACCESS_READ });
      assert.equal(str(m.slice()), "a".repeat(10));
      assert.throws(() => m.setSlice(0, b("b".repeat(10))), TypeError);
      assert.throws(() => m.set(0, 0x62), TypeError);
      assert.throws(() => m.write(b("abc")), TypeError);
      assert.throws(() => m.writeByte(0x64), TypeError);
      assert.throws(() => m.resize(20), TypeError);
      assert.throws(() => m.buffer, TypeError);
      assert.equal(Deno.readTextFileSync(path), "a".repeat(10));
    });
    await t.step("ACCESS_WRITE reaches the file on flush", () => {
      using m = new Mmap(file.fileno(), 10, { access: ACCESS_WRITE });
      m.setSlice(0, b("c".repeat(10)));
      assert.equal(str(m.slice()), "c".repeat(10));
      m.flush();
      assert.equal(Deno.readTextFileSync(path), "c".repeat(10));
    });
    await t.step("ACCESS_WRITE reaches the file at close", () => {
      const m = new Mmap(file.fileno(), 10, { access: ACCESS_WRITE });
      m.write(b("e".repeat(10)));
      m.close();
      assert.equal(Deno.readTextFileSync(path), "e".repeat(10));
    });
    await t.step("ACCESS_COPY stays in memory", () => {
      using m = new Mmap(file.fileno(), 10, { access: ACCESS_COPY });
      using other = new Mmap(file.fileno(), 10);
      m.setSlice(0, b("d".repeat(10)));
      m.buffer[0] = 0x44; // "D", through the zero-copy view
      assert.equal(str(m.slice()), "D" + "d".repeat(9));
      m.flush();
      assert.equal(Deno.readTextFileSync(path), "e".repeat(10));
      assert.equal(str(other.slice()), "e".repeat(10));
      assert.throws(() => m.resize(20), TypeError);
    });
    await t.step("PROT_READ is read-only", () => {
      using m = new Mmap(file.fileno(), 10, { prot: PROT_READ });
      assert.throws(() => m.write(b("foo")), TypeError);
      assert.equal(m.readByte(), 0x65);
    });
  }),
);

Deno.test("Mmap.find and rfind follow bytes.find (test_tougher_find, test_find_end, test_rfind)", () => {
  const data = b("aabaac\x00deef\x00\x00aa\x00");
  using m = new Mmap(-1, data.length);
  m.setSlice(0, data);
  const text = str(data);
  for (let start = 0; start <= data.length; start++) {
    for (let finish = start; finish <= data.length; finish++) {
      const sub = text.slice(start, finish);
      assert.equal(m.find(b(sub)), text.indexOf(sub), `find ${JSON.stringify(sub)}`);
      assert.equal(m.rfind(b(sub)), text.lastIndexOf(sub), `rfind ${JSON.stringify(sub)}`);
      assert.equal(m.find(b(sub + "x")), -1);
    }
  }
  using n = new Mmap(-1, 12);
  n.write(b("one two ones"));
  n.seek(0);
  assert.equal(n.find(b("one")), 0);
  assert.equal(n.find(b("ones")), 8);
  assert.equal(n.find(b("one"), 0, -1), 0);
  assert.equal(n.find(b("one"), 1), 8);
  assert.equal(n.find(b("one"), 1, -1), 8);
  assert.equal(n.find(b("one"), 1, -2), -1);
  assert.equal(n.find(new DataView(b("one").buffer)), 0);
  assert.equal(n.rfind(b("one")), 8);
  assert.equal(n.rfind(b("one ")), 0);
  assert.equal(n.rfind(b("one"), 0, -1), 8);
  assert.equal(n.rfind(b("one"), 0, -2), 0);
  assert.equal(n.rfind(b("one"), 1, -1), 8);
  assert.equal(n.rfind(b("one"), 1, -2), -1);
  assert.equal(n.rfind(new Uint16Array(b("on").buffer.slice(0, 2))), 8); // "on"
  // The default start is the current position, as in CPython.
  n.seek(5);
  assert.equal(n.find(b("one")), 8);
  assert.equal(n.find(b("two")), -1);
  assert.equal(n.rfind(b("one")), 8);
  assert.equal(n.find(b(""), 20), 12);
  assert.equal(n.find(b(""), 5, 2), -1);
  assert.equal(n.rfind(b(""), 3, 7), 7);
});

Deno.test("Mmap.find never reads past the end of the mapping", () => {
  using m = new Mmap(-1, PAGESIZE);
  m.setSlice(PAGESIZE - 2, b("ab"));
  assert.equal(m.find(b("abc"), 0), -1);
  assert.equal(m.find(b("ab"), 0), PAGESIZE - 2);
  assert.equal(m.find(b("b"), 0, PAGESIZE - 1), -1);
});

Deno.test("Mmap.move copies overlapping ranges and checks bounds (test_move)", () => {
  using m = new Mmap(-1, 10);
  m.setSlice(0, b("ABCDEabcde"));
  m.move(5, 0, 5);
  assert.equal(str(m.slice()), "ABCDEABCDE");
  const data = b("0123456789");
  using e = new Mmap(-1, data.length);
  for (let dest = 0; dest < data.length; dest++) {
    for (let src = 0; src < data.length; src++) {
      for (let count = 0; count < data.length - Math.max(dest, src); count++) {
        e.setSlice(0, data);
        e.move(dest, src, count);
        const expected = new Uint8Array(data);
        expected.copyWithin(dest, src, src + count);
        assert.deepEqual(e.slice(), expected);
      }
    }
  }
  using h = new Mmap(-1, 100);
  const offsets = [-100, -1, 0, 1, 100];
  for (const s of offsets) {
    for (const d of offsets) {
      for (const n of offsets) {
        // In range exactly when both [s, s+n) and [d, d+n) lie within the 100 bytes.
        const valid = s >= 0 && d >= 0 && n >= 0 && s + n <= 100 && d + n <= 100;
        if (valid) h.move(d, s, n);
        else assert.throws(() => h.move(d, s, n), { name: "ValueError" }, `move(${d}, ${s}, ${n})`);
      }
    }
  }
  using one = new Mmap(-1, 1);
  assert.throws(() => one.move(0, 0, 2), { name: "ValueError" });
  assert.throws(() => one.move(1, 0, 1), { name: "ValueError" });
  assert.throws(() => one.move(0, 1, 1), { name: "ValueError" });
  one.move(0, 0, 1);
  one.move(0, 0, 0);
});

Deno.test("Mmap read, readByte, readline, write, writeByte move the position (test_io_methods)", () => {
  using m = new Mmap(-1, 16);
  assert.equal(m.write(new Uint8Array(16).map((_, i) => i)), 16);
  m.seek(0);
  assert.deepEqual(m.read(), new Uint8Array(16).map((_, i) => i));
  m.seek(8);
  assert.deepEqual(m.read(), new Uint8Array(8).map((_, i) => i + 8));
  m.seek(16);
  assert.deepEqual(m.read(), new Uint8Array(0));
  for (const [pos, n] of [[3, null], [4, -1], [5, -2]] as const) {
    m.seek(pos);
    assert.deepEqual(m.read(n), new Uint8Array(16 - pos).map((_, i) => i + pos));
  }
  assert.throws(() => m.read("foo" as never), TypeError);
  assert.throws(() => m.read(5.5), TypeError);
  m.seek(0);
  m.writeByte(0x78);
  assert.equal(m.tell(), 1);
  m.seek(0);
  assert.equal(m.readByte(), 0x78);
  assert.equal(m.tell(), 1);
  m.setSlice(0, new Uint8Array(16));
  m.seek(0);
  m.write(b("ab\ncd\n\nxyz"));
  m.seek(0);
  const lines = [str(m.readline()), str(m.readline()), str(m.readline())];
  assert.deepEqual(lines, ["ab\n", "cd\n", "\n"]);
  assert.equal(str(m.readline()), "xyz" + "\0".repeat(6));
  assert.deepEqual(m.readline(), new Uint8Array(0));
});

Deno.test("Mmap.slice follows Python's extended slicing (test_extended_getslice)", () => {
  const s = new Uint8Array(256).map((_, i) => 255 - i);
  using m = new Mmap(-1, s.length);
  m.setSlice(0, s);
  const starts = [null, 0, 1, 3, 19, 100, 2 ** 62, -1, -2, -31, -100];
  const steps = [null, 1, 2, 5, 15, 300, -1, -2, -5, -300];
  for (const start of starts) {
    for (const stop of starts) {
      for (const step of steps) {
        const expected = pySlice(s, start, stop, step);
        assert.deepEqual(m.slice(start, stop, step), expected, `[${start}:${stop}:${step}]`);
      }
    }
  }
});

Deno.test(
  "Mmap maps at an offset and resizes its file from there (test_offset, test_length_0_offset)",
  withFiles(async (_t, dir) => {
    const path = dir.join("offset");
    const data = new Uint8Array(ALLOCATIONGRANULARITY * 3);
    data.set(b("foo"), ALLOCATIONGRANULARITY);
    await Deno.writeFile(path, data);
    using file = openFd(path, { read: true, write: true });
    {
      using whole = new Mmap(file, 0, { offset: ALLOCATIONGRANULARITY });
      assert.equal(whole.length, ALLOCATIONGRANULARITY * 2);
      assert.equal(str(whole.slice(0, 3)), "foo");
    }
    using m = new Mmap(file, ALLOCATIONGRANULARITY, { offset: ALLOCATIONGRANULARITY });
    assert.equal(str(m.slice(0, 3)), "foo");
    m.setSlice(0, b("bar"));
    m.resize(512);
    assert.equal(m.length, 512);
    assert.equal(m.size(), ALLOCATIONGRANULARITY + 512);
    assert.equal((await Deno.stat(path)).size, ALLOCATIONGRANULARITY + 512);
    assert.equal(
      str((await Deno.readFile(path)).subarray(ALLOCATIONGRANULARITY)).slice(0, 3),
      "bar",
    );
    assert.throws(() => new Mmap(file, 0, { offset: 2147418112 }), {
      name: "ValueError",
      message: "mmap offset is greater than file size",
    });
  }),
);

Deno.test("Mmap.resize keeps anonymous contents, and the position past the end (test_resize_*)", () => {
  const data = crypto.getRandomValues(new Uint8Array(PAGESIZE));
  using up = new Mmap(-1, PAGESIZE);
  up.setSlice(0, data);
  up.resize(2 * PAGESIZE);
  assert.equal(up.length, 2 * PAGESIZE);
  assert.deepEqual(up.slice(0, PAGESIZE), data);
  assert.deepEqual(up.slice(PAGESIZE), new Uint8Array(PAGESIZE));
  up.resize(PAGESIZE / 2);
  assert.deepEqual(up.slice(), data.subarray(0, PAGESIZE / 2));

  using m = new Mmap(-1, 8192);
  m.read(5000);
  m.resize(4096);
  assert.equal(m.tell(), 5000);
  assert.deepEqual(m.read(14), new Uint8Array(0));
  assert.throws(() => m.readByte(), { name: "ValueError" });
  assert.throws(() => m.writeByte(1), { name: "ValueError" });
  assert.throws(() => m.write(b("abc")), { name: "ValueError" });
});

Deno.test(
  "Mmap.resize to 0 leaves the file untouched (CPython truncates it first)",
  withFiles(async (_t, dir) => {
    const path = dir.join("zero");
    await Deno.writeTextFile(path, "keep me");
    using m = Mmap.open(path, 0);
    assert.throws(() => m.resize(0), { name: "OSError", code: "EINVAL" });
    assert.equal(await Deno.readTextFile(path), "keep me");
    assert.equal(str(m.slice()), "keep me");
  }),
);

Deno.test(
  "Mmap.resize sets the file to offset + newsize, and a refused resize changes nothing",
  withFiles(async (_t, dir) => {
    const path = dir.join("file");
    await Deno.writeFile(path, new Uint8Array(3 * PAGESIZE).fill(7));
    using m = Mmap.open(path, PAGESIZE);
    assert.throws(() => m.resize(2 ** 62), { name: "OSError", code: "EFBIG" });
    assert.equal((await Deno.stat(path)).size, 3 * PAGESIZE);
    assert.equal(m.length, PAGESIZE);
    m.resize(2 * PAGESIZE); // the map grows, the file shrinks: both end at 2 pages
    assert.equal((await Deno.stat(path)).size, 2 * PAGESIZE);
    assert.deepEqual(m.slice(), new Uint8Array(2 * PAGESIZE).fill(7));
    m.resize(4 * PAGESIZE);
    assert.equal(m.size(), 4 * PAGESIZE);
    assert.equal(m.get(-1), 0);
  }),
);

Deno.test("Mmap.madvise checks its range (test_madvise)", () => {
  const size = 2 * PAGESIZE;
  using m = new Mmap(-1, size);
  assert.throws(() => m.madvise(MADV_NORMAL, size), { name: "ValueError" });
  assert.throws(() => m.madvise(MADV_NORMAL, -1), { name: "ValueError" });
  assert.throws(() => m.madvise(MADV_NORMAL, 0, -1), { name: "ValueError" });
  assert.throws(() => m.madvise(MADV_NORMAL, PAGESIZE, 2 ** 63), { name: "OverflowError" });
  assert.equal(m.madvise(MADV_NORMAL), undefined);
  m.madvise(MADV_NORMAL, PAGESIZE);
  m.madvise(MADV_NORMAL, PAGESIZE, size);
  m.madvise(MADV_NORMAL, 0, size * 2);
});

Deno.test("Mmap anonymous memory starts zeroed; iteration, inspect and using work", () => {
  let kept: Mmap;
  {
    using m = new Mmap(-1, PAGESIZE);
    kept = m;
    assert.ok([...m].every((x) => x === 0));
    assert.equal([...m].length, PAGESIZE);
    m.set(PAGESIZE - 1, 9);
    assert.equal(m.get(-1), 9);
    assert.equal(
      Deno.inspect(m),
      `<Mmap closed=false, access=ACCESS_DEFAULT, length=${PAGESIZE}, pos=0, offset=0>`,
    );
    const iterator = m[Symbol.iterator]();
    iterator.next();
    m.close();
    assert.throws(() => iterator.next(), { name: "ValueError", message: "mmap closed or invalid" });
  }
  assert.equal(kept.closed, true);
  assert.equal(Deno.inspect(kept), "<Mmap closed=true>");
});

Deno.test(
  "Mmap.open opens by path and URL, read-only for ACCESS_READ and ACCESS_COPY",
  withFiles(async (_t, dir) => {
    const path = dir.join("open");
    await Deno.writeTextFile(path, "0123456789");
    await Deno.chmod(path, 0o444);
    // Root ignores file modes, so only check what the modes allow where they apply.
    using r = Mmap.open(new URL(`file://${path}`), 4, { access: ACCESS_READ });
    assert.equal(str(r.read()), "0123");
    using c = Mmap.open(path, 0, { access: ACCESS_COPY });
    c.setSlice(0, b("xx"));
    assert.equal(await Deno.readTextFile(path), "0123456789");
    assert.throws(() => Mmap.open(dir.join("missing"), 0), { name: "FileNotFoundError" });
    assert.throws(() => Mmap.open(path + "\0", 0), {
      name: "ValueError",
      message: "embedded null byte",
    });
    await Deno.chmod(path, 0o644);
  }),
);

function pySlice(
  s: Uint8Array,
  start: number | null,
  stop: number | null,
  step: number | null,
): Uint8Array {
  const out: number[] = [];
  const n = s.length;
  const st = step ?? 1;
  const norm = (i: number | null, dflt: number, lo: number, hi: number) => {
    if (i === null) return dflt;
    if (i < 0) i += n;
    return Math.min(Math.max(i, lo), hi);
  };
  if (st > 0) {
    for (let i = norm(start, 0, 0, n), e = norm(stop, n, 0, n); i < e; i += st) out.push(s[i]);
  } else {
    for (let i = norm(start, n - 1, -1, n - 1), e = norm(stop, -1, -1, n - 1); i > e; i += st) {
      out.push(s[i]);
    }
  }
  return new Uint8Array(out);
}
