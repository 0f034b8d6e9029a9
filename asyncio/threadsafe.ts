// run_coroutine_threadsafe (CPython asyncio/tasks.py) for Deno, where another thread is
// a Worker: an isolate that shares no objects with the loop's, so coroutines cross as
// named calls over a message protocol.
//
// Protocol (structured-clone messages, each tagged `ipcnetAsyncio: 1`):
//   caller -> loop  { op: "run", id, name, args }   start functions[name](...args) as a task
//   caller -> loop  { op: "cancel", id, msg }       task.cancel(msg)
//   loop -> caller  { op: "result", id, value }     the task returned value
//   loop -> caller  { op: "error", id, error: { name, message, stack } }
//   loop -> caller  { op: "cancelled", id, msg }    the task was cancelled

import { RuntimeError } from "../_errors/python_errors.ts";
import type { AbstractEventLoop, Coroutine } from "./events.ts";
import { CancelledError, InvalidStateError } from "./exceptions.ts";
import { ensureFuture, type Task } from "./tasks.ts";
import type { Future } from "./futures.ts";

/** Something messages go through: a `Worker`, a `MessagePort`, or a Worker's `self`. */
export interface MessageEndpoint {
  /** Sends a message. */
  postMessage(message: unknown): void;
  /** Listens for messages. */
  addEventListener(type: "message", listener: (e: MessageEvent) => void): void;
  /** Stops listening. */
  removeEventListener(type: "message", listener: (e: MessageEvent) => void): void;
}

/** A call of a function exposed by `exposeToWorker`: `{ name, args }`. */
export interface CoroutineCall {
  /** The exposed function's name. */
  name: string;
  /** Its arguments (structured-cloneable). */
  args?: unknown[];
}

interface Msg {
  ipcnetAsyncio: 1;
  op: "run" | "cancel" | "result" | "error" | "cancelled";
  id: number;
  name?: string;
  args?: unknown[];
  msg?: string;
  value?: unknown;
  error?: { name: string; message: string; stack?: string };
}

/**
 * Python's `concurrent.futures.Future` as `runCoroutineThreadsafe` returns it: it can
 * be awaited from any code, whether or not a loop runs, and cancelled.
 *
 * @typeParam T the result type
 */
export class ThreadsafeFuture<T> implements PromiseLike<T> {
  #promise: Promise<T>;
  #resolve!: (v: T) => void;
  #reject!: (e: unknown) => void;
  #state: "pending" | "finished" | "cancelled" = "pending";
  #value: unknown = undefined;
  #failed = false;
  #onCancel: (msg?: string) => void;

