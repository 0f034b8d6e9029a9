// POSIX symbols present in both glibc and libSystem, grouped by header.
// Exact C names as keys; each parameter carries its C type in a comment.

/** Symbols the library loads from the C library on every platform. */
export const SYMBOLS_COMMON = {
  // <string.h>
  strerror: { parameters: ["i32" /* int errnum */], result: "pointer" /* char* */ },

  // <sys/mman.h> (mmap module)
  mmap: {
    parameters: [
      "pointer", /* void* addr */
      "usize", /* size_t length */
      "i32", /* int prot */
      "i32", /* int flags */
      "i32", /* int fd */
      "i64", /* off_t offset */
    ],
    result: "pointer", /* void* */
  },
  munmap: { parameters: ["pointer", /* void* addr */ "usize" /* size_t length */], result: "i32" },
  msync: {
    parameters: ["pointer", /* void* addr */ "usize", /* size_t length */ "i32" /* int flags */],
    result: "i32",
  },
  madvise: {
    parameters: ["pointer", /* void* addr */ "usize", /* size_t length */ "i32" /* int advice */],
    result: "i32",
  },
  // <string.h> (mmap module)
  memmem: {
    parameters: [
      "pointer", /* const void* haystack */
      "usize", /* size_t haystacklen */
      "buffer", /* const void* needle */
      "usize", /* size_t needlelen */
    ],
    result: "pointer", /* void* */
  },
  // <fcntl.h> (mmap module); open is variadic, called without O_CREAT so no mode is passed
  open: { parameters: ["buffer", /* const char* path */ "i32" /* int oflag */], result: "i32" },
  // <sys/ioctl.h> (mmap module: FIOCLEX); the third, variadic argument may be null
  ioctl: {
    parameters: ["i32", /* int fd */ "u64", /* unsigned long request */ "pointer" /* void* */],
    result: "i32",
  },
  // <unistd.h> (mmap module)
  close: { parameters: ["i32" /* int fd */], result: "i32" },
  dup: { parameters: ["i32" /* int fd */], result: "i32" },
  getpagesize: { parameters: [], result: "i32" },
  ftruncate: { parameters: ["i32", /* int fd */ "i64" /* off_t length */], result: "i32" },
  // <sys/stat.h> (mmap module); glibc exports fstat only since 2.33, see __fxstat64
  fstat: {
    parameters: ["i32", /* int fd */ "buffer" /* struct stat* */],
    result: "i32",
    optional: true,
  },
  // <netdb.h> (socket module: name resolution). `*_nb` keys are nonblocking aliases of the
  // same C function; they return an error code and never consult errno.
  getaddrinfo: {
    parameters: [
      "buffer", /* const char* node */
      "buffer", /* const char* service */
      "buffer", /* const struct addrinfo* hints */
      "buffer", /* struct addrinfo** res */
    ],
    result: "i32",
  },
  getaddrinfo_nb: {
    name: "getaddrinfo",
    parameters: [
      "buffer", /* const char* node */
      "buffer", /* const char* service */
      "buffer", /* const struct addrinfo* hints */
      "buffer", /* struct addrinfo** res */
    ],
    result: "i32",
    nonblocking: true,
  },
  freeaddrinfo: { parameters: ["pointer" /* struct addrinfo* res */], result: "void" },
  gai_strerror: { parameters: ["i32" /* int errcode */], result: "pointer" /* const char* */ },
  getnameinfo_nb: {
    name: "getnameinfo",
    parameters: [
      "buffer", /* const struct sockaddr* addr */
      "u32", /* socklen_t addrlen */
      "buffer", /* char* host */
      "u32", /* socklen_t hostlen */
      "buffer", /* char* serv */
      "u32", /* socklen_t servlen */
      "i32", /* int flags */
    ],
    result: "i32",
    nonblocking: true,
  },
  getservbyname: {
    parameters: ["buffer", /* const char* name */ "buffer" /* const char* proto */],
    result: "pointer", /* struct servent* */
  },
  getservbyport: {
    parameters: ["i32", /* int port (network order) */ "buffer" /* const char* proto */],
    result: "pointer", /* struct servent* */
  },
  getprotobyname: {
    parameters: ["buffer" /* const char* name */],
    result: "pointer", /* struct protoent* */
  },
  // <unistd.h> (socket module)
  gethostname: { parameters: ["buffer", /* char* name */ "usize" /* size_t len */], result: "i32" },
  // <net/if.h> (socket module)
  if_nameindex: { parameters: [], result: "pointer" /* struct if_nameindex* */ },
  if_freenameindex: { parameters: ["pointer" /* struct if_nameindex* ptr */], result: "void" },
  if_nametoindex: { parameters: ["buffer" /* const char* ifname */], result: "u32" },
  if_indextoname: {
    parameters: ["u32", /* unsigned ifindex */ "buffer" /* char* ifname */],
    result: "pointer", /* char* */
  },
  // <signal.h> (signal module)
  sigaction: {
    parameters: [
      "i32", /* int signum */
      "buffer", /* const struct sigaction* act */
      "buffer", /* struct sigaction* oldact */
    ],
    result: "i32",
  },
  pthread_sigmask: {
    parameters: [
      "i32", /* int how */
      "buffer", /* const sigset_t* set */
      "buffer", /* sigset_t* oldset */
    ],
    result: "i32", /* an error number, not -1 */
  },
  sigpending: { parameters: ["buffer" /* sigset_t* set */], result: "i32" },
  sigwait: {
    parameters: ["buffer", /* const sigset_t* set */ "buffer" /* int* sig */],
    result: "i32", /* an error number, not -1 */
  },
  raise: { parameters: ["i32" /* int sig */], result: "i32" },
  // <string.h> (signal module)
  strsignal: { parameters: ["i32" /* int sig */], result: "pointer" /* char* */ },
  // <unistd.h> (signal module: alarm, the wake-up fd, the alarm example's pipes)
  alarm: { parameters: ["u32" /* unsigned int seconds */], result: "u32" },
  write: {
    parameters: ["i32", /* int fd */ "buffer", /* const void* buf */ "usize" /* size_t count */],
    result: "isize",
  },
  read: {
    parameters: ["i32", /* int fd */ "buffer", /* void* buf */ "usize" /* size_t count */],
    result: "isize",
  },
  pipe: { parameters: ["buffer" /* int pipefd[2] */], result: "i32" },
  // <fcntl.h> (signal module): fcntl is variadic; the third argument is an int here, which
  // matches the register convention on x86_64 and Linux aarch64 (not Apple arm64, where
  // only commands without an argument, such as F_GETFL, may be used)
  fcntl: {
    parameters: ["i32", /* int fd */ "i32", /* int cmd */ "i32" /* int arg */],
    result: "i32",
  },
  // <sys/time.h> (signal module)
  setitimer: {
    parameters: [
      "i32", /* int which */
      "buffer", /* const struct itimerval* new_value */
      "buffer", /* struct itimerval* old_value */
    ],
    result: "i32",
  },
  getitimer: {
    parameters: ["i32", /* int which */ "buffer" /* struct itimerval* curr_value */],
    result: "i32",
  },
  // <sys/socket.h> (kernel sockets: _ffi/sockets.ts)
  socket: {
    parameters: ["i32", /* int domain */ "i32", /* int type */ "i32" /* int protocol */],
    result: "i32",
  },
  socketpair: {
    parameters: [
      "i32", /* int domain */
      "i32", /* int type */
      "i32", /* int protocol */
      "buffer", /* int sv[2] */
    ],
    result: "i32",
  },
  bind: {
    parameters: ["i32", /* int fd */ "buffer", /* const struct sockaddr* */ "u32" /* socklen_t */],
    result: "i32",
  },
  connect: {
    parameters: ["i32", /* int fd */ "buffer", /* const struct sockaddr* */ "u32" /* socklen_t */],
    result: "i32",
  },
  listen: { parameters: ["i32", /* int fd */ "i32" /* int backlog */], result: "i32" },
  accept: {
    parameters: ["i32", /* int fd */ "buffer", /* struct sockaddr* */ "buffer" /* socklen_t* */],
    result: "i32",
  },
  recv: {
    parameters: [
      "i32", /* int fd */
      "buffer", /* void* buf */
      "usize", /* size_t len */
      "i32", /* int flags */
    ],
    result: "isize",
  },
  recvfrom: {
    parameters: [
      "i32", /* int fd */
      "buffer", /* void* buf */
      "usize", /* size_t len */
      "i32", /* int flags */
      "buffer", /* struct sockaddr* src_addr */
      "buffer", /* socklen_t* addrlen */
    ],
    result: "isize",
  },
  send: {
    parameters: [
      "i32", /* int fd */
      "buffer", /* const void* buf */
      "usize", /* size_t len */
      "i32", /* int flags */
    ],
    result: "isize",
  },
  sendto: {
    parameters: [
      "i32", /* int fd */
      "buffer", /* const void* buf */
      "usize", /* size_t len */
      "i32", /* int flags */
      "buffer", /* const struct sockaddr* dest_addr */
      "u32", /* socklen_t addrlen */
    ],
    result: "isize",
  },
  sendmsg: {
    parameters: ["i32", /* int fd */ "buffer", /* const struct msghdr* */ "i32" /* int flags */],
    result: "isize",
  },
  recvmsg: {
    parameters: ["i32", /* int fd */ "buffer", /* struct msghdr* */ "i32" /* int flags */],
    result: "isize",
  },
  shutdown: { parameters: ["i32", /* int fd */ "i32" /* int how */], result: "i32" },
  getsockopt: {
    parameters: [
      "i32", /* int fd */
      "i32", /* int level */
      "i32", /* int optname */
      "buffer", /* void* optval */
      "buffer", /* socklen_t* optlen */
    ],
    result: "i32",
  },
  setsockopt: {
    parameters: [
      "i32", /* int fd */
      "i32", /* int level */
      "i32", /* int optname */
      "buffer", /* const void* optval */
      "u32", /* socklen_t optlen */
    ],
    result: "i32",
  },
  getsockname: {
    parameters: ["i32", /* int fd */ "buffer", /* struct sockaddr* */ "buffer" /* socklen_t* */],
    result: "i32",
  },
  getpeername: {
    parameters: ["i32", /* int fd */ "buffer", /* struct sockaddr* */ "buffer" /* socklen_t* */],
    result: "i32",
  },
  // <unistd.h> (kernel sockets): the length is a size_t on Linux and an int on macOS, which
  // reads the low half of the same register
  sethostname: {
    parameters: ["buffer", /* const char* name */ "usize" /* size_t len */],
    result: "i32",
  },
  // <poll.h> (select module, reactor). `poll_nb` is the nonblocking alias the reactor parks
  // on Deno's FFI thread pool; it never consults errno.
  poll: {
    parameters: ["buffer", /* struct pollfd* fds */ "u64", /* nfds_t nfds */ "i32" /* int ms */],
    result: "i32",
  },
  poll_nb: {
    name: "poll",
    parameters: ["buffer", /* struct pollfd* fds */ "u64", /* nfds_t nfds */ "i32" /* int ms */],
    result: "i32",
    nonblocking: true,
  },
} as const satisfies Deno.ForeignLibraryInterface;
