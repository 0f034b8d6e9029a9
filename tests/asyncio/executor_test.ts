// The Worker-pool executor and loop.runInExecutor (18.5.1.13): results, errors that keep
// their class, name, message and stack, cancellation, timeouts, shutdown, and the limits
// of what can cross into a Worker.

import assert from "node:assert/strict";
import {
  BrokenThreadPool,
  CancelledError,
  FileNotFoundError,
  newEventLoop,
  OSError,
  run,
  RuntimeError,
  SelectorEventLoop,
  ThreadPoolExecutor,
  TimeoutError,
  ValueError,
  waitFor,
  workerFunction,
} from "../../asyncio/mod.ts";
import { getRunningLoop } from "../../asyncio/mod.ts";

const WORK = new URL("./_executor_work.ts", import.meta.url);
const fib = workerFunction<(n: number) => number>(WORK, "fib");
const whichThread = workerFunction<() => number>(WORK, "whichThread");
const waitFlag = workerFunction<(f: Int32Array, i: number, ms: number) => string>(
  WORK,
  "waitFlag",
);
const setFlag = workerFunction<(f: Int32Array, i: number) => void>(WORK, "setFlag");

Deno.test("ThreadPoolExecutor.submit runs self-contained and module functions", async () => {
  await using pool = new ThreadPoolExecutor(2);
  assert.equal(await pool.submit((a: number, b: number) => a * b, 6, 7), 42);
  assert.equal(await pool.submit(fib, 20), 6765);
  assert.equal(
    await pool.submit(workerFunction<(s: string) => string>(WORK, "greet"), "Deno"),
    "hello from a module, Deno",
  );
  // An async function's Promise is awaited in the Worker.
  const doubled = await pool.submit(async (x: number) => {
    await new Promise((r) => setTimeout(r, 1));
    return x * 2;
  }, 21);
  assert.equal(doubled, 42);
  // A method written in shorthand is compiled too.
  const obj = {
    triple(x: number): number {
      return x * 3;
    },
  };
  assert.equal(await pool.submit(obj.triple, 5), 15);
  // Structured clone both ways: typed arrays, Maps, nested objects.
  const echoed = await pool.submit(
    (m: Map<string, Uint8Array>) => m,
    new Map([["k", new Uint8Array([1, 2])]]),
  );
  assert.deepEqual(echoed, new Map([["k", new Uint8Array([1, 2])]]));
});

Deno.test("ThreadPoolExecutor errors keep their class, name, message and stack", async () => {
  await using pool = new ThreadPoolExecutor(1);
  const range = await pool.submit(() => {
    throw new RangeError("out of range");
  }).then(() => null, (e) => e);
  assert.ok(range instanceof RangeError);
  assert.equal(range.message, "out of range");
  assert.match(range.stack ?? "", /RangeError: out of range/);
  const value = await pool.submit(workerFunction(WORK, "badValue")).then(() => null, (e) => e);
  assert.ok(value instanceof ValueError);
  assert.equal(value.name, "ValueError");
  assert.match(value.stack ?? "", /_executor_work\.ts/);
  const os = await pool.submit(workerFunction(WORK, "missingFile")).then(() => null, (e) => e);
  assert.ok(os instanceof FileNotFoundError && os instanceof OSError);
  assert.equal(os.errno, 2);
  class Custom extends Error {
    override name = "CustomError";
  }
  void Custom;
  const custom = await pool.submit(() => {
    const e = new Error("mine");
    e.name = "CustomError";
    (e as Error & { detail: number }).detail = 7;
    throw e;
  }).then(() => null, (e) => e as Error & { detail: number });
  assert.equal(custom!.name, "CustomError");
  assert.equal(custom!.detail, 7);
  const notFound = await pool.submit(() => Deno.readTextFileSync("/nonexistent/x")).then(
    () => null,
    (e) => e,
  );
  assert.ok(notFound instanceof Deno.errors.NotFound);
});

