// Python's asyncore.compact_traceback(), from a JavaScript stack trace.

/** One frame: `[file, function, line]`. */
export type TracebackFrame = [file: string, fn: string, line: string];

/**
 * Python's `asyncore.compact_traceback()` for an error: the innermost frame, the error's
 * class name, the error, and every frame as `[file|function|line]`, outermost first.
 * Python reads the exception being handled; JavaScript has none, so the error is passed.
 *
 * @param err the error (its `stack` is read)
 * @returns `[innermost frame, type name, error, "[file|fn|line] ..."]`
 *
 * @example
 * ```ts
 * import { compactTraceback } from "@ipcnet/std/asyncore";
 * import assert from "node:assert/strict";
 *
 * function boom(): never {
 *   throw new RangeError("bad");
 * }
 * try {
 *   boom();
 * } catch (err) {
 *   const [[, fn], type, value, info] = compactTraceback(err);
 *   assert.equal(fn, "boom");
 *   assert.equal(type, "RangeError");
 *   assert.equal(value, err);
 *   assert.match(info, /\[.*\|boom\|\d+\]$/);
 * }
 * ```
 */
export function compactTraceback(err: unknown): [TracebackFrame, string, unknown, string] {
  const type = err instanceof Error ? err.name : typeof err;
  const stack = err instanceof Error && typeof err.stack === "string" ? err.stack : "";
  const frames: TracebackFrame[] = [];
  for (const line of stack.split("\n")) {
    const m = /^\s+at (?:async )?(?:(.+?) \()?(.+?):(\d+):\d+\)?$/.exec(line);
    if (m) frames.push([m[2], m[1]?.replace(/^async /, "") ?? "<anonymous>", m[3]]);
  }
  frames.reverse(); // outermost first, as Python's traceback
  if (frames.length === 0) frames.push(["?", "?", "0"]);
  const info = frames.map((f) => `[${f.join("|")}]`).join(" ");
  return [frames[frames.length - 1], type, err, info];
}
