// Reads CPython's socket module through python3, for tests that compare our tables with it.

import { ChildFailed, runPythonSync } from "../_helpers/python.ts";

const SCRIPT = `
import _socket, json, socket, sys
print(json.dumps({
  "version": list(sys.version_info[:2]),
  "constants": {n: getattr(_socket, n) for n in dir(_socket)
                if n[0].isupper() and type(getattr(_socket, n)) is int},
  "enums": {e.__name__: [[n, int(m)] for n, m in e.__members__.items()]
            for e in (socket.AddressFamily, socket.SocketKind, socket.MsgFlag, socket.AddressInfo)},
}))
`;

/** What python3 reports about its socket module. */
export interface CPythonSocket {
  /** `[major, minor]` of python3. */
  version: [number, number];
  /** Every integer constant of `_socket`, by name. */
  constants: Record<string, number>;
  /** `[name, value]` pairs of each enum's `__members__`, by enum name. */
  enums: Record<string, [string, number][]>;
}

/**
 * Runs python3 once (synchronously, so that tests can pass `ignore:`) on Linux, where our table
 * is Linux's. `null` on another OS or when python3 is missing or fails.
 */
export function cpythonSocket(): CPythonSocket | null {
  if (Deno.build.os !== "linux") return null;
  try {
    return runPythonSync<CPythonSocket>(SCRIPT);
  } catch (error) {
    if (error instanceof ChildFailed) return null;
    throw error;
  }
}

/** The `ignore` message part for tests that need python3. */
export const NEEDS_PYTHON = "(needs python3 on Linux; skipped without it)";
