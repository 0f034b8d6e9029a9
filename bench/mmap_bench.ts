// Memory-mapped I/O on a 256 MiB file, in one run: Mmap.read() in 64 KiB chunks, reading
// through the zero-copy view, find() of a needle at the very end, and sequential writes;
// against Deno.readFile of the same file, a plain Uint8Array.prototype.set copy of the
// same size (the memory-bandwidth limit), and CPython's mmap when python3 is present.
// The file is in the page cache (just written): this measures memory, not the disk.
// Each figure is the median of several rounds after one warm-up round.
// Run: deno run -A bench/mmap_bench.ts [MiB]

import { Mmap } from "../mmap/mod.ts";

const SIZE = Number(Deno.args[0] ?? 256) * 2 ** 20;
const CHUNK = 64 * 1024;
const ROUNDS = 7;
const NEEDLE = new TextEncoder().encode("ipcnet-needle-42");

interface Row {
  name: string;
  gbps: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** GB/s of `fn` moving `bytes`: median of `rounds` after one warm-up round. */
async function measure(fn: () => unknown, bytes = SIZE, rounds = ROUNDS): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return bytes / (median(times) / 1000) / 1e9;
}

/** Pseudo-random content (xorshift32) with the needle only in the last bytes. */
function content(): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(SIZE);
  const words = new Uint32Array(data.buffer);
  let x = 2463534242;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x;
  }
  data.set(NEEDLE, SIZE - NEEDLE.length);
  return data;
}

const PYTHON = `
import json, mmap, sys, time
path, needle, rounds = sys.argv[1], bytes.fromhex(sys.argv[2]), int(sys.argv[3])
def measure(fn):
    fn()
    times = []
    for _ in range(rounds):
        start = time.perf_counter(); fn(); times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]
with open(path, "r+b") as f, mmap.mmap(f.fileno(), 0) as m:
    assert m.find(needle, 0) == len(m) - len(needle)
    def read():
        m.seek(0)
        while m.read(65536): pass
    print(json.dumps({"read": len(m) / measure(read) / 1e9,
                      "find": len(m) / measure(lambda: m.find(needle, 0)) / 1e9}))
`;

function cpython(path: string): { read: number; find: number } | null {
  const hex = [...NEEDLE].map((b) => b.toString(16).padStart(2, "0")).join("");
  try {
    const out = new Deno.Command("python3", {
      args: ["-c", PYTHON, path, hex, String(ROUNDS)],
      stdout: "piped",
      stderr: "inherit",
    }).outputSync();
    return out.success ? JSON.parse(new TextDecoder().decode(out.stdout)) : null;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}

const dir = await Deno.makeTempDir({ prefix: "mmap-bench-" });
const path = `${dir}/data.bin`;
try {
  const source = content();
  await Deno.writeFile(path, source);
  const rows: Row[] = [];
  const copy = new Uint8Array(SIZE);
  const limit = await measure(() => copy.set(source));
  rows.push({ name: "Uint8Array.prototype.set copy (limit)", gbps: limit });
  rows.push({ name: "Deno.readFile", gbps: await measure(() => Deno.readFile(path), SIZE, 3) });

  using mm = Mmap.open(path, 0);
  const view = mm.buffer;
  const chunk = new Uint8Array(CHUNK);
  rows.push({
    name: "Mmap.read() in 64 KiB chunks",
    gbps: await measure(() => {
      mm.seek(0);
      while (mm.read(CHUNK).length !== 0) { /* the chunks are the result */ }
    }),
  });
  rows.push({
    name: "zero-copy view, read in 64 KiB chunks",
    gbps: await measure(() => {
      for (let at = 0; at < SIZE; at += CHUNK) chunk.set(view.subarray(at, at + CHUNK));
    }),
  });
  rows.push({
    name: "zero-copy view, copied out whole",
    gbps: await measure(() => copy.set(view)),
  });
  let found = -1;
  const find = await measure(() => found = mm.find(NEEDLE, 0));
  if (found !== SIZE - NEEDLE.length) throw new Error(`find returned ${found}`);
  rows.push({ name: "Mmap.find() of a needle at the end", gbps: find });
  const py = cpython(path);
  if (py) {
    rows.push({ name: "CPython mmap.read(65536) loop", gbps: py.read });
    rows.push({ name: "CPython mmap.find() of the same needle", gbps: py.find });
  }
  // Writes put the same bytes back, so the file keeps its content.
  rows.push({ name: "zero-copy view, written whole", gbps: await measure(() => view.set(source)) });
  // Chunked writes are bounded by the same copy done chunk by chunk; into plain memory, so
  // that what Mmap.write() adds (per-call checks, and writing to mapped pages) shows.
  rows.push({
    name: "Uint8Array.prototype.set in 64 KiB chunks",
    gbps: await measure(() => {
      for (let at = 0; at < SIZE; at += CHUNK) copy.set(source.subarray(at, at + CHUNK), at);
    }),
  });
  rows.push({
    name: "Mmap.write() in 64 KiB chunks",
    gbps: await measure(() => {
      mm.seek(0);
      for (let at = 0; at < SIZE; at += CHUNK) mm.write(source.subarray(at, at + CHUNK));
    }),
  });

  console.log(`mmap benchmark: ${SIZE / 2 ** 20} MiB file, median of ${ROUNDS} rounds`);
  console.log(`${Deno.version.deno} on ${Deno.build.os} ${Deno.build.arch}\n`);
  console.log("| operation | GB/s | x copy limit |");
  console.log("|---|---:|---:|");
  for (const row of rows) {
    console.log(`| ${row.name} | ${row.gbps.toFixed(2)} | ${(row.gbps / limit).toFixed(2)}x |`);
  }
  const gbps = (name: string) => rows.find((r) => r.name === name)!.gbps;
  const checks: [string, boolean][] = [
    ["view read >= 0.9x copy limit", gbps("zero-copy view, read in 64 KiB chunks") >= 0.9 * limit],
    ["view write >= 0.9x copy limit", gbps("zero-copy view, written whole") >= 0.9 * limit],
    [
      "Mmap.write() >= 0.9x the chunked copy",
      gbps("Mmap.write() in 64 KiB chunks") >=
        0.9 * gbps("Uint8Array.prototype.set in 64 KiB chunks"),
    ],
  ];
  if (py) checks.push(["find >= CPython's find", find >= py.find]);
  console.log("");
  for (const [what, met] of checks) console.log(`${met ? "met   " : "MISSED"} ${what}`);
} finally {
  await Deno.remove(dir, { recursive: true });
}
