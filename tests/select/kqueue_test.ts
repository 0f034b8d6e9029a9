// Kqueue is native on macOS; on Linux these tests run against the userspace libkqueue
// (libkqueue.so.0, or IPCNET_LIBKQUEUE) and are skipped, saying so, where it is absent.

import assert from "node:assert/strict";
import { reactorState } from "../../_ffi/reactor.ts";
import * as S from "../../_ffi/sockets.ts";
import {
  Kevent,
  KQ_EV_ADD,
  KQ_EV_DELETE,
  KQ_EV_ERROR,
  KQ_EV_ONESHOT,
  KQ_FILTER_READ,
  KQ_FILTER_WRITE,
  Kqueue,
  OSError,
} from "../../select/mod.ts";
import { tracked } from "../_ffi/_fd_track.ts";

const one = new Uint8Array([1]);
const unavailable = probe();
const ignore = unavailable !== null;
const suffix = ignore ? " (skipped: no kqueue library; on Linux install libkqueue)" : "";
if (ignore) console.log(`kqueue tests skipped: ${unavailable!.message}`);

function probe(): OSError | null {
  try {
    new Kqueue().close();
    return null;
  } catch (err) {
    if (err instanceof OSError && err.code === "ENOSYS") return err;
    throw err;
  }
}

Deno.test({
  name: "Kqueue without a kqueue library throws OSError(ENOSYS) naming it",
  ignore: !ignore,
  fn: () => {
    assert.throws(
      () => new Kqueue(),
      (e) => e instanceof OSError && e.code === "ENOSYS" && /libkqueue/.test(e.message),
    );
  },
});

Deno.test({
  name: `Kqueue: fileno, fromfd, closed, close and using${suffix}`,
  ignore,
  fn: tracked((_t, fds) => {
    const kq = new Kqueue();
    fds.add(kq.fileno());
    assert.equal(kq.closed, false);
    assert.equal(Kqueue.fromfd(kq.fileno()).fileno(), kq.fileno());
    kq.close();
    kq.close();
    assert.equal(kq.closed, true);
    assert.throws(() => kq.fileno(), {
      name: "ValueError",
      message: "I/O operation on closed kqueue object",
    });
    {
      using scoped = new Kqueue();
      fds.add(scoped.fileno());
    }
  }),
});

Deno.test({
  name: `Kqueue.control(): read and write filters over a pipe${suffix}`,
  ignore,
  fn: tracked(async (_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    using kq = new Kqueue();
    const changes = [new Kevent(r, KQ_FILTER_READ, KQ_EV_ADD), new Kevent(w, KQ_FILTER_WRITE)];
    const writable = await kq.control(changes, 4, 0);
    assert.deepEqual(writable.map((e) => [e.ident, e.filter]), [[w, KQ_FILTER_WRITE]]);
    await kq.control([new Kevent(w, KQ_FILTER_WRITE, KQ_EV_DELETE)], 0);
    const waiting = kq.control(null, 4, 5);
    S.write(w, one);
    const [ev] = await waiting;
    assert.deepEqual([ev.ident, ev.filter, ev.data], [r, KQ_FILTER_READ, 1]);
    assert.ok(ev instanceof Kevent);
    S.close(r);
    S.close(w);
  }),
});

Deno.test({
  name: `Kqueue.control(): errors, timeouts and abort${suffix}`,
  ignore,
  fn: tracked(async (_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    using kq = new Kqueue();
    await assert.rejects(kq.control(null, -1), {
      name: "ValueError",
      message: "Length of eventlist must be 0 or positive, got -1",
    });
    await assert.rejects(kq.control([1 as unknown as Kevent], 1, 0), {
      name: "TypeError",
      message: "changelist must be an iterable of select.kevent objects",
    });
    await assert.rejects(kq.control(5 as unknown as Kevent[], 1, 0), TypeError);
    await assert.rejects(kq.control(null, 1, -1), { message: "timeout must be positive or None" });
    // A failed change comes back as an event with KQ_EV_ERROR and the errno in data.
    const [bad] = await kq.control([new Kevent(1 << 20, KQ_FILTER_READ, KQ_EV_ADD)], 1, 0);
    assert.ok(bad.flags & KQ_EV_ERROR);
    assert.equal(bad.data, 9);
    await kq.control([new Kevent(r, KQ_FILTER_READ, KQ_EV_ADD | KQ_EV_ONESHOT)], 0);
    const start = performance.now();
    assert.deepEqual(await kq.control(null, 1, 0.05), []);
    assert.ok(performance.now() - start >= 45);
    const reason = new Error("stop");
    const controller = new AbortController();
    const waiting = kq.control(null, 1, null, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 5);
    await assert.rejects(waiting, (e) => e === reason);
    assert.equal(reactorState().waiters, 0);
    S.close(r);
    S.close(w);
  }),
});

Deno.test({
  name: `Kqueue with 1,000 registered descriptors and one active${suffix}`,
  ignore,
  fn: tracked(async (_t, fds) => {
    const pipes = Array.from({ length: 1000 }, () => fds.add(S.pipe()));
    using kq = new Kqueue();
    await kq.control(pipes.map(([r]) => new Kevent(r)), 0);
    const waiting = kq.control(null, 8, 5);
    S.write(pipes[42][1], one);
    assert.deepEqual((await waiting).map((e) => e.ident), [pipes[42][0]]);
    for (const [r, w] of pipes) {
      S.close(r);
      S.close(w);
    }
  }),
});
