// Struct layouts and private flags of the kernel socket calls on Linux with glibc, 64-bit
// (x86_64 and aarch64 share them). Sources: <bits/socket.h> (struct msghdr, struct
// cmsghdr, MSG_*, SOCK_NONBLOCK, SOCK_CLOEXEC), <netinet/in.h> (sockaddr_in, sockaddr_in6),
// <sys/un.h> (sockaddr_un), <bits/uio.h> (struct iovec), <asm-generic/fcntl.h> (O_*, F_*).

/** Private constants and layouts of the socket wrappers on Linux. */
export const SOCKETS_PRIVATE_LINUX = {
  O_NONBLOCK: 0o4000,
  O_CLOEXEC: 0o2000000,
  F_GETFD: 1,
  F_SETFD: 2,
  F_GETFL: 3,
  F_SETFL: 4,
  F_DUPFD_CLOEXEC: 1030,
  FD_CLOEXEC: 1,
  SOCK_NONBLOCK: 0o4000,
  SOCK_CLOEXEC: 0o2000000,
  MSG_DONTWAIT: 0x40,
  /** Added to every send: a write to a closed peer gives EPIPE, never SIGPIPE. */
  MSG_NOSIGNAL: 0x4000,
  MSG_CMSG_CLOEXEC: 0x40000000,
  /** sa_family_t is a native-endian u16 at offset 0; there is no length byte. */
  HAS_SA_LEN: false,
  SOCKADDR_STORAGE_SIZE: 128,
  SOCKADDR_IN_SIZE: 16,
  SOCKADDR_IN6_SIZE: 28,
  /** offsetof(struct sockaddr_un, sun_path) and sizeof(sun_path). */
  SUN_PATH_OFFSET: 2,
  SUN_PATH_SIZE: 108,
  /** struct msghdr: void* name; socklen_t namelen; struct iovec* iov; size_t iovlen;
   * void* control; size_t controllen; int flags. */
  MSGHDR_SIZE: 56,
  MSGHDR_NAME: 0,
  MSGHDR_NAMELEN: 8,
  MSGHDR_IOV: 16,
  MSGHDR_IOVLEN: 24,
  MSGHDR_IOVLEN_BYTES: 8,
  MSGHDR_CONTROL: 32,
  MSGHDR_CONTROLLEN: 40,
  MSGHDR_CONTROLLEN_BYTES: 8,
  MSGHDR_FLAGS: 48,
  /** struct iovec: void* base; size_t len. */
  IOVEC_SIZE: 16,
  /** struct cmsghdr: size_t len; int level; int type; then data, aligned to size_t. */
  CMSG_LEN_BYTES: 8,
  CMSG_LEVEL: 8,
  CMSG_TYPE: 12,
  CMSG_HEADER: 16,
  CMSG_ALIGN: 8,
  /** IOV_MAX of glibc. */
  IOV_MAX: 1024,
} as const;