Deno.test("what cannot cross into a Worker is refused with TypeError and the reason", async () => {
  await using pool = new ThreadPoolExecutor(1);
  const outside = 5;
  const closure = await pool.submit(() => outside).then(() => null, (e) => e);
  assert.ok(closure instanceof ReferenceError);
  assert.match(closure.message, /compiled again in a Worker/);
  assert.throws(() => pool.submit(Math.max, 1, 2), {
    name: "TypeError",
    message: /built in or bound/,
  });
  assert.throws(() => pool.submit(((x: number) => x).bind(null), 1), TypeError);
  assert.throws(() => pool.submit(class {} as never), TypeError);
  assert.throws(() => pool.submit(42 as never), TypeError);
  assert.throws(() => pool.submit((f: () => void) => f, () => {}), /argument 0 is a function/);
  await assert.rejects(pool.submit((x: unknown) => x, Symbol("s") as never), TypeError);
  await assert.rejects(pool.submit(workerFunction(WORK, "unclonable")), /cannot be sent back/);
  await assert.rejects(pool.submit(workerFunction(WORK, "nothing")), /no exported function/);
  assert.throws(() => workerFunction("./relative.ts", "x"), TypeError);
  assert.throws(() => new ThreadPoolExecutor(0), ValueError);
  assert.throws(() => new ThreadPoolExecutor(-1), ValueError);
});

Deno.test("ThreadPoolExecutor runs calls at the same time, up to maxWorkers", async () => {
  await using pool = new ThreadPoolExecutor({ maxWorkers: 2 });
  assert.equal(pool.maxWorkers, 2);
  // Each call waits for a flag the other sets: only two concurrent Workers finish this.
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const a = pool.submit(() => "a");
  const waiting = pool.submit(waitFlag, flags, 0, 10_000);
  const setter = pool.submit(setFlag, flags, 0);
  assert.deepEqual(await Promise.all([a, waiting, setter]), ["a", "ok", undefined]);
  const ids = new Set(await Promise.all(Array.from({ length: 8 }, () => pool.submit(whichThread))));
  assert.ok(ids.size >= 1 && ids.size <= 2, `threads used: ${[...ids]}`);
});

Deno.test("ExecutorFuture.cancel: a queued call never runs; a running one is stopped", async () => {
  await using pool = new ThreadPoolExecutor(1);
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const blocker = pool.submit(waitFlag, flags, 0, 10_000);
  const queued = pool.submit(setFlag, flags, 1);
  assert.equal(queued.cancel(), true);
  assert.ok(queued.cancelled() && queued.done());
  await assert.rejects(Promise.resolve(queued), CancelledError);
  // A call that never ends: cancel terminates its Worker.
  const forever = pool.submit(() => {
    for (;;) { /* spin */ }
  });
  // It is queued behind the blocker; release that and wait for it.
  Atomics.store(flags, 0, 1);
  Atomics.notify(flags, 0);
  assert.equal(await blocker, "ok");
  assert.equal(Atomics.load(flags, 1), 0, "the cancelled call did not run");
  while (!forever.running()) await new Promise((r) => setTimeout(r, 1));
  assert.equal(forever.cancel(), true);
  await assert.rejects(Promise.resolve(forever), CancelledError);
  // The pool goes on with a new Worker.
  assert.equal(await pool.submit(() => "after"), "after");
  assert.equal(blocker.cancel(), false, "a finished call cannot be cancelled");
});

Deno.test("terminateOnCancel: false keeps Python's rule: a running call runs on", async () => {
  await using pool = new ThreadPoolExecutor({ maxWorkers: 1, terminateOnCancel: false });
  const flags = new Int32Array(new SharedArrayBuffer(4));
  const running = pool.submit(waitFlag, flags, 0, 10_000);
  while (!running.running()) await new Promise((r) => setTimeout(r, 1));
  assert.equal(running.cancel(), false);
  Atomics.store(flags, 0, 1);
  Atomics.notify(flags, 0);
  assert.equal(await running, "ok");
});

Deno.test("shutdown: no new calls, queued calls run or are cancelled, wait waits", async () => {
  const pool = new ThreadPoolExecutor(1);
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const first = pool.submit(waitFlag, flags, 0, 10_000);
  const second = pool.submit(() => "second");
  const stopped = pool.shutdown({ wait: true });
  assert.throws(() => pool.submit(() => 1), {
    name: "RuntimeError",
    message: "cannot schedule new futures after shutdown",
  });
  setFlag0(flags);
  assert.equal(await first, "ok");
  assert.equal(await second, "second");
  await stopped;

  const pool2 = new ThreadPoolExecutor(1);
  const flags2 = new Int32Array(new SharedArrayBuffer(4));
  const running = pool2.submit(waitFlag, flags2, 0, 10_000);
  const queued = pool2.submit(() => "never");
  const done = pool2.shutdown({ cancelFutures: true });
  await assert.rejects(Promise.resolve(queued), CancelledError);
  setFlag0(flags2);
  assert.equal(await running, "ok");
  await done;
  await pool2.shutdown(false);
});

