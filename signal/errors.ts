// The signal module's own exceptions, and the shared ones it raises, under Python's names.

import { OSError } from "../_errors/os_error.ts";

export {
  InterruptedError,
  OSError,
  PermissionError,
  ProcessLookupError,
} from "../_errors/os_error.ts";
export {
  NotImplementedError,
  OverflowError,
  RuntimeError,
  ValueError,
} from "../_errors/python_errors.ts";

/**
 * Python's `KeyboardInterrupt`, thrown by `defaultIntHandler`. As in Python it is
 * not an `OSError`; it extends `Error` directly.
 *
 * @example
 * ```ts
 * import { defaultIntHandler, KeyboardInterrupt, SIGINT } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => defaultIntHandler(SIGINT, null), KeyboardInterrupt);
 * ```
 */
export class KeyboardInterrupt extends Error {
  /** Always `"KeyboardInterrupt"`. */
  override name = "KeyboardInterrupt";
}

/**
 * Python's `signal.ItimerError`: `setitimer` or `getitimer` failed. A subclass of
 * `OSError` (Python's `itimer_error` derives from `IOError`), with the errno of the call.
 *
 * @example
 * ```ts
 * import { ItimerError, OSError, setitimer } from "@ipcnet/std/signal";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => setitimer(99, 1), ItimerError);
 * assert.ok(new ItimerError(22) instanceof OSError);
 * ```
 */
export class ItimerError extends OSError {
  /** Always `"ItimerError"`. */
  override name = "ItimerError";
}
