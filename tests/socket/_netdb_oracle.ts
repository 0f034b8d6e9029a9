// Runs Python's socket name-resolution functions through python3 on a list of calls, and
// ours the same way (in this process, with or without FFI, or in a `deno run` child
// with chosen permissions), so that tests can compare the outcomes one by one;
// `defineCorpusTests` declares the usual pair of such comparisons.

import assert from "node:assert/strict";
import { forceNetdbFallback } from "../../_ffi/netdb.ts";
import { getaddrinfo } from "../../socket/getaddrinfo.ts";
import { getnameinfo } from "../../socket/getnameinfo.ts";
import { resolveHost, resolveHostSync } from "../../socket/_resolve.ts";
import * as host from "../../socket/hostname.ts";
import * as netdb from "../../socket/netdb.ts";
import { hasPython, pipeJson, runPython } from "../_helpers/python.ts";

const SCRIPT = `
import json, socket, sys
def shape(fn, r):
    if fn == "getaddrinfo":
        return [[int(f), int(t), p, c, list(sa)] for f, t, p, c, sa in r]
    if isinstance(r, tuple):
        return [list(x) if isinstance(x, (list, tuple)) else x for x in r]
    if isinstance(r, list):
        return [list(x) if isinstance(x, tuple) else x for x in r]
    return r
def run(fn, args):
    if fn == "getnameinfo" and isinstance(args[0], list):
        args = [tuple(args[0])] + args[1:]
    try:
        return {"ok": shape(fn, getattr(socket, fn)(*args))}
    except Exception as e:
        name = type(e).__name__
        if isinstance(e, UnicodeError):
            name = "ValueError"
        errno = e.errno if isinstance(e, OSError) else None
        return {"error": name, "errno": errno, "message": str(e)}
print(json.dumps([run(c["fn"], c["args"]) for c in json.load(sys.stdin)]))
`;

/** One call: a Python socket function name and its arguments. */
export interface Call {
  fn: string;
  args: unknown[];
}

/** A result of either side: a value, or an error's class name, errno and message. */
export type Outcome =
  | { ok: unknown }
  | { error: string; errno: number | null; message: string };

// deno-lint-ignore no-explicit-any
type AnyFn = (...args: any[]) => unknown;

/** Our function for each Python name (and two internal ones). */
export const OURS: Readonly<Record<string, AnyFn>> = {
  getaddrinfo,
  getnameinfo,
  gethostname: host.gethostname,
  gethostbyname: host.gethostbyname,
  gethostbyname_ex: host.gethostbynameEx,
  gethostbyaddr: host.gethostbyaddr,
  getfqdn: host.getfqdn,
  getservbyname: netdb.getservbyname,
  getservbyport: netdb.getservbyport,
  getprotobyname: netdb.getprotobyname,
  if_nameindex: netdb.ifNameindex,
  if_nametoindex: netdb.ifNametoindex,
  if_indextoname: netdb.ifIndextoname,
  // Internal, for the child-process tests of socket/_resolve.ts.
  resolve_host: resolveHost,
  resolve_host_sync: resolveHostSync,
};

/** Whether python3 can be run. Synchronous, for `ignore:`. */
export const HAS_PYTHON: boolean = hasPython();

/** Whether the permission-free paths (which follow glibc) can be compared with Python. */
export const FALLBACK_COMPARABLE: boolean = HAS_PYTHON && Deno.build.os === "linux";

const pythonRuns = new Map<string, Promise<Outcome[]>>();

/**
 * Python's outcomes of the calls, in order. A list asked for again gets the first run's
 * outcomes: fewer repeated DNS queries, which some resolvers answer late.
 */
export async function python(calls: Call[]): Promise<Outcome[]> {
  const key = JSON.stringify(calls);
  let run = pythonRuns.get(key);
  if (!run) {
    run = runPython<Outcome[]>(SCRIPT, calls).then((out) => {
      if (out === null) throw new Error("python3 cannot be started");
      return out;
    });
    pythonRuns.set(key, run);
  }
  return await run;
}

/** Our outcomes of the calls in this process; `fallback` forces the paths without FFI. */
export async function ours(calls: Call[], fallback: boolean): Promise<Outcome[]> {
  forceNetdbFallback(fallback);
  try {
    const out: Outcome[] = [];
    for (const call of calls) out.push(await outcome(() => OURS[call.fn](...call.args)));
    return out;
  } finally {
    forceNetdbFallback(false);
  }
}

