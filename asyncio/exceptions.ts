// asyncio's own exceptions (CPython asyncio/exceptions.py), and the shared ones it raises.

export {
  BlockingIOError,
  BrokenPipeError,
  ChildProcessError,
  ConnectionAbortedError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  FileExistsError,
  FileNotFoundError,
  InterruptedError,
  OSError,
  PermissionError,
  ProcessLookupError,
  TimeoutError,
} from "../_errors/os_error.ts";
import { RuntimeError } from "../_errors/python_errors.ts";

export {
  IndexError,
  KeyError,
  NotImplementedError,
  OverflowError,
  RuntimeError,
  ValueError,
} from "../_errors/python_errors.ts";

/**
 * Python's `asyncio.CancelledError`: the task or future was cancelled. It is thrown at the
 * `await` a cancelled task is suspended in; `message` is the `msg` given to `cancel()`.
 *
 * @example
 * ```ts
 * import { CancelledError, getRunningLoop, run, sleep } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const t = getRunningLoop().createTask(() => sleep(10));
 *   await sleep(0);
 *   t.cancel("stop");
 *   await assert.rejects(async () => await t, CancelledError);
 * });
 * ```
 */
export class CancelledError extends Error {
  /** Python\'s name for the exception: `"CancelledError"`. */
  override name = "CancelledError";
}

/**
 * Python's `asyncio.InvalidStateError`: a future was used in a state that does not allow
 * the call (setting a result twice, reading a result that is not there).
 *
 * @example
 * ```ts
 * import { Future, InvalidStateError, newEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * const fut = new Future<number>({ loop });
 * assert.throws(() => fut.result(), InvalidStateError);
 * loop.close();
 * ```
 */
export class InvalidStateError extends Error {
  /** Python\'s name for the exception: `"InvalidStateError"`. */
  override name = "InvalidStateError";
}

/**
 * Python's `asyncio.BrokenBarrierError`: a `Barrier` was reset or aborted while a task
 * waited on it.
 *
 * @example
 * ```ts
 * import { Barrier, BrokenBarrierError, run } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const b = new Barrier(2);
 *   await b.abort();
 *   await assert.rejects(b.wait(), BrokenBarrierError);
 * });
 * ```
 */
export class BrokenBarrierError extends RuntimeError {
  /** Python\'s name for the exception: `"BrokenBarrierError"`. */
  override name = "BrokenBarrierError";
}

/**
 * Python's `ExceptionGroup`: several exceptions raised together, as `TaskGroup` does
 * when its tasks fail. It is an `AggregateError`; `exceptions` is Python's name for
 * `errors`.
 *
 * @example
 * ```ts
 * import { ExceptionGroup } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const g = new ExceptionGroup("two", [new Error("a"), new Error("b")]);
 * assert.equal(g.exceptions.length, 2);
 * assert.equal(g.message, "two (2 sub-exceptions)");
 * ```
 */
export class ExceptionGroup extends AggregateError {
  /** Python\'s name for the exception: `"ExceptionGroup"`. */
  override name = "ExceptionGroup";
  /** The message without the count. */
  readonly baseMessage: string;

  /**
   * Makes the group.
   *
   * @param message what failed @param exceptions the exceptions
   */
  constructor(message: string, exceptions: readonly unknown[]) {
    const n = exceptions.length;
    super(exceptions, `${message} (${n} sub-exception${n === 1 ? "" : "s"})`);
    this.baseMessage = message;
  }

  /** Python's `exceptions` (the same array as `errors`). */
  get exceptions(): unknown[] {
    return this.errors;
  }
}

/**
 * Python's `asyncio.SendfileNotAvailableError`: sendfile has no zero-copy path here (Deno
 * exposes no descriptors for it) and the fallback was refused (`fallback: false`).
 *
 * @example
 * ```ts
 * import { RuntimeError, SendfileNotAvailableError } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.ok(new SendfileNotAvailableError("no") instanceof RuntimeError);
 * ```
 */
export class SendfileNotAvailableError extends RuntimeError {
  /** Python\'s name for the exception: `"SendfileNotAvailableError"`. */
  override name = "SendfileNotAvailableError";
}
