// Python's first mmap example (docs.python.org/3.6/library/mmap.html, 18.9): update a
// file in place through a memory map, then use an anonymous map in a `using` block.
//
//   deno run -A examples/mmap_update_file.ts
//
// Needs --allow-ffi, and --allow-read/--allow-write for the temporary file.

import { Mmap, openFd } from "@ipcnet/std/mmap";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => JSON.stringify(new TextDecoder().decode(data));

const dir = await Deno.makeTempDir({ prefix: "mmap-example-" });
const path = `${dir}/hello.txt`;
try {
  // Write a simple example file.
  await Deno.writeTextFile(path, "Hello Python!\n");

  {
    // Deno has no descriptor for a Deno.FsFile: openFd is Python's os.open.
    using file = openFd(path, { read: true, write: true });
    // Memory-map the file; size 0 means the whole file.
    using mm = new Mmap(file.fileno(), 0);
    // Read content with the file-like methods.
    console.log(`The first line reads ${text(mm.readline())}.`);
    // Read content with slice notation: mm[:5].
    console.log(`The first five bytes are ${text(mm.slice(0, 5))}.`);
    // Update content with slice notation (mm[6:] = ...); the new content has the same size.
    mm.setSlice(6, bytes(" world!\n"));
    // ... and read it again with the file-like methods.
    mm.seek(0);
    console.log(`After the update the line reads ${text(mm.readline())}.`);
  } // The map and the descriptor are closed here, as Python's close() and `with` do.

  console.log(`The file itself now holds ${text(await Deno.readFile(path))}.`);

  // A `using` block is Python's `with` statement.
  {
    using mm = new Mmap(-1, 13);
    mm.write(bytes("Hello world!"));
    console.log(`An anonymous map of ${mm.length} bytes holds ${text(mm.slice(0, 12))}.`);
  }
} finally {
  await Deno.remove(dir, { recursive: true });
}
