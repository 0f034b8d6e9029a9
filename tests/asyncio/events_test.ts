// The event loop, handles, policies and error handling (CPython test_events,
// test_base_events behaviours that do not involve I/O).

import assert from "node:assert/strict";
import {
  AbstractEventLoop,
  AbstractEventLoopPolicy,
  BaseEventLoop,
  DefaultEventLoopPolicy,
  type ExceptionContext,
  Future,
  getChildWatcher,
  getEventLoop,
  getEventLoopPolicy,
  getRunningLoop,
  logger,
  type LogRecord,
  newEventLoop,
  NotImplementedError,
  run,
  RuntimeError,
  setChildWatcher,
  setEventLoop,
  setEventLoopPolicy,
  sleep,
} from "../../asyncio/mod.ts";
import { TestLoop } from "../_helpers/test_loop.ts";

function captureLog(): { records: LogRecord[]; [Symbol.dispose](): void } {
  const records: LogRecord[] = [];
  const saved = logger.handler;
  logger.handler = (r) => records.push(r);
  return { records, [Symbol.dispose]: () => void (logger.handler = saved) };
}

Deno.test(
  "BaseEventLoop.callSoon() runs callbacks in strict FIFO order with their args",
  async () => {
    const loop = newEventLoop();
    const order: number[] = [];
    for (let i = 0; i < 100; i++) loop.callSoon((n: number) => order.push(n), i);
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    loop.close();
    assert.deepEqual(order, Array.from({ length: 100 }, (_, i) => i));
  },
);

Deno.test(
  "BaseEventLoop runs callbacks scheduled during an iteration in the next one",
  async () => {
    const loop = newEventLoop();
    const seen: string[] = [];
    loop.callSoon(() => {
      seen.push("a");
      loop.callSoon(() => seen.push("c"));
    });
    loop.callSoon(() => seen.push("b"));
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    // stop() lets the current iteration finish, so "c" (scheduled in it) waits for the next run.
    assert.deepEqual(seen, ["a", "b"]);
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    assert.deepEqual(seen, ["a", "b", "c"]);
    loop.close();
  },
);

Deno.test(
  "BaseEventLoop keeps FIFO order and iterations apart across bursts and reused queues",
  async () => {
    // The ready queue and the batch array are swapped and reused between iterations;
    // a burst larger than what is kept must still run in order, one iteration at a time.
    const loop = newEventLoop();
    const order: string[] = [];
    for (const n of [3, 3000, 5, 2000, 1]) {
      order.length = 0;
      for (let i = 0; i < n; i++) {
        loop.callSoon(() => {
          order.push(`a${i}`);
          loop.callSoon(() => order.push(`b${i}`));
        });
      }
      loop.callSoon(() => loop.callSoon(() => loop.stop()));
      await loop.runForever();
      const expected = [
        ...Array.from({ length: n }, (_, i) => `a${i}`),
        ...Array.from({ length: n }, (_, i) => `b${i}`),
      ];
      assert.deepEqual(order, expected);
    }
    loop.close();
  },
);

Deno.test("BaseEventLoop.stop() before runForever() runs one iteration", async () => {
  const loop = newEventLoop();
  let ran = 0;
  loop.callSoon(() => ran++);
  loop.stop();
  await loop.runForever();
  assert.equal(ran, 1);
  assert.ok(!loop.isRunning());
  loop.close();
});

Deno.test("Handle.cancel() prevents the callback; cancelled() reports it", async () => {
  const loop = newEventLoop();
  const h = loop.callSoon(() => assert.fail("ran"));
  assert.ok(!h.cancelled());
  h.cancel();
  h.cancel();
  assert.ok(h.cancelled());
  assert.match(String(h), /cancelled/);
  loop.stop();
  await loop.runForever();
  loop.close();
});

