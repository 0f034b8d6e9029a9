// Readiness constants and struct layouts of macOS (libSystem and XNU headers, identical on
// x86_64 and arm64): <sys/poll.h> (POLL*, struct pollfd), <sys/event.h> (EVFILT_*, EV_*,
// NOTE_*, struct kevent), <sys/syslimits.h> (PIPE_BUF), <sys/_types/_fd_setsize.h>.
// Public names and values match CPython 3.11's `select` module on macOS.

/**
 * The kqueue constants with CPython's names and macOS values. libkqueue (the userspace
 * kqueue used on Linux) defines the same numbers for every filter and flag it supports.
 */
export const KQUEUE_CONSTANTS = {
  KQ_FILTER_READ: -1,
  KQ_FILTER_WRITE: -2,
  KQ_FILTER_AIO: -3,
  KQ_FILTER_VNODE: -4,
  KQ_FILTER_PROC: -5,
  KQ_FILTER_SIGNAL: -6,
  KQ_FILTER_TIMER: -7,
  KQ_EV_ADD: 0x0001,
  KQ_EV_DELETE: 0x0002,
  KQ_EV_ENABLE: 0x0004,
  KQ_EV_DISABLE: 0x0008,
  KQ_EV_ONESHOT: 0x0010,
  KQ_EV_CLEAR: 0x0020,
  KQ_EV_SYSFLAGS: 0xf000,
  KQ_EV_FLAG1: 0x2000,
  KQ_EV_EOF: 0x8000,
  KQ_EV_ERROR: 0x4000,
  KQ_NOTE_LOWAT: 0x0001,
  KQ_NOTE_DELETE: 0x0001,
  KQ_NOTE_WRITE: 0x0002,
  KQ_NOTE_EXTEND: 0x0004,
  KQ_NOTE_ATTRIB: 0x0008,
  KQ_NOTE_LINK: 0x0010,
  KQ_NOTE_RENAME: 0x0020,
  KQ_NOTE_REVOKE: 0x0040,
  KQ_NOTE_EXIT: 0x80000000,
  KQ_NOTE_FORK: 0x40000000,
  KQ_NOTE_EXEC: 0x20000000,
  /** `NOTE_PCTRLMASK` (`~NOTE_PDATAMASK`), read as a C int, as CPython does. */
  KQ_NOTE_PCTRLMASK: -0x100000,
  KQ_NOTE_PDATAMASK: 0x000fffff,
  KQ_NOTE_TRACK: 0x00000001,
  KQ_NOTE_TRACKERR: 0x00000002,
  KQ_NOTE_CHILD: 0x00000004,
} as const satisfies Record<string, number>;

/** The `select` module's poll constants and PIPE_BUF on macOS. */
export const SELECT_DARWIN = {
  POLLIN: 0x0001,
  POLLPRI: 0x0002,
  POLLOUT: 0x0004,
  POLLERR: 0x0008,
  POLLHUP: 0x0010,
  POLLNVAL: 0x0020,
  POLLRDNORM: 0x0040,
  POLLRDBAND: 0x0080,
  POLLWRNORM: 0x0004,
  POLLWRBAND: 0x0100,
  PIPE_BUF: 512,
} as const satisfies Record<string, number>;

/** Private constants and layouts of the readiness calls on macOS (and libkqueue). */
export const SELECT_PRIVATE_DARWIN = {
  /** sizeof(struct kevent): uintptr_t ident, short filter, u_short flags, u_int fflags,
   * intptr_t data, void* udata. libkqueue's struct kevent has the same layout. */
  KEVENT_SIZE: 32,
  KEVENT_FILTER_OFFSET: 8,
  KEVENT_FLAGS_OFFSET: 10,
  KEVENT_FFLAGS_OFFSET: 12,
  KEVENT_DATA_OFFSET: 16,
  KEVENT_UDATA_OFFSET: 24,
  /** sizeof(struct timespec): time_t tv_sec, long tv_nsec. */
  TIMESPEC_SIZE: 16,
  /** sizeof(struct pollfd). */
  POLLFD_SIZE: 8,
  /** FD_SETSIZE of libSystem. */
  FD_SETSIZE: 1024,
} as const;
