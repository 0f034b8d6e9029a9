// Python's default Unix event loop (CPython asyncio/unix_events.py): the networking loop of
// selector_events.ts plus subprocesses, pipes and signal handlers, and the executor methods
// of base_events.py. `newEventLoop()`, `run()` and `Runner` make this loop.

import { RuntimeError, ValueError } from "../_errors/python_errors.ts";
import { CancelledError } from "./exceptions.ts";
import { currentTask, type Task } from "./tasks.ts";
import { BaseSelectorEventLoop } from "./selector_events.ts";
import { type Executor, ThreadPoolExecutor, type WorkerCallable } from "./executor.ts";
import type { Future } from "./futures.ts";
import { waitFor } from "./_combinators.ts";
import { logger } from "./log.ts";
import type { ProtocolLike, SubprocessProtocolLike } from "./protocols.ts";
import { type ExecArgs, PIPE, type SubprocessOptions } from "./subprocess.ts";
import type { ReadTransport, SubprocessTransport, WriteTransport } from "./transports.ts";
import { setLoopFactory } from "./_loop_factory.ts";
import { type PipeLike, readEnd, writeEnd } from "./_pipe_ends.ts";
import { ReadPipeTransport, WritePipeTransport } from "./_pipe_transports.ts";
import { splitArgs, toRequest } from "./_subprocess_options.ts";
import { spawnChild, type SpawnRequest } from "./_subprocess_spawn.ts";
import { UnixSubprocessTransport } from "./_subprocess_transport.ts";
import { UnixSignalHandlers } from "./_unix_signals.ts";
import { whenConnected } from "./_util.ts";

export type { PipeLike } from "./_pipe_ends.ts";

/**
 * Python's `asyncio.SelectorEventLoop` on Unix (`_UnixSelectorEventLoop`), the loop that
 * `newEventLoop()` and `run()` make: networking, plus subprocesses, pipes, signal handlers
 * and executors.
 *
 * @example Run a blocking function in the default executor (18.5.1.13)
 * ```ts
 * import { getRunningLoop, run, SelectorEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const loop = getRunningLoop();
 *   assert.ok(loop instanceof SelectorEventLoop);
 *   const sum = await loop.runInExecutor(null, (n: number) => {
 *     let s = 0;
 *     for (let i = 1; i <= n; i++) s += i;
 *     return s;
 *   }, 1000);
 *   assert.equal(sum, 500500);
 * });
 * ```
 */
export class SelectorEventLoop extends BaseSelectorEventLoop {
  #signals: UnixSignalHandlers | null = null;
  #defaultExecutor: Executor | null = null;
  #executorShutdownCalled = false;

  /** Runs until `stop()`; while it runs, a signal handler keeps the process alive. */
  override runForever(): Promise<void> {
    const done = super.runForever();
    const signals = this.#signals;
    if (signals === null) return done;
    signals.setRunning(true);
    return done.finally(() => signals.setRunning(false));
  }

  /**
   * Closes the loop, removes its signal handlers (putting back the dispositions found
   * before them) and shuts the default executor down without waiting.
   *
   * @throws {RuntimeError} while the loop runs
   */
  override close(): void {
    const wasClosed = this.isClosed();
    super.close();
    if (wasClosed) return;
    this.#signals?.removeAll();
    const executor = this.#defaultExecutor;
    this.#defaultExecutor = null;
    if (executor !== null) void Promise.resolve(executor.shutdown({ wait: false }));
  }

  // --- subprocesses (18.5.1.17 / 18.5.6) ---

