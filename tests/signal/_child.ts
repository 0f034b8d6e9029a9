// Runs a small Deno program in a child process, for the tests whose proof is how a process
// ends (killed by a signal, or survived) or that change process-wide dispositions.

import { listenerCount } from "../../signal/_state.ts";
import assert from "node:assert/strict";

const MOD = new URL("../../signal/mod.ts", import.meta.url).href;
const FFI = new URL("../../_ffi/signals.ts", import.meta.url).href;

/** How a child ended, and what it printed. */
export interface Finished {
  status: Deno.CommandStatus;
  stdout: string;
  stderr: string;
}

/** A child Deno process running `code`, with its output as text. */
export interface Child extends AsyncDisposable {
  readonly pid: number;
  /** Resolves with everything written to stdout up to and including `marker`. */
  waitFor(marker: string): Promise<string>;
  /** Resolves with the exit status, stdout and stderr once the child ends. */
  finished(): Promise<Finished>;
  /** Sends a signal with the `kill` command, as another process would. */
  kill(signal: string): Promise<void>;
}

/**
 * Starts `deno run` on `code`. In `code`, `signal` is the signal module and `ffi` the
 * private FFI wrappers. `flags` replaces the default `--allow-all`.
 */
export function spawnChild(
  code: string,
  flags: string[] = ["--allow-all"],
  viaShell = false,
): Child {
  const source = `import * as signal from "${MOD}";\nimport * as ffi from "${FFI}";\n` +
    `void ffi;\n${code}\n`;
  const deno = [Deno.execPath(), "run", "--no-check", ...flags, "-"];
  // Deno's ChildProcess.status throws "Invalid signal" for a child ended by a real-time
  // signal, so such a child runs under sh, which prints the wait status.
  const [cmd, ...args] = viaShell
    ? ["sh", "-c", `"$@"; echo "exit status $?"`, "sh", ...deno]
    : deno;
  const proc = new Deno.Command(cmd, {
    args,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const writer = proc.stdin.getWriter();
  const written = writer.write(new TextEncoder().encode(source)).then(() => writer.close());
  const stderr = new Response(proc.stderr).text();
  const reader = proc.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let stdout = "";
  let ended = false;
  const readMore = async (): Promise<boolean> => {
    if (ended) return false;
    const { value, done } = await reader.read();
    if (done) ended = true;
    else stdout += value;
    return !done;
  };
  return {
    pid: proc.pid,
    async waitFor(marker): Promise<string> {
      while (!stdout.includes(marker)) {
        if (!(await readMore())) {
          throw new Error(`child ended before "${marker}":\n${stdout}\n${await stderr}`);
        }
      }
      return stdout;
    },
    async finished(): Promise<Finished> {
      while (await readMore());
      await written;
      return { status: await proc.status, stdout, stderr: await stderr };
    },
    async kill(signal): Promise<void> {
      const out = await new Deno.Command("kill", { args: [`-${signal}`, String(proc.pid)] })
        .output();
      assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    },
    async [Symbol.asyncDispose](): Promise<void> {
      try {
        proc.kill("SIGKILL");
      } catch {
        // Already ended.
      }
      await this.finished();
    },
  };
}

/** Runs `code` to the end and returns how it ended. */
export async function runChild(
  code: string,
  flags?: string[],
  viaShell?: boolean,
): Promise<Finished> {
  await using child = spawnChild(code, flags, viaShell);
  return await child.finished();
}

/** Fails the test if this module left a Deno signal listener registered. */
export function assertNoListeners(): void {
  assert.equal(listenerCount(), 0, "a signal listener was left registered");
}

/**
 * An AbortSignal that aborts after `ms`, for waits that must fail rather than hang if a
 * signal never comes; `using` clears its timer.
 */
export function deadline(ms = 15_000): AbortSignal & Disposable {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(new Error(`no signal came within ${ms} ms`)), ms);
  return Object.assign(ctl.signal, { [Symbol.dispose]: () => clearTimeout(timer) });
}
