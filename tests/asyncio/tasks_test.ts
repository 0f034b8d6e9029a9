// Task: cancellation at every kind of await, currentTask, names, factories
// (CPython test_tasks behaviours).

import assert from "node:assert/strict";
import {
  allTasks,
  Barrier,
  CancelledError,
  Condition,
  createEagerTaskFactory,
  createTask,
  currentTask,
  eagerTaskFactory,
  ensureFuture,
  Event,
  type ExceptionContext,
  Future,
  gather,
  getRunningLoop,
  iscoroutine,
  iscoroutinefunction,
  Lock,
  Queue,
  run,
  RuntimeError,
  Semaphore,
  setEventLoop,
  sleep,
  Task,
  ValueError,
} from "../../asyncio/mod.ts";
import { setContextBackend } from "../../asyncio/_context.ts";
import { TestLoop } from "../_helpers/test_loop.ts";

const virtual = { loopFactory: () => new TestLoop() };

Deno.test(
  "currentTask() and getRunningLoop() work from a task's first line and after awaits",
  async () => {
    await run(async () => {
      const seen: boolean[] = [];
      const t: Task<void> = createTask(async () => {
        seen.push(currentTask() === t, getRunningLoop().isRunning());
        await sleep(0);
        seen.push(currentTask() === t);
        await Promise.resolve(); // a native await keeps the task's context too
        await new Promise((r) => setTimeout(r, 1));
        seen.push(currentTask() === t);
      });
      const other = createTask(async () => {
        await sleep(0);
        return [currentTask()];
      });
      await sleep(0.005);
      assert.equal(other.done(), true);
      assert.equal(other.result()[0], other);
      t.cancel();
      await t.then(() => {}, () => {});
      assert.deepEqual(seen.slice(0, 3), [true, true, true]);
    }, virtual);
  },
);

Deno.test("Task names: Task-<n> by default, name option, setName", async () => {
  await run(async () => {
    const a = createTask(async () => {});
    assert.match(a.getName(), /^Task-\d+$/);
    const b = createTask(async () => {}, { name: "worker" });
    assert.equal(b.getName(), "worker");
    b.setName(42);
    assert.equal(b.getName(), "42");
    assert.match(String(b), /^<Task pending name='42' coro=/);
    await a;
    await b;
    assert.match(String(b), /<Task finished result=undefined name='42'/);
  });
});

Deno.test("Task rejects what is not a coroutine, and refuses setResult/setException", async () => {
  await run(async () => {
    assert.throws(() => createTask(42 as unknown as () => Promise<void>), {
      name: "TypeError",
      message: "a coroutine was expected, got 42",
    });
    assert.throws(() => new Task(new Future() as unknown as Promise<void>), TypeError);
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    const t = createTask(async () => 1);
    assert.throws(() => t.setResult(2), RuntimeError);
    assert.throws(() => t.setException(new Error()), RuntimeError);
    assert.equal(t.getCoro(), t.getCoro());
    await t;
    assert.ok(t.getCoro() instanceof Promise);
  });
  assert.throws(() => createTask(async () => {}), { message: "no running event loop" });
});

/** Each kind of asyncio await, entered by the task; `release` ends the wait normally. */
const awaits: Record<string, () => { wait: () => Promise<unknown> }> = {
  "sleep": () => ({ wait: () => sleep(3600) }),
  "sleep(0)": () => ({ wait: () => sleep(0) }),
  "Future": () => {
    const f = new Future();
    return { wait: async () => await f };
  },
  "Task": () => {
    const inner = createTask(() => sleep(3600));
    return { wait: async () => await inner };
  },
  "Lock.acquire": () => {
    const l = new Lock();
    void l.acquire();
    return { wait: () => l.acquire() };
  },
  "Event.wait": () => {
    const e = new Event();
    return { wait: () => e.wait() };
  },
  "Condition.wait": () => {
    const c = new Condition();
    return {
      wait: async () => {
        await c.acquire();
        try {
          await c.wait();
        } finally {
          c.release();
        }
      },
    };
  },
  "Semaphore.acquire": () => {
    const s = new Semaphore(0);
    return { wait: () => s.acquire() };
  },
  "Queue.get": () => {
    const q = new Queue();
    return { wait: () => q.get() };
  },
  "Queue.put": () => {
    const q = new Queue(1);
    q.putNowait(1);
    return { wait: () => q.put(2) };
  },
  "Barrier.wait": () => {
    const b = new Barrier(2);
    return { wait: () => b.wait() };
  },
};

