// The mmap stop of the guided tour runs alone, quickly, and cleans up after itself.

import assert from "node:assert/strict";

Deno.test("demo/mmap.ts shows a mapping shared with a child process, in under 2 s", async () => {
  const tmp = Deno.env.get("TMPDIR") ?? "/tmp";
  const dirs = () => [...Deno.readDirSync(tmp)].filter((e) => e.name.startsWith("mmap-demo-"));
  const before = dirs().length;
  const started = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-ffi",
      "--allow-run",
      "--allow-read",
      "--allow-write",
      new URL("../../demo/mmap.ts", import.meta.url).pathname,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const elapsed = performance.now() - started;
  assert.equal(new TextDecoder().decode(out.stderr), "");
  assert.equal(out.code, 0);
  const lines = new TextDecoder().decode(out.stdout).trimEnd().split("\n");
  assert.deepEqual(lines, [
    `The parent maps a 64-byte file and writes "ping from the parent".`,
    `A child process maps the same file, reads "ping from the parent", writes "pong from the child".`,
    `The parent finds "pong from the child" in its own view, without reading the file.`,
    "The map is closed, and the temporary file is gone.",
  ]);
  assert.ok(elapsed < 2000, `took ${elapsed} ms`);
  assert.equal(dirs().length, before);
});
