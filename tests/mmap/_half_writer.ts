// Child process of processes_test.ts: maps the file given as its first argument, fills its
// half of it, says "written", waits for "check" on stdin, then reports whether the other
// half holds the parent's bytes ("seen") or not ("missing").
//
// deno run --allow-ffi --allow-read=<file> --allow-write=<file> _half_writer.ts
//   <file> <first|second> <own byte> <other byte>

import { Mmap } from "../../mmap/mod.ts";

const [path, half, own, other] = Deno.args;
using mm = Mmap.open(path, 0);
const middle = mm.length / 2;
const [mine, theirs] = half === "first"
  ? [mm.buffer.subarray(0, middle), mm.buffer.subarray(middle)]
  : [mm.buffer.subarray(middle), mm.buffer.subarray(0, middle)];
mine.fill(Number(own));
await write("written\n");
const reader = Deno.stdin.readable.getReader();
let input = "";
const decoder = new TextDecoder();
while (!input.includes("\n")) {
  const { value, done } = await reader.read();
  if (done) break;
  input += decoder.decode(value);
}
reader.releaseLock();
const seen = input.trim() === "check" && theirs.every((byte) => byte === Number(other));
await write(seen ? "seen\n" : "missing\n");

async function write(text: string): Promise<void> {
  const data = new TextEncoder().encode(text);
  for (let done = 0; done < data.length;) done += await Deno.stdout.write(data.subarray(done));
}