for (const [kind, make] of Object.entries(awaits)) {
  Deno.test(
    `Task.cancel() throws CancelledError at an await of ${kind}; finally runs`,
    async () => {
      await run(async () => {
        const log: string[] = [];
        const { wait } = make();
        const t = createTask(async () => {
          try {
            log.push("before");
            await wait();
            log.push("not reached");
          } catch (e) {
            log.push(`caught ${(e as Error).name}:${(e as Error).message}`);
            throw e;
          } finally {
            log.push("finally");
          }
        });
        await sleep(0); // the task is now suspended in the await
        assert.equal(t.cancel("stop"), true);
        assert.equal(t.cancelling(), 1);
        await assert.rejects(async () => await t, CancelledError);
        assert.ok(t.cancelled());
        assert.deepEqual(log, ["before", "caught CancelledError:stop", "finally"]);
        assert.equal(t.cancel(), false, "cancelling a done task returns false");
      }, virtual);
    },
  );
}

Deno.test("a task that swallows the cancellation is not cancelled", async () => {
  await run(async () => {
    const t = createTask(async () => {
      try {
        await sleep(3600);
      } catch (e) {
        assert.ok(e instanceof CancelledError);
        return "survived";
      }
    });
    await sleep(0);
    t.cancel();
    assert.equal(await t, "survived");
    assert.ok(!t.cancelled());
    assert.equal(t.cancelling(), 1);
    assert.equal(t.uncancel(), 0);
  }, virtual);
});

Deno.test("cancel() before the task starts: the coroutine never runs", async () => {
  await run(async () => {
    let ran = false;
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    const t = createTask(async () => {
      ran = true;
    });
    t.cancel();
    await assert.rejects(async () => await t, CancelledError);
    assert.equal(ran, false);
  });
});

Deno.test("cancel() while the task runs is delivered at its next asyncio await", async () => {
  await run(async () => {
    const log: string[] = [];
    const t: Task<void> = createTask(async () => {
      t.cancel("self");
      log.push("still running");
      await Promise.resolve(); // not an asyncio awaitable: no cancellation point
      log.push("after native await");
      try {
        await sleep(0);
      } catch (e) {
        log.push(`cancelled: ${(e as Error).message}`);
        throw e;
      }
    });
    await assert.rejects(async () => await t, CancelledError);
    assert.deepEqual(log, ["still running", "after native await", "cancelled: self"]);
  });
});

Deno.test("a task can leave many coroutines of its own suspended at once", async () => {
  // Coroutines started and not awaited run as their task; their awaits are recorded
  // beside the task's own, and settle in any order.
  await run(async () => {
    const done: number[] = [];
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 300; i++) {
      pending.push((async () => {
        await sleep(i % 3 === 0 ? 0.001 : 0);
        done.push(i);
      })());
    }
    await sleep(0.005);
    await Promise.all(pending);
    assert.equal(done.length, 300);
    assert.deepEqual([...done].sort((a, b) => a - b), Array.from({ length: 300 }, (_, i) => i));
  }, virtual);
});

Deno.test("a task awaiting itself gets RuntimeError", async () => {
  await run(async () => {
    const t: Task<string> = createTask(async () => {
      await sleep(0);
      try {
        await t;
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message.split(":")[0]}`;
      }
      return "no";
    });
    assert.equal(await t, "RuntimeError: Task cannot await on itself");
  });
});

Deno.test("uncancel() drops a pending request; cancelling() counts requests", async () => {
  await run(async () => {
    const t: Task<string> = createTask(async () => {
      t.cancel();
      t.cancel();
      assert.equal(t.cancelling(), 2);
      t.uncancel();
      assert.equal(t.uncancel(), 0);
      await sleep(0);
      return "ok";
    });
    assert.equal(await t, "ok");
  });
});

Deno.test("cancelling a task that awaits another task cancels the inner one (nested)", async () => {
  await run(async () => {
    const log: string[] = [];
    const inner = createTask(async () => {
      try {
        await sleep(3600);
      } finally {
        log.push("inner finally");
      }
    });
    const outer = createTask(async () => {
      try {
        await inner;
      } finally {
        log.push("outer finally");
      }
    });
    await sleep(0);
    outer.cancel();
    await assert.rejects(async () => await outer, CancelledError);
    assert.ok(inner.cancelled());
    assert.deepEqual(log, ["inner finally", "outer finally"]);
  }, virtual);
});

Deno.test("task.signal aborts on cancel() with a CancelledError reason", async () => {
  await run(async () => {
    const t = createTask(() => sleep(3600));
    const signal = t.signal;
    assert.equal(signal.aborted, false);
    let reason: unknown;
    signal.addEventListener("abort", () => (reason = signal.reason), { once: true });
    t.cancel("bye");
    assert.ok(signal.aborted);
    assert.ok(reason instanceof CancelledError && reason.message === "bye");
    await t.then(() => {}, () => {});
    assert.ok(t.signal.aborted, "the signal of a cancelled task is aborted");
  }, virtual);
});

Deno.test("task.signal cancels native Deno work (a fetch of a local server)", async () => {
  const ac = new AbortController();
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", signal: ac.signal, onListen(): void {} },
    () => new Promise(() => {}) as Promise<Response>,
  );
  try {
    await run(async () => {
      const t: Task<void> = createTask(async () => {
        await fetch(`http://127.0.0.1:${server.addr.port}/`, { signal: t.signal });
      });
      await sleep(0.02);
      t.cancel();
      await assert.rejects(async () => await t, CancelledError);
    });
  } finally {
    ac.abort();
    await server.finished;
  }
});

