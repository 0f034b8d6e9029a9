// Queue, PriorityQueue, LifoQueue (CPython test_queues).

import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  gather,
  LifoQueue,
  PriorityQueue,
  Queue,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  run,
  sleep,
} from "../../asyncio/mod.ts";
import { pythonLess } from "../../asyncio/_pyorder.ts";
import { TestLoop } from "../_helpers/test_loop.ts";

const virtual = { loopFactory: () => new TestLoop() };

Deno.test("Queue: maxsize, qsize, empty, full, FIFO order, both constructor forms", () => {
  const q = new Queue<number>(2);
  assert.equal(q.maxsize, 2);
  assert.ok(q.empty() && !q.full());
  q.putNowait(1);
  q.putNowait(2);
  assert.ok(q.full());
  assert.equal(q.qsize(), 2);
  assert.throws(() => q.putNowait(3), QueueFull);
  assert.equal(q.getNowait(), 1);
  assert.equal(q.getNowait(), 2);
  assert.throws(() => q.getNowait(), QueueEmpty);
  assert.equal(new Queue({ maxsize: 5 }).maxsize, 5);
  assert.ok(!new Queue(0).full() && !new Queue(-1).full(), "maxsize <= 0 is unbounded");
  assert.throws(() => new Queue("x" as unknown as number), TypeError);
  assert.match(String(q), /^<Queue maxsize=2 tasks=2>$/);
});

Deno.test("Queue.get waits for put; put waits while full; waiters are served FIFO", async () => {
  await run(async () => {
    const q = new Queue<string>(1);
    const got: string[] = [];
    const getters = [1, 2].map((i) => createTask(async () => got.push(`${i}:${await q.get()}`)));
    await sleep(0);
    await q.put("a");
    await q.put("b");
    await gather(...getters);
    assert.deepEqual(got, ["1:a", "2:b"]);

    q.putNowait("x");
    const order: string[] = [];
    const putters = ["y", "z"].map((v) => createTask(async () => (await q.put(v), order.push(v))));
    await sleep(0);
    assert.match(String(q), /_putters\[2\]/);
    assert.deepEqual([await q.get(), await q.get(), await q.get()], ["x", "y", "z"]);
    await gather(...putters);
    assert.deepEqual(order, ["y", "z"]);
  });
});

Deno.test(
  "Queue.join waits for taskDone of every item; taskDone too often is ValueError",
  async () => {
    await run(async () => {
      const q = new Queue<number>();
      const done: number[] = [];
      for (let i = 0; i < 5; i++) q.putNowait(i);
      const workers = [0, 1].map(() =>
        createTask(async () => {
          for (;;) {
            const item = await q.get();
            await sleep(1);
            done.push(item);
            q.taskDone();
          }
        })
      );
      await q.join();
      assert.deepEqual(done.sort(), [0, 1, 2, 3, 4]);
      assert.throws(() => q.taskDone(), {
        name: "ValueError",
        message: "task_done() called too many times",
      });
      await q.join(); // returns at once
      for (const w of workers) w.cancel();
      const r = await gather(...workers, { returnExceptions: true });
      assert.ok(r.every((e) => e instanceof CancelledError));
    }, virtual);
  },
);

Deno.test(
  "Queue: a cancelled get loses no item; a woken-then-cancelled getter passes the item on",
  async () => {
    await run(async () => {
      const q = new Queue<number>();
      const a = createTask(() => q.get());
      const b = createTask(() => q.get());
      await sleep(0);
      q.putNowait(1); // wakes a
      a.cancel(); // before a runs
      await assert.rejects(async () => await a, CancelledError);
      assert.equal(await b, 1, "the item went to b");
      const c = createTask(() => q.get());
      await sleep(0);
      c.cancel();
      await assert.rejects(async () => await c, CancelledError);
      q.putNowait(2);
      assert.equal(q.getNowait(), 2);
    });
  },
);

Deno.test("Queue.put cancelled while full does not add its item", async () => {
  await run(async () => {
    const q = new Queue<number>(1);
    q.putNowait(1);
    const p = createTask(() => q.put(2));
    await sleep(0);
    p.cancel();
    await assert.rejects(async () => await p, CancelledError);
    assert.equal(q.getNowait(), 1);
    assert.ok(q.empty());
  });
});

