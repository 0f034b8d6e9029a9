// The asyncio examples (18.5.1.18.1-2, 18.5.3.1.1-3, 18.5.3.4.1-2, 18.5.3.5.1) print what
// Python's do, and the demo stop prints its story in under 2 s.
// (tests/examples_test.ts also runs every example for its exit code.)

import assert from "node:assert/strict";

async function runFile(path: string, flags: string[] = ["--allow-all"]): Promise<string[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...flags, new URL(path, import.meta.url).pathname],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, err);
  assert.equal(err, "");
  return new TextDecoder().decode(out.stdout).trimEnd().split("\n");
}

const DATE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/;

const expected: Record<string, (string | RegExp)[]> = {
  "asyncio_hello_world_call_soon.ts": ["Hello World"],
  "asyncio_display_date_call_later.ts": [DATE, DATE, DATE, DATE, DATE],
  "asyncio_hello_world_coroutine.ts": ["Hello World!"],
  "asyncio_display_date_coroutine.ts": [DATE, DATE, DATE, DATE, DATE],
  "asyncio_chain_coroutines.ts": ["Compute 1 + 2 ...", "1 + 2 = 3"],
  "asyncio_future_run_until_complete.ts": ["Future is done!"],
  "asyncio_future_run_forever.ts": ["Future is done!"],
  "asyncio_parallel_tasks.ts": [
    "Task A: Compute factorial(2)...",
    "Task B: Compute factorial(2)...",
    "Task C: Compute factorial(2)...",
    "Task A: factorial(2) = 2",
    "Task B: Compute factorial(3)...",
    "Task C: Compute factorial(3)...",
    "Task B: factorial(3) = 6",
    "Task C: Compute factorial(4)...",
    "Task C: factorial(4) = 24",
  ],
};

for (const [file, lines] of Object.entries(expected)) {
  Deno.test(`example ${file} prints what Python's example prints`, async () => {
    const got = await runFile(`../../examples/${file}`);
    assert.equal(got.length, lines.length, got.join("\n"));
    lines.forEach((want, i) => {
      if (typeof want === "string") assert.equal(got[i], want);
      else assert.match(got[i], want);
    });
  });
}

Deno.test("the date examples print at the interval they wait", async () => {
  const got = await runFile("../../examples/asyncio_display_date_call_later.ts");
  const times = got.map((l) => Date.parse(l.replace(" ", "T").slice(0, 23)));
  for (let i = 1; i < times.length; i++) {
    const gap = times[i] - times[i - 1];
    assert.ok(gap >= 95 && gap < 1000, `gap ${gap} ms`);
  }
});

Deno.test("demo/asyncio.ts tells its story in under 2 s, with no permission", async () => {
  const t0 = performance.now();
  const lines = await runFile("../../demo/asyncio.ts", []);
  assert.ok(performance.now() - t0 < 2000 + 1500, "run time (startup included)");
  assert.deepEqual(lines, [
    "Three tasks nap for 0.3, 0.2, 0.1 s at the same time; all 3 are done after 0.3 s, not 0.6 s.",
    "A task waits on an empty queue, then gets CancelledError at that very await, then runs " +
    "its finally block; cancelled: true.",
    "A producer puts 5 items into a Queue(2), waiting whenever it is full; the consumer takes " +
    "them in order: 0 1 2 3 4.",
  ]);
});
