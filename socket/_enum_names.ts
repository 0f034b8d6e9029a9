// Internal helpers for reprs and messages: the `AddressFamily` / `SocketKind` member name of a
// number, as Python's `AddressFamily(value).name`. Not re-exported by `mod.ts`.

import { AddressFamily, SocketKind } from "./enums.ts";

/** The `AF_*` name of an address family, or `undefined` if no member has that value. */
export function familyName(value: number): string | undefined {
  return Number.isInteger(value) ? AddressFamily[value] : undefined;
}

/** The `SOCK_*` name of a socket type, or `undefined` if no member has that value. */
export function kindName(value: number): string | undefined {
  return Number.isInteger(value) ? SocketKind[value] : undefined;
}
