// Python's OSError family (PEP 3151), shared by every module of the library.
// `new OSError(errno, ...)` returns the subclass Python would pick for that errno, as
// `OSError(111, "x")` is a ConnectionRefusedError in Python.

import { ERRNO, errnoName } from "../_ffi/errno.ts";
import { STRERROR } from "./_strerror.ts";

/** Options accepted by every `OSError` constructor. */
export interface OSErrorOptions {
  /** The error that caused this one (a `Deno.errors.*` or Node error, for example). */
  cause?: unknown;
}

/**
 * Python's `OSError`: a system call failed. `errno` is the platform's real number
 * (Linux numbers on Linux), `code` its symbolic name, and the message reads as in
 * Python: `[Errno 111] Connection refused`.
 *
 * Constructing it with an errno that Python maps to a subclass returns that subclass.
 *
 * @example Python's subclass selection
 * ```ts
 * import { socket } from "@ipcnet/std";
 * import assert from "node:assert/strict";
 *
 * const err = new socket.error(111, "Connection refused");
 * assert.ok(err instanceof socket.ConnectionRefusedError);
 * assert.equal(err.message, "[Errno 111] Connection refused");
 * ```
 */
export class OSError extends Error {
  /** Python\'s name of this exception. */
  override name = "OSError";
  /** The errno number, or `null` when the error was made from a message alone. */
  errno: number | null;
  /** The text of the error (`strerror(errno)`), or `null`. */
  strerror: string | null;
  /** The file name involved, or `null`. */
  filename: string | null;
  /** A second file name involved (rename, link), or `null`. */
  filename2: string | null;
  /** The symbolic errno name, such as `"ECONNREFUSED"`, when it is known. */
  code: string | undefined;

  /**
   * Creates the error; with an errno, the result is the subclass Python would pick.
   *
   * @param errnoOrMessage an errno number, or a message alone
   * @param strerror the error's text; looked up from `errno` when omitted
   * @param filename a file name to show after the message
   * @param filename2 a second file name
   * @param options the `cause`
   */
  constructor(
    errnoOrMessage?: number | string,
    strerror?: string,
    filename?: string | null,
    filename2?: string | null,
    options?: OSErrorOptions,
  ) {
    const errno = typeof errnoOrMessage === "number" ? errnoOrMessage : null;
    const code = errno === null ? undefined : errnoName(errno);
    const text = errno === null
      ? null
      : strerror ?? (code !== undefined ? STRERROR[code] : undefined) ??
        `Unknown error ${errno}`;
    super(
      errno === null
        ? String(errnoOrMessage ?? "")
        : formatMessage(errno, text!, filename, filename2),
      options,
    );
    this.errno = errno;
    this.strerror = text;
    this.filename = filename ?? null;
    this.filename2 = filename2 ?? null;
    this.code = code;
    if (new.target === OSError && errno !== null) {
      const Sub = code === undefined ? undefined : SUBCLASS_BY_CODE.get(code);
      if (Sub) return new Sub(errno, text!, filename, filename2, options);
    }
  }
}

