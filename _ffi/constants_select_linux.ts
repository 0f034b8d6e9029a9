// Readiness constants and struct layouts of Linux with glibc, identical on x86_64 and aarch64
// except where noted. Sources: <sys/epoll.h> and <linux/eventpoll.h> (EPOLL*, struct
// epoll_event), <bits/poll.h> and <asm-generic/poll.h> (POLL*, struct pollfd),
// <linux/limits.h> (PIPE_BUF), <bits/typesizes.h> (FD_SETSIZE), <sys/eventfd.h> (EFD_*).
// Public names and values match CPython 3.11's `select` module on Linux.

/** The `select` module's public constants on Linux (as CPython 3.11 exposes them). */
export const SELECT_LINUX = {
  EPOLLIN: 0x001,
  EPOLLPRI: 0x002,
  EPOLLOUT: 0x004,
  EPOLLERR: 0x008,
  EPOLLHUP: 0x010,
  EPOLLRDNORM: 0x040,
  EPOLLRDBAND: 0x080,
  EPOLLWRNORM: 0x100,
  EPOLLWRBAND: 0x200,
  EPOLLMSG: 0x400,
  EPOLLRDHUP: 0x2000,
  EPOLLEXCLUSIVE: 1 << 28,
  EPOLLONESHOT: 1 << 30,
  EPOLLET: 2 ** 31,
  EPOLL_CLOEXEC: 0o2000000,
  POLLIN: 0x001,
  POLLPRI: 0x002,
  POLLOUT: 0x004,
  POLLERR: 0x008,
  POLLHUP: 0x010,
  POLLNVAL: 0x020,
  POLLRDNORM: 0x040,
  POLLRDBAND: 0x080,
  POLLWRNORM: 0x100,
  POLLWRBAND: 0x200,
  POLLMSG: 0x400,
  POLLRDHUP: 0x2000,
  PIPE_BUF: 4096,
} as const satisfies Record<string, number>;

/** Private constants and layouts of the readiness calls on Linux. */
export const SELECT_PRIVATE_LINUX = {
  EPOLL_CTL_ADD: 1,
  EPOLL_CTL_DEL: 2,
  EPOLL_CTL_MOD: 3,
  /** sizeof(struct epoll_event): packed (12) on x86_64, naturally aligned (16) elsewhere. */
  EPOLL_EVENT_SIZE: Deno.build.arch === "x86_64" ? 12 : 16,
  /** offsetof(struct epoll_event, data) (u64). */
  EPOLL_DATA_OFFSET: Deno.build.arch === "x86_64" ? 4 : 8,
  EFD_NONBLOCK: 0o4000,
  EFD_CLOEXEC: 0o2000000,
  /** sizeof(struct pollfd): int fd, short events, short revents. */
  POLLFD_SIZE: 8,
  /** FD_SETSIZE of glibc: select() refuses descriptors at or above it. */
  FD_SETSIZE: 1024,
} as const;
