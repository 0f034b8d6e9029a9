// POSIX symbols present in both glibc and libSystem, grouped by header.
// Exact C names as keys; each parameter carries its C type in a comment.

/** Symbols the library loads from the C library on every platform. */
export const SYMBOLS_COMMON = {
  // <string.h>
  strerror: { parameters: ["i32" /* int errnum */], result: "pointer" /* char* */ },
} as const satisfies Deno.ForeignLibraryInterface;
