// connect_ex's rule, shared by Socket and SSLSocket: an OSError of the connection becomes
// its errno; name-resolution errors (gaierror) and everything else still throw.

import { OSError } from "../_errors/mod.ts";
import { ERRNO } from "../_ffi/errno.ts";

/** The errno `connectEx` resolves to for `err`; throws `err` when it is not one. */
export function connectErrno(err: unknown): number {
  if (err instanceof OSError && err.name !== "gaierror") return err.errno ?? ERRNO.EAGAIN;
  throw err;
}
