// The select module's constants, with Python's names and the running platform's values.
//
// - `POLL*`: the platform's poll(2) bits (Linux or macOS values); `POLLMSG` and `POLLRDHUP`
//   are `undefined` on macOS, where Python lacks them.
// - `EPOLL*`: Linux's values on every platform (they only mean something to `Epoll`, which
//   exists on Linux alone, as in Python).
// - `KQ_*`: macOS's values on every platform; libkqueue, the userspace kqueue that makes
//   `Kqueue` usable on Linux, uses the same numbers for everything it supports.

import { KQUEUE_CONSTANTS, SELECT_DARWIN } from "../_ffi/constants_select_darwin.ts";
import { SELECT_LINUX } from "../_ffi/constants_select_linux.ts";

const DARWIN = Deno.build.os === "darwin";
const P = DARWIN ? SELECT_DARWIN : SELECT_LINUX;

/**
 * Whether `Epoll` works here (Linux), Python's `hasattr(select, "epoll")`.
 *
 * @example
 * ```ts
 * import { HAS_EPOLL } from "@ipcnet/std/select";
 * import assert from "node:assert/strict";
 *
 * assert.equal(HAS_EPOLL, Deno.build.os === "linux");
 * ```
 */
export const HAS_EPOLL: boolean = Deno.build.os === "linux";

/**
 * Whether `Kqueue` is native here (macOS), Python's `hasattr(select, "kqueue")`. On Linux
 * it is `false`, although `Kqueue` also works there when the userspace libkqueue is
 * installed (so that the kqueue code path can be tested on Linux).
 *
 * @example
 * ```ts
 * import { HAS_KQUEUE } from "@ipcnet/std/select";
 * import assert from "node:assert/strict";
 *
 * assert.equal(HAS_KQUEUE, Deno.build.os === "darwin");
 * ```
 */
export const HAS_KQUEUE: boolean = DARWIN;

/**
 * Whether `poll()` works here (Linux and macOS), Python's `hasattr(select, "poll")`.
 *
 * @example
 * ```ts
 * import { HAS_POLL } from "@ipcnet/std/select";
 * import assert from "node:assert/strict";
 *
 * assert.equal(HAS_POLL, Deno.build.os !== "windows");
 * ```
 */
export const HAS_POLL: boolean = Deno.build.os === "linux" || DARWIN;

/**
 * The minimum number of bytes that a pipe write of at most this size performs atomically
 * when `select()`/`poll()` report the pipe writable: 4096 on Linux, 512 on macOS.
 *
 * @example
 * ```ts
 * import { PIPE_BUF } from "@ipcnet/std/select";
 * import assert from "node:assert/strict";
 *
 * assert.equal(PIPE_BUF, Deno.build.os === "darwin" ? 512 : 4096);
 * ```
 */
export const PIPE_BUF: number = P.PIPE_BUF;

/** `POLLIN`: There is data to read. */
export const POLLIN: number = P.POLLIN;

/** `POLLPRI`: There is urgent data to read. */
export const POLLPRI: number = P.POLLPRI;

/** `POLLOUT`: Ready for output: writing will not block. */
export const POLLOUT: number = P.POLLOUT;

/** `POLLERR`: Error condition of some sort (output only). */
export const POLLERR: number = P.POLLERR;

/** `POLLHUP`: Hung up (output only). */
export const POLLHUP: number = P.POLLHUP;

/** `POLLNVAL`: Invalid request: the descriptor is not open (output only). */
export const POLLNVAL: number = P.POLLNVAL;

/** `POLLRDNORM`: Normal data can be read. */
export const POLLRDNORM: number = P.POLLRDNORM;

/** `POLLRDBAND`: Priority band data can be read. */
export const POLLRDBAND: number = P.POLLRDBAND;

/** `POLLWRNORM`: Normal data can be written. */
export const POLLWRNORM: number = P.POLLWRNORM;

/** `POLLWRBAND`: Priority data can be written. */
export const POLLWRBAND: number = P.POLLWRBAND;

/**
 * `POLLMSG`: Linux only: unused by the kernel (`undefined` on macOS, as Python lacks it
 * there).
 */
export const POLLMSG: number | undefined = DARWIN ? undefined : SELECT_LINUX.POLLMSG;

/**
 * `POLLRDHUP`: Linux only: the peer shut down its writing half (`undefined` on macOS, as
 * Python lacks it there).
 */
export const POLLRDHUP: number | undefined = DARWIN ? undefined : SELECT_LINUX.POLLRDHUP;

/** `EPOLLIN` (`Epoll` event mask bit): Available for read. */
export const EPOLLIN: number = SELECT_LINUX.EPOLLIN;

