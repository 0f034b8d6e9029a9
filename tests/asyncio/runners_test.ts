// run, Runner, TaskGroup, timeout/timeoutAt (CPython test_runners, test_taskgroups,
// test_timeouts behaviours).

import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  currentTask,
  type ExceptionContext,
  ExceptionGroup,
  getEventLoop,
  getRunningLoop,
  run,
  Runner,
  RuntimeError,
  sleep,
  TaskGroup,
  timeout,
  timeoutAt,
  TimeoutError,
} from "../../asyncio/mod.ts";
import { TestLoop } from "../_helpers/test_loop.ts";

const virtual = { loopFactory: () => new TestLoop() };

Deno.test("run() returns main's result, closes the loop, cancels what is left", async () => {
  let loop;
  let leftover;
  // deno-lint-ignore require-await -- a coroutine that finishes without suspending
  const v = await run(async () => {
    loop = getRunningLoop();
    leftover = createTask(() => sleep(3600));
    return "result";
  });
  assert.equal(v, "result");
  assert.ok(loop!.isClosed());
  assert.ok(leftover!.cancelled());
  await assert.rejects(
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    run(async () => {
      throw new Error("main failed");
    }),
    /main failed/,
  );
  await assert.rejects(run(42 as unknown as () => Promise<void>), TypeError);
});

Deno.test("run() reports leftover tasks that fail while being cancelled", async () => {
  const contexts: ExceptionContext[] = [];
  await run(async () => {
    getRunningLoop().setExceptionHandler((_l, c) => contexts.push(c));
    createTask(async () => {
      try {
        await sleep(3600);
      } finally {
        // deno-lint-ignore no-unsafe-finally
        throw new Error("cleanup failed");
      }
    });
    await sleep(0);
  }, virtual);
  assert.equal(contexts.length, 1);
  assert.equal(contexts[0].message, "unhandled exception during asyncio.run() shutdown");
});

Deno.test(
  "run(debug) sets the loop's debug mode; run(main()) runs a started coroutine",
  async () => {
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    assert.equal(await run(async () => getRunningLoop().getDebug(), { debug: true }), true);
    async function main(): Promise<boolean> {
      await sleep(0);
      return currentTask() !== null;
    }
    assert.equal(await run(main()), true);
    getEventLoop().close(); // run(main()) left a fresh current loop for the next one
  },
);

Deno.test("Runner runs several coroutines on one loop and closes with await using", async () => {
  let loop;
  {
    await using runner = new Runner(virtual);
    loop = runner.getLoop();
    assert.equal(await runner.run(async () => (await sleep(5), getRunningLoop().time())), 5);
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    assert.equal(await runner.run(async () => getRunningLoop()), loop);
    assert.equal(runner.getLoop(), loop);
  }
  assert.ok(loop.isClosed());
  const closed = new Runner();
  await closed.close();
  await assert.rejects(closed.run(async () => {}), {
    name: "RuntimeError",
    message: "Runner is closed",
  });
});

Deno.test("TaskGroup.run waits for every task and returns the body's value", async () => {
  await run(async () => {
    const tg = new TaskGroup();
    const t0 = getRunningLoop().time();
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    const names = await tg.run(async (g) => {
      g.createTask(() => sleep(2));
      g.createTask(() => sleep(1));
      return "body";
    });
    assert.equal(names, "body");
    assert.equal(getRunningLoop().time() - t0, 2);
    assert.throws(() => tg.createTask(async () => {}), { message: /is finished/ });
  }, virtual);
});

Deno.test(
  "TaskGroup: a failing task cancels the others and the body; errors come as ExceptionGroup",
  async () => {
    await run(async () => {
      const log: string[] = [];
      let err: unknown;
      try {
        await new TaskGroup().run(async (g) => {
          g.createTask(async () => {
            try {
              await sleep(10);
            } finally {
              log.push("sibling cancelled");
            }
          });
          g.createTask(async () => {
            await sleep(1);
            throw new Error("child failed");
          });
          try {
            await sleep(100);
          } finally {
            log.push("body cancelled");
          }
        });
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof ExceptionGroup);
      assert.equal(err.exceptions.length, 1);
      assert.equal((err.exceptions[0] as Error).message, "child failed");
      assert.match(err.message, /^unhandled errors in a TaskGroup \(1 sub-exception\)$/);
      assert.deepEqual(log.sort(), ["body cancelled", "sibling cancelled"]);
      assert.equal(currentTask()!.cancelling(), 0, "the group's own cancellation was undone");
    }, virtual);
  },
);

