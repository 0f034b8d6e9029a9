// runCoroutineThreadsafe: from code outside the loop, and from a Worker.

import assert from "node:assert/strict";
import {
  CancelledError,
  exposeToWorker,
  InvalidStateError,
  newEventLoop,
  runCoroutineThreadsafe,
  sleep,
} from "../../asyncio/mod.ts";

Deno.test("runCoroutineThreadsafe from outside the loop: result, exception, cancel", async () => {
  const loop = newEventLoop();
  const running = loop.runForever();
  try {
    const ok = runCoroutineThreadsafe(() => sleep(0.001, "hi"), loop);
    assert.throws(() => ok.resultNow(), InvalidStateError);
    assert.equal(await ok.result(), "hi");
    assert.equal(ok.resultNow(), "hi");
    assert.ok(ok.done() && !ok.cancelled());
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    const bad = runCoroutineThreadsafe(async () => {
      throw new Error("bad");
    }, loop);
    await assert.rejects(bad.result(), /bad/);
    const slow = runCoroutineThreadsafe(() => sleep(3600), loop);
    assert.equal(slow.cancel("enough"), true);
    await assert.rejects(slow.result(), (e: unknown) => e instanceof CancelledError);
    assert.ok(slow.cancelled());
    assert.equal(slow.cancel(), false);
    assert.throws(
      () => runCoroutineThreadsafe(5 as unknown as () => Promise<void>, loop),
      TypeError,
    );
  } finally {
    loop.stop();
    await running;
    loop.close();
  }
});

Deno.test("runCoroutineThreadsafe from a Worker runs exposed functions on the loop", async () => {
  const loop = newEventLoop();
  const running = loop.runForever();
  const worker = new Worker(new URL("./_threadsafe_worker.ts", import.meta.url), {
    type: "module",
  });
  const ran: string[] = [];
  const serving = exposeToWorker(loop, worker, {
    add: async (a: number, b: number) => {
      await sleep(0.001);
      ran.push("add");
      return a + b;
    },
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    fail: async () => {
      throw new RangeError("nope");
    },
    forever: async () => {
      try {
        await sleep(3600);
      } finally {
        ran.push("forever finally");
      }
    },
  });
  try {
    const reply = await new Promise<{ results: unknown[] }>((resolve) => {
      worker.addEventListener("message", (e) => {
        if (e.data?.results) resolve(e.data);
      });
    });
    assert.deepEqual(reply.results, [
      5,
      "RangeError: nope",
      "RuntimeError: no exposed function missing",
      "CancelledError: from worker cancelled=true",
    ]);
    assert.deepEqual(ran, ["add", "forever finally"]);
  } finally {
    serving.close();
    worker.terminate();
    loop.stop();
    await running;
    loop.close();
  }
});