  /**
   * Runs `program` with `args` (no shell) and connects `protocolFactory()`'s protocol to
   * it. A trailing plain object holds the options; stdin, stdout and stderr default to
   * `PIPE`.
   *
   * @returns `[transport, protocol]` once the pipes are connected
   * @throws {FileNotFoundError} when the program does not exist
   * @throws {ValueError} for `universalNewlines`, `shell`, `bufsize`, `text`, `encoding`,
   *   `errors` other than Python's only allowed values
   * @tags allow-run
   */
  override async subprocessExec<P extends SubprocessProtocolLike>(
    protocolFactory: () => P,
    program: string,
    ...args: ExecArgs<SubprocessOptions>
  ): Promise<[SubprocessTransport, P]> {
    const [rest, options] = splitArgs<SubprocessOptions>(args);
    const req = toRequest([program, ...rest], options, false, PIPE);
    const protocol = protocolFactory();
    return [await this.#makeSubprocessTransport(protocol, req), protocol];
  }

  /**
   * Runs `cmd` with `/bin/sh -c` and connects `protocolFactory()`'s protocol to it;
   * stdin, stdout and stderr default to `PIPE`.
   *
   * @returns `[transport, protocol]` once the pipes are connected
   * @throws {ValueError} when `cmd` is not a string, or for options Python refuses
   * @tags allow-run
   */
  override async subprocessShell<P extends SubprocessProtocolLike>(
    protocolFactory: () => P,
    cmd: string,
    options: SubprocessOptions = {},
  ): Promise<[SubprocessTransport, P]> {
    if (typeof cmd !== "string" && !((cmd as unknown) instanceof Uint8Array)) {
      throw new ValueError("cmd must be a string");
    }
    const req = toRequest([cmd], options, true, PIPE);
    const protocol = protocolFactory();
    return [await this.#makeSubprocessTransport(protocol, req), protocol];
  }

  // --- pipes (18.5.1.11) ---

  /**
   * Reads `pipe` with `protocolFactory()`'s protocol. `pipe` is a file descriptor, an
   * object with `fileno()` (and `close()`), `Deno.stdin`, or a `ReadableStream`; the
   * transport owns it and closes it.
   *
   * @returns `[transport, protocol]`
   * @throws {ValueError} when the descriptor is not a pipe, socket or character device
   * @throws {TypeError} for anything else
   * @tags allow-ffi
   */
  override async connectReadPipe<P extends ProtocolLike>(
    protocolFactory: () => P,
    pipe: PipeLike,
  ): Promise<[ReadTransport, P]> {
    const protocol = protocolFactory();
    const source = readEnd(pipe);
    const waiter = this.createFuture();
    const transport = new ReadPipeTransport(this, source, protocol, { pipe }, waiter);
    return await whenConnected(transport, protocol, waiter);
  }

  /**
   * Writes to `pipe` with `protocolFactory()`'s protocol. `pipe` is a file descriptor, an
   * object with `fileno()` (and `close()`), `Deno.stdout`/`Deno.stderr`, or a
   * `WritableStream`; the transport owns it and closes it.
   *
   * @returns `[transport, protocol]`
   * @throws {ValueError} when the descriptor is not a pipe, socket or character device
   * @throws {TypeError} for anything else
   * @tags allow-ffi
   */
  override async connectWritePipe<P extends ProtocolLike>(
    protocolFactory: () => P,
    pipe: PipeLike,
  ): Promise<[WriteTransport, P]> {
    const protocol = protocolFactory();
    const sink = writeEnd(pipe);
    const waiter = this.createFuture();
    const transport = new WritePipeTransport(this, sink, protocol, { pipe }, waiter);
    return await whenConnected(transport, protocol, waiter);
  }

  // --- signals (18.5.1.12) ---

  /**
   * Calls `callback(...args)` on the loop whenever signal `sig` arrives. Replaces the
   * loop's earlier handler of `sig`.
   *
   * @throws {TypeError} when `sig` is not an integer or `callback` is an async function
   * @throws {ValueError} when `sig` is out of range
   * @throws {RuntimeError} for SIGKILL and SIGSTOP ("cannot be caught"), in a Worker, or
   *   when the loop is closed
   * @throws {NotImplementedError} for SIGSEGV, SIGILL, SIGFPE and real-time signals
   */
  override addSignalHandler<A extends unknown[]>(
    sig: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): void {
    if (this.#signals === null) {
      this.#signals = new UnixSignalHandlers(this);
      this.#signals.setRunning(this.isRunning());
    }
    this.#signals.add(sig, callback as (...a: never[]) => unknown, args);
  }

  /**
   * Removes the handler of `sig` and puts back the disposition found before it.
   *
   * @returns whether there was a handler
   * @throws {ValueError} when `sig` is out of range
   */
  override removeSignalHandler(sig: number): boolean {
    this.#signals ??= new UnixSignalHandlers(this);
    return this.#signals.remove(sig);
  }

  // --- executors (18.5.1.13) ---

  /**
   * Runs `func(...args)` in `executor` (the default {@linkcode ThreadPoolExecutor} when
   * null) and returns an asyncio Future of its result. Cancelling the future cancels the
   * call (see `ThreadPoolExecutor` for what that does to a running call).
   *
   * @throws {RuntimeError} when the loop is closed or `shutdownDefaultExecutor()` was called
   * @throws {TypeError} when `func` cannot run in the executor
   */
  override runInExecutor<A extends unknown[], R>(
    executor: Executor | null,
    func: WorkerCallable<A, R>,
    ...args: A
  ): Future<Awaited<R>> {
    if (this.isClosed()) throw new RuntimeError("Event loop is closed");
    if (executor == null) {
      if (this.#executorShutdownCalled) {
        throw new RuntimeError("Executor shutdown has been called");
      }
      executor = this.#defaultExecutor ??= new ThreadPoolExecutor({ threadNamePrefix: "asyncio" });
    }
    const work = executor.submit(func, ...args);
    const fut = this.createFuture<Awaited<R>>();
    fut.addDoneCallback((f) => {
      if (f.cancelled()) work.cancel?.();
    });
    work.then(
      (v) => !fut.done() && !this.isClosed() && fut.setResult(v),
      (e) => !fut.done() && !this.isClosed() && fut.setException(e),
    );
    return fut;
  }

  /**
   * Sets the executor `runInExecutor(null, ...)` uses.
   *
   * @throws {TypeError} when `executor` has no `submit` and `shutdown` methods
   */
  override setDefaultExecutor(executor: Executor): void {
    if (
      executor === null || typeof executor !== "object" ||
      typeof executor.submit !== "function" || typeof executor.shutdown !== "function"
    ) {
      throw new TypeError("executor must be an Executor (with submit() and shutdown())");
    }
    this.#defaultExecutor = executor;
  }

  /**
   * Shuts the default executor down and waits for its calls to end (Python 3.9+); after
   * `timeout` seconds it stops waiting, logs a warning and lets the calls end by themselves.
   */
  override async shutdownDefaultExecutor(timeout: number | null = null): Promise<void> {
    this.#executorShutdownCalled = true;
    const executor = this.#defaultExecutor;
    if (executor === null) return;
    const done = Promise.resolve(executor.shutdown({ wait: true }));
    if (timeout === null) {
      await done;
      return;
    }
    try {
      await waitFor(done, timeout);
    } catch (err) {
      if ((err as Error)?.name !== "TimeoutError") throw err;
      logger.warning(
        `The executor did not finishing joining its threads within ${timeout} seconds.`,
      );
      await executor.shutdown({ wait: false });
    }
  }

  /** @internal Whether `runInExecutor(null, ...)` made (or was given) a default executor. */
  _hasDefaultExecutor(): boolean {
    return this.#defaultExecutor !== null;
  }

  /** Python's repr. */
  override toString(): string {
    return super.toString().replace(/^<\w+/, "<SelectorEventLoop");
  }

  async #makeSubprocessTransport(
    protocol: SubprocessProtocolLike,
    req: SpawnRequest,
  ): Promise<UnixSubprocessTransport> {
    if (this.isClosed()) throw new RuntimeError("Event loop is closed");
    const proc = await spawnChild(req);
    const waiter = this.createFuture();
    const transport = new UnixSubprocessTransport(this, protocol, proc, waiter);
    try {
      await waiter;
      throwIfCancelRequested();
    } catch (err) {
      transport.close();
      await transport._wait();
      throw err;
    }
    return transport;
  }
}

setLoopFactory(() => new SelectorEventLoop());

/**
 * Python throws a cancellation requested while the task was about to resume at the await
 * that resumes; here it would wait for the task's next asyncio await, after the transport
 * was handed out. Thrown here, the child is killed as in Python.
 */
function throwIfCancelRequested(): void {
  const task = currentTask() as Task<unknown> | null;
  if (task === null || !task._mustCancel) return;
  task._mustCancel = false;
  throw new CancelledError(task._cancelMessage ?? "");
}