Deno.test(
  "callLater/callAt run in deadline order, FIFO for equal deadlines (virtual time)",
  async () => {
    const loop = new TestLoop();
    const order: string[] = [];
    loop.callLater(3, () => order.push("3"));
    loop.callLater(1, () => order.push("1a"));
    loop.callAt(1, () => order.push("1b"));
    const h = loop.callLater(2, () => order.push("2"));
    assert.equal(h.when(), 2);
    h.cancel();
    loop.callLater(10, () => loop.stop());
    await loop.runForever();
    assert.deepEqual(order, ["1a", "1b", "3"]);
    assert.equal(loop.time(), 10);
    loop.close();
  },
);

Deno.test("callLater uses one real timer and leaves none behind (sanitizers)", async () => {
  const loop = newEventLoop();
  const t0 = loop.time();
  let at = 0;
  loop.callLater(0.02, () => {
    at = loop.time();
    loop.stop();
  });
  loop.callLater(3600, () => assert.fail("never"));
  await loop.runForever();
  assert.ok(at - t0 >= 0.019, `fired after ${at - t0}`);
  loop.close();
});

Deno.test("callLater/callAt/callSoon reject bad input with clear errors", () => {
  const loop = newEventLoop();
  assert.throws(() => loop.callLater(Number.NaN, () => {}), TypeError);
  assert.throws(() => loop.callLater("1" as unknown as number, () => {}), TypeError);
  assert.throws(() => loop.callSoon(42 as unknown as () => void), TypeError);
  assert.throws(() => loop.callAt(1, null as unknown as () => void), TypeError);
  loop.close();
  assert.throws(() => loop.callSoon(() => {}), {
    name: "RuntimeError",
    message: "Event loop is closed",
  });
  assert.throws(() => loop.callLater(1, () => {}), RuntimeError);
  assert.throws(() => loop.createTask(async () => {}), RuntimeError);
});

Deno.test(
  "callSoonThreadsafe from outside the loop's turn (a timer, a signal listener) wakes it",
  async () => {
    const loop = newEventLoop();
    const seen: string[] = [];
    setTimeout(() => loop.callSoonThreadsafe((w: string) => seen.push(w), "timer"), 5);
    const listener = (): void => {
      loop.callSoonThreadsafe(() => {
        seen.push("signal");
        loop.stop();
      });
    };
    Deno.addSignalListener("SIGUSR2", listener);
    // An idle loop keeps nothing alive: this timer does, and ends the test if no signal comes.
    const watchdog = loop.callLater(5, () => loop.stop());
    try {
      setTimeout(() => Deno.kill(Deno.pid, "SIGUSR2"), 20);
      await loop.runForever();
      assert.ok(!watchdog.cancelled());
      watchdog.cancel();
    } finally {
      Deno.removeSignalListener("SIGUSR2", listener);
      loop.close();
    }
    assert.deepEqual(seen, ["timer", "signal"]);
  },
);

Deno.test("time() is monotonic seconds", async () => {
  const loop = newEventLoop();
  const a = loop.time();
  await new Promise((r) => setTimeout(r, 5));
  const b = loop.time();
  assert.ok(b > a && b - a < 1);
  loop.close();
});

Deno.test(
  "runUntilComplete returns the result, throws the exception, and checks state",
  async () => {
    const loop = newEventLoop();
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    assert.equal(await loop.runUntilComplete(async () => 7), 7);
    await assert.rejects(loop.runUntilComplete(Promise.reject(new Error("boom"))), /boom/);
    const fut = loop.createFuture<number>();
    loop.callSoon(() => loop.stop());
    await assert.rejects(loop.runUntilComplete(fut), {
      name: "RuntimeError",
      message: "Event loop stopped before Future completed.",
    });
    fut.cancel();
    loop.close();
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    await assert.rejects(loop.runUntilComplete(async () => 1), { message: "Event loop is closed" });
  },
);

