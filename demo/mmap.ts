// The mmap stop of the guided tour: a file mapped into memory by two processes at once.
// The parent writes, a child Deno process reads and answers in the same memory, and the
// parent sees the answer without reading the file again.
//
// Run alone: deno run --allow-ffi --allow-run --allow-read --allow-write demo/mmap.ts

import { Mmap } from "../mmap/mod.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Runs the mmap stop, printing what happens. */
export default async function demo(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "mmap-demo-" });
  const path = `${dir}/shared.bin`;
  try {
    await Deno.writeFile(path, new Uint8Array(64));
    using mm = Mmap.open(path, 0);
    const view = mm.buffer; // the mapped memory itself, no copy
    view.set(enc.encode("ping from the parent"));
    console.log(`The parent maps a ${mm.length}-byte file and writes "ping from the parent".`);

    const child = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-ffi",
        `--allow-read=${path}`,
        `--allow-write=${path}`,
        import.meta.filename!,
        "--child",
        path,
      ],
      stdout: "piped",
      stderr: "inherit",
    }).output();
    if (!child.success) throw new Error(`the child process failed with code ${child.code}`);
    console.log(dec.decode(child.stdout).trimEnd());

    const answer = dec.decode(view.subarray(32, view.indexOf(0, 32)));
    console.log(`The parent finds "${answer}" in its own view, without reading the file.`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  console.log("The map is closed, and the temporary file is gone.");
}

if (import.meta.main && Deno.args[0] === "--child") {
  using mm = Mmap.open(Deno.args[1], 0);
  const message = dec.decode(mm.slice(0, mm.find(new Uint8Array([0]), 0)));
  mm.setSlice(32, enc.encode("pong from the child"));
  console.log(
    `A child process maps the same file, reads "${message}", writes "pong from the child".`,
  );
} else if (import.meta.main) {
  await demo();
}
