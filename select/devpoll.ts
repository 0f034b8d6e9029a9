// Python's select.devpoll(): Solaris's /dev/poll, which no platform Deno runs on has.

import { OSError } from "../_errors/os_error.ts";
import { ERRNO } from "../_ffi/errno.ts";

/**
 * Python's `select.devpoll()` (Solaris's `/dev/poll`). Deno runs on no platform that has
 * it, so it always throws `OSError` with errno `ENOSYS`, as a Python without it would
 * lack the function.
 *
 * @returns never
 * @throws {OSError} with errno `ENOSYS`, always
 *
 * @example
 * ```ts
 * import { devpoll } from "@ipcnet/std/select";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => devpoll(), { name: "OSError", code: "ENOSYS" });
 * ```
 */
export function devpoll(): never {
  throw new OSError(ERRNO.ENOSYS, `devpoll is not available on "${Deno.build.os}"`);
}
