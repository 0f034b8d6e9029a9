// The zero-copy `buffer`: it is the mapped memory itself, and however views over it are
// kept (sub-views, DataViews, transferred buffers, a collected Mmap), nothing ever reads
// or writes memory that is no longer mapped.

import assert from "node:assert/strict";
import { ACCESS_READ, Mmap, PAGESIZE } from "../../mmap/mod.ts";
import { withFiles } from "./_fds.ts";

const b = (s: string) => new TextEncoder().encode(s);
const str = (u: Uint8Array) => new TextDecoder().decode(u);

Deno.test(
  "Mmap.buffer is the mapped memory: writes reach the file, file writes reach it",
  withFiles(async (_t, dir) => {
    const path = dir.join("shared");
    await Deno.writeFile(path, new Uint8Array(PAGESIZE));
    using m = Mmap.open(path, 0);
    using other = Mmap.open(path, 0);
    const view = m.buffer;
    assert.equal(view, m.buffer); // the same view until resize or close
    assert.equal(view.length, PAGESIZE);
    view.set(b("through the view"), 100);
    assert.equal(str((await Deno.readFile(path)).subarray(100, 116)), "through the view");
    assert.equal(str(other.slice(100, 116)), "through the view");
    using file = await Deno.open(path, { write: true });
    await file.seek(200, Deno.SeekMode.Start);
    await file.write(b("from the file"));
    assert.equal(str(view.subarray(200, 213)), "from the file");
    assert.equal(m.find(b("from the file"), 0), 200);
  }),
);

Deno.test("Mmap.close() detaches the buffer and every view made from it", () => {
  const m = new Mmap(-1, PAGESIZE);
  const view = m.buffer;
  const sub = view.subarray(10, 20);
  const words = new Uint32Array(view.buffer, 0, 16);
  const data = new DataView(view.buffer);
  const many = Array.from({ length: 1000 }, (_, i) => view.subarray(i, i + 1));
  view[10] = 1;
  assert.equal(sub[0], 1);
  m.close();
  assert.equal(view.length, 0);
  assert.equal(view.buffer.byteLength, 0);
  assert.equal(sub.length, 0);
  assert.equal(words.length, 0);
  assert.ok(many.every((v) => v.length === 0));
  assert.equal(view[10], undefined);
  view[10] = 5; // ignored: a detached view has no elements
  assert.equal(view[10], undefined);
  assert.throws(() => data.getUint8(0), TypeError);
  assert.throws(() => m.buffer, { name: "ValueError", message: "mmap closed or invalid" });
});

Deno.test("Mmap.resize() detaches old views; the new buffer covers the new size", () => {
  using m = new Mmap(-1, PAGESIZE);
  const before = m.buffer;
  before[0] = 7;
  m.resize(4 * PAGESIZE);
  assert.equal(before.length, 0);
  const after = m.buffer;
  assert.notEqual(after, before);
  assert.equal(after.length, 4 * PAGESIZE);
  assert.equal(after[0], 7);
  after[4 * PAGESIZE - 1] = 9;
  assert.equal(m.get(-1), 9);
  m.resize(10);
  assert.equal(after.length, 0);
  assert.equal(m.buffer.length, 10);
});

Deno.test(
  "Mmap.buffer is refused for read-only maps, which a write would crash",
  withFiles(async (_t, dir) => {
    const path = dir.join("ro");
    await Deno.writeTextFile(path, "read only");
    using m = Mmap.open(path, 0, { access: ACCESS_READ });
    assert.throws(() => m.buffer, {
      name: "TypeError",
      message: "mmap can't export a writable view of a readonly memory map",
    });
    assert.equal(str(m.slice()), "read only");
  }),
);

