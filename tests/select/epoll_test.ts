import assert from "node:assert/strict";
import { reactorState } from "../../_ffi/reactor.ts";
import { encodeSockaddr } from "../../_ffi/sockaddr.ts";
import * as S from "../../_ffi/sockets.ts";
import {
  Epoll,
  EPOLL_CLOEXEC,
  EPOLLET,
  EPOLLEXCLUSIVE,
  EPOLLHUP,
  EPOLLIN,
  EPOLLONESHOT,
  EPOLLOUT,
  EPOLLRDHUP,
  FileExistsError,
  FileNotFoundError,
  HAS_EPOLL,
  OSError,
} from "../../select/mod.ts";
import { AF_INET, SOCK_STREAM } from "../../socket/mod.ts";
import { tracked } from "../_ffi/_fd_track.ts";

const one = new Uint8Array([1]);
const ignore = !HAS_EPOLL;

Deno.test({
  name: "Epoll is unavailable off Linux (ENOSYS)",
  ignore: HAS_EPOLL,
  fn: () => {
    assert.throws(() => new Epoll(), (e) => e instanceof OSError && e.code === "ENOSYS");
  },
});

Deno.test({
  name: "Epoll: construction, fileno, fromfd, close and using",
  ignore,
  fn: tracked((_t, fds) => {
    const ep = new Epoll(-1, EPOLL_CLOEXEC);
    fds.add(ep.fileno());
    assert.equal(S.getInheritable(ep.fileno()), false);
    assert.equal(ep.closed, false);
    const same = Epoll.fromfd(ep.fileno());
    assert.equal(same.fileno(), ep.fileno());
    ep.close();
    ep.close();
    assert.equal(ep.closed, true);
    assert.throws(() => ep.fileno(), {
      name: "ValueError",
      message: "I/O operation on closed epoll object",
    });
    assert.throws(() => ep.register(0), { name: "ValueError" });
    assert.throws(() => new Epoll(0), { name: "ValueError", message: "negative sizehint" });
    assert.throws(() => new Epoll(-2), { name: "ValueError" });
    assert.throws(() => new Epoll(-1, 5), { name: "OSError", message: "invalid flags" });
    let fd: number;
    {
      using scoped = new Epoll(10);
      fd = fds.add(scoped.fileno());
    }
    assert.throws(() => S.getInheritable(fd), { code: "EBADF" }); // closed by `using`
  }),
});

Deno.test({
  name: "Epoll: register/modify/unregister errors are Python's",
  ignore,
  fn: tracked((_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    using ep = new Epoll();
    ep.register(r, EPOLLIN);
    assert.throws(() => ep.register(r), (e) => e instanceof FileExistsError && e.errno === 17);
    ep.modify({ fileno: () => r }, EPOLLIN | EPOLLET);
    assert.throws(
      () => ep.modify(w, EPOLLIN),
      (e) => e instanceof FileNotFoundError && e.errno === 2,
    );
    assert.throws(() => ep.unregister(w), (e) => e instanceof FileNotFoundError);
    ep.unregister(r);
    assert.throws(() => ep.register(-1), { name: "ValueError" });
    assert.throws(() => ep.register(ep), (e) => e instanceof OSError && e.code === "EINVAL");
    S.close(r);
    assert.throws(() => ep.register(r), (e) => e instanceof OSError && e.code === "EBADF");
    S.close(w);
  }),
});

Deno.test({
  name: "Epoll.poll(): level, edge and one-shot triggering",
  ignore,
  fn: tracked(async (_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    using ep = new Epoll();
    ep.register(r, EPOLLIN);
    ep.register(w, EPOLLOUT);
    assert.deepEqual(await ep.poll(0), [[w, EPOLLOUT]]);
    ep.unregister(w);
    S.write(w, one);
    assert.deepEqual(await ep.poll(1), [[r, EPOLLIN]]);
    assert.deepEqual(await ep.poll(1), [[r, EPOLLIN]]); // level-triggered: again
    ep.modify(r, EPOLLIN | EPOLLET);
    assert.deepEqual(await ep.poll(0), [[r, EPOLLIN]]);
    assert.deepEqual(await ep.poll(0), []); // edge-triggered: once per change
    ep.modify(r, EPOLLIN | EPOLLONESHOT);
    assert.deepEqual(await ep.poll(0), [[r, EPOLLIN]]);
    S.write(w, one);
    assert.deepEqual(await ep.poll(0), []); // one-shot: disarmed until modified
    S.close(r);
    S.close(w);
  }),
});

