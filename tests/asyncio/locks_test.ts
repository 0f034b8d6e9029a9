// Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier (CPython test_locks).

import assert from "node:assert/strict";
import {
  Barrier,
  BoundedSemaphore,
  BrokenBarrierError,
  CancelledError,
  Condition,
  createTask,
  Event,
  gather,
  Lock,
  run,
  RuntimeError,
  Semaphore,
  sleep,
  ValueError,
} from "../../asyncio/mod.ts";
import { TestLoop } from "../_helpers/test_loop.ts";

const virtual = { loopFactory: () => new TestLoop() };

Deno.test(
  "Lock: acquire/release, locked(), release of an unlocked lock throws RuntimeError",
  async () => {
    await run(async () => {
      const lock = new Lock();
      assert.equal(lock.locked(), false);
      assert.equal(await lock.acquire(), true);
      assert.ok(lock.locked());
      assert.match(String(lock), /\[locked\]/);
      lock.release();
      assert.throws(() => lock.release(), {
        name: "RuntimeError",
        message: "Lock is not acquired.",
      });
    });
  },
);

Deno.test("Lock wakes waiters in FIFO order", async () => {
  await run(async () => {
    const lock = new Lock();
    const order: number[] = [];
    await lock.acquire();
    const tasks = [1, 2, 3].map((i) =>
      createTask(async () => {
        await lock.acquire();
        order.push(i);
        await sleep(0);
        lock.release();
      })
    );
    await sleep(0);
    assert.match(String(lock), /waiters:3/);
    lock.release();
    await gather(...tasks);
    assert.deepEqual(order, [1, 2, 3]);
    assert.ok(!lock.locked());
  });
});

Deno.test(
  "Lock: a cancelled waiter is skipped; a woken-then-cancelled waiter passes the lock on",
  async () => {
    await run(async () => {
      const lock = new Lock();
      await lock.acquire();
      const got: string[] = [];
      const a = createTask(async () => {
        await lock.acquire();
        got.push("a");
        lock.release();
      });
      const b = createTask(async () => {
        await lock.acquire();
        got.push("b");
        lock.release();
      });
      await sleep(0);
      a.cancel();
      lock.release();
      await assert.rejects(async () => await a, CancelledError);
      await b;
      assert.deepEqual(got, ["b"]);

      await lock.acquire();
      const c = createTask(async () => {
        await lock.acquire();
        got.push("c");
        lock.release();
      });
      const d = createTask(async () => {
        await lock.acquire();
        got.push("d");
        lock.release();
      });
      await sleep(0);
      lock.release(); // wakes c ...
      c.cancel(); // ... which is cancelled before it runs: d must still get the lock
      await assert.rejects(async () => await c, CancelledError);
      await d;
      assert.deepEqual(got, ["b", "d"]);
      assert.ok(!lock.locked());
    });
  },
);

Deno.test(
  "Lock.enter() with await using releases at the end of the block, even on error",
  async () => {
    await run(async () => {
      const lock = new Lock();
      await assert.rejects(async () => {
        await using _ = await lock.enter();
        assert.ok(lock.locked());
        throw new Error("inside");
      }, /inside/);
      assert.ok(!lock.locked());
      {
        using _held = await lock.enter();
      }
      assert.ok(!lock.locked());
    });
  },
);

Deno.test("Event: wait until set, set wakes every waiter, clear", async () => {
  await run(async () => {
    const ev = new Event();
    const woken: number[] = [];
    const ts = [1, 2, 3].map((i) => createTask(async () => void (await ev.wait(), woken.push(i))));
    await sleep(0);
    assert.deepEqual(woken, []);
    assert.match(String(ev), /unset, waiters:3/);
    ev.set();
    ev.set();
    await gather(...ts);
    assert.deepEqual(woken, [1, 2, 3]);
    assert.ok(ev.isSet());
    assert.equal(await ev.wait(), true);
    ev.clear();
    assert.ok(!ev.isSet());
    const w = createTask(() => ev.wait());
    await sleep(0);
    w.cancel();
    await assert.rejects(async () => await w, CancelledError);
    assert.doesNotMatch(String(ev), /waiters/);
  });
});

Deno.test("Condition: wait/notify need the lock (RuntimeError)", async () => {
  await run(async () => {
    const c = new Condition();
    await assert.rejects(c.wait(), {
      name: "RuntimeError",
      message: "cannot wait on un-acquired lock",
    });
    assert.throws(() => c.notify(), { message: "cannot notify on un-acquired lock" });
    assert.throws(() => c.notifyAll(), RuntimeError);
    assert.throws(() => new Condition({} as Lock), TypeError);
  });
});

Deno.test(
  "Condition.notify(n) wakes n waiters in FIFO order; notifyAll wakes the rest",
  async () => {
    await run(async () => {
      const c = new Condition();
      const order: number[] = [];
      const ts = [1, 2, 3, 4].map((i) =>
        createTask(async () => {
          await using _ = await c.enter();
          await c.wait();
          order.push(i);
        })
      );
      await sleep(0);
      await c.acquire();
      c.notify(2);
      c.release();
      await sleep(0.01);
      assert.deepEqual(order, [1, 2]);
      await c.acquire();
      c.notifyAll();
      c.release();
      await gather(...ts);
      assert.deepEqual(order, [1, 2, 3, 4]);
    }, virtual);
  },
);

