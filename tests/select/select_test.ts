import assert from "node:assert/strict";
import { FD_READ, FD_WRITE, reactorState, waitFd } from "../../_ffi/reactor.ts";
import { encodeSockaddr } from "../../_ffi/sockaddr.ts";
import * as S from "../../_ffi/sockets.ts";
import { OSError, select, ValueError } from "../../select/mod.ts";
import { AF_INET, SOCK_DGRAM, SOCK_STREAM, socketpair } from "../../socket/mod.ts";
import { connectedPair } from "../_helpers/loopback.ts";
import { tracked } from "../_ffi/_fd_track.ts";

const one = new Uint8Array([1]);

Deno.test(
  "select() over pipes returns the objects passed, in order",
  tracked(async (_t, fds) => {
    const [r1, w1] = fds.add(S.pipe());
    const [r2, w2] = fds.add(S.pipe());
    const f2 = { fileno: () => r2 };
    assert.deepEqual(await select([r1, f2], [], [], 0), [[], [], []]);
    S.write(w2, one);
    S.write(w1, one);
    const [readable, writable] = await select([f2, r1, f2], [w1, { fileno: () => w2 }], []);
    assert.deepEqual(readable, [f2, r1, f2]); // same objects, order kept, duplicates kept
    assert.equal(readable[0], f2);
    assert.equal(writable.length, 2);
    for (const fd of [r1, w1, r2, w2]) S.close(fd);
  }),
);

Deno.test(
  "select() waits without blocking the event loop",
  tracked(async (_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const waiting = select([r], [], []);
    await new Promise((resolve) => setTimeout(resolve, 30));
    S.write(w, one);
    assert.deepEqual(await waiting, [[r], [], []]);
    clearInterval(timer);
    assert.ok(ticks > 3, `the event loop ran ${ticks} timer ticks meanwhile`);
    S.close(r);
    S.close(w);
  }),
);

Deno.test(
  "select() honours its timeout; zero is a synchronous poll",
  tracked(async (_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    const start = performance.now();
    assert.deepEqual(await select([r], [], [], 0.05), [[], [], []]);
    const elapsed = performance.now() - start;
    assert.ok(elapsed >= 45 && elapsed < 2000, `waited ${elapsed} ms`);
    const immediate = select([r], [w], [], 0);
    assert.equal(reactorState().parked, false); // nothing was parked for a zero timeout
    assert.deepEqual(await immediate, [[], [w], []]);
    for (const timeout of [null, undefined]) {
      const waiting = select([r], [], [], timeout);
      S.write(w, one);
      assert.deepEqual(await waiting, [[r], [], []]);
      S.read(r, 1);
    }
    S.close(r);
    S.close(w);
  }),
);

Deno.test(
  "select() over kernel socketpairs, TCP and UDP sockets",
  tracked(async (_t, fds) => {
    const [a, b] = fds.add(S.socketpair());
    const waiting = select([a], [], []);
    S.send(b, one);
    assert.deepEqual(await waiting, [[a], [], []]);

    const listener = fds.add(S.socket(AF_INET, SOCK_STREAM));
    S.bind(listener, encodeSockaddr(AF_INET, ["127.0.0.1", 0]));
    S.listen(listener, 4);
    const client = fds.add(S.socket(AF_INET, SOCK_STREAM));
    const accepting = select([listener], [], [], 5);
    try {
      S.connect(client, encodeSockaddr(AF_INET, S.getsockname(listener)));
    } catch { /* EINPROGRESS: select() tells when it is done */ }
    assert.deepEqual(await select([], [client], [], 5), [[], [client], []]);
    assert.deepEqual(await accepting, [[listener], [], []]);
    const [server] = S.accept(listener);
    fds.add(server);
    S.send(client, one);
    assert.deepEqual((await select([server, listener], [], [], 5))[0], [server]);

    const u1 = fds.add(S.socket(AF_INET, SOCK_DGRAM));
    const u2 = fds.add(S.socket(AF_INET, SOCK_DGRAM));
    S.bind(u1, encodeSockaddr(AF_INET, ["127.0.0.1", 0]));
    const datagram = select([u1], [], []);
    S.sendto(u2, one, 0, encodeSockaddr(AF_INET, S.getsockname(u1)));
    assert.deepEqual(await datagram, [[u1], [], []]);
    for (const fd of [a, b, listener, client, server, u1, u2]) S.close(fd);
  }),
);

Deno.test(
  "select() reports peer close and hang-up as readable",
  tracked(async (_t, fds) => {
    const [a, b] = fds.add(S.socketpair());
    const waiting = select([a], [], []);
    S.close(b);
    assert.deepEqual(await waiting, [[a], [], []]);
    assert.equal(S.recv(a, 1).length, 0);
    S.close(a);
    const [r, w] = fds.add(S.pipe());
    S.close(w);
    assert.deepEqual(await select([r], [], [], 1), [[r], [], []]);
    // A hang-up does not make the read end writable: the wait runs to its timeout, idle.
    assert.deepEqual(await select([], [r], [], 0.03), [[], [], []]);
    S.close(r);
  }),
);

