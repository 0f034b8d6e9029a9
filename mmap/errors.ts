// The exceptions the mmap module raises, under Python's names.

import { OSError } from "../_errors/os_error.ts";

export {
  BlockingIOError,
  FileExistsError,
  FileNotFoundError,
  InterruptedError,
  IsADirectoryError,
  NotADirectoryError,
  OSError,
  PermissionError,
} from "../_errors/os_error.ts";
export { IndexError, OverflowError, ValueError } from "../_errors/python_errors.ts";

/**
 * Python's `mmap.error`: the same class as `OSError`.
 *
 * @example
 * ```ts
 * import { error, Mmap, OSError } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * assert.equal(error, OSError);
 * assert.throws(() => new Mmap(-1, 0), error); // EINVAL: an empty anonymous map
 * ```
 */
export const error: typeof OSError = OSError;
