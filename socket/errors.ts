// The socket module's own exceptions, and the shared ones it raises, under Python's names.

import { OSError, type OSErrorOptions, TimeoutError } from "../_errors/os_error.ts";
import { SOCKET_DARWIN } from "../_ffi/constants_darwin.ts";
import { SOCKET_LINUX } from "../_ffi/constants_linux.ts";

export {
  BlockingIOError,
  BrokenPipeError,
  ConnectionAbortedError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  FileExistsError,
  FileNotFoundError,
  InterruptedError,
  OSError,
  type OSErrorOptions,
  PermissionError,
  TimeoutError,
} from "../_errors/os_error.ts";
export {
  IndexError,
  KeyError,
  NotImplementedError,
  OverflowError,
  RuntimeError,
  ValueError,
} from "../_errors/python_errors.ts";

/**
 * Python's `socket.error`: the same class as `OSError`.
 *
 * @example
 * ```ts
 * import { socket } from "@ipcnet/std";
 * import assert from "node:assert/strict";
 *
 * assert.equal(socket.error, socket.OSError);
 * ```
 */
export const error: typeof OSError = OSError;

/**
 * Python's `socket.timeout`: the same class as `TimeoutError`. A timed-out socket call
 * rejects with `new TimeoutError("timed out")`.
 *
 * @example
 * ```ts
 * import { socket } from "@ipcnet/std";
 * import assert from "node:assert/strict";
 *
 * assert.equal(socket.timeout, socket.TimeoutError);
 * ```
 */
export const timeout: typeof TimeoutError = TimeoutError;

/**
 * Python's `socket.gaierror`: `getaddrinfo` or `getnameinfo` failed. `errno` is the
 * platform's `EAI_*` value (negative on Linux) and the message is `gai_strerror`'s.
 *
 * @example
 * ```ts
 * import { socket } from "@ipcnet/std";
 * import assert from "node:assert/strict";
 *
 * const err = new socket.GaiError(socket.EAI_NONAME, "Name or service not known");
 * assert.ok(err instanceof socket.OSError);
 * assert.equal(err.name, "gaierror");
 * ```
 */
export class GaiError extends OSError {
  /** Python\'s name of this exception. */
  override name = "gaierror";
}

/**
 * Python's `socket.herror`: an address-related error of `gethostbyaddr` and friends,
 * with the `h_errno` value.
 *
 * @example
 * ```ts
 * import { socket } from "@ipcnet/std";
 * import assert from "node:assert/strict";
 *
 * const err = new socket.HError(1, "Unknown host");
 * assert.equal(err.message, "[Errno 1] Unknown host");
 * ```
 */
export class HError extends OSError {
  /** Python\'s name of this exception. */
  override name = "herror";
}

/** The `EAI_*` error names that `gaiError` accepts. */
export type EaiName =
  | "EAI_ADDRFAMILY"
  | "EAI_AGAIN"
  | "EAI_BADFLAGS"
  | "EAI_FAIL"
  | "EAI_FAMILY"
  | "EAI_MEMORY"
  | "EAI_NODATA"
  | "EAI_NONAME"
  | "EAI_OVERFLOW"
  | "EAI_SERVICE"
  | "EAI_SOCKTYPE"
  | "EAI_SYSTEM";

// gai_strerror(3) texts of glibc and of macOS's libinfo.
const GAI_TEXT_LINUX: Readonly<Record<EaiName, string>> = {
  EAI_ADDRFAMILY: "Address family for hostname not supported",
  EAI_AGAIN: "Temporary failure in name resolution",
  EAI_BADFLAGS: "Bad value for ai_flags",
  EAI_FAIL: "Non-recoverable failure in name resolution",
  EAI_FAMILY: "ai_family not supported",
  EAI_MEMORY: "Memory allocation failure",
  EAI_NODATA: "No address associated with hostname",
  EAI_NONAME: "Name or service not known",
  EAI_OVERFLOW: "Argument buffer overflow",
  EAI_SERVICE: "Servname not supported for ai_socktype",
  EAI_SOCKTYPE: "ai_socktype not supported",
  EAI_SYSTEM: "System error",
};
const GAI_TEXT_DARWIN: Readonly<Record<EaiName, string>> = {
  EAI_ADDRFAMILY: "Address family for nodename not supported",
  EAI_AGAIN: "Temporary failure in name resolution",
  EAI_BADFLAGS: "Invalid value for ai_flags",
  EAI_FAIL: "Non-recoverable failure in name resolution",
  EAI_FAMILY: "ai_family not supported",
  EAI_MEMORY: "Memory allocation failure",
  EAI_NODATA: "No address associated with nodename",
  EAI_NONAME: "nodename nor servname provided, or not known",
  EAI_OVERFLOW: "Argument buffer overflow",
  EAI_SERVICE: "servname not supported for ai_socktype",
  EAI_SOCKTYPE: "ai_socktype not supported",
  EAI_SYSTEM: "System error",
};

/** Makes the `GaiError` for an `EAI_*` name, with the platform's number and text. */
export function gaiError(name: EaiName, options?: OSErrorOptions): GaiError {
  const darwin = Deno.build.os === "darwin";
  const table: Partial<Record<string, number>> = darwin ? SOCKET_DARWIN : SOCKET_LINUX;
  const text = (darwin ? GAI_TEXT_DARWIN : GAI_TEXT_LINUX)[name];
  return new GaiError(table[name] ?? -1, text, null, null, options);
}
