// The cross-check of the socket module's conversion functions (byte order, CMSG_* and
// inet_*) against CPython, the reference: each call of a generated corpus runs through
// python3's socket module and through ours, and the results, or the errors' class,
// message and errno, must agree.

import assert from "node:assert/strict";
import { OSError } from "../../_errors/os_error.ts";
import { hasPython as probePython, runPython } from "../_helpers/python.ts";

/** Whether python3 can be run: tests that call `assertMatchesCPython` pass `ignore: !hasPython`. */
export const hasPython: boolean = probePython();

/** The suffix of the name of a test that `hasPython` decides to run. */
export const NEEDS_PYTHON = "(needs python3; skipped without it)";

/** An argument or a result as JSON: an int or float as text, a str, bytes as hex, None. */
export type Arg = { i: string } | { f: string } | { s: string } | { b: string } | { n: null };

/** What a call gave: a result, or an error's class name, message and errno. */
export type Outcome = { ok: Arg } | { err: string; msg: string; errno: number | null };

/** One call of a corpus: Python's name of the function, ours, and the arguments. */
export interface OracleCall {
  f: string;
  fn: (...args: never[]) => unknown;
  args: unknown[];
}

const SCRIPT = `
import json, socket, sys
def dec(a):
    (k, v), = a.items()
    return {"s": str, "i": int, "f": float, "b": bytes.fromhex, "n": lambda v: None}[k](v)
def enc(r):
    if isinstance(r, bytes):
        return {"b": r.hex()}
    return {"s": r} if isinstance(r, str) else {"i": str(r)}
out = []
for c in json.load(sys.stdin):
    try:
        out.append({"ok": enc(getattr(socket, c["f"])(*map(dec, c["a"])))})
    except Exception as e:
        name = "ValueError" if isinstance(e, ValueError) else type(e).__name__
        errno = e.errno if isinstance(e, OSError) else None
        out.append({"err": name, "msg": str(e), "errno": errno})
json.dump(out, sys.stdout)
`;

/**
 * Runs every call through python3 and through ours, and asserts that the outcomes agree.
 * A Python TypeError only needs a TypeError of ours (the messages name JavaScript types).
 * Needs python3: its callers are ignored when `hasPython` is false, and it fails if python3
 * cannot be started anyway.
 *
 * @returns the number of calls compared
 */
export async function assertMatchesCPython(calls: OracleCall[]): Promise<number> {
  assert.ok(calls.length > 0, "an empty corpus compares nothing");
  const theirs = await runPython<Outcome[]>(
    SCRIPT,
    calls.map(({ f, args }) => ({ f, a: args.map(toArg) })),
  );
  assert.ok(theirs !== null, "python3 cannot be started: the test should have been ignored");
  assert.equal(theirs.length, calls.length, "python3 answered every call");
  for (let k = 0; k < calls.length; k++) {
    const { f, fn, args } = calls[k];
    const ours = runOurs(fn, args);
    const ref: Outcome = theirs[k];
    const label = `${f}(${args.map(show).join(", ")})`;
    if ("err" in ref && ref.err === "TypeError") {
      assert.equal("err" in ours && ours.err, "TypeError", label);
    } else {
      assert.deepEqual(ours, ref, label);
    }
  }
  return calls.length;
}

/** A JavaScript value as the JSON argument Python decodes. */
export function toArg(v: unknown): Arg {
  if (typeof v === "bigint") return { i: v.toString() };
  if (typeof v === "number") {
    return Number.isInteger(v) ? { i: BigInt(v).toString() } : { f: `${v}` };
  }
  if (typeof v === "string") return { s: v };
  if (ArrayBuffer.isView(v)) {
    const raw = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return { b: [...raw].map((x) => x.toString(16).padStart(2, "0")).join("") };
  }
  return { n: null };
}

/** mulberry32: a small seeded generator, so that a failure reproduces. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function runOurs(fn: (...args: never[]) => unknown, args: unknown[]): Outcome {
  try {
    return { ok: toArg((fn as (...a: unknown[]) => unknown)(...args)) };
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    const errno = e instanceof OSError ? e.errno : null;
    return { err: e.name, msg: e.message, errno };
  }
}

function show(v: unknown): string {
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number") return String(v);
  return JSON.stringify(toArg(v));
}