Deno.test(
  "Queue.shutdown(): put throws, get drains then throws, waiters wake with QueueShutDown",
  async () => {
    await run(async () => {
      const q = new Queue<number>(1);
      q.putNowait(1);
      const putter = createTask(() => q.put(2));
      const empty = new Queue<number>();
      const getter = createTask(() => empty.get());
      await sleep(0);
      q.shutdown();
      empty.shutdown();
      await assert.rejects(async () => await putter, QueueShutDown);
      await assert.rejects(async () => await getter, QueueShutDown);
      assert.throws(() => q.putNowait(3), QueueShutDown);
      assert.equal(await q.get(), 1, "items already queued can still be taken");
      await assert.rejects(q.get(), QueueShutDown);
      assert.throws(() => q.getNowait(), QueueShutDown);
      assert.match(String(q), /shutdown/);
    });
  },
);

Deno.test(
  "Queue.shutdown(true) drops the items, counts them done, and releases join()",
  async () => {
    await run(async () => {
      const q = new Queue<number>();
      q.putNowait(1);
      q.putNowait(2);
      const joiner = createTask(() => q.join());
      await sleep(0);
      q.shutdown(true);
      await joiner;
      assert.ok(q.empty());
      await assert.rejects(q.get(), QueueShutDown);
    });
  },
);

Deno.test("PriorityQueue orders numbers, strings and arrays element by element", () => {
  const q = new PriorityQueue<[number, string]>();
  for (const item of [[3, "c"], [1, "b"], [2, "x"], [1, "a"], [2, "w"]] as [number, string][]) {
    q.putNowait(item);
  }
  const out = [];
  while (!q.empty()) out.push(q.getNowait());
  assert.deepEqual(out, [[1, "a"], [1, "b"], [2, "w"], [2, "x"], [3, "c"]]);

  const s = new PriorityQueue<string>();
  for (const v of ["pear", "apple", "Zebra", "é", "z"]) s.putNowait(v);
  const strs = [];
  while (!s.empty()) strs.push(s.getNowait());
  assert.deepEqual(strs, ["Zebra", "apple", "pear", "z", "é"], "by code point, like Python");

  const n = new PriorityQueue<unknown>();
  for (const v of [5, 1n, 3.5, true]) n.putNowait(v);
  assert.deepEqual(
    [n.getNowait(), n.getNowait(), n.getNowait(), n.getNowait()],
    [1n, true, 3.5, 5].sort(
      (a, b) => Number(a) - Number(b),
    ),
  );
});

Deno.test(
  "PriorityQueue.putNowait throws TypeError for uncomparable items and keeps its order",
  () => {
    const q = new PriorityQueue<unknown>();
    q.putNowait(2);
    q.putNowait(1);
    assert.throws(() => q.putNowait("x"), {
      name: "TypeError",
      message: "'<' not supported between instances of 'str' and 'number'",
    });
    assert.equal(q.qsize(), 2);
    assert.equal(q.getNowait(), 1);
    assert.throws(() => pythonLess([1, {}], [1, {}]), TypeError);
    assert.ok(pythonLess([1, 2], [1, 2, 0]), "a prefix is smaller");
    const withLt = {
      v: 1,
      __lt__(o: { v: number }): boolean {
        return this.v < o.v;
      },
    };
    assert.ok(pythonLess(withLt, { v: 2 }));
  },
);

Deno.test("LifoQueue returns the most recent item first", async () => {
  await run(async () => {
    const q = new LifoQueue<number>();
    for (const i of [1, 2, 3]) await q.put(i);
    assert.deepEqual([await q.get(), await q.get(), await q.get()], [3, 2, 1]);
  });
});

Deno.test("Queue.put on a shut-down queue rejects (it does not throw synchronously)", async () => {
  const q = new Queue<number>();
  q.shutdown();
  const p = q.put(1);
  assert.ok(p instanceof Promise);
  await assert.rejects(p, QueueShutDown);
});
