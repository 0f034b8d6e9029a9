import assert from "node:assert/strict";
import * as select from "../../select/mod.ts";

// CPython 3.11's values on Linux x86_64 (`[(n, getattr(select, n)) for n in dir(select)]`).
const LINUX = {
  EPOLLERR: 8,
  EPOLLET: 2147483648,
  EPOLLEXCLUSIVE: 268435456,
  EPOLLHUP: 16,
  EPOLLIN: 1,
  EPOLLMSG: 1024,
  EPOLLONESHOT: 1073741824,
  EPOLLOUT: 4,
  EPOLLPRI: 2,
  EPOLLRDBAND: 128,
  EPOLLRDHUP: 8192,
  EPOLLRDNORM: 64,
  EPOLLWRBAND: 512,
  EPOLLWRNORM: 256,
  EPOLL_CLOEXEC: 524288,
  PIPE_BUF: 4096,
  POLLERR: 8,
  POLLHUP: 16,
  POLLIN: 1,
  POLLMSG: 1024,
  POLLNVAL: 32,
  POLLOUT: 4,
  POLLPRI: 2,
  POLLRDBAND: 128,
  POLLRDHUP: 8192,
  POLLRDNORM: 64,
  POLLWRBAND: 512,
  POLLWRNORM: 256,
};

// CPython's values on macOS.
const KQ = {
  KQ_EV_ADD: 1,
  KQ_EV_CLEAR: 32,
  KQ_EV_DELETE: 2,
  KQ_EV_DISABLE: 8,
  KQ_EV_ENABLE: 4,
  KQ_EV_EOF: 32768,
  KQ_EV_ERROR: 16384,
  KQ_EV_FLAG1: 8192,
  KQ_EV_ONESHOT: 16,
  KQ_EV_SYSFLAGS: 61440,
  KQ_FILTER_AIO: -3,
  KQ_FILTER_PROC: -5,
  KQ_FILTER_READ: -1,
  KQ_FILTER_SIGNAL: -6,
  KQ_FILTER_TIMER: -7,
  KQ_FILTER_VNODE: -4,
  KQ_FILTER_WRITE: -2,
  KQ_NOTE_ATTRIB: 8,
  KQ_NOTE_CHILD: 4,
  KQ_NOTE_DELETE: 1,
  KQ_NOTE_EXEC: 536870912,
  KQ_NOTE_EXIT: 2147483648,
  KQ_NOTE_EXTEND: 4,
  KQ_NOTE_FORK: 1073741824,
  KQ_NOTE_LINK: 16,
  KQ_NOTE_LOWAT: 1,
  KQ_NOTE_PCTRLMASK: -1048576,
  KQ_NOTE_PDATAMASK: 1048575,
  KQ_NOTE_RENAME: 32,
  KQ_NOTE_REVOKE: 64,
  KQ_NOTE_TRACK: 1,
  KQ_NOTE_TRACKERR: 2,
  KQ_NOTE_WRITE: 2,
};

Deno.test({
  name: "select constants have CPython's Linux values",
  ignore: Deno.build.os !== "linux",
  fn: () => {
    for (const [name, value] of Object.entries(LINUX)) {
      assert.equal((select as Record<string, unknown>)[name], value, name);
    }
  },
});

Deno.test("select KQ_* constants have CPython's macOS values everywhere", () => {
  for (const [name, value] of Object.entries(KQ)) {
    assert.equal((select as Record<string, unknown>)[name], value, name);
  }
});

Deno.test("select feature flags, error alias and devpoll", () => {
  assert.equal(select.HAS_EPOLL, Deno.build.os === "linux");
  assert.equal(select.HAS_KQUEUE, Deno.build.os === "darwin");
  assert.equal(select.HAS_POLL, true);
  assert.equal(select.error, select.OSError);
  if (Deno.build.os === "darwin") assert.equal(select.POLLRDHUP, undefined);
  assert.throws(
    () => select.devpoll(),
    (e) =>
      e instanceof select.OSError && e.code === "ENOSYS" &&
      e.errno === (Deno.build.os === "darwin" ? 78 : 38),
  );
});

Deno.test("HAS_EPOLL: new Epoll() works exactly where it is true", () => {
  if (select.HAS_EPOLL) {
    const ep = new select.Epoll();
    assert.equal(ep.closed, false);
    assert.ok(ep.fileno() >= 0);
    ep.close();
    assert.equal(ep.closed, true);
  } else {
    assert.throws(
      () => new select.Epoll(),
      (e) => e instanceof select.OSError && e.code === "ENOSYS" && /epoll/.test(e.message),
    );
  }
});

Deno.test("HAS_KQUEUE: new Kqueue() works where it is true, else only through libkqueue", () => {
  let kq: select.Kqueue | undefined;
  let error: unknown;
  try {
    kq = new select.Kqueue();
  } catch (e) {
    error = e;
  }
  try {
    if (select.HAS_KQUEUE) {
      assert.equal(error, undefined);
      assert.ok(kq!.fileno() >= 0);
    } else if (kq !== undefined) {
      // Python has no select.kqueue on Linux, but this port loads the userspace libkqueue
      // when it is installed (see kqueue_test.ts).
      assert.equal(Deno.build.os, "linux");
    } else {
      assert.ok(error instanceof select.OSError, String(error));
      assert.equal(error.code, "ENOSYS");
      assert.match(error.message, /kqueue is not available/);
    }
  } finally {
    kq?.close();
  }
  assert.ok(kq === undefined || kq.closed);
});
