// The exceptions the selectors module raises, under Python's names.

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
