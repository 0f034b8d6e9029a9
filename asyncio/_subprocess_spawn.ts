// Starting a child process for the subprocess transport. Two ways, chosen per request:
// - Deno.Command (the default): the fastest here. Measured (Deno 2.9.6, Linux VM): spawn and
//   wait 1.0 ms against 3-6 ms for node:child_process; a 10 MiB communicate() both ways
//   32 ms; a line echoed by `cat` 28 µs. Its pipes are Web streams; no --allow-ffi needed.
// - node:child_process when the request needs what Deno.Command lacks: a new session
//   (setsid), stderr merged into stdout, descriptors given to the child (an fd for
//   stdin/stdout/stderr, passFds), `executable`. Its pipes are Node streams (62 ms for the
//   same communicate(), 28 µs per line), except the one pipe that stdout and stderr share
//   for stderr=STDOUT: a kernel pipe (FFI), since a Node stream cannot be given to two
//   descriptors of the child. Kernel pipes through the shared reactor measured slower
//   (121 ms, 133 µs per line: a readiness wait costs a trip to Deno's FFI thread pool).

import { type ChildProcess, spawn as nodeSpawn, type StdioOptions } from "node:child_process";
import { Readable, Writable } from "node:stream";
import { fromDenoError, NotImplementedError } from "../_errors/mod.ts";
import { osError } from "../_errors/os_error.ts";
import { ffiPermitted, libc } from "../_ffi/libc.ts";
import { pipe, setNonBlocking } from "../_ffi/fd.ts";
import { Signals } from "../signal/enums.ts";
import {
  type ByteSink,
  type ByteSource,
  ownedFdSource,
  streamSink,
  streamSource,
} from "./_pipe_ends.ts";

type NodeStdio = "pipe" | "ignore" | "inherit" | number;

/** One standard stream of the child: a pipe, /dev/null, the parent's, stdout's, or an fd. */
export type StdioChoice = "pipe" | "devnull" | "inherit" | "stdout" | number;

/** What to start. */
export interface SpawnRequest {
  argv: string[];
  stdin: StdioChoice;
  stdout: StdioChoice;
  stderr: StdioChoice;
  cwd?: string;
  env?: Record<string, string>;
  startNewSession: boolean;
  passFds: number[];
  executable?: string;
  uid?: number;
  gid?: number;
}

/** A started child. */
export interface Spawned {
  pid: number;
  /** The Deno.ChildProcess or node ChildProcess (the transport's "subprocess" info). */
  child: Deno.ChildProcess | ChildProcess;
  stdin: ByteSink | null;
  stdout: ByteSource | null;
  stderr: ByteSource | null;
  /** What each pipe transport reports as its "pipe". */
  pipes: [unknown, unknown, unknown];
  /** The return code, Python's way (negative for a signal). Never rejects. */
  exited: Promise<number>;
  /** Sends a signal; a child that has already exited is left alone. */
  kill(sig: number): void;
}

/** Starts the child; throws FileNotFoundError, PermissionError... as Python's Popen does. */
export async function spawnChild(req: SpawnRequest): Promise<Spawned> {
  const needsNode = req.startNewSession || req.passFds.length > 0 ||
    req.executable !== undefined || req.stderr === "stdout" ||
    [req.stdin, req.stdout, req.stderr].some((c) => typeof c === "number");
  return needsNode ? await spawnNode(req) : spawnDeno(req);
}

function spawnDeno(req: SpawnRequest): Spawned {
  const io = (c: StdioChoice): "piped" | "null" | "inherit" =>
    c === "pipe" ? "piped" : c === "devnull" ? "null" : "inherit";
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(req.argv[0], {
      args: req.argv.slice(1),
      cwd: req.cwd,
      env: req.env,
      clearEnv: req.env !== undefined,
      stdin: io(req.stdin),
      stdout: io(req.stdout),
      stderr: io(req.stderr),
      uid: req.uid,
      gid: req.gid,
    }).spawn();
  } catch (err) {
    throw spawnError(err, req);
  }
  const stdin = req.stdin === "pipe" ? child.stdin : null;
  const stdout = req.stdout === "pipe" ? child.stdout : null;
  const stderr = req.stderr === "pipe" ? child.stderr : null;
  const exited = child.status.then(
    (s) => s.signal !== null ? -signalNumber(s.signal) : s.code,
    (err: Error) => -(Number(/Invalid signal: (\d+)/.exec(err.message)?.[1]) || 1),
  );
  let done = false;
  exited.then(() => (done = true));
  return {
    pid: child.pid,
    child,
    stdin: stdin && streamSink(stdin),
    stdout: stdout && streamSource(stdout),
    stderr: stderr && streamSource(stderr),
    pipes: [stdin, stdout, stderr],
    exited,
    kill(sig): void {
      if (done) return;
      try {
        child.kill(sig as unknown as Deno.Signal);
      } catch (err) {
        if (err instanceof TypeError && /already terminated/.test(err.message)) return;
        throw fromDenoError(err);
      }
    },
  };
}