/** Our outcomes of the calls in a `deno run` child with only the given permission flags. */
export async function oursIn(calls: Call[], flags: string[]): Promise<Outcome[]> {
  const fixture = new URL("./_netdb_fixture.ts", import.meta.url).pathname;
  return await pipeJson<Outcome[]>(Deno.execPath(), ["run", "--quiet", ...flags, fixture], calls);
}

/** The outcome of one call. */
export async function outcome(call: () => unknown): Promise<Outcome> {
  try {
    return { ok: JSON.parse(JSON.stringify(await call())) };
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    const errno = "errno" in e && typeof e.errno === "number" ? e.errno : null;
    return { error: e.name, errno, message: e.message };
  }
}

/** Asserts that two outcome lists agree, listing the first differences. */
export function assertSameOutcomes(calls: Call[], actual: Outcome[], expected: Outcome[]): void {
  const diffs: string[] = [];
  calls.forEach((call, i) => {
    try {
      assert.deepEqual(actual[i], expected[i]);
    } catch {
      diffs.push(
        `${call.fn}(${JSON.stringify(call.args).slice(1, -1)}):\n` +
          `  ours   ${JSON.stringify(actual[i])}\n  python ${JSON.stringify(expected[i])}`,
      );
    }
  });
  assert.equal(
    diffs.length,
    0,
    `${diffs.length} of ${calls.length} differ:\n` +
      diffs.slice(0, 10).join("\n"),
  );
}

/** The names and subsets of the two corpus tests of `defineCorpusTests`. */
export interface CorpusTestOptions {
  /** The name of the test through FFI. */
  ffi: string;
  /** The name of the test without FFI. */
  noFfi: string;
  /** Whether a call is compared without FFI. @default every call */
  withoutFfi?: (call: Call) => boolean;
  /** Whether the `deno run` child repeats a call of those. @default every call */
  inChild?: (call: Call) => boolean;
  /** The child's permission flags. @default ["--allow-read", "--allow-net", "--allow-sys"] */
  childFlags?: string[];
}

/**
 * Declares the two tests that compare a corpus of calls with python3: through FFI, and
 * without FFI, first in this process and then in a `deno run` child that has no
 * --allow-ffi at all.
 */
export function defineCorpusTests(corpus: () => Call[], options: CorpusTestOptions): void {
  const every = () => true;
  const { withoutFfi = every, inChild = every } = options;
  const childFlags = options.childFlags ?? ["--allow-read", "--allow-net", "--allow-sys"];
  Deno.test(options.ffi, { ignore: !HAS_PYTHON }, async () => {
    const calls = corpus();
    assertSameOutcomes(calls, await ours(calls, false), await python(calls));
  });
  Deno.test(options.noFfi, { ignore: !FALLBACK_COMPARABLE }, async () => {
    const all = corpus();
    const expectedAll = await python(all);
    const kept = all.map(withoutFfi);
    const calls = all.filter((_, i) => kept[i]);
    const expected = expectedAll.filter((_, i) => kept[i]);
    assertSameOutcomes(calls, await ours(calls, true), expected);
    const again = calls.map(inChild);
    const subset = <T>(list: T[]) => list.filter((_, i) => again[i]);
    assertSameOutcomes(subset(calls), await oursIn(subset(calls), childFlags), subset(expected));
  });
}

/** A name that only /etc/hosts knows (not localhost), if it lists one. */
export function hostsOnlyName(): string | null {
  let text: string;
  try {
    text = Deno.readTextFileSync("/etc/hosts");
  } catch {
    return null;
  }
  for (const line of text.split("\n")) {
    const [addr, ...names] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (!addr || !/^127\./.test(addr)) continue;
    const name = names.find((n) => n !== "localhost" && !n.startsWith("localhost."));
    if (name) return name;
  }
  return null;
}

/** A test body run twice, as steps: through FFI and through the permission-free paths. */
export function bothPaths(
  body: (fallback: boolean) => Promise<void> | void,
): (t: Deno.TestContext) => Promise<void> {
  return async (t) => {
    for (const fallback of [false, true]) {
      await t.step(fallback ? "without FFI" : "through FFI", async () => {
        forceNetdbFallback(fallback);
        try {
          await body(fallback);
        } finally {
          forceNetdbFallback(false);
        }
      });
    }
  };
}
