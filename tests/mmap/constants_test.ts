// The mmap constants against CPython's own module (python3 on Linux), and against the
// running system.

import assert from "node:assert/strict";
import * as mmap from "../../mmap/mod.ts";

const PYTHON = `
import json, mmap
print(json.dumps({n: getattr(mmap, n) for n in dir(mmap) if n.isupper()}))
`;

function cpythonConstants(): Record<string, number> | null {
  if (Deno.build.os !== "linux") return null;
  try {
    const out = new Deno.Command("python3", { args: ["-c", PYTHON], stdout: "piped" })
      .outputSync();
    return out.success ? JSON.parse(new TextDecoder().decode(out.stdout)) : null;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}

const cpython = cpythonConstants();
const ours = Object.fromEntries(
  Object.entries(mmap).filter(([name, value]) => /^[A-Z_]+$/.test(name) && value !== undefined),
);

Deno.test({
  name: "mmap constants have CPython's names and values on Linux",
  ignore: cpython === null,
  fn(): void {
    assert.deepEqual(Object.keys(ours).sort(), Object.keys(cpython!).sort());
    for (const [name, value] of Object.entries(cpython!)) assert.equal(ours[name], value, name);
  },
});

Deno.test("PAGESIZE and ALLOCATIONGRANULARITY are the system page size", () => {
  assert.equal(mmap.ALLOCATIONGRANULARITY, mmap.PAGESIZE);
  assert.ok(mmap.PAGESIZE >= 4096 && (mmap.PAGESIZE & (mmap.PAGESIZE - 1)) === 0);
  using m = new mmap.Mmap(-1, 1);
  assert.throws(() => new mmap.Mmap(-1, 1, { offset: mmap.PAGESIZE / 2 }), {
    name: "OSError",
    code: "EINVAL",
  });
  assert.equal(m.length, 1);
});

Deno.test("mmap.error is OSError; platform-only constants are undefined elsewhere", () => {
  assert.equal(mmap.error, mmap.OSError);
  if (Deno.build.os === "linux") {
    assert.equal(mmap.MADV_FREE_REUSE, undefined);
    assert.equal(mmap.MAP_POPULATE, 0x8000);
  } else {
    assert.equal(mmap.MAP_POPULATE, undefined);
  }
});
