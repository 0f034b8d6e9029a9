// Which task is running: the task is stored in the async context that V8 carries across
// every `await` (the mechanism behind `node:async_hooks` AsyncLocalStorage).
//
// `AsyncLocalStorage.run` costs 0.5-1 µs here (it copies a null-prototype mapping and
// writes a WeakMap), which would dominate task creation. Deno builds AsyncLocalStorage on
// two primitives of its core, `getAsyncContext`/`setAsyncContext`; when they exist we use
// them directly with a mapping that keeps every AsyncLocalStorage value of the caller
// (their keys are copied), at about 15 ns. Without them we fall back to a public
// AsyncLocalStorage, which is slower but identical in behaviour.

import { AsyncLocalStorage } from "node:async_hooks";

/** The slot of the task (or root) whose code is running; see `_host.ts`. */
const KEY: unique symbol = Symbol("ipcnet.asyncio.task");

interface Core {
  getAsyncContext(): unknown;
  setAsyncContext(ctx: unknown): void;
}

class Mapping {
  [KEY]: unknown;
  constructor(value: unknown) {
    this[KEY] = value;
  }
}

function findCore(): Core | null {
  try {
    const d = Deno as unknown as Record<symbol, { core?: Partial<Core> } | undefined>;
    const internal = (Deno as unknown as { internal?: symbol }).internal;
    const core = internal === undefined ? undefined : d[internal]?.core;
    if (
      typeof core?.getAsyncContext === "function" && typeof core.setAsyncContext === "function"
    ) return core as Core;
  } catch {
    // not Deno, or the runtime hides its core: use AsyncLocalStorage
  }
  return null;
}

let core: Core | null = findCore();
const als = new AsyncLocalStorage<unknown>();

/** The value stored by the innermost `runInContext`, or `undefined`. */
export function contextValue(): unknown {
  if (core !== null) {
    const m = core.getAsyncContext() as Record<symbol, unknown> | undefined | null;
    return m == null ? undefined : m[KEY];
  }
  return als.getStore();
}

const ROOT = new Mapping(undefined);

/** Whether the running code is outside any task's context. */
export function inRootContext(): boolean {
  return contextValue() === undefined;
}

/** Calls `fn` so that it and every continuation it creates see `value`. */
export function runInContext<R>(value: unknown, fn: () => R): R {
  if (core === null) return als.run(value, fn);
  const prev = core.getAsyncContext();
  let next: unknown;
  if (prev == null || prev instanceof Mapping) {
    next = value === undefined ? ROOT : new Mapping(value);
  } else next = { __proto__: null, ...(prev as object), [KEY]: value };
  core.setAsyncContext(next);
  try {
    return fn();
  } finally {
    core.setAsyncContext(prev);
  }
}

/**
 * Makes `value` current for the rest of the running synchronous code and for every
 * continuation created from now on (AsyncLocalStorage's `enterWith`). Called where a
 * coroutine is about to await, so that its continuation carries `value`.
 */
export function enterContext(value: unknown): void {
  if (core === null) {
    als.enterWith(value);
    return;
  }
  const prev = core.getAsyncContext();
  if (prev == null || prev instanceof Mapping) {
    core.setAsyncContext(value === undefined ? ROOT : new Mapping(value));
  } else core.setAsyncContext({ __proto__: null, ...(prev as object), [KEY]: value });
}

/**
 * `enterContext(make(contextValue()))` with one look at the context: the value made from
 * the current one becomes current for the rest of the running synchronous code and for
 * every continuation created from now on. Returns the new value.
 */
export function enterDerivedContext<V>(make: (current: unknown) => V): V {
  if (core === null) {
    const v = make(als.getStore());
    als.enterWith(v);
    return v;
  }
  const prev = core.getAsyncContext() as Record<symbol, unknown> | undefined | null;
  if (prev == null || prev instanceof Mapping) {
    const v = make(prev == null ? undefined : prev[KEY]);
    core.setAsyncContext(v === undefined ? ROOT : new Mapping(v));
    return v;
  }
  const v = make(prev[KEY]);
  core.setAsyncContext({ __proto__: null, ...prev, [KEY]: v });
  return v;
}

/**
 * At the start of a loop iteration: leave whatever task context scheduled it. Returns
 * false when only `runInContext` can do that (the AsyncLocalStorage fallback).
 */
export function enterRootContext(): boolean {
  if (core === null) return false;
  const prev = core.getAsyncContext();
  if (prev == null || prev instanceof Mapping) core.setAsyncContext(ROOT);
  else core.setAsyncContext({ __proto__: null, ...(prev as object), [KEY]: undefined });
  return true;
}

/** Which mechanism is in use; tests switch to `"als"` to cover the fallback. */
export function contextBackend(): "core" | "als" {
  return core === null ? "als" : "core";
}

/** Forces the AsyncLocalStorage fallback (`"als"`) or restores the fast path. Tests only. */
export function setContextBackend(kind: "core" | "als"): void {
  core = kind === "als" ? null : findCore();
}
