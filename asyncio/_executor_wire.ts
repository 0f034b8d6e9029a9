// What crosses between the executor (executor.ts) and its Workers (_executor_worker.ts):
// the call and reply messages, and errors as plain records rebuilt on the other side.

import * as osErrors from "../_errors/os_error.ts";
import * as pyErrors from "../_errors/python_errors.ts";
import { CancelledError, InvalidStateError } from "./exceptions.ts";

/** How a Worker finds the function to run: its source text, or a module and an export. */
export type CallableSpec =
  | { kind: "source"; source: string }
  | { kind: "module"; module: string; name: string };

/** Parent -> Worker. */
export type ToWorker =
  | { op: "init"; spec: CallableSpec | null; args: unknown[] }
  | { op: "call"; id: number; spec: CallableSpec; args: unknown[] };

/** Worker -> parent. */
export type FromWorker =
  | { op: "ready" }
  | { op: "broken"; error: ErrorRecord }
  | { op: "result"; id: number; value: unknown }
  | { op: "error"; id: number; error: ErrorRecord };

/** An error as a cloneable record. */
export interface ErrorRecord {
  name: string;
  message: string;
  stack: string | undefined;
  /** Own enumerable properties that could be cloned (`errno`, `code`, `key`, ...). */
  props: Record<string, unknown>;
  cause?: ErrorRecord;
}

/** Makes a cloneable record of anything thrown. */
export function errorToRecord(err: unknown, depth = 0): ErrorRecord {
  if (!(err instanceof Error)) {
    return {
      name: "Error",
      message: `non-Error thrown: ${safeString(err)}`,
      stack: undefined,
      props: {},
    };
  }
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(err)) {
    if (key === "name" || key === "message" || key === "stack" || key === "cause") continue;
    const v = (err as unknown as Record<string, unknown>)[key];
    try {
      props[key] = structuredClone(v);
    } catch {
      // not cloneable: left out
    }
  }
  const rec: ErrorRecord = { name: err.name, message: err.message, stack: err.stack, props };
  if (err.cause !== undefined && depth < 4) rec.cause = errorToRecord(err.cause, depth + 1);
  return rec;
}

type ErrorClass = new (message?: string) => Error;

const BUILTIN: Record<string, ErrorClass> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
  CancelledError,
  InvalidStateError,
  ValueError: pyErrors.ValueError,
  IndexError: pyErrors.IndexError,
  OverflowError: pyErrors.OverflowError,
  RuntimeError: pyErrors.RuntimeError,
  NotImplementedError: pyErrors.NotImplementedError,
};

/**
 * Rebuilds an error from its record: the same class when it is a JavaScript built-in, one
 * of the library's Python exceptions (OSError subclasses from their errno) or a
 * `Deno.errors` class; otherwise an `Error` whose `name` is the original's. The stack is
 * the one the Worker recorded.
 */
export function recordToError(rec: ErrorRecord): Error {
  let err: Error;
  const errno = rec.props.errno;
  if (rec.name in osErrors && typeof errno === "number") {
    const strerror = typeof rec.props.strerror === "string" ? rec.props.strerror : undefined;
    err = new osErrors.OSError(errno, strerror);
  } else if (rec.name === "KeyError") {
    err = new pyErrors.KeyError(rec.props.key ?? rec.message);
  } else {
    const denoClass = (Deno.errors as unknown as Record<string, ErrorClass | undefined>)[rec.name];
    const Ctor = Object.hasOwn(BUILTIN, rec.name) ? BUILTIN[rec.name] : denoClass ?? Error;
    err = new Ctor(rec.message);
  }
  for (const [k, v] of Object.entries(rec.props)) {
    try {
      (err as unknown as Record<string, unknown>)[k] = v;
    } catch {
      // a read-only property of the rebuilt class
    }
  }
  if (err.name !== rec.name) {
    Object.defineProperty(err, "name", { value: rec.name, writable: true, configurable: true });
  }
  if (err.message !== rec.message) {
    Object.defineProperty(err, "message", {
      value: rec.message,
      writable: true,
      configurable: true,
    });
  }
  if (rec.stack !== undefined) {
    Object.defineProperty(err, "stack", { value: rec.stack, writable: true, configurable: true });
  }
  if (rec.cause !== undefined) {
    Object.defineProperty(err, "cause", {
      value: recordToError(rec.cause),
      writable: true,
      configurable: true,
    });
  }
  return err;
}

function safeString(v: unknown): string {
  try {
    return String(v);
  } catch {
    return typeof v;
  }
}
