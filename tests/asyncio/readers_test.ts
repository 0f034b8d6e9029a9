// StreamReader on its own (CPython test_streams: feed_data/feed_eof, read, readline,
// readuntil, readexactly, limits, exceptions, iteration, cancellation).

import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  IncompleteReadError,
  LimitOverrunError,
  ReadTransport,
  run,
  RuntimeError,
  sleep,
  StreamReader,
  ValueError,
} from "../../asyncio/mod.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

Deno.test("StreamReader rejects a limit <= 0 with ValueError", () => {
  assert.throws(() => new StreamReader({ limit: 0 }), ValueError);
  assert.throws(() => new StreamReader({ limit: -5 }), ValueError);
  assert.equal(new StreamReader().limit, 65536);
});

Deno.test("StreamReader.read(n) returns what is buffered, up to n", async () => {
  await run(async () => {
    const r = new StreamReader();
    r.feedData(enc("line1\nline2\n"));
    assert.equal(dec(await r.read(5)), "line1");
    assert.equal(dec(await r.read(100)), "\nline2\n");
    assert.equal((await r.read(0)).length, 0);
  });
});

Deno.test("StreamReader.read() waits for data, and read(-1) reads to the end", async () => {
  await run(async () => {
    const r = new StreamReader({ limit: 3 });
    const t = createTask(() => r.read(-1));
    await sleep(0);
    r.feedData(enc("chunk1\n"));
    r.feedData(enc("chunk2"));
    await sleep(0);
    assert.ok(!t.done());
    r.feedEof();
    assert.equal(dec(await t), "chunk1\nchunk2");
    assert.ok(r.atEof());
    assert.equal((await r.read(10)).length, 0);
  });
});

Deno.test("StreamReader.readline splits lines across chunks and returns the rest at EOF", async () => {
  await run(async () => {
    const r = new StreamReader();
    const t = createTask(() => r.readline());
    r.feedData(enc("chunk1 "));
    await sleep(0);
    r.feedData(enc("chunk2 "));
    await sleep(0);
    assert.ok(!t.done());
    r.feedData(enc("chunk3\nrest"));
    assert.equal(dec(await t), "chunk1 chunk2 chunk3\n");
    r.feedEof();
    assert.equal(dec(await r.readline()), "rest");
    assert.equal((await r.readline()).length, 0);
  });
});

Deno.test("StreamReader.readline over the limit raises ValueError and drops the line", async () => {
  await run(async () => {
    const r = new StreamReader({ limit: 3 });
    r.feedData(enc("li"));
    r.feedData(enc("ne1\nline2\n"));
    await assert.rejects(r.readline(), ValueError);
    assert.equal(dec(await r.read(100)), "line2\n");
  });
});

Deno.test("readuntil finds a separator split across chunk boundaries", async () => {
  await run(async () => {
    const r = new StreamReader();
    r.feedData(enc("aaa--"));
    const t = createTask(() => r.readuntil(enc("---!")));
    await sleep(0);
    r.feedData(enc("-"));
    await sleep(0);
    r.feedData(enc("-!bbb"));
    assert.equal(dec(await t), "aaa----!");
    assert.equal(dec(await r.read(10)), "bbb");
  });
});

Deno.test("readuntil with several separators takes the earliest end (3.13)", async () => {
  await run(async () => {
    const r = new StreamReader();
    r.feedData(enc("ab\r\ncd\n"));
    assert.equal(dec(await r.readuntil([enc("\n"), enc("\r\n")])), "ab\r\n");
    assert.equal(dec(await r.readuntil([enc("x"), enc("\n")])), "cd\n");
    await assert.rejects(r.readuntil([]), ValueError);
    await assert.rejects(r.readuntil(new Uint8Array(0)), ValueError);
  });
});

Deno.test("readuntil over the limit raises LimitOverrunError and keeps the data", async (t) => {
  await t.step("separator not found within the limit", async () => {
    await run(async () => {
      const r = new StreamReader({ limit: 3 });
      r.feedData(enc("aaaa"));
      const e = await r.readuntil(enc("!")).catch((e) => e);
      assert.ok(e instanceof LimitOverrunError);
      assert.equal(e.consumed, 4);
      assert.equal(dec(await r.read(10)), "aaaa");
    });
  });
  await t.step("separator found past the limit", async () => {
    await run(async () => {
      const r = new StreamReader({ limit: 3 });
      r.feedData(enc("aaaa!b"));
      const e = await r.readuntil(enc("!")).catch((e) => e);
      assert.ok(e instanceof LimitOverrunError);
      assert.equal(e.consumed, 4);
      assert.equal(dec(await r.read(10)), "aaaa!b");
    });
  });
});

Deno.test("readuntil at EOF raises IncompleteReadError with everything", async () => {
  await run(async () => {
    const r = new StreamReader();
    r.feedData(enc("some data"));
    r.feedEof();
    const e = await r.readuntil(enc("\n")).catch((e) => e);
    assert.ok(e instanceof IncompleteReadError);
    assert.equal(dec(e.partial), "some data");
    assert.equal(e.expected, null);
    assert.equal(e.message, "9 bytes read on a total of undefined expected bytes");
    assert.ok(r.atEof());
  });
});

