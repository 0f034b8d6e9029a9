// The Worker side of the executor (executor.ts): runs one call at a time, as a thread of
// Python's ThreadPoolExecutor does. A function arrives as its source text (compiled once
// per Worker and cached) or as a module URL and an export name (imported once).

import { parentPort } from "node:worker_threads";
import {
  type CallableSpec,
  errorToRecord,
  type FromWorker,
  type ToWorker,
} from "./_executor_wire.ts";

type Callable = (...args: unknown[]) => unknown;

const port = parentPort!;
const compiled = new Map<string, Callable>();
const MAX_COMPILED = 256;

let broken = false;
let turn: Promise<void> = Promise.resolve();

// One message at a time: the initializer before the first call, calls in order.
port.on("message", (msg: ToWorker) => {
  turn = turn.then(() =>
    msg.op === "init" ? init(msg.spec, msg.args) : call(msg.id, msg.spec, msg.args)
  );
});

async function init(spec: CallableSpec | null, args: unknown[]): Promise<void> {
  try {
    if (spec !== null) await (await resolve(spec))(...args);
    send({ op: "ready" });
  } catch (err) {
    broken = true;
    send({ op: "broken", error: errorToRecord(err) });
  }
}

async function call(id: number, spec: CallableSpec, args: unknown[]): Promise<void> {
  if (broken) return;
  let value: unknown;
  try {
    value = await (await resolve(spec))(...args);
  } catch (err) {
    send({ op: "error", id, error: errorToRecord(hint(err)) });
    return;
  }
  try {
    port.postMessage({ op: "result", id, value } satisfies FromWorker);
  } catch (err) {
    const e = new TypeError(
      `the result of the call cannot be sent back from the Worker: ${(err as Error).message}`,
    );
    send({ op: "error", id, error: errorToRecord(e) });
  }
}

async function resolve(spec: CallableSpec): Promise<Callable> {
  if (spec.kind === "module") {
    const mod = await import(spec.module);
    const fn = mod[spec.name];
    if (typeof fn !== "function") {
      throw new TypeError(`${spec.module} has no exported function named "${spec.name}"`);
    }
    return fn;
  }
  let fn = compiled.get(spec.source);
  if (fn === undefined) {
    fn = compileSource(spec.source);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(spec.source, fn);
  }
  return fn;
}

/** Compiles a function's source: an expression, or a method written in shorthand. */
function compileSource(source: string): Callable {
  try {
    return new Function(`return (${source});`)() as Callable;
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    const holder = new Function(`return ({ ${source} });`)() as Record<string, Callable>;
    return Object.values(holder)[0];
  }
}

/** A ReferenceError is most often a variable of the code that defined the function. */
function hint(err: unknown): unknown {
  if (err instanceof ReferenceError && !err.message.includes("Worker")) {
    const before = err.message;
    err.message += " (a function run by the executor is compiled again in a Worker from its" +
      " source: it cannot use variables or imports of the code that defined it; pass values" +
      " as arguments, import inside the function, or use workerFunction(moduleUrl, name))";
    if (err.stack !== undefined) err.stack = err.stack.replace(before, err.message);
  }
  return err;
}

function send(msg: FromWorker): void {
  port.postMessage(msg);
}
