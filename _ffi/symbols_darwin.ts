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
  // <sys/event.h> (select module, reactor)
  kqueue: { parameters: [], result: "i32", optional: true },
  kevent: {
    parameters: [
      "i32", /* int kq */
      "buffer", /* const struct kevent* changelist */
      "i32", /* int nchanges */
      "buffer", /* struct kevent* eventlist */
      "i32", /* int nevents */
      "buffer", /* const struct timespec* timeout */
    ],
    result: "i32",
    optional: true,
  },
  // <fcntl.h> (kernel sockets): fcntl with its variadic int argument on Apple arm64, where
  // variadic arguments go on the stack. Eight register arguments (the two named ones and six
  // unused) put the ninth in the first stack slot, where fcntl's va_arg reads it.
  fcntl_va: {
    name: "fcntl",
    parameters: [
      "i32", /* int fd */
      "i32", /* int cmd */
      "i64", /* unused: x2 */
      "i64", /* unused: x3 */
      "i64", /* unused: x4 */
      "i64", /* unused: x5 */
      "i64", /* unused: x6 */
      "i64", /* unused: x7 */
      "i64", /* int arg (variadic, first stack slot) */
    ],
    result: "i32",
    optional: true,
  },
} as const satisfies Deno.ForeignLibraryInterface;
