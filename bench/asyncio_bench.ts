// asyncio core benchmarks: ours, the plain-JavaScript floor, and CPython asyncio and
// uvloop when /usr/bin/python3 or python3 (and uvloop) are present.
//
//   deno run -A bench/asyncio_bench.ts [--json]
//
// Targets (issue 6): every benchmark at least 3x faster than uvloop and within 2x of the
// plain-JavaScript floor measured in the same run.

import { createTask, Lock, newEventLoop, Queue, run, sleep } from "../asyncio/mod.ts";

interface Row {
  name: string;
  n: number;
  ours: number;
  floor: number;
  asyncio?: number;
  uvloop?: number;
}

const N = {
  callSoon: 1_000_000,
  tasks: 100_000,
  queue: 1_000_000,
  pingpong: 100_000,
  lock: 1_000_000,
};

async function timeIt(fn: () => Promise<void>, repeat = 3): Promise<number> {
  await fn(); // warm up
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best; // ms
}

// ---- ours ----

async function oursCallSoon(): Promise<void> {
  const loop = newEventLoop();
  let left = N.callSoon;
  const cb = (): void => {
    if (--left === 0) loop.stop();
  };
  for (let i = 0; i < N.callSoon; i++) loop.callSoon(cb);
  await loop.runForever();
  loop.close();
}

async function oursTasks(): Promise<void> {
  await run(async () => {
    // deno-lint-ignore require-await -- a coroutine that finishes without suspending
    const noop = async (): Promise<number> => 1;
    for (let i = 0; i < N.tasks; i++) await createTask(noop);
  });
}

async function oursQueue(): Promise<void> {
  await run(async () => {
    const q = new Queue<number>(100);
    const consumer = createTask(async () => {
      for (let i = 0; i < N.queue; i++) await q.get();
    });
    for (let i = 0; i < N.queue; i++) await q.put(i);
    await consumer;
  });
}

async function oursPingPong(): Promise<void> {
  await run(async () => {
    const player = async (): Promise<void> => {
      for (let i = 0; i < N.pingpong; i++) await sleep(0);
    };
    const a = createTask(player), b = createTask(player);
    await a;
    await b;
  });
}

async function oursLock(): Promise<void> {
  await run(async () => {
    const lock = new Lock();
    for (let i = 0; i < N.lock; i++) {
      await lock.acquire();
      lock.release();
    }
  });
}

// ---- the plain-JavaScript floor: the same work with no asyncio semantics ----
//
// Each floor is what a JavaScript developer would write for the same job with no
// asyncio: no loop, no Future, no cancellation, no task tracking. Where Python's
// semantics fix when something runs, the floor keeps that order with plain Promises.

async function floorCallSoon(): Promise<void> {
  let left = N.callSoon;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const cb = (): void => {
    if (--left === 0) done();
  };
  for (let i = 0; i < N.callSoon; i++) queueMicrotask(cb);
  await finished;
}

// `create_task` does not run the coroutine: it schedules its first step for a later
// iteration, and the awaiter is woken by a done callback once the step has finished.
// Plain JavaScript's way to run a function on a later turn and wait for its result is
// `Promise.resolve().then(fn)`: `fn` starts in a later microtask, and the awaiter resumes
// through a reaction on the Promise it returns (the done callback). (`await noop()` would
// start the coroutine at once, as an eager task does, and skip both.)
async function floorTasks(): Promise<void> {
  // deno-lint-ignore require-await -- a coroutine that finishes without suspending
  const noop = async (): Promise<number> => 1;
  for (let i = 0; i < N.tasks; i++) await Promise.resolve().then(noop);
}

class PlainChannel<T> {
  items: T[] = [];
  getters: ((v: void) => void)[] = [];
  putters: ((v: void) => void)[] = [];
  constructor(readonly max: number) {}
  async put(v: T): Promise<void> {
    while (this.items.length >= this.max) await new Promise<void>((r) => this.putters.push(r));
    this.items.push(v);
    this.getters.shift()?.();
  }
  async get(): Promise<T> {
    while (this.items.length === 0) await new Promise<void>((r) => this.getters.push(r));
    const v = this.items.shift()!;
    this.putters.shift()?.();
    return v;
  }
}