/** `EPOLLOUT` (`Epoll` event mask bit): Available for write. */
export const EPOLLOUT: number = SELECT_LINUX.EPOLLOUT;

/** `EPOLLPRI` (`Epoll` event mask bit): Urgent data for read. */
export const EPOLLPRI: number = SELECT_LINUX.EPOLLPRI;

/** `EPOLLERR` (`Epoll` event mask bit): An error condition happened on the descriptor. */
export const EPOLLERR: number = SELECT_LINUX.EPOLLERR;

/** `EPOLLHUP` (`Epoll` event mask bit): Hang-up happened on the descriptor. */
export const EPOLLHUP: number = SELECT_LINUX.EPOLLHUP;

/**
 * `EPOLLET` (`Epoll` event mask bit): Edge-triggered behaviour (the default is level-triggered).
 */
export const EPOLLET: number = SELECT_LINUX.EPOLLET;

/**
 * `EPOLLONESHOT` (`Epoll` event mask bit): One-shot behaviour: the descriptor is disabled after one
 * event.
 */
export const EPOLLONESHOT: number = SELECT_LINUX.EPOLLONESHOT;

/**
 * `EPOLLEXCLUSIVE` (`Epoll` event mask bit): Wake only one epoll object when the event fires (Linux
 * 4.5+).
 */
export const EPOLLEXCLUSIVE: number = SELECT_LINUX.EPOLLEXCLUSIVE;

/** `EPOLLRDHUP` (`Epoll` event mask bit): The peer shut down its writing half (stream sockets). */
export const EPOLLRDHUP: number = SELECT_LINUX.EPOLLRDHUP;

/** `EPOLLRDNORM` (`Epoll` event mask bit): Equivalent to `EPOLLIN`. */
export const EPOLLRDNORM: number = SELECT_LINUX.EPOLLRDNORM;

/** `EPOLLRDBAND` (`Epoll` event mask bit): Priority data band can be read. */
export const EPOLLRDBAND: number = SELECT_LINUX.EPOLLRDBAND;

/** `EPOLLWRNORM` (`Epoll` event mask bit): Equivalent to `EPOLLOUT`. */
export const EPOLLWRNORM: number = SELECT_LINUX.EPOLLWRNORM;

/** `EPOLLWRBAND` (`Epoll` event mask bit): Priority data may be written. */
export const EPOLLWRBAND: number = SELECT_LINUX.EPOLLWRBAND;

/** `EPOLLMSG` (`Epoll` event mask bit): Ignored by the kernel. */
export const EPOLLMSG: number = SELECT_LINUX.EPOLLMSG;

/** `EPOLL_CLOEXEC` (`Epoll` event mask bit): `Epoll` flag: close on exec (always applied). */
export const EPOLL_CLOEXEC: number = SELECT_LINUX.EPOLL_CLOEXEC;

/** `KQ_FILTER_READ`: Takes a descriptor; returns whenever there is data to read. */
export const KQ_FILTER_READ: number = KQUEUE_CONSTANTS.KQ_FILTER_READ;

/** `KQ_FILTER_WRITE`: Takes a descriptor; returns whenever there is room to write. */
export const KQ_FILTER_WRITE: number = KQUEUE_CONSTANTS.KQ_FILTER_WRITE;

/** `KQ_FILTER_AIO`: Asynchronous I/O requests. */
export const KQ_FILTER_AIO: number = KQUEUE_CONSTANTS.KQ_FILTER_AIO;

/** `KQ_FILTER_VNODE`: Watches a file for the `KQ_NOTE_*` events in `fflags`. */
export const KQ_FILTER_VNODE: number = KQUEUE_CONSTANTS.KQ_FILTER_VNODE;

/** `KQ_FILTER_PROC`: Watches a process id for the `KQ_NOTE_*` process events. */
export const KQ_FILTER_PROC: number = KQUEUE_CONSTANTS.KQ_FILTER_PROC;

/** `KQ_FILTER_SIGNAL`: Watches a signal number. */
export const KQ_FILTER_SIGNAL: number = KQUEUE_CONSTANTS.KQ_FILTER_SIGNAL;

/** `KQ_FILTER_TIMER`: An arbitrary timer. */
export const KQ_FILTER_TIMER: number = KQUEUE_CONSTANTS.KQ_FILTER_TIMER;

/** `KQ_EV_ADD`: Adds or modifies an event. */
export const KQ_EV_ADD: number = KQUEUE_CONSTANTS.KQ_EV_ADD;

/** `KQ_EV_DELETE`: Removes an event from the queue. */
export const KQ_EV_DELETE: number = KQUEUE_CONSTANTS.KQ_EV_DELETE;