async function spawnNode(req: SpawnRequest): Promise<Spawned> {
  const merged = req.stderr === "stdout" && req.stdout === "pipe";
  if (merged && !ffiPermitted()) {
    throw new NotImplementedError(
      "stderr=STDOUT with stdout=PIPE needs --allow-ffi (one kernel pipe for both)",
    );
  }
  // The read end of the pipe that stdout and stderr share, and the child's write end.
  let mergedEnds: [number, number] | null = null;
  const stdio: NodeStdio[] = [];
  const closeEnds = (): void => {
    if (mergedEnds !== null) { for (const fd of mergedEnds) libc().close(fd); }
    mergedEnds = null;
  };
  try {
    for (const fd of [0, 1, 2]) {
      const c = [req.stdin, req.stdout, req.stderr][fd];
      if (c === "stdout") {
        // stderr goes wherever stdout goes: its pipe, the parent's fd 1, /dev/null, an fd.
        stdio.push(req.stdout === "inherit" ? 1 : stdio[1]);
      } else if (c === "pipe" && fd === 1 && merged) {
        mergedEnds = pipe();
        setNonBlocking(mergedEnds[1], false); // the child's end blocks, as programs expect
        stdio.push(mergedEnds[1]);
      } else {
        stdio.push(c === "pipe" ? "pipe" : c === "devnull" ? "ignore" : c);
      }
    }
    for (const fd of req.passFds) {
      while (stdio.length < fd) stdio.push("ignore");
      stdio[fd] = fd;
    }
  } catch (err) {
    closeEnds();
    throw err;
  }
  let cp: ChildProcess;
  try {
    cp = nodeSpawn(req.executable ?? req.argv[0], req.argv.slice(1), {
      argv0: req.argv[0],
      cwd: req.cwd,
      env: req.env,
      stdio: stdio as StdioOptions,
      detached: req.startNewSession,
      uid: req.uid,
      gid: req.gid,
    });
  } catch (err) {
    closeEnds();
    throw spawnError(err, req);
  }
  const readEnd = mergedEnds?.[0] ?? null;
  if (mergedEnds !== null) libc().close(mergedEnds[1]);
  const exited = new Promise<number>((resolve) => {
    cp.once("exit", (code, signal) => resolve(signal !== null ? -signalNumber(signal) : code!));
  });
  if (cp.pid === undefined) {
    if (readEnd !== null) libc().close(readEnd);
    const err = await new Promise((resolve) => cp.once("error", resolve));
    throw spawnError(err, req);
  }
  cp.on("error", () => {}); // kill() failures are reported by its return value
  let done = false;
  exited.then(() => (done = true));
  const web = (s: Readable | null): ByteSource | null =>
    s ? streamSource(Readable.toWeb(s) as ReadableStream<Uint8Array>) : null;
  return {
    pid: cp.pid,
    child: cp,
    stdin: cp.stdin ? streamSink(Writable.toWeb(cp.stdin) as WritableStream<Uint8Array>) : null,
    stdout: readEnd !== null ? ownedFdSource(readEnd) : web(cp.stdout),
    stderr: web(cp.stderr),
    pipes: [cp.stdin, readEnd ?? cp.stdout, cp.stderr],
    exited,
    kill(sig): void {
      if (done) return;
      if (!cp.kill(sig) && cp.exitCode === null && cp.signalCode === null && !done) {
        try {
          Deno.kill(cp.pid!, sig as unknown as Deno.Signal);
        } catch (err) {
          if (!(err instanceof Deno.errors.NotFound)) throw fromDenoError(err);
        }
      }
    },
  };
}

/** A signal's number from its name ("SIGTERM"). */
export function signalNumber(name: string): number {
  const n = (Signals as unknown as Record<string, number>)[name];
  return typeof n === "number" ? n : 0;
}

function spawnError(err: unknown, req: SpawnRequest): unknown {
  const e = err as { message?: string; code?: unknown };
  if (typeof e?.message === "string" && /No such cwd/.test(e.message)) {
    return osError("ENOENT", req.cwd, { cause: err });
  }
  return fromDenoError(err, req.executable ?? req.argv[0]);
}
