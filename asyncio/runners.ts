// asyncio.run and Runner (CPython asyncio/runners.py).

import { RuntimeError } from "../_errors/python_errors.ts";
import {
  _getRunningLoop,
  type AbstractEventLoop,
  type Coroutine,
  getEventLoopPolicy,
  newEventLoop,
  setEventLoop,
} from "./events.ts";
import type { Future } from "./futures.ts";
import { allTasks, type Task } from "./tasks.ts";
import { gather } from "./_combinators.ts";

/** Seconds `Runner.close()` waits for the default executor (Python's THREAD_JOIN_TIMEOUT). */
const THREAD_JOIN_TIMEOUT = 300;

/** Options of `run` and `Runner`. */
export interface RunnerOptions {
  /** Turns the loop's debug mode on or off; unchanged when omitted. */
  debug?: boolean;
  /** Makes the loop. @default newEventLoop */
  loopFactory?: () => AbstractEventLoop;
}

/**
 * Python's `asyncio.Runner`: runs several coroutines on one loop, then closes it,
 * cancelling what is left. Usable with `await using`.
 *
 * A zero-argument async function is run on a new loop; a Promise (an async function
 * already called) may have started asyncio work before any loop ran, which went to the
 * current loop (`getEventLoop()`), so it is run on that loop.
 *
 * @example
 * ```ts
 * import { Runner, sleep } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await using runner = new Runner();
 * assert.equal(await runner.run(async () => { await sleep(0); return 1; }), 1);
 * assert.equal(await runner.run(async () => 2), 2);
 * ```
 */
export class Runner implements AsyncDisposable {
  #options: RunnerOptions;
  #loop: AbstractEventLoop | null = null;
  #state: "initialized" | "closed" | "new" = "new";

  /**
   * Makes a runner; the loop is made on first use.
   *
   * @param options debug, loopFactory
   */
  constructor(options?: RunnerOptions) {
    this.#options = options ?? {};
  }

  /**
   * Runs `coro` to completion on the runner's loop and returns its result.
   *
   * @throws {RuntimeError} when called from a running loop or after `close()`
   */
  async run<T>(coro: Coroutine<T>): Promise<T> {
    if (_getRunningLoop() !== null) {
      throw new RuntimeError("Runner.run() cannot be called from a running event loop");
    }
    if (
      typeof coro !== "function" &&
      (coro === null || typeof coro !== "object" || !("then" in (coro as object)))
    ) {
      throw new TypeError(`a coroutine was expected, got ${String(coro)}`);
    }
    const loop = this.#lazyInit(typeof coro !== "function");
    const task = loop.createTask(coro);
    return await loop.runUntilComplete(task);
  }

  /** The runner's loop (made on first use). */
  getLoop(): AbstractEventLoop {
    return this.#lazyInit(false);
  }

  /**
   * Cancels the tasks still pending, waits for them, and closes the loop.
   * Tasks that end with an exception other than cancellation go to the exception handler.
   */
  async close(): Promise<void> {
    if (this.#state !== "initialized") {
      this.#state = "closed";
      return;
    }
    const loop = this.#loop!;
    try {
      await cancelAllTasks(loop);
      await loop.runUntilComplete(loop.shutdownAsyncgens());
      // Python 3.9+: wait for the default executor's calls.
      if ((loop as { _hasDefaultExecutor?(): boolean })._hasDefaultExecutor?.()) {
        await loop.runUntilComplete(() => loop.shutdownDefaultExecutor(THREAD_JOIN_TIMEOUT));
      }
    } finally {
      setEventLoop(null);
      loop.close();
      this.#loop = null;
      this.#state = "closed";
    }
  }

  /** `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #lazyInit(preferCurrent: boolean): AbstractEventLoop {
    if (this.#state === "closed") throw new RuntimeError("Runner is closed");
    if (this.#state === "initialized") return this.#loop!;
    let loop: AbstractEventLoop | null = null;
    if (preferCurrent && this.#options.loopFactory === undefined) {
      try {
        const current = getEventLoopPolicy().getEventLoop();
        if (!current.isClosed() && !current.isRunning()) loop = current;
      } catch {
        loop = null;
      }
    }
    loop ??= this.#options.loopFactory?.() ?? newEventLoop();
    setEventLoop(loop);
    if (this.#options.debug !== undefined) loop.setDebug(this.#options.debug);
    this.#loop = loop;
    this.#state = "initialized";
    return loop;
  }
}

/**
 * Python's `asyncio.run`: runs `main` (a zero-argument async function, started inside
 * the main task, or a Promise) on a loop, cancels what is left, closes the loop, and
 * returns main's result.
 *
 * @throws {RuntimeError} "asyncio.run() cannot be called from a running event loop"
 *
 * @example
 * ```ts
 * import { run, sleep } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const v = await run(async () => {
 *   await sleep(0.001);
 *   return "hello";
 * });
 * assert.equal(v, "hello");
 * ```
 */
export async function run<T>(main: Coroutine<T>, options?: RunnerOptions): Promise<T> {
  if (_getRunningLoop() !== null) {
    throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
  }
  const runner = new Runner(options);
  try {
    return await runner.run(main);
  } finally {
    await runner.close();
  }
}

async function cancelAllTasks(loop: AbstractEventLoop): Promise<void> {
  const toCancel = [...allTasks(loop)];
  if (toCancel.length === 0) return;
  for (const t of toCancel) t.cancel();
  await loop.runUntilComplete(
    gather(...toCancel, { returnExceptions: true }) as Future<unknown[]>,
  );
  for (const t of toCancel) {
    if (t.cancelled()) continue;
    const exc = (t as Task<unknown>).exception();
    if (exc !== null) {
      loop.callExceptionHandler({
        message: "unhandled exception during asyncio.run() shutdown",
        exception: exc,
        task: t,
      });
    }
  }
}
