// The one table that turns Deno's and Node's errors into Python's OSError family.
// Deno's errors carry no errno property; the number appears only in the message as
// "(os error N)", and some carry a `code` such as "ECONNREFUSED". Node's errors
// (node:net, node:dgram, node:dns) carry `code` and a negative libuv `errno`.

import { ERRNO } from "../_ffi/errno.ts";
import { OSError, osError } from "./os_error.ts";

// Deno.errors.* class name -> errno name, for errors that carry neither a code nor
// an "(os error N)" suffix.
const DENO_CLASS_TO_ERRNO: Readonly<Record<string, string>> = {
  AddrInUse: "EADDRINUSE",
  AddrNotAvailable: "EADDRNOTAVAIL",
  AlreadyExists: "EEXIST",
  BadResource: "EBADF",
  BrokenPipe: "EPIPE",
  Busy: "EBUSY",
  ConnectionAborted: "ECONNABORTED",
  ConnectionRefused: "ECONNREFUSED",
  ConnectionReset: "ECONNRESET",
  FilesystemLoop: "ELOOP",
  Interrupted: "EINTR",
  InvalidData: "EINVAL",
  IsADirectory: "EISDIR",
  NetworkUnreachable: "ENETUNREACH",
  NotADirectory: "ENOTDIR",
  NotConnected: "ENOTCONN",
  NotFound: "ENOENT",
  PermissionDenied: "EACCES",
  TimedOut: "ETIMEDOUT",
  WouldBlock: "EAGAIN",
  WriteZero: "EPIPE",
};

const OS_ERROR_SUFFIX = /\(os error (\d+)\)/;

/**
 * Converts an error thrown by a Deno or Node API into Python's OSError family,
 * keeping the original as `cause`. Deno's `NotCapable` (a missing permission) and
 * errors that are not system errors (TypeError, RangeError, ...) pass through.
 */
export function fromDenoError(err: unknown, filename?: string | null): unknown {
  if (err instanceof OSError || !(err instanceof Error)) return err;
  if (err instanceof Deno.errors.NotCapable) return err;
  const options = { cause: err };
  const suffix = OS_ERROR_SUFFIX.exec(err.message);
  if (suffix) return new OSError(Number(suffix[1]), undefined, filename, null, options);
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && ERRNO[code] !== undefined) {
    return osError(code, filename, options);
  }
  const byClass = DENO_CLASS_TO_ERRNO[err.name];
  if (byClass !== undefined && isDenoError(err)) return osError(byClass, filename, options);
  return err;
}

function isDenoError(err: Error): boolean {
  return Object.values(Deno.errors).some((cls) => err instanceof cls);
}
