// glibc-only symbols.

/** Symbols the library loads from glibc on Linux only. */
export const SYMBOLS_LINUX = {
  // <errno.h>
  __errno_location: { parameters: [], result: "pointer", /* int* */ optional: true },

  // <sys/mman.h> (mmap module)
  mremap: {
    parameters: [
      "pointer", /* void* old_address */
      "usize", /* size_t old_size */
      "usize", /* size_t new_size */
      "i32", /* int flags (variadic new_address unused) */
    ],
    result: "pointer", /* void* */
    optional: true,
  },
  // <sys/stat.h> (mmap module): fstat before glibc 2.33
  __fxstat64: {
    parameters: ["i32", /* int ver */ "i32", /* int fd */ "buffer" /* struct stat64* */],
    result: "i32",
    optional: true,
  },
  // <netdb.h> (socket module): nonblocking aliases; they report through *h_errnop
  gethostbyname_r_nb: {
    name: "gethostbyname_r",
    parameters: [
      "buffer", /* const char* name */
      "buffer", /* struct hostent* ret */
      "buffer", /* char* buf */
      "usize", /* size_t buflen */
      "buffer", /* struct hostent** result */
      "buffer", /* int* h_errnop */
    ],
    result: "i32",
    nonblocking: true,
    optional: true,
  },
  gethostbyaddr_r_nb: {
    name: "gethostbyaddr_r",
    parameters: [
      "buffer", /* const void* addr */
      "u32", /* socklen_t len */
      "i32", /* int type */
      "buffer", /* struct hostent* ret */
      "buffer", /* char* buf */
      "usize", /* size_t buflen */
      "buffer", /* struct hostent** result */
      "buffer", /* int* h_errnop */
    ],
    result: "i32",
    nonblocking: true,
    optional: true,
  },
  // <sys/socket.h> (asyncio datagram transport): batched datagram I/O
  recvmmsg: {
    parameters: [
      "i32", /* int fd */
      "buffer", /* struct mmsghdr* msgvec */
      "u32", /* unsigned int vlen */
      "i32", /* int flags */
      "buffer", /* struct timespec* timeout */
    ],
    result: "i32",
    optional: true,
  },
  sendmmsg: {
    parameters: [
      "i32", /* int fd */
      "buffer", /* struct mmsghdr* msgvec */
      "u32", /* unsigned int vlen */
      "i32", /* int flags */
    ],
    result: "i32",
    optional: true,
  },
  // <signal.h> (signal module): sigtimedwait is absent from libSystem
  sigtimedwait: {
    parameters: [
      "buffer", /* const sigset_t* set */
      "buffer", /* siginfo_t* info */
      "buffer", /* const struct timespec* timeout */
    ],
    result: "i32",
    optional: true,
  },
  // <unistd.h> (signal module): gettid, tgkill, pidfd_open and pidfd_send_signal by number,
  // since glibc gained wrappers for them only recently. syscall is variadic; every argument
  // is a long, which matches the register convention on x86_64 and aarch64.
  syscall: {
    parameters: [
      "i64", /* long number */
      "i64", /* long arg1 */
      "i64", /* long arg2 */
      "i64", /* long arg3 */
      "i64", /* long arg4 */
    ],
    result: "i64",
    optional: true,
  },
  // <sys/socket.h> (kernel sockets)
  accept4: {
    parameters: [
      "i32", /* int fd */
      "buffer", /* struct sockaddr* */
      "buffer", /* socklen_t* */
      "i32", /* int flags */
    ],
    result: "i32",
    optional: true,
  },
  // <unistd.h> (kernel sockets: pipes)
  pipe2: {
    parameters: ["buffer", /* int pipefd[2] */ "i32" /* int flags */],
    result: "i32",
    optional: true,
  },
  // <sys/epoll.h> (select module, reactor)
  epoll_create1: { parameters: ["i32" /* int flags */], result: "i32", optional: true },
  epoll_ctl: {
    parameters: [
      "i32", /* int epfd */
      "i32", /* int op */
      "i32", /* int fd */
      "buffer", /* struct epoll_event* event */
    ],
    result: "i32",
    optional: true,
  },
  epoll_wait: {
    parameters: [
      "i32", /* int epfd */
      "buffer", /* struct epoll_event* events */
      "i32", /* int maxevents */
      "i32", /* int timeout */
    ],
    result: "i32",
    optional: true,
  },
  // <sys/eventfd.h> (reactor wake-up)
  eventfd: {
    parameters: ["u32", /* unsigned int initval */ "i32" /* int flags */],
    result: "i32",
    optional: true,
  },
} as const satisfies Deno.ForeignLibraryInterface;