async function floorQueue(): Promise<void> {
  const q = new PlainChannel<number>(100);
  const consumer = (async () => {
    for (let i = 0; i < N.queue; i++) await q.get();
  })();
  for (let i = 0; i < N.queue; i++) await q.put(i);
  await consumer;
}

// `sleep(0)` suspends the task and lets every other ready task run before it resumes.
// The loop runs its iterations as microtasks (turning to Deno's macrotask queue every
// 4 ms), so the same yield in plain JavaScript is `await null`: it resumes after every
// continuation already queued, which gives the same strict A, B, A, B alternation. It is
// the strictest floor there is: it allocates no Promise for the suspension, which a
// yield that `task.cancel()` can interrupt at the await needs.
async function floorPingPong(): Promise<void> {
  const player = async (): Promise<void> => {
    for (let i = 0; i < N.pingpong; i++) await null;
  };
  await Promise.all([player(), player()]);
}

class PlainMutex {
  locked = false;
  waiters: (() => void)[] = [];
  acquire(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve();
    }
    return new Promise<void>((r) => this.waiters.push(r)).then(() => void (this.locked = true));
  }
  release(): void {
    this.locked = false;
    this.waiters.shift()?.();
  }
}

async function floorLock(): Promise<void> {
  const m = new PlainMutex();
  for (let i = 0; i < N.lock; i++) {
    await m.acquire();
    m.release();
  }
}

// ---- the least a Promise-based design can cost ----
//
// A suspension that `task.cancel()` can interrupt must be a Promise of its own, pending
// until the loop settles it: a settled one (`await null`) cannot be made to throw later.
// These are the bare mechanism, with no cancellation bookkeeping, no task context and no
// callbacks: a pending Promise per suspension, settled from a ready queue that one
// microtask drains, and a task as a Promise settled when its coroutine, started from that
// queue, finishes. No design with asyncio's semantics can cost less.

let boundReady: (() => void)[] = [];
let boundQueued = false;
const boundDrain = (): void => {
  boundQueued = false;
  const batch = boundReady;
  boundReady = [];
  for (const f of batch) f();
};
function boundSchedule(f: () => void): void {
  boundReady.push(f);
  if (!boundQueued) {
    boundQueued = true;
    queueMicrotask(boundDrain);
  }
}

async function boundTasks(): Promise<void> {
  // deno-lint-ignore require-await -- a coroutine that finishes without suspending
  const noop = async (): Promise<number> => 1;
  for (let i = 0; i < N.tasks; i++) {
    await new Promise<number>((resolve, reject) =>
      boundSchedule(() => void noop().then(resolve, reject))
    );
  }
}

async function boundPingPong(): Promise<void> {
  const player = async (): Promise<void> => {
    for (let i = 0; i < N.pingpong; i++) await new Promise<void>((r) => boundSchedule(r));
  };
  await Promise.all([player(), player()]);
}

// ---- CPython ----

const PY = `
import asyncio, json, sys, time
N = json.loads(sys.argv[1])
async def call_soon():
    loop = asyncio.get_running_loop(); fut = loop.create_future(); left = [N["callSoon"]]
    def cb():
        left[0] -= 1
        if left[0] == 0: fut.set_result(None)
    for _ in range(N["callSoon"]): loop.call_soon(cb)
    await fut
async def tasks():
    async def noop(): return 1
    for _ in range(N["tasks"]): await asyncio.create_task(noop())
async def queue():
    q = asyncio.Queue(100)
    async def consumer():
        for _ in range(N["queue"]): await q.get()
    c = asyncio.create_task(consumer())
    for i in range(N["queue"]): await q.put(i)
    await c
async def pingpong():
    async def player():
        for _ in range(N["pingpong"]): await asyncio.sleep(0)
    a = asyncio.create_task(player()); b = asyncio.create_task(player()); await a; await b
async def lock():
    l = asyncio.Lock()
    for _ in range(N["lock"]):
        await l.acquire(); l.release()
def measure(fn, runner):
    runner(fn()); best = 1e9
    for _ in range(3):
        t0 = time.perf_counter(); runner(fn()); best = min(best, time.perf_counter() - t0)
    return best * 1000
out = {}
kinds = [("asyncio", asyncio.run)]
try:
    import uvloop
    def uv(c):
        if hasattr(uvloop, "run"): return uvloop.run(c)
        uvloop.install()
        return asyncio.run(c)
    kinds.append(("uvloop", uv))
except ImportError:
    pass
for kind, runner in kinds:
    cases = [("callSoon", call_soon), ("tasks", tasks), ("queue", queue),
             ("pingpong", pingpong), ("lock", lock)]
    out[kind] = {name: measure(fn, runner) for name, fn in cases}
print(json.dumps(out))
`;

