// The 18.9 examples run as separate programs, print what Python's would, and clean up.

import assert from "node:assert/strict";

async function runExample(name: string): Promise<string> {
  const path = new URL(`../../examples/${name}`, import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", path],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, stderr);
  assert.equal(stderr, "");
  return new TextDecoder().decode(out.stdout);
}

function exampleDirs(): string[] {
  const tmp = Deno.env.get("TMPDIR") ?? "/tmp";
  return [...Deno.readDirSync(tmp)].map((e) => e.name).filter((n) => n.startsWith("mmap-example-"));
}

Deno.test("examples/mmap_update_file.ts updates a file through a map", async () => {
  const before = exampleDirs();
  const stdout = await runExample("mmap_update_file.ts");
  assert.equal(
    stdout,
    [
      `The first line reads "Hello Python!\\n".`,
      `The first five bytes are "Hello".`,
      `After the update the line reads "Hello  world!\\n".`,
      `The file itself now holds "Hello  world!\\n".`,
      `An anonymous map of 13 bytes holds "Hello world!".`,
      "",
    ].join("\n"),
  );
  assert.deepEqual(exampleDirs(), before);
});

Deno.test("examples/mmap_shared_with_child.ts: the parent sees the child's write", async () => {
  const before = exampleDirs();
  const stdout = await runExample("mmap_shared_with_child.ts");
  assert.equal(
    stdout,
    [
      `The parent writes "Hello world!" and starts a child process.`,
      `The child reads "Hello world!\\n" from the shared memory.`,
      `The child writes "child" over "world".`,
      `Back in the parent, the shared memory reads "Hello child!\\n".`,
      "",
    ].join("\n"),
  );
  assert.deepEqual(exampleDirs(), before);
});