Deno.test(
  "A buffer transferred away stays valid after close and resize, never unmapped",
  withFiles(async (t, dir) => {
    const path = dir.join("taint");
    await Deno.writeTextFile(path, "x".repeat(PAGESIZE));
    for (const how of ["transfer", "structuredClone"] as const) {
      await t.step(`${how}, then close`, () => {
        const m = Mmap.open(path, 0);
        const view = m.buffer;
        const escaped = how === "transfer"
          ? view.buffer.transfer()
          : structuredClone(view.buffer, { transfer: [view.buffer] });
        const alias = new Uint8Array(escaped);
        assert.equal(alias.length, PAGESIZE);
        assert.equal(alias[0], 0x78); // it aliases the mapping
        assert.equal(m.buffer.length, PAGESIZE); // a fresh view is handed out
        m.close();
        // The range was replaced by anonymous memory: readable, writable, detached from the file.
        assert.equal(alias[0], 0);
        alias[0] = 0x41;
        assert.equal(alias[0], 0x41);
        assert.equal(Deno.readTextFileSync(path), "x".repeat(PAGESIZE));
      });
    }
    await t.step("transfer, then resize", () => {
      using m = Mmap.open(path, 0);
      const alias = new Uint8Array(m.buffer.buffer.transfer());
      m.resize(2 * PAGESIZE);
      assert.equal(alias.length, PAGESIZE);
      alias[PAGESIZE - 1] = 1; // no crash: the old range is still mapped
      assert.equal(m.get(0), 0x78); // the map itself moved to a new range
      assert.equal(m.length, 2 * PAGESIZE);
    });
    await t.step("transferToFixedLength(0) by the holder leaves nothing to alias", () => {
      Deno.writeTextFileSync(path, "x".repeat(PAGESIZE)); // the resize above grew it
      const m = Mmap.open(path, 0);
      const view = m.buffer;
      const gone = view.buffer.transferToFixedLength(0);
      assert.equal(gone.byteLength, 0); // nothing of the mapping went with it
      assert.equal(view.buffer.detached, true);
      assert.equal(view.length, 0);
      // The map is untouched: a fresh view of the whole mapping, reads and writes through it.
      const fresh = m.buffer;
      assert.notEqual(fresh, view);
      assert.equal(fresh.length, PAGESIZE);
      assert.equal(m.length, PAGESIZE);
      assert.equal(fresh[0], 0x78);
      fresh[1] = 0x41;
      assert.equal(m.get(1), 0x41);
      m.setSlice(2, b("BC"));
      assert.equal(str(fresh.subarray(0, 4)), "xABC");
      assert.equal(Deno.readTextFileSync(path).slice(0, 5), "xABCx"); // still the file's pages
      assert.doesNotThrow(() => m.close());
      assert.equal(m.closed, true);
      assert.equal(fresh.length, 0); // the fresh view was detached, not left dangling
      assert.equal(gone.byteLength, 0);
      assert.equal(Deno.readTextFileSync(path), "xABC" + "x".repeat(PAGESIZE - 4));
      if (Deno.build.os === "linux") {
        assert.ok(!Deno.readTextFileSync("/proc/self/maps").includes(path)); // file unmapped
      }
    });
  }),
);

Deno.test("Mmap.write and setSlice accept views of the same map, overlapping", () => {
  using m = new Mmap(-1, 16);
  m.setSlice(0, b("0123456789abcdef"));
  m.seek(2);
  m.write(m.buffer.subarray(0, 8));
  assert.equal(str(m.slice()), "0101234567abcdef");
  m.setSlice(0, m.buffer.subarray(4, 12));
  assert.equal(str(m.slice()), "234567ab67abcdef");
});

const GC_CHILD = `
import { Mmap } from ${JSON.stringify(new URL("../../mmap/mod.ts", import.meta.url).href)};
const path = Deno.args[0];
const gc = (globalThis as unknown as { gc: () => void }).gc;
const mapped = () => Deno.readTextFileSync("/proc/self/maps").includes(path);
const fds = () => [...Deno.readDirSync("/proc/self/fd")].filter((e) => {
  try { return Deno.readLinkSync("/proc/self/fd/" + e.name) === path; } catch { return false; }
}).length;
async function collect(done: () => boolean) {
  // Finalizers run as tasks after a collection: yield to the event loop between tries.
  for (let i = 0; i < 100 && !done(); i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
let view: Uint8Array | null = (() => Mmap.open(path, 0).buffer)();
view[0] = 0x61;
await collect(() => false);
const keptWhileViewed = mapped() && fds() === 1 && view.length === 4096 && view[0] === 0x61;
view = null;
await collect(() => !mapped() && fds() === 0);
console.log(JSON.stringify({ keptWhileViewed, released: !mapped() && fds() === 0 }));
`;

Deno.test({
  name: "A collected Mmap is unmapped and its descriptor closed, but not while its buffer lives",
  ignore: Deno.build.os !== "linux",
  fn: withFiles(async (_t, dir) => {
    const path = dir.join("gc");
    await Deno.writeFile(path, new Uint8Array(4096));
    const script = dir.join("gc_child.ts");
    await Deno.writeTextFile(script, GC_CHILD);
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-all", // reading /proc/self/maps needs it
        "--v8-flags=--expose-gc",
        script,
        path,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(new TextDecoder().decode(output.stderr), "");
    assert.ok(output.success);
    const result = JSON.parse(new TextDecoder().decode(output.stdout));
    assert.deepEqual(result, { keptWhileViewed: true, released: true });
    assert.equal(str((await Deno.readFile(path)).subarray(0, 1)), "a");
  }),
});
