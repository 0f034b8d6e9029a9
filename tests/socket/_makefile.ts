// The makefile() call of the file-object tests.

import type { Socket } from "../../socket/mod.ts";
import type { MakefileOptions, MakefileResult } from "../../socket/socket_file.ts";

/** `sock.makefile` with the precise result type, whatever socket.ts declares. */
export function makefile<
  const M extends string = "r",
  const O extends MakefileOptions = Record<never, never>,
>(
  sock: Socket,
  mode?: M,
  options?: O,
): MakefileResult<M, O> {
  return sock.makefile(mode, options) as MakefileResult<M, O>;
}
