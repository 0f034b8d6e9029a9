// Runs python3 for tests that compare with CPython: a script given with -c, JSON in on
// stdin and JSON out on stdout. `null` stands for "python3 cannot be started" (not
// installed, or no --allow-run), so that a caller can skip its comparison.

/** Thrown when a child exits with a failure; the message is its stderr. */
export class ChildFailed extends Error {
  override name = "ChildFailed";
}

/** Whether python3 can be run. Synchronous, for `ignore:`. */
export function hasPython(): boolean {
  if (Deno.permissions.querySync({ name: "run", command: "python3" }).state !== "granted") {
    return false;
  }
  try {
    return runPythonSync<boolean>("print('true')") === true;
  } catch {
    return false;
  }
}

/**
 * Runs `python3 -c script` with `input` written to its stdin as JSON.
 *
 * @returns its stdout parsed as JSON, or `null` when python3 cannot be started
 * @throws {ChildFailed} when python3 exits with a failure
 */
export async function runPython<T>(script: string, input: unknown): Promise<T | null> {
  try {
    return await pipeJson<T>("python3", ["-c", script], input);
  } catch (error) {
    if (cannotStart(error)) return null;
    throw error;
  }
}

/**
 * Runs `python3 -c script` synchronously, so that tests can compute `ignore:` from it.
 * Its stdin is empty: `outputSync` cannot write to a child.
 *
 * @returns its stdout parsed as JSON, or `null` when python3 cannot be started
 * @throws {ChildFailed} when python3 exits with a failure
 */
export function runPythonSync<T>(script: string): T | null {
  let output: Deno.CommandOutput;
  try {
    output = new Deno.Command("python3", {
      args: ["-c", script],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
  } catch (error) {
    if (cannotStart(error)) return null;
    throw error;
  }
  return parseOutput(output);
}

/**
 * Runs `cmd` with `input` written to its stdin as JSON.
 *
 * @returns its stdout parsed as JSON
 * @throws {ChildFailed} when the child exits with a failure
 */
export async function pipeJson<T>(cmd: string, args: string[], input: unknown): Promise<T> {
  const child = new Deno.Command(cmd, {
    args,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(input)));
  await writer.close();
  return parseOutput(await child.output());
}

function parseOutput<T>(output: Deno.CommandOutput): T {
  const decoder = new TextDecoder();
  if (!output.success) throw new ChildFailed(decoder.decode(output.stderr));
  return JSON.parse(decoder.decode(output.stdout));
}

function cannotStart(error: unknown): boolean {
  return error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotCapable ||
    error instanceof Deno.errors.PermissionDenied;
}
