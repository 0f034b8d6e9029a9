// The running platform's socket constant table, and the two typed accessors that the public
// constant files read it with. `both()` accepts only names that CPython has on Linux and on
// macOS, `only()` only names that one of them lacks, so a constant typed `number` that one
// platform lacks (or the reverse) is a type error here rather than a wrong `undefined` at run time.

import { SOCKET_DARWIN } from "../_ffi/constants_darwin.ts";
import { SOCKET_LINUX } from "../_ffi/constants_linux.ts";

type LinuxName = keyof typeof SOCKET_LINUX;
type DarwinName = keyof typeof SOCKET_DARWIN;

/** A constant name that CPython's `socket` module has on both Linux and macOS. */
export type BothName = LinuxName & DarwinName;

/** A constant name that CPython's `socket` module has on only one of Linux and macOS. */
export type OneName = Exclude<LinuxName | DarwinName, BothName>;

/** The running platform's table: every integer constant of CPython's `_socket` there. */
export const TABLE: Readonly<Partial<Record<LinuxName | DarwinName, number>>> =
  Deno.build.os === "darwin" ? SOCKET_DARWIN : SOCKET_LINUX;

/** The value of a constant that both platforms have. */
export function both(name: BothName): number {
  return TABLE[name]!;
}

/** The value of a constant that only one platform has: `undefined` on the other. */
export function only(name: OneName): number | undefined {
  return TABLE[name];
}
