// libSystem-only symbols.

/** Symbols the library loads from libSystem on macOS only. */
export const SYMBOLS_DARWIN = {
  // <sys/errno.h>
  __error: { parameters: [], result: "pointer", /* int* */ optional: true },
} as const satisfies Deno.ForeignLibraryInterface;