async function python(): Promise<Record<string, Record<string, number>> | string> {
  for (const exe of ["/usr/bin/python3", "python3"]) {
    try {
      const out = await new Deno.Command(exe, {
        args: ["-c", PY, JSON.stringify(N)],
        stdout: "piped",
        stderr: "piped",
      }).output();
      if (!out.success) continue;
      return JSON.parse(new TextDecoder().decode(out.stdout));
    } catch {
      // not installed here
    }
  }
  return "python3 not found: CPython and uvloop columns skipped";
}

const rows: Row[] = [];
const cases: [keyof typeof N, string, () => Promise<void>, () => Promise<void>][] = [
  ["callSoon", "callSoon", oursCallSoon, floorCallSoon],
  ["tasks", "create+await task", oursTasks, floorTasks],
  ["queue", "Queue(100) put+get", oursQueue, floorQueue],
  ["pingpong", "sleep(0) ping-pong round", oursPingPong, floorPingPong],
  ["lock", "uncontended Lock", oursLock, floorLock],
];
for (const [key, name, ours, floor] of cases) {
  rows.push({ name, n: N[key], ours: await timeIt(ours), floor: await timeIt(floor) });
}
const bound = { tasks: await timeIt(boundTasks), pingpong: await timeIt(boundPingPong) };
const py = await python();
if (typeof py !== "string") {
  cases.forEach(([key], i) => {
    rows[i].asyncio = py.asyncio?.[key];
    rows[i].uvloop = py.uvloop?.[key];
  });
}

const us = (ms: number | undefined, n: number): string =>
  ms === undefined ? "-" : ((ms * 1000) / n).toFixed(3);
const ops = (ms: number, n: number): string => Math.round(n / (ms / 1000)).toLocaleString("en");
if (Deno.args.includes("--json")) {
  console.log(JSON.stringify({ rows, bound, note: typeof py === "string" ? py : undefined }));
} else {
  console.log(
    "benchmark                  n        ours µs  ours ops/s     floor µs  asyncio µs" +
      "  uvloop µs  vs uvloop  vs floor",
  );
  for (const r of rows) {
    const vsUv = r.uvloop === undefined ? "-" : `${(r.uvloop / r.ours).toFixed(1)}x faster`;
    const vsFloor = `${(r.ours / r.floor).toFixed(2)}x`;
    console.log(
      `${r.name.padEnd(26)} ${String(r.n).padEnd(8)} ${us(r.ours, r.n).padStart(7)}  ${
        ops(r.ours, r.n).padStart(11)
      }  ${us(r.floor, r.n).padStart(9)}  ${us(r.asyncio, r.n).padStart(10)}  ${
        us(r.uvloop, r.n).padStart(9)
      }  ${vsUv.padStart(12)}  ${vsFloor.padStart(7)}`,
    );
  }
  if (typeof py === "string") console.log(`note: ${py}`);
  const b = (key: "tasks" | "pingpong", i: number): string =>
    `${us(bound[key], N[key])} µs (${(bound[key] / rows[i].floor).toFixed(2)}x the floor)`;
  console.log(
    `least a Promise-based design can cost: task ${b("tasks", 1)}, ping-pong ${b("pingpong", 3)}`,
  );
  console.log("targets: >= 3x faster than uvloop, <= 2x the plain-JavaScript floor");
}
