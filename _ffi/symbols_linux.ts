// glibc-only symbols.

/** Symbols the library loads from glibc on Linux only. */
export const SYMBOLS_LINUX = {
  // <errno.h>
  __errno_location: { parameters: [], result: "pointer", /* int* */ optional: true },
} as const satisfies Deno.ForeignLibraryInterface;