Deno.test("Condition.waitFor(predicate) and two conditions sharing one lock", async () => {
  await run(async () => {
    const lock = new Lock();
    const notEmpty = new Condition(lock), notFull = new Condition(lock);
    const items: number[] = [];
    const consumer = createTask(async () => {
      await using _ = await notEmpty.enter();
      await notEmpty.waitFor(() => items.length >= 2);
      assert.ok(lock.locked(), "waitFor returns holding the shared lock");
      return items.splice(0);
    });
    for (const i of [1, 2]) {
      await using _ = await notFull.enter();
      items.push(i);
      notEmpty.notify();
    }
    assert.deepEqual(await consumer, [1, 2]);
  });
});

Deno.test("Condition.wait() cancelled re-acquires the lock before throwing", async () => {
  await run(async () => {
    const c = new Condition();
    let heldWhenCancelled = false;
    const t = createTask(async () => {
      await c.acquire();
      try {
        await c.wait();
      } catch (e) {
        heldWhenCancelled = c.locked();
        throw e;
      } finally {
        c.release();
      }
    });
    await sleep(0);
    await c.acquire(); // the waiter must wait for this lock to come back
    t.cancel();
    await sleep(0);
    assert.ok(!t.done());
    c.release();
    await assert.rejects(async () => await t, CancelledError);
    assert.ok(heldWhenCancelled);
  });
});

Deno.test("Semaphore: counts, FIFO fairness, ValueError for a negative value", async () => {
  await run(async () => {
    assert.throws(() => new Semaphore(-1), {
      name: "ValueError",
      message: "Semaphore initial value must be >= 0",
    });
    assert.throws(() => new Semaphore(1.5), TypeError);
    const sem = new Semaphore(2);
    const order: number[] = [];
    let inside = 0, most = 0;
    const ts = [1, 2, 3, 4, 5].map((i) =>
      createTask(async () => {
        await using _ = await sem.enter();
        inside++;
        most = Math.max(most, inside);
        order.push(i);
        await sleep(1);
        inside--;
      })
    );
    await gather(...ts);
    assert.deepEqual(order, [1, 2, 3, 4, 5]);
    assert.equal(most, 2);
    assert.ok(!sem.locked());
    assert.match(String(sem), /unlocked, value:2/);
  }, virtual);
});

Deno.test("Semaphore: a waiter cancelled after being woken gives its unit back", async () => {
  await run(async () => {
    const sem = new Semaphore(0);
    const a = createTask(() => sem.acquire());
    const b = createTask(() => sem.acquire());
    await sleep(0);
    sem.release(); // wakes a
    a.cancel(); // before a runs
    await assert.rejects(async () => await a, CancelledError);
    assert.equal(await b, true, "the unit went to b");
    assert.equal(sem._value, 0);
  });
});

Deno.test("BoundedSemaphore: ValueError when released too many times", async () => {
  await run(async () => {
    const sem = new BoundedSemaphore(2);
    await sem.acquire();
    sem.release();
    assert.throws(() => sem.release(), {
      name: "ValueError",
      message: "BoundedSemaphore released too many times",
    });
    assert.ok(new BoundedSemaphore() instanceof Semaphore);
  });
});

Deno.test(
  "Barrier: all parties pass together with distinct indices, and it is reusable",
  async () => {
    await run(async () => {
      const b = new Barrier(3);
      assert.throws(() => new Barrier(0), ValueError);
      assert.equal(b.parties, 3);
      for (let round = 0; round < 2; round++) {
        const passed: number[] = [];
        const ts = [0, 1, 2].map((i) =>
          createTask(async () => {
            await sleep(i);
            const idx = await b.wait();
            passed.push(i);
            return idx;
          })
        );
        await sleep(1.5);
        assert.equal(b.nWaiting, 2);
        assert.deepEqual(passed, []);
        const idx = await gather(...ts);
        assert.deepEqual([...idx].sort(), [0, 1, 2]);
        assert.equal(passed.length, 3);
      }
      assert.ok(!b.broken);
    }, virtual);
  },
);

Deno.test("Barrier.reset() and abort() break waiting tasks with BrokenBarrierError", async () => {
  await run(async () => {
    const b = new Barrier(3);
    const w = createTask(() => b.wait());
    await sleep(0);
    await b.reset();
    await assert.rejects(async () => await w, BrokenBarrierError);
    assert.ok(!b.broken);
    const w2 = createTask(() => b.wait());
    await sleep(0);
    await b.abort();
    await assert.rejects(async () => await w2, BrokenBarrierError);
    assert.ok(b.broken);
    await assert.rejects(b.wait(), { name: "BrokenBarrierError", message: "Barrier aborted" });
    assert.ok(new BrokenBarrierError() instanceof RuntimeError);
  });
});

Deno.test(
  "a coroutine given to createTask as a Promise: woken by a lock, then cancelled",
  async () => {
    await run(async () => {
      const lock = new Lock();
      await lock.acquire();
      const got: string[] = [];
      const contender = async (name: string): Promise<void> => {
        await lock.acquire();
        got.push(name);
        lock.release();
      };
      const a = createTask(contender("a"));
      const b = createTask(contender("b"));
      await sleep(0);
      lock.release(); // wakes a ...
      a.cancel(); // ... which is cancelled before it runs: b gets the lock
      await assert.rejects(async () => await a, CancelledError);
      await b;
      assert.deepEqual(got, ["b"]);
    });
  },
);
