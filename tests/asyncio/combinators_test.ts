// gather, shield, wait, waitFor, asCompleted (CPython test_tasks behaviours), on virtual
// time where timing matters.

import assert from "node:assert/strict";
import {
  ALL_COMPLETED,
  asCompleted,
  CancelledError,
  createTask,
  currentTask,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  Future,
  gather,
  getRunningLoop,
  run,
  shield,
  sleep,
  type Task,
  TimeoutError,
  ValueError,
  wait,
  waitFor,
} from "../../asyncio/mod.ts";
import { TestLoop } from "../_helpers/test_loop.ts";

const virtual = { loopFactory: () => new TestLoop() };
const now = (): number => getRunningLoop().time();
const fail = (msg: string, after = 0) => async (): Promise<never> => {
  await sleep(after);
  throw new Error(msg);
};

Deno.test(
  "gather() resolves to results in argument order, whatever the finishing order",
  async () => {
    await run(async () => {
      const r = await gather(sleep(3, "a"), () => sleep(1, "b"), createTask(() => sleep(2, "c")));
      assert.deepEqual(r, ["a", "b", "c"]);
      assert.equal(now(), 3);
      assert.deepEqual(await gather(), []);
      const t = createTask(() => sleep(1, 7));
      assert.deepEqual(await gather(t, t), [7, 7], "the same awaitable twice");
    }, virtual);
  },
);

Deno.test(
  "gather() without returnExceptions fails with the first exception; others go on",
  async () => {
    await run(async () => {
      const slow = createTask(() => sleep(5, "slow"));
      const g = gather(fail("first", 1), fail("second", 2), slow);
      await assert.rejects(async () => await g, /first/);
      assert.equal(now(), 1);
      assert.ok(!slow.done(), "the other children are not cancelled");
      assert.equal(await slow, "slow");
    }, virtual);
  },
);

Deno.test(
  "gather(..., { returnExceptions: true }) returns exceptions and CancelledError as results",
  async () => {
    await run(async () => {
      const c = createTask(() => sleep(10));
      const g = gather(fail("x"), sleep(1, "ok"), c, { returnExceptions: true });
      await sleep(0);
      c.cancel("c");
      const r = await g;
      assert.ok(r[0] instanceof Error && r[0].message === "x");
      assert.equal(r[1], "ok");
      assert.ok(r[2] instanceof CancelledError && r[2].message === "c");
    }, virtual);
  },
);

Deno.test(
  "cancelling the gather() future cancels every child and throws CancelledError",
  async () => {
    await run(async () => {
      const log: string[] = [];
      const child = (name: string) => async () => {
        try {
          await sleep(10);
        } finally {
          log.push(name);
        }
      };
      const g = gather(child("a"), child("b"));
      await sleep(1);
      assert.equal(g.cancel(), true);
      await assert.rejects(async () => await g, CancelledError);
      assert.deepEqual(log.sort(), ["a", "b"]);
      assert.equal(g.cancel(), false, "already done");
    }, virtual);
  },
);

Deno.test(
  "a child cancelled alone makes gather() throw CancelledError (no returnExceptions)",
  async () => {
    await run(async () => {
      const a = createTask(() => sleep(10));
      const g = gather(a, sleep(20));
      await sleep(1);
      a.cancel();
      await assert.rejects(async () => await g, CancelledError);
    }, virtual);
  },
);

Deno.test(
  "cancelling a task that awaits gather() of coroutines cancels the coroutines",
  async () => {
    await run(async () => {
      const log: string[] = [];
      const work = async (name: string): Promise<void> => {
        try {
          await sleep(10);
        } finally {
          log.push(name);
        }
      };
      // Coroutines passed as Promises: each gets its own task inside gather().
      const t = createTask(async () => await gather(work("a"), work("b")));
      await sleep(1);
      t.cancel();
      await assert.rejects(async () => await t, CancelledError);
      assert.deepEqual(log.sort(), ["a", "b"]);
      assert.equal(now(), 1);
    }, virtual);
  },
);

Deno.test("shield(): the outer future is cancelled, the inner work goes on", async () => {
  await run(async () => {
    const inner = createTask(() => sleep(2, "inner"));
    const waiter = createTask(async () => await shield(inner));
    await sleep(1);
    waiter.cancel();
    await assert.rejects(async () => await waiter, CancelledError);
    assert.ok(!inner.done());
    assert.equal(await inner, "inner");
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    const done = createTask(async () => 1);
    await done;
    assert.equal(shield(done), done, "a done future is returned as it is");
    const failing = shield(fail("f", 1));
    await assert.rejects(async () => await failing, /f/);
    const cancelled = createTask(() => sleep(1));
    const s = shield(cancelled);
    cancelled.cancel();
    await assert.rejects(async () => await s, CancelledError);
  }, virtual);
});

