// The errno table of the running platform. Pure data: importing it opens no library
// and needs no permission.

import { ERRNO_DARWIN } from "./errno_darwin.ts";
import { ERRNO_LINUX } from "./errno_linux.ts";

/** Errno name to number for the running OS (Linux numbers on every other OS). */
export const ERRNO: Readonly<Record<string, number>> = Deno.build.os === "darwin"
  ? ERRNO_DARWIN
  : ERRNO_LINUX;

const NAMES = new Map<number, string>();
// The first name listed for a number wins, except that the names Python's
// `errno.errorcode` prints are preferred over their aliases.
const PREFERRED = new Set(["EAGAIN", "EDEADLK", "ENOTSUP"]);
for (const [name, num] of Object.entries(ERRNO)) {
  if (!NAMES.has(num) || PREFERRED.has(name)) NAMES.set(num, name);
}

/** The symbolic name of an errno number (`errno.errorcode[n]`), or `undefined`. */
export function errnoName(errno: number): string | undefined {
  return NAMES.get(errno);
}
