// Python's argument checks of loop.subprocess_exec/subprocess_shell and Popen's keyword
// arguments, turned into a SpawnRequest (_subprocess_spawn.ts).

import { NotImplementedError, ValueError } from "../_errors/python_errors.ts";
import type { SpawnRequest, StdioChoice } from "./_subprocess_spawn.ts";
import type { StdioTarget, SubprocessOptions } from "./subprocess.ts";

const PIPE = -1, STDOUT = -2, DEVNULL = -3;

const KNOWN = new Set([
  "stdin",
  "stdout",
  "stderr",
  "cwd",
  "env",
  "startNewSession",
  "passFds",
  "closeFds",
  "executable",
  "user",
  "group",
  "universalNewlines",
  "shell",
  "bufsize",
  "text",
  "encoding",
  "errors",
  "restoreSignals",
  "preexecFn",
  "processGroup",
  "umask",
  "limit",
]);

/** Splits `...args` into the program's arguments and a trailing plain options object. */
export function splitArgs<O extends object>(rest: readonly unknown[]): [unknown[], O] {
  const last = rest.at(-1);
  if (
    last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype
  ) {
    return [rest.slice(0, -1), last as O];
  }
  return [[...rest], {} as O];
}

/**
 * Checks `options` as Python's loop.subprocess_exec (`shell` false) or subprocess_shell
 * (`shell` true) and Popen do, and makes the request. `fallback` is each stream's default.
 */
export function toRequest(
  argv: unknown[],
  options: SubprocessOptions,
  shell: boolean,
  fallback: StdioTarget,
): SpawnRequest {
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw new TypeError(`got an unexpected keyword argument '${key}'`);
  }
  const o = options;
  if (o.universalNewlines) throw new ValueError("universal_newlines must be False");
  if (shell && o.shell === false) throw new ValueError("shell must be True");
  if (!shell && o.shell) throw new ValueError("shell must be False");
  if (o.bufsize !== undefined && o.bufsize !== 0) throw new ValueError("bufsize must be 0");
  if (o.text) throw new ValueError("text must be False");
  if (o.encoding != null) throw new ValueError("encoding must be None");
  if (o.errors != null) throw new ValueError("errors must be None");
  if (o.preexecFn != null) {
    throw new NotImplementedError(
      "preexecFn: JavaScript cannot run code in the child between fork and exec",
    );
  }
  if (o.processGroup != null) {
    throw new NotImplementedError(
      "processGroup: neither Deno.Command nor node:child_process can call setpgid; " +
        "startNewSession (setsid) makes a new process group",
    );
  }
  if (o.umask !== undefined && o.umask !== -1) {
    throw new NotImplementedError("umask: Deno cannot set the umask of a child process");
  }
  const args = argv.map((a) => {
    if (typeof a === "string") return a;
    if (a instanceof Uint8Array) return new TextDecoder().decode(a);
    if (a instanceof URL && a.protocol === "file:") return decodeURIComponent(a.pathname);
    throw new TypeError(
      `program arguments must be a bytes or text string, not ${a === null ? "null" : typeof a}`,
    );
  });
  if (args.length === 0) throw new ValueError("program must be given");
  const stdin = stdio(o.stdin, fallback, "stdin");
  const stdout = stdio(o.stdout, fallback, "stdout");
  const stderr = stdio(o.stderr, fallback, "stderr");
  const env = o.env == null ? undefined : checkEnv(o.env);
  const passFds = [...(o.passFds ?? [])].map((fd) => {
    if (!Number.isInteger(fd) || fd < 3) {
      throw new ValueError(`bad value(s) in fds_to_keep: ${fd} (3 or more expected)`);
    }
    return fd;
  });
  for (const [name, v] of [["user", o.user], ["group", o.group]] as const) {
    if (v != null && (!Number.isInteger(v) || v < 0)) {
      throw new TypeError(`${name} must be a numeric id here, not ${JSON.stringify(v)}`);
    }
  }
  return {
    argv: shell ? ["/bin/sh", "-c", args[0]] : args,
    stdin,
    stdout,
    stderr,
    cwd: o.cwd == null
      ? undefined
      : o.cwd instanceof URL
      ? decodeURIComponent(o.cwd.pathname)
      : String(o.cwd),
    env,
    startNewSession: Boolean(o.startNewSession),
    passFds,
    executable: o.executable ?? undefined,
    uid: o.user ?? undefined,
    gid: o.group ?? undefined,
  };
}

function stdio(value: StdioTarget | undefined, fallback: StdioTarget, name: string): StdioChoice {
  const v = value === undefined ? fallback : value;
  if (v === null) return "inherit";
  if (v === PIPE) return "pipe";
  if (v === DEVNULL) return "devnull";
  if (v === STDOUT) {
    if (name !== "stderr") throw new ValueError(`STDOUT can only be used for stderr, not ${name}`);
    return "stdout";
  }
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < 0) throw new ValueError(`bad value for ${name}: ${v}`);
    return v;
  }
  if (typeof v === "object" && typeof (v as { fileno?: unknown }).fileno === "function") {
    return stdio((v as { fileno(): number }).fileno(), fallback, name);
  }
  throw new TypeError(
    `${name} must be PIPE, DEVNULL, ${name === "stderr" ? "STDOUT, " : ""}a file descriptor, ` +
      `an object with fileno() or null, not ${typeof v}`,
  );
}

function checkEnv(env: Record<string, string>): Record<string, string> {
  if (typeof env !== "object") throw new TypeError("env must be an object of strings");
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (typeof v !== "string") throw new TypeError(`env value of ${k} must be a string`);
    if (k.includes("=") || k.includes("\0") || v.includes("\0")) {
      throw new ValueError(`illegal environment variable name or value: ${k}`);
    }
    out[k] = v;
  }
  return out;
}