/** Python's `BlockingIOError`: the operation would block on a non-blocking object. */
export class BlockingIOError extends OSError {
  /** Python\'s name of this exception. */
  override name = "BlockingIOError";
  /** How many bytes were written before the call would have blocked. */
  charactersWritten = 0;
}
/** Python's `ChildProcessError` (`ECHILD`). */
export class ChildProcessError extends OSError {
  /** Python\'s name of this exception. */
  override name = "ChildProcessError";
}
/** Python's `ConnectionError`, the base of the connection errors. */
export class ConnectionError extends OSError {
  /** Python\'s name of this exception. */
  override name = "ConnectionError";
}
/** Python's `BrokenPipeError` (`EPIPE`, `ESHUTDOWN`). */
export class BrokenPipeError extends ConnectionError {
  /** Python\'s name of this exception. */
  override name = "BrokenPipeError";
}
/** Python's `ConnectionAbortedError` (`ECONNABORTED`). */
export class ConnectionAbortedError extends ConnectionError {
  /** Python\'s name of this exception. */
  override name = "ConnectionAbortedError";
}
/** Python's `ConnectionRefusedError` (`ECONNREFUSED`). */
export class ConnectionRefusedError extends ConnectionError {
  /** Python\'s name of this exception. */
  override name = "ConnectionRefusedError";
}
/** Python's `ConnectionResetError` (`ECONNRESET`). */
export class ConnectionResetError extends ConnectionError {
  /** Python\'s name of this exception. */
  override name = "ConnectionResetError";
}
/** Python's `FileExistsError` (`EEXIST`). */
export class FileExistsError extends OSError {
  /** Python\'s name of this exception. */
  override name = "FileExistsError";
}
/** Python's `FileNotFoundError` (`ENOENT`). */
export class FileNotFoundError extends OSError {
  /** Python\'s name of this exception. */
  override name = "FileNotFoundError";
}
/** Python's `InterruptedError` (`EINTR`). */
export class InterruptedError extends OSError {
  /** Python\'s name of this exception. */
  override name = "InterruptedError";
}
/** Python's `IsADirectoryError` (`EISDIR`). */
export class IsADirectoryError extends OSError {
  /** Python\'s name of this exception. */
  override name = "IsADirectoryError";
}
/** Python's `NotADirectoryError` (`ENOTDIR`). */
export class NotADirectoryError extends OSError {
  /** Python\'s name of this exception. */
  override name = "NotADirectoryError";
}
/** Python's `PermissionError` (`EACCES`, `EPERM`). */
export class PermissionError extends OSError {
  /** Python\'s name of this exception. */
  override name = "PermissionError";
}
/** Python's `ProcessLookupError` (`ESRCH`). */
export class ProcessLookupError extends OSError {
  /** Python\'s name of this exception. */
  override name = "ProcessLookupError";
}
/**
 * Python's `TimeoutError` (`ETIMEDOUT`). It is also `socket.timeout` and
 * `asyncio.TimeoutError`: a timed-out socket call throws `new TimeoutError("timed out")`.
 */
export class TimeoutError extends OSError {
  /** Python\'s name of this exception. */
  override name = "TimeoutError";
}

type OSErrorClass = new (
  errno?: number | string,
  strerror?: string,
  filename?: string | null,
  filename2?: string | null,
  options?: OSErrorOptions,
) => OSError;

// Python's errno -> class table (Objects/exceptions.c, `_PyExc_InitState`).
const SUBCLASS_BY_CODE = new Map<string, OSErrorClass>([
  ["EAGAIN", BlockingIOError],
  ["EALREADY", BlockingIOError],
  ["EINPROGRESS", BlockingIOError],
  ["EWOULDBLOCK", BlockingIOError],
  ["EPIPE", BrokenPipeError],
  ["ESHUTDOWN", BrokenPipeError],
  ["ECHILD", ChildProcessError],
  ["ECONNABORTED", ConnectionAbortedError],
  ["ECONNREFUSED", ConnectionRefusedError],
  ["ECONNRESET", ConnectionResetError],
  ["EEXIST", FileExistsError],
  ["ENOENT", FileNotFoundError],
  ["EISDIR", IsADirectoryError],
  ["ENOTDIR", NotADirectoryError],
  ["EINTR", InterruptedError],
  ["EACCES", PermissionError],
  ["EPERM", PermissionError],
  ["ESRCH", ProcessLookupError],
  ["ETIMEDOUT", TimeoutError],
]);

/**
 * Makes the OSError (or subclass) for a symbolic errno name of the running platform,
 * such as `osError("EBADF")`.
 */
export function osError(
  code: string,
  filename?: string | null,
  options?: OSErrorOptions,
): OSError {
  const errno = ERRNO[code];
  if (errno === undefined) throw new Error(`Unknown errno name: ${code}`);
  return new OSError(errno, undefined, filename, null, options);
}

function formatMessage(
  errno: number,
  text: string,
  filename: string | null | undefined,
  filename2: string | null | undefined,
): string {
  let msg = `[Errno ${errno}] ${text}`;
  if (filename != null) msg += `: ${pyRepr(filename)}`;
  if (filename2 != null) msg += ` -> ${pyRepr(filename2)}`;
  return msg;
}

function pyRepr(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replaceAll("'", "\\'")}'`;
}
