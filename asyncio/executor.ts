// A pool of Workers standing in for Python's concurrent.futures.ThreadPoolExecutor, the
// default executor of `loop.runInExecutor` (18.5.1.13). A Worker is a thread with its own
// isolate: it shares no variables with the code that submits work, so a function crosses
// either as its source text or as a module URL and an export name, and arguments and
// results cross by structured clone. The Worker side is _executor_worker.ts.

import { Worker } from "node:worker_threads";
import { RuntimeError, ValueError } from "../_errors/python_errors.ts";
import {
  type CallableSpec,
  type FromWorker,
  recordToError,
  type ToWorker,
} from "./_executor_wire.ts";
import { ExecutorFuture } from "./executor_future.ts";

const WORKER_URL = new URL("./_executor_worker.ts", import.meta.url);
const MODULE_FUNCTION = Symbol.for("ipcnet.asyncio.workerFunction");

/**
 * A function that a Worker imports by module URL and export name, made by
 * {@linkcode workerFunction}. `F` is its type, for the types of `submit` and `runInExecutor`.
 */
export interface WorkerFunction<F extends (...args: never[]) => unknown> {
  /** The absolute URL of the module. */
  readonly module: string;
  /** The name of the export. */
  readonly name: string;
  /** @internal Only for typing: never set. */
  readonly _type?: F;
}

/** What an executor runs: a self-contained function, or a {@linkcode WorkerFunction}. */
export type WorkerCallable<A extends unknown[], R> =
  | ((...args: A) => R)
  | WorkerFunction<(...args: A) => R>;

/** Options of `shutdown` (Python's keyword arguments). */
export interface ShutdownOptions {
  /** Resolve only when every submitted call is done and the Workers have ended. @default true */
  wait?: boolean;
  /** Cancel the calls that have not started. @default false */
  cancelFutures?: boolean;
}

/**
 * What `loop.runInExecutor` needs of an executor (Python's `concurrent.futures.Executor`):
 * `submit` returns a thenable (with `cancel()` when the call can be cancelled), and
 * `shutdown` releases the executor's resources.
 */
export interface Executor {
  /** Schedules `fn(...args)` and returns a thenable of its result. */
  submit<A extends unknown[], R>(
    fn: WorkerCallable<A, R>,
    ...args: A
  ): PromiseLike<Awaited<R>> & { cancel?(): boolean };
  /** Stops taking work and releases the executor's resources. */
  shutdown(options?: boolean | ShutdownOptions): Promise<void> | void;
}

/** Options of {@linkcode ThreadPoolExecutor}. */
export interface ThreadPoolExecutorOptions {
  /** The most Workers that run at once. @default min(32, CPUs + 4) */
  maxWorkers?: number;
  /** Prefix of the Workers' names. @default "ThreadPoolExecutor-<n>" */
  threadNamePrefix?: string;
  /** Called in each new Worker before its first call (same rules as submitted functions). */
  initializer?:
    | ((...args: never[]) => unknown)
    | WorkerFunction<(...args: never[]) => unknown>
    | null;
  /** Arguments of `initializer`. @default [] */
  initargs?: unknown[];
  /**
   * Cancelling a call that is running ends its Worker (a new one replaces it when needed).
   * Python cannot stop a running thread; `false` keeps Python's behaviour, where the call
   * runs on and only calls that have not started can be cancelled.
   * @default true
   */
  terminateOnCancel?: boolean;
}

/**
 * Python's `concurrent.futures.BrokenExecutor`: the executor cannot run calls any more.
 *
 * @example
 * ```ts
 * import { BrokenExecutor, RuntimeError } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.ok(new BrokenExecutor("x") instanceof RuntimeError);
 * ```
 */
export class BrokenExecutor extends RuntimeError {
  /** Python's name of this exception. */
  override name = "BrokenExecutor";
}

/**
 * Python's `BrokenThreadPool`: a Worker's initializer failed, so the pool takes no work.
 *
 * @example
 * ```ts
 * import { BrokenExecutor, BrokenThreadPool } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.ok(new BrokenThreadPool("x") instanceof BrokenExecutor);
 * ```
 */
export class BrokenThreadPool extends BrokenExecutor {
  /** Python's name of this exception. */
  override name = "BrokenThreadPool";
}