Deno.test(
  "select() mixes native sockets with descriptors in one call",
  tracked(async (_t, fds) => {
    const [na, nb] = socketpair(); // native, in memory: no descriptor
    const [client, conn, server] = await connectedPair(); // native Deno TCP sockets
    const [r, w] = fds.add(S.pipe());
    try {
      assert.deepEqual(await select([nb, r, conn], [], [], 0), [[], [], []]);
      const waiting = select([nb, r, conn], [], [nb]);
      await na.sendall(one);
      assert.deepEqual(await waiting, [[nb], [], []]);
      assert.deepEqual(await nb.recv(1), one);
      const second = select([nb, r, conn], [], []);
      S.write(w, one);
      assert.deepEqual(await second, [[r], [], []]);
      S.read(r, 1);
      const third = select([nb, r, conn], [na], [], 5);
      await client.sendall(one);
      const [readable, writable] = await third;
      assert.deepEqual(writable, [na]); // a native socket with room to send is writable at once
      assert.ok(readable.length === 0 || readable[0] === conn);
      assert.deepEqual((await select([nb, r, conn], [], [], 5))[0], [conn]);
    } finally {
      for (const s of [na, nb, client, conn, server]) s.close();
      S.close(r);
      S.close(w);
    }
  }),
);

Deno.test("select() reports every ready native socket together", async () => {
  const [a, b] = socketpair();
  const [c, d] = socketpair();
  try {
    await a.sendall(one);
    await c.sendall(one);
    // Data already sent is reported at once, for every socket, even with a zero timeout.
    assert.deepEqual(await select([b, d], [a], [], 0), [[b, d], [a], []]);
    assert.deepEqual(await select([d, b], [], []), [[d, b], [], []]);
  } finally {
    for (const s of [a, b, c, d]) s.close();
  }
});

Deno.test(
  "select() with 450 idle descriptors (all below FD_SETSIZE) and one active",
  tracked(async (_t, fds) => {
    const pipes = Array.from({ length: 450 }, () => fds.add(S.pipe()));
    const reads = pipes.map(([r]) => r).filter((fd) => fd < 1024);
    const active = pipes.find(([r]) => r === reads[reads.length - 7])!;
    const waiting = select(reads, [], []);
    S.write(active[1], one);
    assert.deepEqual(await waiting, [[active[0]], [], []]);
    for (const [r, w] of pipes) {
      S.close(r);
      S.close(w);
    }
  }),
);

Deno.test(
  "select() errors are Python's",
  tracked(async (_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    await assert.rejects(select([-1], [], [], 0), {
      name: "ValueError",
      message: "file descriptor cannot be a negative integer (-1)",
    });
    await assert.rejects(select([1024], [], [], 0), {
      name: "ValueError",
      message: "filedescriptor out of range in select()",
    });
    await assert.rejects(select(["x"], [], [], 0), {
      name: "TypeError",
      message: "argument must be an int, or have a fileno() method.",
    });
    await assert.rejects(select([1.5], [], [], 0), TypeError);
    await assert.rejects(select([{ fileno: () => "3" }], [], [], 0), {
      message: "fileno() returned a non-integer",
    });
    await assert.rejects(select(5 as unknown as number[], [], [], 0), {
      name: "TypeError",
      message: "arguments 1-3 must be sequences",
    });
    await assert.rejects(select([r], [], [], -1), {
      name: "ValueError",
      message: "timeout must be non-negative",
    });
    await assert.rejects(select([r], [], [], "1" as unknown as number), {
      name: "TypeError",
      message: "timeout must be a float or None",
    });
    await assert.rejects(select([r], [], [], NaN), (e) => e instanceof ValueError);
    await assert.rejects(select([r], [], [], 1e20), { name: "OverflowError" });
    S.close(w);
    S.close(r);
    await assert.rejects(select([r], [], [], 0), (e) => e instanceof OSError && e.errno === 9);
  }),
);

Deno.test(
  "select() abort paths",
  tracked(async (_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    const reason = new Error("stop");
    await assert.rejects(
      select([r], [], [], null, { signal: AbortSignal.abort(reason) }),
      (e) => e === reason,
    );
    const controller = new AbortController();
    const waiting = select([r], [], [], 10, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 5);
    await assert.rejects(waiting, (e) => e === reason);
    assert.equal(reactorState().parked, false);
    // A native object's wait is aborted too.
    const [na, nb] = socketpair();
    const native = new AbortController();
    const nativeWait = select([nb], [], [], null, { signal: native.signal });
    native.abort();
    await assert.rejects(nativeWait, { name: "AbortError" });
    na.close();
    nb.close();
    // The reactor is shared: a select() and a direct wait on the same descriptor coexist.
    const direct = waitFd(w, FD_WRITE);
    assert.deepEqual(await select([], [w], [], 1), [[], [w], []]);
    assert.ok((await direct) & FD_WRITE);
    const both = Promise.all([waitFd(r, FD_READ), select([r], [], [], 5)]);
    S.write(w, one);
    assert.deepEqual((await both)[1], [[r], [], []]);
    S.close(r);
    S.close(w);
  }),
);