Deno.test("allTasks() lists pending tasks of the loop", async () => {
  await run(async () => {
    const main = currentTask()!;
    assert.equal(Task.currentTask(), main);
    const t = createTask(() => sleep(3600));
    assert.ok(Task.allTasks().has(t));
    const all = allTasks();
    assert.ok(all.has(t) && all.has(main));
    t.cancel();
    await t.then(() => {}, () => {});
    assert.ok(!allTasks().has(t));
  }, virtual);
});

Deno.test("a failing task nobody awaits is no unhandled rejection", async () => {
  const rejections: unknown[] = [];
  const onRejection = (e: PromiseRejectionEvent) => rejections.push(e.reason);
  globalThis.addEventListener("unhandledrejection", onRejection);
  try {
    const error = new Error("ignored");
    const contexts: ExceptionContext[] = [];
    const { t } = await run(async () => {
      getRunningLoop().setExceptionHandler((_l, c) => contexts.push(c));
      // deno-lint-ignore require-await -- a coroutine that fails without suspending
      const t = createTask(async () => {
        throw error;
      });
      await sleep(0.001);
      assert.ok(t.done() && !t.cancelled());
      return { t }; // boxed: returning the task itself would await it
    });
    // As in Python, "Task exception was never retrieved" is only reported when the task
    // is collected (tests/asyncio/futures_test.ts covers that in a child with gc()):
    // neither finishing nor closing the loop reports it.
    assert.deepEqual(contexts, []);
    assert.deepEqual(rejections, []);
    assert.equal(t.exception(), error);
    assert.throws(() => t.result(), (e) => e === error);
  } finally {
    globalThis.removeEventListener("unhandledrejection", onRejection);
  }
});

Deno.test("ensureFuture wraps coroutines, returns futures, rejects other values", async () => {
  await run(async () => {
    const f = new Future();
    assert.equal(ensureFuture(f), f);
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    const t = ensureFuture(async () => 2);
    assert.ok(t instanceof Task);
    assert.equal(await t, 2);
    assert.throws(() => ensureFuture(5 as unknown as Promise<number>), TypeError);
    const other = new TestLoop();
    assert.throws(() => ensureFuture(f, { loop: other }), ValueError);
    other.close();
    f.cancel();
  });
});

Deno.test("iscoroutine and iscoroutinefunction", () => {
  const p = (async () => {})();
  assert.ok(iscoroutine(p));
  assert.ok(!iscoroutine(new Future({ loop: new TestLoop() })));
  assert.ok(!iscoroutine(null) && !iscoroutine(1));
  assert.ok(iscoroutinefunction(async () => {}));
  assert.ok(
    !iscoroutinefunction(function (): void {}) &&
      !iscoroutinefunction(async function* (): AsyncGenerator<never> {}),
  );
});

Deno.test("eager task factory starts the coroutine inside createTask", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    loop.setTaskFactory(eagerTaskFactory);
    assert.equal(loop.getTaskFactory(), eagerTaskFactory);
    const order: string[] = [];
    const t = loop.createTask(async () => {
      order.push("started");
      await sleep(0);
      order.push("resumed");
    });
    order.push("after createTask");
    await t;
    assert.deepEqual(order, ["started", "after createTask", "resumed"]);
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    const done = loop.createTask(async () => "sync");
    await sleep(0);
    assert.equal(done.result(), "sync");
    loop.setTaskFactory(createEagerTaskFactory(Task));
    loop.setTaskFactory(null);
    assert.throws(() => loop.setTaskFactory(3 as unknown as null), TypeError);
  });
});