Deno.test("a failing initializer breaks the pool with BrokenThreadPool", async () => {
  const pool = new ThreadPoolExecutor({
    maxWorkers: 1,
    initializer: workerFunction(WORK, "failingInit"),
  });
  const err = await pool.submit(() => 1).then(() => null, (e) => e);
  assert.ok(err instanceof BrokenThreadPool);
  assert.ok(err instanceof RuntimeError);
  assert.throws(() => pool.submit(() => 1), BrokenThreadPool);
  await pool.shutdown();
  const ok = new ThreadPoolExecutor({
    maxWorkers: 1,
    initializer: (x: number) => {
      (globalThis as Record<string, unknown>).seed = x;
    },
    initargs: [41],
  });
  assert.equal(
    await ok.submit(() => ((globalThis as Record<string, unknown>).seed as number) + 1),
    42,
  );
  await ok.shutdown();
});

Deno.test("ThreadPoolExecutor.map yields results in order", async () => {
  await using pool = new ThreadPoolExecutor(3);
  const out: number[] = [];
  for await (const v of pool.map((a: number, b: number) => a + b, [1, 2, 3], [10, 20, 30, 40])) {
    out.push(v);
  }
  assert.deepEqual(out, [11, 22, 33]);
});

Deno.test("loop.runInExecutor: default executor, result, exception, Future", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    assert.ok(loop instanceof SelectorEventLoop);
    const fut = loop.runInExecutor(null, fib, 15);
    assert.equal(fut.getLoop(), loop);
    assert.equal(await fut, 610);
    await assert.rejects(
      async () => await loop.runInExecutor(null, () => JSON.parse("{")),
      SyntaxError,
    );
    assert.throws(() => loop.runInExecutor(null, 3 as never), TypeError);
  });
});

Deno.test("loop.runInExecutor with waitFor: TimeoutError, and the call is stopped", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const spin = loop.runInExecutor(null, () => {
      for (;;) { /* never returns */ }
    });
    await assert.rejects(waitFor(spin, 0.2), TimeoutError);
    assert.ok(spin.cancelled());
    // The default pool still answers (the spinning Worker was ended).
    assert.equal(await loop.runInExecutor(null, () => "alive"), "alive");
  });
});

Deno.test("setDefaultExecutor, custom executors, shutdownDefaultExecutor", async () => {
  const loop = newEventLoop();
  const calls: unknown[] = [];
  const inline = {
    submit<A extends unknown[], R>(fn: (...a: A) => R, ...args: A): Promise<Awaited<R>> {
      calls.push(args);
      return Promise.resolve(fn(...args)) as Promise<Awaited<R>>;
    },
    shutdown(): void {
      calls.push("shutdown");
    },
  };
  assert.throws(() => loop.setDefaultExecutor({} as never), TypeError);
  loop.setDefaultExecutor(inline as never);
  const closure = 10;
  assert.equal(
    await loop.runUntilComplete(loop.runInExecutor(null, (x: number) => x + closure, 1)),
    11,
  );
  await loop.runUntilComplete(loop.shutdownDefaultExecutor());
  assert.deepEqual(calls, [[1], "shutdown"]);
  assert.throws(() => loop.runInExecutor(null, () => 1), {
    name: "RuntimeError",
    message: "Executor shutdown has been called",
  });
  await using pool = new ThreadPoolExecutor(1);
  assert.equal(await loop.runUntilComplete(loop.runInExecutor(pool, () => "explicit")), "explicit");
  loop.close();
  assert.throws(() => loop.runInExecutor(pool, () => 1), { message: "Event loop is closed" });
});

Deno.test("run() waits for the default executor's calls before it returns", async () => {
  const flags = new Int32Array(new SharedArrayBuffer(4));
  await run(() => {
    const loop = getRunningLoop();
    // Not awaited: Runner.close() waits for it through shutdownDefaultExecutor.
    loop.runInExecutor(null, (f: Int32Array) => {
      const end = Date.now() + 50;
      while (Date.now() < end) { /* work */ }
      Atomics.store(f, 0, 1);
    }, flags);
    return Promise.resolve();
  });
  assert.equal(Atomics.load(flags, 0), 1);
});

function setFlag0(flags: Int32Array): void {
  Atomics.store(flags, 0, 1);
  Atomics.notify(flags, 0);
}
