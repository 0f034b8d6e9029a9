// Future (CPython test_futures behaviours).

import assert from "node:assert/strict";
import {
  type AbstractEventLoop,
  CancelledError,
  type ExceptionContext,
  Future,
  getRunningLoop,
  InvalidStateError,
  isFuture,
  newEventLoop,
  run,
  sleep,
  wrapFuture,
} from "../../asyncio/mod.ts";

Deno.test("Future starts pending; result() and exception() throw InvalidStateError", () => {
  const loop = newEventLoop();
  const f = new Future<number>({ loop });
  assert.equal(f.getLoop(), loop);
  assert.ok(!f.done() && !f.cancelled());
  assert.throws(() => f.result(), { name: "InvalidStateError", message: "Result is not set." });
  assert.throws(() => f.exception(), {
    name: "InvalidStateError",
    message: "Exception is not set.",
  });
  assert.equal(String(f), "<Future pending>");
  loop.close();
});

Deno.test(
  "Future.setResult: done, result, no exception; a second set throws InvalidStateError",
  () => {
    const loop = newEventLoop();
    const f = new Future<number>({ loop });
    f.setResult(42);
    assert.ok(f.done() && !f.cancelled());
    assert.equal(f.result(), 42);
    assert.equal(f.exception(), null);
    assert.equal(String(f), "<Future finished result=42>");
    assert.throws(() => f.setResult(1), InvalidStateError);
    assert.throws(() => f.setException(new Error()), InvalidStateError);
    assert.equal(f.cancel(), false);
    loop.close();
  },
);

Deno.test("Future.setException: result() throws it, exception() returns it", () => {
  const loop = newEventLoop();
  const f = new Future<number>({ loop });
  const err = new RangeError("bad");
  f.setException(err);
  assert.throws(() => f.result(), RangeError);
  assert.equal(f.exception(), err);
  assert.match(String(f), /finished exception=RangeError\("bad"\)/);
  assert.throws(() => new Future({ loop }).setException(undefined), TypeError);
  loop.close();
});

Deno.test("Future.cancel(msg): cancelled, result() throws CancelledError with the message", () => {
  const loop = newEventLoop();
  const f = new Future<number>({ loop });
  assert.equal(f.cancel("why"), true);
  assert.ok(f.cancelled() && f.done());
  assert.throws(
    () => f.result(),
    (e: unknown) => e instanceof CancelledError && e.message === "why",
  );
  assert.throws(() => f.exception(), CancelledError);
  assert.equal(f.cancel(), false);
  assert.throws(() => f.setResult(1), InvalidStateError);
  loop.close();
});

Deno.test(
  "done callbacks run through the loop, in registration order, with the future",
  async () => {
    const loop = newEventLoop();
    const f = new Future<string>({ loop });
    const order: string[] = [];
    const a = (fut: Future<string>): void => void order.push("a:" + fut.result());
    const b = (): void => void order.push("b");
    const c = (): void => void order.push("c");
    f.addDoneCallback(a);
    f.addDoneCallback(b);
    f.addDoneCallback(c);
    f.addDoneCallback(b);
    assert.equal(f.removeDoneCallback(b), 2);
    assert.equal(f.removeDoneCallback(b), 0);
    f.setResult("x");
    assert.equal(order.length, 0, "callbacks are scheduled, not called synchronously");
    f.addDoneCallback(() => order.push("late"));
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    assert.deepEqual(order, ["a:x", "c", "late"]);
    loop.close();
  },
);

Deno.test(
  "await Future resolves with the result, rejects with the exception or CancelledError",
  async () => {
    await run(async () => {
      const f = new Future<number>();
      setTimeout(() => f.setResult(5), 1);
      assert.equal(await f, 5);
      assert.equal(await f, 5, "awaiting a done future again");
      const g = new Future<number>();
      g.setException(new Error("nope"));
      await assert.rejects(async () => await g, /nope/);
      const h = new Future<number>();
      h.cancel("gone");
      await assert.rejects(
        async () => await h,
        (e: unknown) => e instanceof CancelledError && e.message === "gone",
      );
    });
  },
);

Deno.test("Future.then chains like a Promise and works with Promise.all", async () => {
  await run(async () => {
    const f = new Future<number>();
    const doubled = f.then((v) => v * 2);
    const chained = doubled.then((v) => v + 1);
    f.setResult(10);
    assert.equal(await chained, 21);
    const a = new Future<string>(), b = new Future<string>();
    a.setResult("a");
    b.setResult("b");
    assert.deepEqual(await Promise.all([a, b]), ["a", "b"]);
    const c = new Future<number>();
    c.setException(new Error("e"));
    assert.equal(await c.then(() => "no", (e) => (e as Error).message), "e");
  });
});