Deno.test("getStack/printStack show what JavaScript can: a failed task's frames", async () => {
  await run(async () => {
    const t = createTask(async function failing(): Promise<never> {
      await sleep(0);
      throw new Error("deep");
    });
    assert.deepEqual(t.getStack(), []);
    await t.then(() => {}, () => {});
    const frames = t.getStack();
    assert.ok(frames.length > 0 && frames.length <= 10);
    assert.equal(t.getStack({ limit: 1 }).length, 1);
    let text = "";
    t.printStack({ file: { write: (s) => (text += s) } });
    assert.match(text, /^Traceback for <Task finished/);
    assert.match(text, /Error: deep\n$/);
    const p = createTask(() => sleep(0));
    text = "";
    p.printStack({ file: { write: (s) => (text += s) } });
    assert.match(text, /^No stack for <Task pending/);
    await p;
  });
});

Deno.test(
  "coroutines passed as Promises: the common patterns cancel at the right await",
  async () => {
    async function worker(q: Queue<number>, log: string[]): Promise<void> {
      try {
        for (;;) {
          log.push(`got ${await q.get()}`);
          q.taskDone();
        }
      } finally {
        log.push("worker finally");
      }
    }
    async function main(): Promise<string[]> {
      // The body of an async function runs when it is called, before run() starts the loop,
      // so main's asyncio work begins after its first await.
      await sleep(0);
      const log: string[] = [];
      const main = currentTask();
      assert.ok(main !== null, "run(main()) knows its main task");
      const q = new Queue<number>();
      const w = createTask(worker(q, log));
      await q.put(1);
      await q.join();
      await q.put(2);
      await q.join();
      w.cancel();
      await assert.rejects(async () => await w, CancelledError);
      assert.equal(currentTask(), main, "the main task is still current after the child");
      return log;
    }
    // main() starts before run(), so its first await binds to the current loop: make that
    // a TestLoop, which run() then runs.
    setEventLoop(new TestLoop());
    assert.deepEqual(await run(main()), ["got 1", "got 2", "worker finally"]);
  },
);

Deno.test(
  "a Promise whose first await is a Future or a Task runs as the task made from it",
  async () => {
    await run(async () => {
      const gate = new Future<void>();
      const inner = createTask(() => sleep(3600));
      const seen: unknown[] = [];
      const byFuture = async (): Promise<void> => {
        await gate;
        seen.push(currentTask());
        await sleep(3600);
      };
      const byTask = async (): Promise<void> => {
        try {
          await inner;
        } finally {
          seen.push(currentTask());
        }
      };
      const a = createTask(byFuture());
      const b = createTask(byTask());
      gate.setResult();
      await sleep(0);
      await sleep(0);
      a.cancel();
      b.cancel(); // reaches `await inner`, which it cancels too
      await assert.rejects(async () => await a, CancelledError);
      await assert.rejects(async () => await b, CancelledError);
      assert.ok(inner.cancelled());
      assert.deepEqual(seen, [a, b]);
    }, virtual);
  },
);

Deno.test(
  "the AsyncLocalStorage fallback gives the same task tracking and cancellation",
  async () => {
    setContextBackend("als");
    try {
      await run(async () => {
        const t: Task<string> = createTask(async () => {
          await Promise.resolve();
          assert.equal(currentTask(), t);
          try {
            await sleep(3600);
          } catch (e) {
            return (e as Error).name;
          }
          return "no";
        });
        await sleep(0);
        t.cancel();
        assert.equal(await t, "CancelledError");
      }, virtual);
    } finally {
      setContextBackend("core");
    }
  },
);

Deno.test("a task cancelled after its future finished, before it resumed, is cancelled at that await", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const fut = loop.createFuture<number>();
    const seen: string[] = [];
    const task = createTask(async () => {
      try {
        seen.push(`got ${await fut}`);
      } catch (e) {
        seen.push(e instanceof CancelledError ? `cancelled: ${e.message}` : `other ${e}`);
        throw e;
      }
    });
    await sleep(0); // the task now waits in `fut`
    fut.setResult(1); // its wake-up is scheduled...
    task.cancel("late"); // ...and the cancellation comes before it runs
    await gather(task, { returnExceptions: true });
    assert.deepEqual(seen, ["cancelled: late"]);
    assert.ok(task.cancelled());
  });
});