Deno.test(
  "a running loop refuses to run again, to close, and a second loop refuses to run",
  async () => {
    const loop = newEventLoop();
    const other = newEventLoop();
    await loop.runUntilComplete(async () => {
      assert.ok(loop.isRunning());
      assert.equal(getRunningLoop(), loop);
      assert.throws(() => loop.runForever(), { message: "This event loop is already running" });
      assert.throws(() => loop.close(), { message: "Cannot close a running event loop" });
      assert.throws(() => other.runForever(), {
        name: "RuntimeError",
        message: "Cannot run the event loop while another loop is running",
      });
      await assert.rejects(run(async () => {}), {
        message: "asyncio.run() cannot be called from a running event loop",
      });
    });
    assert.ok(!loop.isRunning());
    assert.throws(() => getRunningLoop(), { message: "no running event loop" });
    loop.close();
    loop.close();
    assert.ok(loop.isClosed());
    other.close();
  },
);

Deno.test(
  "an exception in a callback goes to the exception handler with Python's keys",
  async () => {
    const loop = newEventLoop();
    const contexts: ExceptionContext[] = [];
    assert.equal(loop.getExceptionHandler(), null);
    const handler = (l: AbstractEventLoop, c: ExceptionContext): void => {
      assert.equal(l, loop);
      contexts.push(c);
    };
    loop.setExceptionHandler(handler);
    assert.equal(loop.getExceptionHandler(), handler);
    const err = new Error("cb failed");
    function failing(): void {
      throw err;
    }
    const h = loop.callSoon(failing);
    let after = false;
    loop.callSoon(() => (after = true));
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    assert.ok(after, "the loop carries on after a failing callback");
    assert.equal(contexts.length, 1);
    assert.equal(contexts[0].message, "Exception in callback failing()");
    assert.equal(contexts[0].exception, err);
    assert.equal(contexts[0].handle, h);
    assert.throws(() => loop.setExceptionHandler(5 as unknown as null), TypeError);
    loop.close();
  },
);

Deno.test("defaultExceptionHandler logs at ERROR; a failing custom handler is logged too", () => {
  using log = captureLog();
  const loop = newEventLoop();
  loop.callExceptionHandler({ message: "something broke", exception: new Error("x"), extra: 1 });
  assert.equal(log.records.length, 1);
  assert.equal(log.records[0].levelName, "ERROR");
  assert.match(log.records[0].message, /^something broke\nextra: 1$/);
  loop.setExceptionHandler(() => {
    throw new Error("handler broke");
  });
  loop.callExceptionHandler({ message: "m" });
  assert.equal(log.records.length, 2);
  assert.match(log.records[1].message, /Unhandled error in exception handler/);
  loop.setExceptionHandler(null);
  loop.close();
});

Deno.test("debug mode warns about slow callbacks through the logger", async () => {
  using log = captureLog();
  const loop = newEventLoop();
  assert.equal(loop.getDebug(), false);
  loop.setDebug(true);
  loop.slowCallbackDuration = 0.005;
  function slow(): void {
    const end = performance.now() + 10;
    while (performance.now() < end) { /* busy */ }
  }
  loop.callSoon(slow);
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  loop.close();
  const warn = log.records.find((r) => r.levelName === "WARNING");
  assert.ok(warn, "a warning was logged");
  assert.match(warn.message, /^Executing <Handle slow\(\)> took 0\.0\d\d seconds$/);
});

Deno.test("PYTHONASYNCIODEBUG turns debug on only when env access is granted", async () => {
  const code = `import { newEventLoop } from "${new URL("../../asyncio/mod.ts", import.meta.url)}";
    const l = newEventLoop(); console.log(l.getDebug()); l.close();`;
  const runWith = async (flags: string[]): Promise<string> => {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", ...flags, "-"],
      env: { PYTHONASYNCIODEBUG: "1" },
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(code));
    await w.close();
    const out = await child.output();
    return new TextDecoder().decode(out.stdout).trim();
  };
  assert.equal(await runWith(["--allow-env=PYTHONASYNCIODEBUG"]), "true");
  assert.equal(await runWith([]), "false");
});