/**
 * Names a function that Workers import: `module` is an absolute URL (use
 * `new URL("./work.ts", import.meta.url)` or `import.meta.resolve`), `name` the export.
 * This is the form for functions that use imports or module-level values; it is what
 * Python's ProcessPoolExecutor does when it pickles a function by its module and name.
 *
 * @typeParam F the function's type
 * @param module the module's absolute URL
 * @param name the export's name
 * @returns a reference that `submit` and `runInExecutor` accept
 * @throws {TypeError} when `module` is not an absolute URL
 *
 * @example
 * ```ts
 * import { workerFunction } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const fib = workerFunction<(n: number) => number>("file:///srv/work.ts", "fib");
 * assert.equal(fib.name, "fib");
 * ```
 */
export function workerFunction<F extends (...args: never[]) => unknown>(
  module: string | URL,
  name = "default",
): WorkerFunction<F> {
  let url: string;
  try {
    url = new URL(module).href;
  } catch {
    throw new TypeError(
      `workerFunction needs an absolute module URL (new URL("./x.ts", import.meta.url)), ` +
        `not ${JSON.stringify(String(module))}`,
    );
  }
  if (typeof name !== "string") throw new TypeError("the export name must be a string");
  return Object.freeze({ module: url, name, [MODULE_FUNCTION]: true }) as WorkerFunction<F>;
}

interface Job {
  id: number;
  spec: CallableSpec;
  args: unknown[];
  future: ExecutorFuture<unknown>;
  slot: Slot | null;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  ready: boolean;
  failure: unknown;
}

let poolCount = 0;

/**
 * Python's `concurrent.futures.ThreadPoolExecutor`, with Workers for threads: runs
 * blocking or CPU-bound functions off the event loop's thread. Idle Workers do not keep
 * the process alive.
 *
 * What can run: a function whose source is self-contained (it is compiled again in the
 * Worker: no variables of the code around it, no imports of its module; an
 * `await import(url)` inside it works), or a {@linkcode workerFunction} naming a module
 * export. Arguments and results cross by structured clone (no functions, class
 * instances arrive as plain objects). An async function's Promise is awaited in the
 * Worker. An exception rejects the future with an error of the same name, message and
 * stack (the same class for built-in, Deno and this library's errors).
 *
 * @example Run a CPU-bound function and collect its result
 * ```ts
 * import { ThreadPoolExecutor } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await using pool = new ThreadPoolExecutor(2);
 * const square = (n: number) => n * n;
 * assert.deepEqual(await Promise.all([3, 4].map((n) => pool.submit(square, n))), [9, 16]);
 * await assert.rejects(pool.submit((s: string) => JSON.parse(s), "{"), SyntaxError);
 * ```
 */
export class ThreadPoolExecutor implements Executor {
  readonly #max: number;
  readonly #prefix: string;
  readonly #init: CallableSpec | null;
  readonly #initargs: unknown[];
  readonly #terminateOnCancel: boolean;
  #slots: Slot[] = [];
  #queue: Job[] = [];
  #nextId = 1;
  #shutdown = false;
  #broken: string | null = null;
  #ending = new Set<Promise<unknown>>();
  #drained: (() => void)[] = [];

  /**
   * Makes a pool; Workers start when work arrives.
   *
   * @param maxWorkers the most Workers at once, or the options object
   * @param options the other options
   * @throws {ValueError} when `maxWorkers` is not a positive integer
   */
  constructor(
    maxWorkers?: number | ThreadPoolExecutorOptions | null,
    options: ThreadPoolExecutorOptions = {},
  ) {
    if (typeof maxWorkers === "object" && maxWorkers !== null) {
      options = maxWorkers;
      maxWorkers = options.maxWorkers;
    }
    if (maxWorkers === undefined || maxWorkers === null) {
      maxWorkers = Math.min(32, (navigator.hardwareConcurrency || 1) + 4);
    }
    if (!Number.isInteger(maxWorkers) || maxWorkers <= 0) {
      throw new ValueError("max_workers must be greater than 0");
    }
    this.#max = maxWorkers;
    this.#prefix = options.threadNamePrefix || `ThreadPoolExecutor-${poolCount++}`;
    this.#init = options.initializer == null
      ? null
      : toSpec(options.initializer as WorkerCallable<unknown[], unknown>, "initializer");
    this.#initargs = [...(options.initargs ?? [])];
    this.#terminateOnCancel = options.terminateOnCancel ?? true;
  }

  /** The most Workers that run at once. */
  get maxWorkers(): number {
    return this.#max;
  }

