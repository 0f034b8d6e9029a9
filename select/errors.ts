// The exceptions the select module raises, under Python's names.

import { OSError } from "../_errors/os_error.ts";

export {
  BlockingIOError,
  FileExistsError,
  FileNotFoundError,
  InterruptedError,
  OSError,
  type OSErrorOptions,
  PermissionError,
} from "../_errors/os_error.ts";
export { KeyError, OverflowError, RuntimeError, ValueError } from "../_errors/python_errors.ts";

/**
 * Python's `select.error`: the same class as `OSError`.
 *
 * @example
 * ```ts
 * import { error, OSError } from "@ipcnet/std/select";
 * import assert from "node:assert/strict";
 *
 * assert.equal(error, OSError);
 * ```
 */
export const error: typeof OSError = OSError;
