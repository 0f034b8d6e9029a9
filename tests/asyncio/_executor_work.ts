// Functions the executor tests run in Workers by module URL (workerFunction).

import { threadId } from "node:worker_threads";
import { OSError, ValueError } from "../../asyncio/mod.ts";

/** Fibonacci, recursively: CPU-bound work. */
export function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/** The id of the Worker running the call. */
export function whichThread(): number {
  return threadId;
}

/** Throws the library's ValueError. */
export function badValue(): never {
  throw new ValueError("not like that");
}

/** Throws an OSError with errno 2 (FileNotFoundError in Python's table). */
export function missingFile(): never {
  throw new OSError(2, "No such file or directory");
}

/**
 * Waits until `flags[index]` becomes non-zero (another call sets it), blocking its Worker,
 * and returns "ok", or "timed-out" after `ms`.
 */
export function waitFlag(flags: Int32Array, index: number, ms: number): string {
  return Atomics.wait(flags, index, 0, ms) === "timed-out" ? "timed-out" : "ok";
}

/** Sets `flags[index]` and wakes its waiters. */
export function setFlag(flags: Int32Array, index: number): void {
  Atomics.store(flags, index, 1);
  Atomics.notify(flags, index);
}

/** Returns something that cannot be cloned back. */
export function unclonable(): unknown {
  return { f: () => 1 };
}

/** A module-level value, to show that module functions may use their module. */
const GREETING = "hello from a module";
export function greet(name: string): string {
  return `${GREETING}, ${name}`;
}

/** An initializer that fails. */
export function failingInit(): never {
  throw new RangeError("init failed");
}
