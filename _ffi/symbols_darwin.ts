// libSystem-only symbols.

/** Symbols the library loads from libSystem on macOS only. */
export const SYMBOLS_DARWIN = {
  // <sys/errno.h>
  __error: { parameters: [], result: "pointer", /* int* */ optional: true },

  // <netdb.h> (socket module): libSystem has no gethostbyname_r; these report through
  // *error_num and return a hostent that freehostent releases. Nonblocking aliases.
  getipnodebyname_nb: {
    name: "getipnodebyname",
    parameters: [
      "buffer", /* const char* name */
      "i32", /* int af */
      "i32", /* int flags */
      "buffer", /* int* error_num */
    ],
    result: "pointer", /* struct hostent* */
    nonblocking: true,
    optional: true,
  },
  getipnodebyaddr_nb: {
    name: "getipnodebyaddr",
    parameters: [
      "buffer", /* const void* src */
      "usize", /* size_t len */
      "i32", /* int af */
      "buffer", /* int* error_num */
    ],
    result: "pointer", /* struct hostent* */
    nonblocking: true,
    optional: true,
  },
  freehostent: {
    parameters: ["pointer" /* struct hostent* ptr */],
    result: "void",
    optional: true,
  },
  // <pthread.h> (signal module): Linux uses gettid/tgkill through syscall instead, because
  // glibc's pthread_kill dereferences an invalid pthread_t, while libSystem validates it.
  pthread_self: { parameters: [], result: "usize", /* pthread_t */ optional: true },
  pthread_kill: {
    parameters: ["usize", /* pthread_t thread */ "i32" /* int sig */],
    result: "i32", /* an error number, not -1 */
    optional: true,
  },
} as const satisfies Deno.ForeignLibraryInterface;
