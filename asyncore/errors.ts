// The exceptions asyncore raises or lets through, under Python's names.

export {
  BlockingIOError,
  BrokenPipeError,
  ConnectionAbortedError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  OSError,
  type OSErrorOptions,
} from "../_errors/os_error.ts";
export { NotImplementedError, RuntimeError, ValueError } from "../_errors/python_errors.ts";
export { KeyboardInterrupt } from "../signal/errors.ts";

/**
 * Python's `asyncore.ExitNow`: thrown from a handler, it is not caught by the dispatch
 * helpers (`read`, `write`, `readwrite`) and ends `loop()`, which rejects with it.
 *
 * @example
 * ```ts
 * import { Dispatcher, ExitNow, loop } from "@ipcnet/std/asyncore";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _b = b;
 * const map = new Map();
 * class Quitter extends Dispatcher {
 *   override handleWrite(): void {
 *     throw new ExitNow("done");
 *   }
 * }
 * const d = new Quitter(a, map);
 * await assert.rejects(loop({ map, timeout: 1 }), ExitNow);
 * d.close();
 * ```
 */
export class ExitNow extends Error {
  /** Python's name of this exception. */
  override name = "ExitNow";
}
