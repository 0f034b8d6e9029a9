// Python's second mmap example (docs.python.org/3.6/library/mmap.html, 18.9): memory
// shared between a parent and a child process. Python forks, and the child inherits an
// anonymous map. Deno cannot fork, so the child is a second Deno process that maps the
// same file; MAP_SHARED makes every write visible to both at once.
//
//   deno run -A examples/mmap_shared_with_child.ts
//
// Needs --allow-ffi, --allow-run, and --allow-read/--allow-write for the temporary file.

import { Mmap } from "@ipcnet/std/mmap";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => JSON.stringify(new TextDecoder().decode(data));

if (Deno.args[0] === "--child") {
  // In the child process: read what the parent wrote, then answer in the same memory.
  using mm = Mmap.open(Deno.args[1], 0);
  mm.seek(0);
  console.log(`The child reads ${text(mm.readline())} from the shared memory.`);
  mm.setSlice(6, bytes("child"));
  console.log(`The child writes "child" over "world".`);
} else {
  const dir = await Deno.makeTempDir({ prefix: "mmap-example-" });
  const path = `${dir}/shared.bin`;
  try {
    await Deno.writeFile(path, new Uint8Array(13));
    using mm = Mmap.open(path, 13);
    mm.write(bytes("Hello world!\n"));
    console.log(`The parent writes ${text(mm.slice(0, 12))} and starts a child process.`);

    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-ffi",
        `--allow-read=${path}`,
        `--allow-write=${path}`,
        import.meta.filename!,
        "--child",
        path,
      ],
      stdout: "inherit",
      stderr: "inherit",
    });
    const status = await child.output();
    if (!status.success) throw new Error(`The child process failed with code ${status.code}`);

    mm.seek(0);
    console.log(`Back in the parent, the shared memory reads ${text(mm.readline())}.`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