Deno.test("logger.level filters records", () => {
  using log = captureLog();
  const saved = logger.level;
  logger.level = 30;
  logger.debug("hidden");
  logger.info("hidden");
  logger.warning("shown");
  logger.level = saved;
  assert.deepEqual(log.records.map((r) => r.message), ["shown"]);
});

Deno.test("policies: getEventLoop/setEventLoop/newEventLoop and child watchers", () => {
  const saved = getEventLoopPolicy();
  const policy = new DefaultEventLoopPolicy();
  setEventLoopPolicy(policy);
  try {
    assert.equal(getEventLoopPolicy(), policy);
    const l = getEventLoop();
    assert.ok(l instanceof BaseEventLoop && l instanceof AbstractEventLoop);
    assert.equal(getEventLoop(), l);
    const m = newEventLoop();
    assert.notEqual(m, l);
    setEventLoop(m);
    assert.equal(getEventLoop(), m);
    assert.throws(() => setEventLoop({} as AbstractEventLoop), TypeError);
    assert.throws(() => policy.getChildWatcher(), NotImplementedError);
    assert.throws(() => getChildWatcher(), NotImplementedError);
    assert.throws(() => setChildWatcher({}), NotImplementedError);
    assert.throws(() => policy.setChildWatcher(null), /Deno, which reaps child processes/);
    assert.ok(policy instanceof AbstractEventLoopPolicy);
    assert.throws(() => setEventLoopPolicy({} as AbstractEventLoopPolicy), TypeError);
    l.close();
    m.close();
    setEventLoop(null);
  } finally {
    setEventLoopPolicy(saved);
  }
});

Deno.test("close() reports tasks still pending as destroyed", async () => {
  const loop = newEventLoop();
  const contexts: ExceptionContext[] = [];
  loop.setExceptionHandler((_l, c) => contexts.push(c));
  const t = loop.createTask(() => new Future({ loop }));
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  assert.ok(!t.done());
  loop.close();
  assert.equal(contexts.length, 1);
  assert.equal(contexts[0].message, "Task was destroyed but it is pending!");
  assert.equal(contexts[0].task, t);
});

Deno.test(
  "shutdownAsyncgens resolves; the loop does not keep the process alive when idle",
  async () => {
    const loop = newEventLoop();
    await loop.runUntilComplete(loop.shutdownAsyncgens());
    loop.close();
    // A script whose loop is idle must exit on its own.
    const code = `import { newEventLoop } from "${new URL(
      "../../asyncio/mod.ts",
      import.meta.url,
    )}";
    const l = newEventLoop(); l.runForever(); l.callSoon(() => console.log("ran"));`;
    const out = await new Deno.Command(Deno.execPath(), { args: ["eval", code] }).output();
    assert.equal(new TextDecoder().decode(out.stdout).trim(), "ran");
  },
);

Deno.test("the loop interleaves with other Deno work and yields to macrotasks", async () => {
  await run(async () => {
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const t0 = performance.now();
    while (!timerRan && performance.now() - t0 < 2000) await sleep(0);
    assert.ok(timerRan, "a busy loop of sleep(0) still lets a setTimeout run");
  });
});

Deno.test("a timer beyond setTimeout's range does not fire early", async () => {
  const loop = newEventLoop();
  let fired = false;
  const far = loop.callLater(60 * 60 * 24 * 30, () => (fired = true)); // 30 days
  loop.callLater(0.02, () => loop.stop());
  await loop.runForever();
  assert.equal(fired, false);
  far.cancel();
  loop.close();
});

Deno.test("a stopped loop can run again at once", async () => {
  const loop = newEventLoop();
  loop.callSoon(() => loop.stop());
  const first = loop.runForever();
  await Promise.resolve();
  await first;
  assert.equal(await loop.runUntilComplete(Promise.resolve(2)), 2);
  loop.close();
});
