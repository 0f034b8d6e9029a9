// Mappings shared between processes, and mappings far larger than memory.

import assert from "node:assert/strict";
import { Mmap } from "../../mmap/mod.ts";
import { withFiles } from "./_fds.ts";

const CHILD = new URL("./_half_writer.ts", import.meta.url).pathname;

/** Reads newline-terminated lines from a child's stdout. */
class Lines {
  #reader: ReadableStreamDefaultReader<string>;
  #buffer = "";
  constructor(stream: ReadableStream<Uint8Array>) {
    this.#reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  }
  async next(): Promise<string | null> {
    while (!this.#buffer.includes("\n")) {
      const { value, done } = await this.#reader.read();
      if (done) return null;
      this.#buffer += value;
    }
    const at = this.#buffer.indexOf("\n");
    const line = this.#buffer.slice(0, at);
    this.#buffer = this.#buffer.slice(at + 1);
    return line;
  }
  async rest(): Promise<string> {
    for (;;) {
      const { value, done } = await this.#reader.read();
      if (done) return this.#buffer;
      this.#buffer += value;
    }
  }
}

for (const parentHalf of ["first", "second"] as const) {
  Deno.test(
    `Two processes write disjoint halves of one mapping and see each other's (parent: ${parentHalf})`,
    withFiles(async (_t, dir) => {
      const path = dir.join("halves");
      const size = 4 * 65536;
      await Deno.writeFile(path, new Uint8Array(size));
      using mm = Mmap.open(path, 0);
      const [own, other] = [0xaa, 0x55];
      const childHalf = parentHalf === "first" ? "second" : "first";
      const child = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-ffi",
          `--allow-read=${path}`,
          `--allow-write=${path}`,
          CHILD,
          path,
          childHalf,
          String(other),
          String(own),
        ],
        stdin: "piped",
        stdout: "piped",
        stderr: "inherit",
      }).spawn();
      const lines = new Lines(child.stdout);
      const writer = child.stdin.getWriter();
      try {
        const middle = size / 2;
        const [mine, theirs] = parentHalf === "first"
          ? [mm.buffer.subarray(0, middle), mm.buffer.subarray(middle)]
          : [mm.buffer.subarray(middle), mm.buffer.subarray(0, middle)];
        mine.fill(own); // while the child starts and writes its own half
        assert.equal(await lines.next(), "written");
        assert.ok(theirs.every((byte) => byte === other), "the parent sees the child's half");
        assert.ok(mine.every((byte) => byte === own), "the child left the parent's half alone");
        await writer.write(new TextEncoder().encode("check\n"));
        assert.equal(await lines.next(), "seen", "the child sees the parent's half");
      } finally {
        await writer.close();
        await lines.rest();
        assert.ok((await child.status).success);
      }
      const onDisk = await Deno.readFile(path);
      const first = parentHalf === "first" ? own : other;
      assert.ok(onDisk.subarray(0, size / 2).every((byte) => byte === first));
      assert.ok(onDisk.subarray(size / 2).every((byte) => byte === (first === own ? other : own)));
    }),
  );
}

Deno.test(
  "A 1 GiB sparse file is mapped whole and touched at its end",
  withFiles(async (_t, dir) => {
    const path = dir.join("sparse");
    const size = 2 ** 30;
    await Deno.writeFile(path, new Uint8Array(0));
    await Deno.truncate(path, size);
    {
      using mm = Mmap.open(path, 0);
      assert.equal(mm.length, size);
      assert.equal(mm.size(), size);
      mm.set(-1, 0x5a);
      mm.buffer[size - 2] = 0x5b;
      mm.seek(size - 3);
      assert.deepEqual(mm.read(), new Uint8Array([0, 0x5b, 0x5a]));
      assert.equal(mm.find(new Uint8Array([0x5b, 0x5a]), size - 4096), size - 2);
      assert.equal(mm.rfind(new Uint8Array([0x5b]), size - 4096), size - 2);
      mm.flush(size - 65536, 65536);
    }
    using file = await Deno.open(path);
    await file.seek(-2, Deno.SeekMode.End);
    const tail = new Uint8Array(2);
    assert.equal(await file.read(tail), 2);
    assert.deepEqual(tail, new Uint8Array([0x5b, 0x5a]));
    const stat = await Deno.stat(path);
    assert.equal(stat.size, size);
    if (stat.blocks !== null) assert.ok(stat.blocks * 512 < 16 * 2 ** 20, "the file stays sparse");
  }),
);