Deno.test("isFuture and wrapFuture", async () => {
  await run(async () => {
    const f = new Future();
    assert.ok(isFuture(f));
    assert.ok(!isFuture(Promise.resolve()));
    assert.equal(wrapFuture(f), f);
    assert.equal(await wrapFuture(Promise.resolve(3)), 3);
    const failed = wrapFuture(Promise.reject(new Error("w")));
    await assert.rejects(async () => await failed, /w/);
    assert.throws(() => wrapFuture(42 as unknown as Promise<number>), TypeError);
    f.cancel();
  });
});

Deno.test("a Future made outside a running loop binds to getEventLoop()", () => {
  const f = new Future();
  assert.ok(f.getLoop());
  f.cancel();
});

Deno.test(
  "an exception nobody retrieved is reported when the future or task is collected",
  async () => {
    // FinalizationRegistry needs a garbage collection, so this runs in a child with gc().
    const mod = new URL("../../asyncio/mod.ts", import.meta.url).href;
    const code = `
    import { newEventLoop, Future } from "${mod}";
    const loop = newEventLoop();
    const seen = [];
    loop.setExceptionHandler((_l, c) => seen.push(c.message + " | " + c.exception.message));
    (() => { const f = new Future({ loop }); f.setException(new Error("lost")); })();
    (() => { const f = new Future({ loop }); f.setException(new Error("seen")); f.exception(); })();
    await loop.runUntilComplete(async () => {
      loop.createTask(async () => { throw new Error("task lost"); });
      const awaited = loop.createTask(async () => { throw new Error("task seen"); });
      await awaited.then(() => {}, () => {});
    });
    loop.close(); // a closed loop still reports, as Python's does
    for (let i = 0; i < 20 && seen.length === 0; i++) {
      globalThis.gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    for (let i = 0; i < 20 && seen.length < 2; i++) {
      globalThis.gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    console.log(JSON.stringify(seen.sort()));`;
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--v8-flags=--expose-gc", "-"],
      stdin: "piped",
      stdout: "piped",
    }).spawn();
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(code));
    await w.close();
    const out = await child.output();
    const seen = JSON.parse(new TextDecoder().decode(out.stdout)) as string[];
    assert.deepEqual(seen, [
      "Future exception was never retrieved | lost",
      "Task exception was never retrieved | task lost",
    ]);
  },
);

Deno.test("then() callbacks that throw with no chain are reported, not lost", async () => {
  const loop = newEventLoop();
  const contexts: ExceptionContext[] = [];
  loop.setExceptionHandler((_l, c) => contexts.push(c));
  const f = new Future<number>({ loop });
  f.then(() => {
    throw new Error("in then");
  });
  f.setResult(1);
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  loop.close();
  assert.equal(contexts.length, 1);
  assert.equal((contexts[0].exception as Error).message, "in then");
});

Deno.test("sleep binds to the running loop and is awaitable many times over", async () => {
  let outer: AbstractEventLoop | null = null;
  const result = await run(async () => {
    const loop = getRunningLoop();
    outer = loop;
    let ticks = 0;
    let iterations = 0;
    for (let i = 0; i < 100; i++) {
      // A callback queued before the sleep runs before it resumes: sleep(0) goes through
      // this loop's ready queue, not a bare microtask.
      loop.callSoon(() => ticks++);
      const value = await sleep(0, i);
      assert.equal(value, i);
      assert.equal(ticks, i + 1);
      assert.equal(getRunningLoop(), loop);
      iterations++;
    }
    assert.equal(await sleep(0.001, "last"), "last");
    assert.equal(getRunningLoop(), loop);
    return iterations;
  });
  assert.equal(result, 100);
  assert.ok(outer !== null && (outer as AbstractEventLoop).isClosed());
  assert.throws(() => getRunningLoop(), { name: "RuntimeError" });
});

Deno.test(
  "debug mode: a pending task that is collected is reported, with where it was made",
  async () => {
    const mod = new URL("../../asyncio/mod.ts", import.meta.url).href;
    const code = `
    import { newEventLoop, Future } from "${mod}";
    const loop = newEventLoop();
    loop.setDebug(true);
    const seen = [];
    loop.setExceptionHandler((_l, c) => seen.push([c.message, c.task, c.source_traceback]));
    function makeForgottenTask() {
      loop.createTask(async () => { await new Future({ loop }); });
      loop.createTask(() => new Future({ loop }));
    }
    await loop.runUntilComplete(async () => {
      makeForgottenTask();
      await new Promise((r) => setTimeout(r, 1));
    });
    for (let i = 0; i < 20 && seen.length < 2; i++) {
      globalThis.gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    console.log(JSON.stringify(seen));
    loop.close();`;
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--v8-flags=--expose-gc", "-"],
      stdin: "piped",
      stdout: "piped",
    }).spawn();
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(code));
    await w.close();
    const out = await child.output();
    const seen = JSON.parse(new TextDecoder().decode(out.stdout)) as string[][];
    assert.equal(seen.length, 2);
    for (const [message, task, source] of seen) {
      assert.equal(message, "Task was destroyed but it is pending!");
      assert.match(task, /^<Task pending name='Task-\d+'/);
      assert.match(source, /makeForgottenTask/);
    }
  },
);