/** `KQ_EV_ENABLE`: Permits `control()` to return the event. */
export const KQ_EV_ENABLE: number = KQUEUE_CONSTANTS.KQ_EV_ENABLE;

/** `KQ_EV_DISABLE`: Disables the event. */
export const KQ_EV_DISABLE: number = KQUEUE_CONSTANTS.KQ_EV_DISABLE;

/** `KQ_EV_ONESHOT`: Removes the event after its first occurrence. */
export const KQ_EV_ONESHOT: number = KQUEUE_CONSTANTS.KQ_EV_ONESHOT;

/** `KQ_EV_CLEAR`: Resets the state after an event is retrieved. */
export const KQ_EV_CLEAR: number = KQUEUE_CONSTANTS.KQ_EV_CLEAR;

/** `KQ_EV_SYSFLAGS`: Internal event flags. */
export const KQ_EV_SYSFLAGS: number = KQUEUE_CONSTANTS.KQ_EV_SYSFLAGS;

/** `KQ_EV_FLAG1`: Internal event flag. */
export const KQ_EV_FLAG1: number = KQUEUE_CONSTANTS.KQ_EV_FLAG1;

/** `KQ_EV_EOF`: Filter-specific end-of-file condition. */
export const KQ_EV_EOF: number = KQUEUE_CONSTANTS.KQ_EV_EOF;

/** `KQ_EV_ERROR`: See the return value: `data` holds the errno. */
export const KQ_EV_ERROR: number = KQUEUE_CONSTANTS.KQ_EV_ERROR;

/** `KQ_NOTE_LOWAT`: Low-water mark of a socket buffer (read and write filters). */
export const KQ_NOTE_LOWAT: number = KQUEUE_CONSTANTS.KQ_NOTE_LOWAT;

/** `KQ_NOTE_DELETE`: `unlink()` was called. */
export const KQ_NOTE_DELETE: number = KQUEUE_CONSTANTS.KQ_NOTE_DELETE;

/** `KQ_NOTE_WRITE`: A write occurred. */
export const KQ_NOTE_WRITE: number = KQUEUE_CONSTANTS.KQ_NOTE_WRITE;

/** `KQ_NOTE_EXTEND`: The file was extended. */
export const KQ_NOTE_EXTEND: number = KQUEUE_CONSTANTS.KQ_NOTE_EXTEND;

/** `KQ_NOTE_ATTRIB`: An attribute was changed. */
export const KQ_NOTE_ATTRIB: number = KQUEUE_CONSTANTS.KQ_NOTE_ATTRIB;

/** `KQ_NOTE_LINK`: The link count has changed. */
export const KQ_NOTE_LINK: number = KQUEUE_CONSTANTS.KQ_NOTE_LINK;

/** `KQ_NOTE_RENAME`: The file was renamed. */
export const KQ_NOTE_RENAME: number = KQUEUE_CONSTANTS.KQ_NOTE_RENAME;

/** `KQ_NOTE_REVOKE`: Access to the file was revoked. */
export const KQ_NOTE_REVOKE: number = KQUEUE_CONSTANTS.KQ_NOTE_REVOKE;

/** `KQ_NOTE_EXIT`: The process has exited. */
export const KQ_NOTE_EXIT: number = KQUEUE_CONSTANTS.KQ_NOTE_EXIT;

/** `KQ_NOTE_FORK`: The process has called `fork()`. */
export const KQ_NOTE_FORK: number = KQUEUE_CONSTANTS.KQ_NOTE_FORK;

/** `KQ_NOTE_EXEC`: The process has executed a new process. */
export const KQ_NOTE_EXEC: number = KQUEUE_CONSTANTS.KQ_NOTE_EXEC;

/** `KQ_NOTE_PCTRLMASK`: Internal filter flag. */
export const KQ_NOTE_PCTRLMASK: number = KQUEUE_CONSTANTS.KQ_NOTE_PCTRLMASK;

/** `KQ_NOTE_PDATAMASK`: Internal filter flag. */
export const KQ_NOTE_PDATAMASK: number = KQUEUE_CONSTANTS.KQ_NOTE_PDATAMASK;

/** `KQ_NOTE_TRACK`: Follows a process across `fork()`. */
export const KQ_NOTE_TRACK: number = KQUEUE_CONSTANTS.KQ_NOTE_TRACK;

/** `KQ_NOTE_CHILD`: Returned on the child process for `KQ_NOTE_TRACK`. */
export const KQ_NOTE_CHILD: number = KQUEUE_CONSTANTS.KQ_NOTE_CHILD;

/** `KQ_NOTE_TRACKERR`: Unable to attach to a child. */
export const KQ_NOTE_TRACKERR: number = KQUEUE_CONSTANTS.KQ_NOTE_TRACKERR;