Deno.test("wait(): ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION and timeout", async () => {
  await run(async () => {
    const mk = (d: number) => createTask(() => sleep(d, d));
    const [a, b] = [mk(1), mk(2)];
    let [done, pending] = await wait([a, b]);
    assert.deepEqual([done.size, pending.size, now()], [2, 0, 2]);

    const [c, d] = [mk(1), mk(5)];
    [done, pending] = await wait([c, d], { returnWhen: FIRST_COMPLETED });
    assert.ok(done.has(c) && pending.has(d) && now() === 3);

    const e = createTask(fail("e", 1));
    [done, pending] = await wait([e, d], { returnWhen: FIRST_EXCEPTION });
    assert.ok(done.has(e) && pending.has(d) && now() === 4);
    e.exception();

    [done, pending] = await wait([d], { timeout: 0.5, returnWhen: ALL_COMPLETED });
    assert.ok(pending.has(d) && !d.cancelled() && now() === 4.5, "wait() cancels nothing");

    const [coroDone] = await wait([sleep(1, "c1")]);
    assert.equal([...coroDone][0].result(), "c1");
    d.cancel();
  }, virtual);
});

Deno.test("wait() rejects an empty set and an unknown returnWhen", async () => {
  await run(async () => {
    await assert.rejects(wait([]), {
      name: "ValueError",
      message: "Set of Tasks/Futures is empty.",
    });
    const f = new Future();
    await assert.rejects(wait([f], { returnWhen: "NEVER" as typeof ALL_COMPLETED }), ValueError);
    f.cancel();
  });
});

Deno.test(
  "waitFor() returns in time, or cancels the awaitable, waits for it, throws TimeoutError",
  async () => {
    await run(async () => {
      assert.equal(await waitFor(sleep(1, "fast"), 2), "fast");
      const log: string[] = [];
      const slow = async (): Promise<string> => {
        try {
          await sleep(10);
          return "late";
        } finally {
          await sleep(1); // cleanup that takes time: waitFor waits for it
          log.push("cleaned up");
        }
      };
      const t0 = now();
      await assert.rejects(waitFor(slow(), 2), TimeoutError);
      assert.deepEqual(log, ["cleaned up"]);
      assert.equal(now() - t0, 3);

      const inner = createTask(() => sleep(10));
      await assert.rejects(waitFor(inner, 1), TimeoutError);
      assert.ok(inner.cancelled(), "a task given to waitFor is cancelled on timeout");

      assert.equal(await waitFor(sleep(100, "no limit"), null), "no limit");
    }, virtual);
  },
);

Deno.test("waitFor() with timeout <= 0: a done future's result, else TimeoutError", async () => {
  await run(async () => {
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    const done = createTask(async () => 5);
    await sleep(0);
    assert.equal(await waitFor(done, 0), 5);
    await assert.rejects(waitFor(() => sleep(1), 0), TimeoutError);
  }, virtual);
});

Deno.test("waitFor(): an awaitable that swallows the cancellation returns its value", async () => {
  await run(async () => {
    const stubborn = async (): Promise<string> => {
      try {
        await sleep(10);
      } catch {
        return "kept going";
      }
      return "no";
    };
    assert.equal(await waitFor(stubborn(), 1), "kept going");
  }, virtual);
});

Deno.test("waitFor(): cancelling the caller is CancelledError, not TimeoutError", async () => {
  await run(async () => {
    const t = createTask(() => waitFor(sleep(10), 5));
    await sleep(1);
    t.cancel();
    await assert.rejects(async () => await t, CancelledError);
  }, virtual);
});

Deno.test("asCompleted() yields in completion order; timeout throws TimeoutError", async () => {
  await run(async () => {
    const order: string[] = [];
    for (const next of asCompleted([sleep(3, "c"), sleep(1, "a"), sleep(2, "b")])) {
      order.push(await next);
    }
    assert.deepEqual(order, ["a", "b", "c"]);

    const results: string[] = [];
    for await (const v of asCompleted([sleep(2, "y"), sleep(1, "x")])) results.push(v);
    assert.deepEqual(results, ["x", "y"]);

    const it = asCompleted([sleep(1, "in time"), sleep(10, "too late")], { timeout: 5 });
    const first = it.next();
    const second = it.next();
    assert.ok(!first.done && !second.done);
    assert.equal(await first.value, "in time");
    await assert.rejects(async () => await second.value, TimeoutError);
    assert.equal(now(), 3 + 2 + 5);
    assert.ok(it.next().done);
  }, virtual);
});

Deno.test("asCompleted() passes exceptions through in order", async () => {
  await run(async () => {
    const seen: string[] = [];
    for (const next of asCompleted([fail("late", 2), sleep(1, "ok")])) {
      try {
        seen.push(await next);
      } catch (e) {
        seen.push(`error ${(e as Error).message}`);
      }
    }
    assert.deepEqual(seen, ["ok", "error late"]);
  }, virtual);
});

Deno.test("coroutines started before gather() each run as their own task", async () => {
  await run(async () => {
    // (A task is a thenable: an async function returning one would await it, so the
    // tasks are returned inside arrays.)
    const who = async (): Promise<(Task<unknown> | null)[]> => {
      await sleep(1);
      return [currentTask()];
    };
    const [[a], [b]] = await gather(who(), who());
    assert.ok(a !== null && b !== null && a !== b && a !== currentTask());
  }, virtual);
});
