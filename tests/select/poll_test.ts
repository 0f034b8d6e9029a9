import assert from "node:assert/strict";
import { reactorState } from "../../_ffi/reactor.ts";
import { encodeSockaddr } from "../../_ffi/sockaddr.ts";
import * as S from "../../_ffi/sockets.ts";
import {
  FileNotFoundError,
  KeyError,
  Poll,
  poll,
  POLLERR,
  POLLHUP,
  POLLIN,
  POLLNVAL,
  POLLOUT,
  POLLPRI,
  RuntimeError,
} from "../../select/mod.ts";
import { AF_INET, SOCK_STREAM } from "../../socket/mod.ts";
import { tracked } from "../_ffi/_fd_track.ts";

const one = new Uint8Array([1]);

Deno.test(
  "Poll: register, modify, unregister and their errors",
  tracked((_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    const p = poll();
    assert.ok(p instanceof Poll);
    p.register(r);
    p.register({ fileno: () => w }, POLLOUT);
    p.register(r, POLLIN); // registering again modifies, as Python
    p.modify(w, POLLIN | POLLOUT);
    assert.throws(
      () => p.modify(999, POLLIN),
      (e) => e instanceof FileNotFoundError && e.errno === 2,
    );
    assert.throws(() => p.unregister(999), (e) => e instanceof KeyError);
    assert.throws(() => p.register(-1), {
      name: "ValueError",
      message: "file descriptor cannot be a negative integer (-1)",
    });
    assert.throws(() => p.register("a" as unknown as number), {
      message: "argument must be an int, or have a fileno() method.",
    });
    assert.throws(() => p.register(r, 1 << 16), {
      name: "OverflowError",
      message: "Python int too large for C unsigned short",
    });
    assert.throws(() => p.register(r, -1), { name: "ValueError" });
    assert.throws(() => p.register(r, 1.5), TypeError);
    p.unregister(r);
    p.unregister(w);
    S.close(r);
    S.close(w);
  }),
);

Deno.test(
  "Poll.poll() reports events, hang-ups and closed descriptors",
  tracked(async (_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    const p = poll();
    p.register(r, POLLIN | POLLPRI);
    p.register(w, POLLOUT);
    assert.deepEqual(await p.poll(0), [[w, POLLOUT]]);
    S.write(w, one);
    assert.deepEqual(await p.poll(), [[r, POLLIN], [w, POLLOUT]]);
    S.read(r, 1);
    p.unregister(w);
    const waiting = p.poll(5000);
    S.close(w);
    assert.deepEqual(await waiting, [[r, POLLHUP]]);
    const [r2, w2] = fds.add(S.pipe());
    S.close(r2);
    const q = poll();
    q.register(w2, POLLOUT);
    const [[, events]] = await q.poll(0);
    assert.ok(events & POLLERR); // the reader is gone
    S.close(w2);
    q.register(w2);
    assert.deepEqual(await q.poll(0), [[w2, POLLNVAL]]);
    S.close(r);
  }),
);

Deno.test(
  "Poll.poll() timeouts in milliseconds, and abort",
  tracked(async (_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    const p = poll();
    p.register(r, POLLIN);
    const start = performance.now();
    assert.deepEqual(await p.poll(40), []);
    const elapsed = performance.now() - start;
    assert.ok(elapsed >= 35 && elapsed < 2000, `waited ${elapsed} ms`);
    assert.deepEqual(await p.poll(0.5), []); // fractions round up to 1 ms
    const negative = p.poll(-1); // negative: for ever
    S.write(w, one);
    assert.deepEqual(await negative, [[r, POLLIN]]);
    S.read(r, 1);
    await assert.rejects(p.poll("a" as unknown as number), {
      name: "TypeError",
      message: "timeout must be an integer or None",
    });
    const controller = new AbortController();
    const waiting = p.poll(null, { signal: controller.signal });
    await assert.rejects(p.poll(0), (e) => e instanceof RuntimeError);
    controller.abort(new Error("enough"));
    await assert.rejects(waiting, { message: "enough" });
    assert.equal(reactorState().parked, false);
    assert.deepEqual(await poll().poll(10), []); // an empty set just sleeps
    S.close(r);
    S.close(w);
  }),
);

Deno.test(
  "Poll with a kernel TCP listener and socketpair",
  tracked(async (_t, fds) => {
    const listener = fds.add(S.socket(AF_INET, SOCK_STREAM));
    S.bind(listener, encodeSockaddr(AF_INET, ["127.0.0.1", 0]));
    S.listen(listener, 1);
    const p = poll();
    p.register(listener, POLLIN);
    const waiting = p.poll(5000);
    const client = fds.add(S.socket(AF_INET, SOCK_STREAM));
    try {
      S.connect(client, encodeSockaddr(AF_INET, S.getsockname(listener)));
    } catch { /* EINPROGRESS */ }
    assert.deepEqual(await waiting, [[listener, POLLIN]]);
    const [conn] = S.accept(listener);
    fds.add(conn);
    const [a, b] = fds.add(S.socketpair());
    const q = poll();
    q.register(a, POLLIN);
    const peerClosed = q.poll(5000);
    S.close(b);
    const [[fd, events]] = await peerClosed;
    assert.equal(fd, a);
    assert.ok(events & POLLIN);
    for (const s of [listener, client, conn, a]) S.close(s);
  }),
);

Deno.test(
  "Poll with 1,000 registered descriptors and one active",
  tracked(async (_t, fds) => {
    const pipes = Array.from({ length: 1000 }, () => fds.add(S.pipe()));
    const p = poll();
    for (const [r] of pipes) p.register(r, POLLIN);
    assert.deepEqual(await p.poll(0), []);
    const waiting = p.poll(5000);
    S.write(pipes[777][1], one);
    assert.deepEqual(await waiting, [[pipes[777][0], POLLIN]]);
    for (const [r, w] of pipes) {
      S.close(r);
      S.close(w);
    }
  }),
);