Deno.test({
  name: "Epoll.poll(): timeouts, maxevents, abort and close during a wait",
  ignore,
  fn: tracked(async (_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    const ep = new Epoll();
    fds.add(ep.fileno());
    ep.register(r, EPOLLIN);
    const start = performance.now();
    assert.deepEqual(await ep.poll(0.04), []);
    const elapsed = performance.now() - start;
    assert.ok(elapsed >= 35 && elapsed < 2000, `waited ${elapsed} ms`);
    await assert.rejects(ep.poll(0, 0), { message: "maxevents must be greater than 0, got 0" });
    await assert.rejects(ep.poll(0, -2), { name: "ValueError" });
    await assert.rejects(ep.poll("a" as unknown as number), {
      name: "TypeError",
      message: "timeout must be an integer or None",
    });
    const waiting = ep.poll(-1); // negative: for ever
    S.write(w, one);
    assert.deepEqual(await waiting, [[r, EPOLLIN]]);
    const [r2, w2] = fds.add(S.pipe());
    ep.register(w, EPOLLOUT);
    ep.register(w2, EPOLLOUT);
    assert.equal((await ep.poll(null, 2)).length, 2);
    assert.equal((await ep.poll(null, 1)).length, 1);
    ep.unregister(w);
    ep.unregister(w2);
    S.read(r, 1);
    const reason = new Error("aborted");
    const aborted = ep.poll(null, -1, { signal: AbortSignal.timeout(10) });
    await assert.rejects(aborted, { name: "TimeoutError" });
    await assert.rejects(
      ep.poll(null, -1, { signal: AbortSignal.abort(reason) }),
      (e) => e === reason,
    );
    const closing = ep.poll(5);
    ep.close();
    await assert.rejects(closing, (e) => e instanceof OSError && e.code === "EBADF");
    assert.equal(reactorState().parked, false);
    for (const fd of [r, w, r2, w2]) S.close(fd);
  }),
});

Deno.test({
  name: "Epoll over kernel sockets: accept, RDHUP and hang-up",
  ignore,
  fn: tracked(async (_t, fds) => {
    using ep = new Epoll();
    const listener = fds.add(S.socket(AF_INET, SOCK_STREAM));
    S.bind(listener, encodeSockaddr(AF_INET, ["127.0.0.1", 0]));
    S.listen(listener, 1);
    ep.register(listener, EPOLLIN | EPOLLEXCLUSIVE);
    const client = fds.add(S.socket(AF_INET, SOCK_STREAM));
    try {
      S.connect(client, encodeSockaddr(AF_INET, S.getsockname(listener)));
    } catch { /* EINPROGRESS */ }
    assert.deepEqual(await ep.poll(5), [[listener, EPOLLIN]]);
    const [conn] = S.accept(listener);
    fds.add(conn);
    ep.register(conn, EPOLLIN | EPOLLRDHUP);
    S.shutdown(client, 1);
    const [[fd, events]] = await ep.poll(5);
    assert.equal(fd, conn);
    assert.ok(events & EPOLLRDHUP && events & EPOLLIN);
    ep.unregister(conn);
    const [a, b] = fds.add(S.socketpair());
    ep.register(a, EPOLLIN);
    S.close(b);
    const [[hupFd, hup]] = await ep.poll(5);
    assert.equal(hupFd, a);
    assert.ok(hup & EPOLLHUP);
    for (const s of [listener, client, conn, a]) S.close(s);
  }),
});

Deno.test({
  name: "Epoll with 1,000 registered descriptors and one active",
  ignore,
  fn: tracked(async (_t, fds) => {
    const pipes = Array.from({ length: 1000 }, () => fds.add(S.pipe()));
    using ep = new Epoll();
    for (const [r] of pipes) ep.register(r, EPOLLIN);
    const waiting = ep.poll(5);
    S.write(pipes[321][1], one);
    assert.deepEqual(await waiting, [[pipes[321][0], EPOLLIN]]);
    for (const [r, w] of pipes) {
      S.close(r);
      S.close(w);
    }
  }),
});