Deno.test("readexactly waits for n bytes, and raises IncompleteReadError at EOF", async () => {
  await run(async () => {
    const r = new StreamReader();
    const t = createTask(() => r.readexactly(6));
    r.feedData(enc("abc"));
    await sleep(0);
    assert.ok(!t.done());
    r.feedData(enc("defgh"));
    assert.equal(dec(await t), "abcdef");
    r.feedEof();
    const e = await r.readexactly(5).catch((e) => e);
    assert.ok(e instanceof IncompleteReadError);
    assert.equal(dec(e.partial), "gh");
    assert.equal(e.expected, 5);
    assert.equal((await r.readexactly(0)).length, 0);
    await assert.rejects(r.readexactly(-1), ValueError);
  });
});

Deno.test("setException makes the waiting read and later reads throw", async () => {
  await run(async () => {
    const reads: [string, (r: StreamReader) => Promise<Uint8Array>][] = [
      ["readline", (r) => r.readline()],
      ["read(n)", (r) => r.read(1)],
      ["read() with data buffered", (r) => (r.feedData(enc("x")), r.read())],
      ["readexactly", (r) => r.readexactly(2)],
    ];
    for (const [name, read] of reads) {
      const r = new StreamReader();
      const t = createTask(() => read(r));
      await sleep(0);
      const err = new Error(name);
      r.setException(err);
      await assert.rejects(async () => await t, (e) => e === err);
      await assert.rejects(r.read(1), (e) => e === err);
      assert.equal(r.exception(), err);
    }
  });
});

Deno.test("two reads waiting at once: the second raises RuntimeError", async () => {
  await run(async () => {
    const r = new StreamReader();
    const first = createTask(() => r.read(1));
    await sleep(0);
    await assert.rejects(r.read(1), RuntimeError);
    r.feedData(enc("x"));
    assert.equal(dec(await first), "x");
  });
});

Deno.test("a cancelled read loses no byte", async () => {
  await run(async () => {
    const r = new StreamReader();
    // Each read is woken by the data, then cancelled before it runs.
    for (const read of [() => r.read(10), () => r.readexactly(4), () => r.readline()]) {
      const t = createTask(read);
      await sleep(0);
      r.feedData(enc("ab"));
      t.cancel();
      await assert.rejects(async () => await t, CancelledError);
    }
    r.feedData(enc("cd\n"));
    assert.equal(dec(await r.readline()), "ababab" + "cd\n");
  });
});

Deno.test("a read cancelled while it waits leaves the reader to the next read", async () => {
  await run(async () => {
    const r = new StreamReader();
    for (const read of [() => r.read(10), () => r.readexactly(2), () => r.readuntil(enc(";"))]) {
      const t = createTask(read);
      await sleep(0);
      assert.match(String(r), /waiter/);
      t.cancel();
      await assert.rejects(async () => await t, CancelledError);
      assert.doesNotMatch(String(r), /waiter/);
    }
    const next = createTask(() => r.readuntil(enc(";")));
    await sleep(0);
    await assert.rejects(r.read(1), RuntimeError);
    r.feedData(enc("ok;"));
    assert.equal(dec(await next), "ok;");
  });
});

Deno.test("feedData after feedEof raises RuntimeError; bad data raises TypeError", () => {
  const r = new StreamReader();
  assert.throws(() => r.feedData("x" as unknown as Uint8Array), TypeError);
  r.feedEof();
  assert.throws(() => r.feedData(enc("x")), RuntimeError);
});

Deno.test("feedData accepts any ArrayBufferView; reads never alias later data", async () => {
  await run(async () => {
    const r = new StreamReader();
    r.feedData(new DataView(enc("hello").buffer));
    const first = await r.read(2);
    r.feedData(enc("XY"));
    assert.equal(dec(first), "he");
    assert.equal(dec(await r.read(10)), "lloXY");
  });
});

Deno.test("the reader pauses its transport over 2 * limit and resumes it under the limit", async () => {
  await run(async () => {
    const calls: string[] = [];
    class T extends ReadTransport {
      override pauseReading(): void {
        calls.push("pause");
      }
      override resumeReading(): void {
        calls.push("resume");
      }
    }
    const r = new StreamReader({ limit: 4 });
    r.setTransport(new T());
    assert.throws(() => r.setTransport(new T()), RuntimeError);
    r.feedData(enc("12345678"));
    assert.deepEqual(calls, []);
    r.feedData(enc("9"));
    assert.deepEqual(calls, ["pause"]);
    await r.read(4);
    assert.deepEqual(calls, ["pause"]);
    await r.read(1);
    assert.deepEqual(calls, ["pause", "resume"]);
  });
});

Deno.test("async iteration yields lines until EOF", async () => {
  await run(async () => {
    const r = new StreamReader();
    r.feedData(enc("a\nb\n"));
    r.feedData(enc("c"));
    r.feedEof();
    const lines: string[] = [];
    for await (const line of r) lines.push(dec(line));
    assert.deepEqual(lines, ["a\n", "b\n", "c"]);
    assert.match(String(r), /^<StreamReader eof>$/);
  });
});