Deno.test(
  "TaskGroup: the body failing cancels the tasks and joins the group's errors",
  async () => {
    await run(async () => {
      const t0 = getRunningLoop().time();
      await assert.rejects(
        // deno-lint-ignore require-await -- a coroutine that finishes without suspending
        new TaskGroup().run(async (g) => {
          g.createTask(() => sleep(10));
          throw new Error("body failed");
        }),
        (e: unknown) =>
          e instanceof ExceptionGroup && (e.exceptions[0] as Error).message === "body failed",
      );
      assert.equal(getRunningLoop().time(), t0, "the task was cancelled, not waited for");
    }, virtual);
  },
);

Deno.test(
  "TaskGroup: cancelling the parent from outside cancels the tasks and propagates",
  async () => {
    await run(async () => {
      const log: string[] = [];
      const parent = createTask(() =>
        new TaskGroup().run(async (g) => {
          g.createTask(async () => {
            try {
              await sleep(10);
            } finally {
              log.push("child");
            }
          });
          await sleep(10);
        })
      );
      await sleep(1);
      parent.cancel();
      await assert.rejects(async () => await parent, CancelledError);
      assert.deepEqual(log, ["child"]);
    }, virtual);
  },
);

Deno.test("TaskGroup with await using waits for its tasks; misuse gives RuntimeError", async () => {
  await run(async () => {
    let t;
    {
      await using g = new TaskGroup();
      t = g.createTask(() => sleep(1, "done"));
    }
    assert.equal(t.result(), "done");
    const g = new TaskGroup();
    assert.throws(() => g.enter(), { message: /has already been entered/ });
  }, virtual);
  const outside = new TaskGroup();
  assert.throws(() => outside.createTask(async () => {}), {
    name: "RuntimeError",
    message: /has not been entered/,
  });
});

Deno.test("timeout(): TimeoutError when the body overruns; the body's value in time", async () => {
  await run(async () => {
    assert.equal(await timeout(2).run(() => sleep(1, "ok")), "ok");
    const log: string[] = [];
    const cm = timeout(1);
    await assert.rejects(
      cm.run(async () => {
        try {
          await sleep(5);
        } finally {
          log.push("finally");
        }
      }),
      (e: unknown) => e instanceof TimeoutError && e.cause instanceof CancelledError,
    );
    assert.ok(cm.expired());
    assert.deepEqual(log, ["finally"]);
    assert.equal(currentTask()!.cancelling(), 0);
    await timeout(null).run(() => sleep(100));
  }, virtual);
});

Deno.test("timeout reschedule, timeoutAt, and state errors", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const cm = timeoutAt(loop.time() + 1);
    assert.throws(() => cm.reschedule(5), {
      name: "RuntimeError",
      message: "Timeout has not been entered",
    });
    await cm.run(async () => {
      cm.reschedule(loop.time() + 10);
      await sleep(5);
      assert.ok(!cm.expired());
      cm.reschedule(null);
      await sleep(20);
    });
    assert.throws(() => cm.reschedule(1), RuntimeError);
    assert.throws(() => cm.enter(), RuntimeError);
    const past = timeoutAt(loop.time() - 1);
    await assert.rejects(past.run(() => sleep(1)), TimeoutError);
    assert.match(String(past), /expired/);
  }, virtual);
});

Deno.test(
  "timeout outside a task, and a cancellation from outside stays CancelledError",
  async () => {
    await assert.rejects(timeout(1).run(async () => {}), { message: "no running event loop" });
    await run(async () => {
      const t = createTask(() => timeout(10).run(() => sleep(5)));
      await sleep(1);
      t.cancel();
      await assert.rejects(async () => await t, CancelledError);
    }, virtual);
  },
);
