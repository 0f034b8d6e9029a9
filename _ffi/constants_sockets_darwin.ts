// Struct layouts and private flags of the kernel socket calls on macOS (XNU and libSystem
// headers, the same on x86_64 and arm64). Sources: <sys/socket.h> (struct msghdr, struct
// cmsghdr, MSG_*, SO_NOSIGPIPE), <netinet/in.h> (sockaddr_in, sockaddr_in6, with sin_len),
// <sys/un.h> (sockaddr_un), <sys/_types/_iovec_t.h>, <sys/fcntl.h> (O_*, F_*).

/** Private constants and layouts of the socket wrappers on macOS. */
export const SOCKETS_PRIVATE_DARWIN = {
  O_NONBLOCK: 0x0004,
  O_CLOEXEC: 0x1000000,
  F_GETFD: 1,
  F_SETFD: 2,
  F_GETFL: 3,
  F_SETFL: 4,
  F_DUPFD_CLOEXEC: 67,
  FD_CLOEXEC: 1,
  /** macOS has no SOCK_NONBLOCK/SOCK_CLOEXEC: they are applied with fcntl instead. */
  SOCK_NONBLOCK: 0,
  SOCK_CLOEXEC: 0,
  MSG_DONTWAIT: 0x80,
  /** Not passed on macOS: SO_NOSIGPIPE is set on every socket instead. */
  MSG_NOSIGNAL: 0,
  MSG_CMSG_CLOEXEC: 0,
  SO_NOSIGPIPE: 0x1022,
  /** Every sockaddr starts with a length byte (sin_len), then a one-byte family. */
  HAS_SA_LEN: true,
  SOCKADDR_STORAGE_SIZE: 128,
  SOCKADDR_IN_SIZE: 16,
  SOCKADDR_IN6_SIZE: 28,
  SUN_PATH_OFFSET: 2,
  SUN_PATH_SIZE: 104,
  /** struct msghdr: void* name; socklen_t namelen; struct iovec* iov; int iovlen;
   * void* control; socklen_t controllen; int flags. */
  MSGHDR_SIZE: 48,
  MSGHDR_NAME: 0,
  MSGHDR_NAMELEN: 8,
  MSGHDR_IOV: 16,
  MSGHDR_IOVLEN: 24,
  MSGHDR_IOVLEN_BYTES: 4,
  MSGHDR_CONTROL: 32,
  MSGHDR_CONTROLLEN: 40,
  MSGHDR_CONTROLLEN_BYTES: 4,
  MSGHDR_FLAGS: 44,
  IOVEC_SIZE: 16,
  /** struct cmsghdr: socklen_t len; int level; int type; data aligned to 4 bytes. */
  CMSG_LEN_BYTES: 4,
  CMSG_LEVEL: 4,
  CMSG_TYPE: 8,
  CMSG_HEADER: 12,
  CMSG_ALIGN: 4,
  IOV_MAX: 1024,
} as const;