  /**
   * Makes a pending future.
   *
   * @param onCancel asks the loop side to cancel the task
   */
  constructor(onCancel: (msg?: string) => void) {
    this.#onCancel = onCancel;
    this.#promise = new Promise<T>((res, rej) => {
      this.#resolve = res;
      this.#reject = rej;
    });
    this.#promise.catch(() => {});
  }

  /** Whether the call finished or was cancelled. */
  done(): boolean {
    return this.#state !== "pending";
  }

  /** Whether the task was cancelled. */
  cancelled(): boolean {
    return this.#state === "cancelled";
  }

  /** Asks the loop to cancel the task; the future settles when the task does. */
  cancel(msg?: string): boolean {
    if (this.#state !== "pending") return false;
    this.#onCancel(msg);
    return true;
  }

  /**
   * The result, once there (Python's `result()` blocks; here it is a Promise).
   *
   * @throws {CancelledError} when the task was cancelled
   * @throws the task's exception
   */
  result(): Promise<T> {
    return this.#promise;
  }

  /** The settled value synchronously. @throws {InvalidStateError} when still pending */
  resultNow(): T {
    if (this.#state === "pending") throw new InvalidStateError("Result is not ready.");
    if (this.#state === "cancelled" || this.#failed) throw this.#value;
    return this.#value as T;
  }

  /** Awaitable. */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#promise.then(onfulfilled, onrejected);
  }

  /** @internal */
  _settle(kind: "result" | "error" | "cancelled", value: unknown): void {
    if (this.#state !== "pending") return;
    this.#state = kind === "cancelled" ? "cancelled" : "finished";
    this.#failed = kind !== "result";
    this.#value = value;
    if (kind === "result") this.#resolve(value as T);
    else this.#reject(value);
  }
}

/**
 * The loop as seen from a Worker: made by `connectLoop(self)` in the Worker, paired with
 * `exposeToWorker(loop, worker, functions)` beside the loop.
 */
export class RemoteLoop {
  #endpoint: MessageEndpoint;
  #nextId = 1;
  #pending = new Map<number, ThreadsafeFuture<unknown>>();
  #listener = (e: MessageEvent): void => {
    const m = e.data as Msg;
    if (m?.ipcnetAsyncio !== 1) return;
    const f = this.#pending.get(m.id);
    if (f === undefined) return;
    this.#pending.delete(m.id);
    if (m.op === "result") f._settle("result", m.value);
    else if (m.op === "cancelled") f._settle("cancelled", new CancelledError(m.msg ?? ""));
    else if (m.op === "error") f._settle("error", reviveError(m.error!));
  };

  /**
   * Listens on `endpoint`.
   *
   * @param endpoint the Worker's `self`, or a MessagePort
   */
  constructor(endpoint: MessageEndpoint) {
    this.#endpoint = endpoint;
    endpoint.addEventListener("message", this.#listener);
  }

  /** @internal Sends one call. */
  _call<T>(call: CoroutineCall): ThreadsafeFuture<T> {
    if (typeof call?.name !== "string") {
      throw new TypeError("a RemoteLoop runs { name, args } calls of exposed functions");
    }
    const id = this.#nextId++;
    const f = new ThreadsafeFuture<T>((msg) => this.#post({ op: "cancel", id, msg }));
    this.#pending.set(id, f as ThreadsafeFuture<unknown>);
    this.#post({ op: "run", id, name: call.name, args: call.args ?? [] });
    return f;
  }

  /** Stops listening; pending calls are left unsettled. */
  close(): void {
    this.#endpoint.removeEventListener("message", this.#listener);
  }

  /** `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }

  #post(m: Omit<Msg, "ipcnetAsyncio">): void {
    this.#endpoint.postMessage({ ipcnetAsyncio: 1, ...m });
  }
}

/**
 * In a Worker: the loop of the thread that exposed functions to it.
 *
 * @example
 * ```ts ignore
 * // worker.ts
 * import { connectLoop, runCoroutineThreadsafe } from "@ipcnet/std/asyncio";
 * const loop = connectLoop(self as unknown as MessagePort);
 * const sum = await runCoroutineThreadsafe({ name: "add", args: [1, 2] }, loop);
 * ```
 */
export function connectLoop(endpoint: MessageEndpoint): RemoteLoop {
  return new RemoteLoop(endpoint);
}

/**
 * Beside the loop: lets a Worker (or whoever holds the other end of a MessagePort) run
 * `functions[name](...args)` as tasks on `loop` with `runCoroutineThreadsafe`. Dispose
 * the returned handle to stop serving.
 *
 * @example
 * ```ts ignore
 * const w = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
 * using _ = exposeToWorker(loop, w, { add: async (a: number, b: number) => a + b });
 * ```
 */
export function exposeToWorker(
  loop: AbstractEventLoop,
  endpoint: MessageEndpoint,
  functions: Record<string, (...args: never[]) => unknown>,
): Disposable & { close(): void } {
  const tasks = new Map<number, Future<unknown>>();
  const post = (m: Omit<Msg, "ipcnetAsyncio">): void =>
    endpoint.postMessage({ ipcnetAsyncio: 1, ...m });
  const listener = (e: MessageEvent): void => {
    const m = e.data as Msg;
    if (m?.ipcnetAsyncio !== 1) return;
    if (m.op === "cancel") {
      tasks.get(m.id)?.cancel(m.msg);
      return;
    }
    if (m.op !== "run") return;
    const id = m.id;
    const fn = Object.hasOwn(functions, m.name!) ? functions[m.name!] : undefined;
    if (typeof fn !== "function") {
      post({
        op: "error",
        id,
        error: packError(new RuntimeError(`no exposed function ${m.name}`)),
      });
      return;
    }
    loop.callSoonThreadsafe(() => {
      const t = ensureFuture(
        () => (fn as (...a: unknown[]) => unknown)(...(m.args ?? [])) as PromiseLike<unknown>,
        { loop },
      );
      tasks.set(id, t);
      t.addDoneCallback((f) => {
        tasks.delete(id);
        if (f.cancelled()) post({ op: "cancelled", id, msg: f._cancelMessage });
        else if (f.exception() !== null) post({ op: "error", id, error: packError(f.exception()) });
        else {
          try {
            post({ op: "result", id, value: f.result() });
          } catch (err) {
            post({ op: "error", id, error: packError(err) });
          }
        }
      });
    });
  };
  endpoint.addEventListener("message", listener);
  const close = (): void => endpoint.removeEventListener("message", listener);
  return { close, [Symbol.dispose]: close };
}

/**
 * Python's `asyncio.run_coroutine_threadsafe`: submits a coroutine to `loop` from code
 * that does not run on it, and returns a `ThreadsafeFuture`. For a loop of this isolate
 * (`callSoonThreadsafe` is used), `coro` is a coroutine; for a `RemoteLoop` (in a
 * Worker), it is `{ name, args }` naming a function given to `exposeToWorker`.
 *
 * @example
 * ```ts
 * import { newEventLoop, runCoroutineThreadsafe, sleep } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * const running = loop.runForever();
 * const fut = runCoroutineThreadsafe(() => sleep(0.001, 42), loop);
 * assert.equal(await fut, 42);
 * loop.stop();
 * await running;
 * loop.close();
 * ```
 */
export function runCoroutineThreadsafe<T>(
  coro: Coroutine<T> | CoroutineCall,
  loop: AbstractEventLoop | RemoteLoop,
): ThreadsafeFuture<T> {
  if (loop instanceof RemoteLoop) return loop._call<T>(coro as CoroutineCall);
  const isCoro = typeof coro === "function" ||
    (coro !== null && typeof coro === "object" && "then" in coro);
  if (!isCoro) throw new TypeError("A coroutine object is required");
  let task: Task<T> | null = null;
  let cancelMsg: string | undefined;
  let cancelRequested = false;
  const out = new ThreadsafeFuture<T>((msg) => {
    if (task !== null) task.cancel(msg);
    else {
      cancelRequested = true;
      cancelMsg = msg;
    }
  });
  loop.callSoonThreadsafe(() => {
    try {
      task = ensureFuture(coro as Coroutine<T>, { loop }) as Task<T>;
    } catch (e) {
      out._settle("error", e);
      return;
    }
    if (cancelRequested) task.cancel(cancelMsg);
    task.addDoneCallback((f) => {
      if (f.cancelled()) out._settle("cancelled", f._makeCancelledError());
      else if (f.exception() !== null) out._settle("error", f.exception());
      else out._settle("result", f.result());
    });
  });
  return out;
}

function packError(e: unknown): { name: string; message: string; stack?: string } {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: "Error", message: String(e) };
}

function reviveError(p: { name: string; message: string; stack?: string }): Error {
  const e = p.name === "CancelledError" ? new CancelledError(p.message) : new Error(p.message);
  e.name = p.name;
  if (p.stack !== undefined) e.stack = p.stack;
  return e;
}