  /**
   * Schedules `fn(...args)` on a Worker (Python's `Executor.submit`).
   *
   * @param fn a self-contained function or a {@linkcode workerFunction}
   * @param args its arguments (structured-cloneable)
   * @returns an {@linkcode ExecutorFuture}, a thenable of the result
   * @throws {RuntimeError} after `shutdown()`
   * @throws {BrokenThreadPool} when an initializer failed
   * @throws {TypeError} when `fn` cannot run in a Worker or an argument is a function
   */
  submit<A extends unknown[], R>(fn: WorkerCallable<A, R>, ...args: A): ExecutorFuture<Awaited<R>> {
    if (this.#broken !== null) throw new BrokenThreadPool(this.#broken);
    if (this.#shutdown) throw new RuntimeError("cannot schedule new futures after shutdown");
    const spec = toSpec(fn as WorkerCallable<unknown[], unknown>, "submit");
    args.forEach((a, i) => {
      if (typeof a === "function") {
        throw new TypeError(`argument ${i} is a function, which cannot be sent to a Worker`);
      }
    });
    const job: Job = { id: this.#nextId++, spec, args, future: null!, slot: null };
    job.future = new ExecutorFuture<unknown>(() => this.#cancel(job));
    this.#queue.push(job);
    this.#pump();
    return job.future as ExecutorFuture<Awaited<R>>;
  }

  /**
   * Runs `fn` over the items of `iterables` in parallel (Python's `Executor.map`), yielding
   * results in order.
   *
   * @param fn a self-contained function or a {@linkcode workerFunction}
   * @param iterables one iterable per argument of `fn`
   * @returns an async generator of the results
   */
  async *map<R>(
    fn: WorkerCallable<never[], R>,
    ...iterables: Iterable<unknown>[]
  ): AsyncGenerator<Awaited<R>> {
    const its = iterables.map((i) => i[Symbol.iterator]());
    const futures: ExecutorFuture<Awaited<R>>[] = [];
    for (;;) {
      const step = its.map((i) => i.next());
      if (step.length === 0 || step.some((s) => s.done)) break;
      futures.push(this.submit(fn as WorkerCallable<unknown[], R>, ...step.map((s) => s.value)));
    }
    try {
      for (const f of futures) yield await f;
    } finally {
      for (const f of futures) f.cancel();
    }
  }

  /**
   * Stops taking work (Python's `Executor.shutdown`). Calls already submitted still run
   * unless `cancelFutures`; Workers end as they become idle.
   *
   * @param options `wait` (also accepted alone, positionally) and `cancelFutures`
   * @returns a Promise that, with `wait`, resolves once every Worker has ended
   */
  shutdown(options: boolean | ShutdownOptions = true): Promise<void> {
    const { wait = true, cancelFutures = false } = typeof options === "boolean"
      ? { wait: options }
      : options;
    this.#shutdown = true;
    if (cancelFutures) {
      for (const job of this.#queue.splice(0)) job.future._cancelQueued();
    }
    this.#pump();
    if (!wait) return Promise.resolve();
    return this.#whenDrained();
  }

  /** `shutdown({ wait: true })`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown(true);
  }

  /** Python's repr. */
  toString(): string {
    return `<ThreadPoolExecutor ${this.#prefix} workers=${this.#slots.length}/${this.#max}>`;
  }

  #pump(): void {
    for (const slot of this.#slots) this.#feed(slot);
    // Starting a Worker blocks this thread for about 35 ms (Deno 2.9.6): one at a time, so
    // that the event loop runs between two starts.
    if (
      this.#broken === null && this.#queue.length > 0 && this.#slots.length < this.#max &&
      this.#slots.every((s) => s.ready)
    ) {
      this.#feed(this.#spawn());
    }
    if (this.#shutdown && this.#queue.length === 0) {
      for (const slot of [...this.#slots]) if (slot.job === null) this.#end(slot);
    }
    this.#checkDrained();
  }

  #feed(slot: Slot): void {
    while (slot.job === null && this.#queue.length > 0) this.#assign(slot, this.#queue.shift()!);
  }

  #spawn(): Slot {
    const name = `${this.#prefix}_${this.#slots.length}`;
    const worker = new Worker(WORKER_URL, { name } as ConstructorParameters<typeof Worker>[1]);
    const slot: Slot = { worker, job: null, ready: false, failure: undefined };
    this.#slots.push(slot);
    worker.on("message", (msg: FromWorker) => this.#onMessage(slot, msg));
    worker.on("error", (err: unknown) => (slot.failure = err));
    worker.on("exit", () => this.#onExit(slot));
    const init: ToWorker = { op: "init", spec: this.#init, args: this.#initargs };
    worker.postMessage(init);
    return slot;
  }

  #assign(slot: Slot, job: Job): void {
    const msg: ToWorker = { op: "call", id: job.id, spec: job.spec, args: job.args };
    try {
      slot.worker.postMessage(msg);
    } catch (err) {
      job.future._settle(
        "error",
        new TypeError(
          `the arguments cannot be sent to a Worker: ${(err as Error).message}`,
          { cause: err },
        ),
      );
      return;
    }
    slot.job = job;
    job.slot = slot;
    job.future._setRunning();
    slot.worker.ref();
  }

  #onMessage(slot: Slot, msg: FromWorker): void {
    if (msg.op === "ready") {
      slot.ready = true;
      if (slot.job === null) slot.worker.unref();
    } else if (msg.op === "broken") {
      const err = recordToError(msg.error);
      this.#broken = `A thread initializer failed, the thread pool is not usable anymore (${err})`;
      const jobs = this.#queue.splice(0);
      if (slot.job !== null) jobs.unshift(slot.job);
      slot.job = null;
      for (const job of jobs) {
        job.future._settle("error", new BrokenThreadPool(this.#broken, { cause: err }));
      }
      this.#end(slot);
    } else {
      const job = slot.job;
      if (job === null || job.id !== msg.id) return;
      slot.job = null;
      job.slot = null;
      slot.worker.unref();
      if (msg.op === "result") job.future._settle("value", msg.value);
      else job.future._settle("error", recordToError(msg.error));
    }
    this.#pump();
  }

  #onExit(slot: Slot): void {
    const i = this.#slots.indexOf(slot);
    if (i >= 0) this.#slots.splice(i, 1);
    const job = slot.job;
    if (job !== null) {
      slot.job = null;
      const why = slot.failure ??
        new BrokenExecutor("a Worker of the executor exited while running a call");
      job.future._settle("error", why);
    }
    this.#pump();
  }

  #end(slot: Slot): void {
    const i = this.#slots.indexOf(slot);
    if (i >= 0) this.#slots.splice(i, 1);
    const ending = slot.worker.terminate().catch(() => {}).finally(() => {
      this.#ending.delete(ending);
      this.#checkDrained();
    });
    this.#ending.add(ending);
  }

  #cancel(job: Job): boolean {
    const i = this.#queue.indexOf(job);
    if (i >= 0) {
      this.#queue.splice(i, 1);
      this.#checkDrained();
      return true;
    }
    const slot = job.slot;
    if (slot === null || !this.#terminateOnCancel) return false;
    slot.job = null;
    job.slot = null;
    this.#end(slot);
    queueMicrotask(() => this.#pump());
    return true;
  }

  #whenDrained(): Promise<void> {
    return new Promise((resolve) => {
      this.#drained.push(resolve);
      this.#checkDrained();
    });
  }

  #checkDrained(): void {
    if (!this.#shutdown || this.#slots.length > 0 || this.#ending.size > 0) return;
    if (this.#queue.length > 0) return;
    for (const resolve of this.#drained.splice(0)) resolve();
  }
}

/** The Worker-side description of `fn`; TypeError when it cannot run in a Worker. */
function toSpec(fn: WorkerCallable<unknown[], unknown>, what: string): CallableSpec {
  if (
    fn !== null && typeof fn === "object" &&
    (fn as unknown as Record<symbol, unknown>)[MODULE_FUNCTION]
  ) {
    const f = fn as WorkerFunction<() => unknown>;
    return { kind: "module", module: f.module, name: f.name };
  }
  if (typeof fn !== "function") {
    throw new TypeError(`a callable object was expected by ${what}(), got ${String(fn)}`);
  }
  const source = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) {
    throw new TypeError(
      `${fn.name || "this function"} is built in or bound, so its source cannot be sent to a ` +
        `Worker; wrap it in a self-contained function or use workerFunction(moduleUrl, name)`,
    );
  }
  if (/^class\b/.test(source)) throw new TypeError("a class cannot be run by an executor");
  checkCompiles(source, fn.name);
  return { kind: "source", source };
}

const compiles = new Map<string, boolean>();

function checkCompiles(source: string, name: string): void {
  if (compiles.get(source)) return;
  try {
    try {
      new Function(`return (${source});`);
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      new Function(`return ({ ${source} });`);
    }
  } catch (err) {
    throw new TypeError(`${name || "the function"} cannot be compiled on its own in a Worker`, {
      cause: err,
    });
  }
  if (compiles.size > 1024) compiles.clear();
  compiles.set(source, true);
}
