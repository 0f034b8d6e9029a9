import assert from "node:assert/strict";
import { OSError } from "../../_errors/os_error.ts";
import { libc } from "../../_ffi/libc.ts";
import { PollSet } from "../../_ffi/poll.ts";
import {
  FD_ERROR,
  FD_HUP,
  FD_READ,
  FD_WRITE,
  forgetFd,
  reactorState,
  waitFd,
  waitPollSet,
} from "../../_ffi/reactor.ts";
import * as S from "../../_ffi/sockets.ts";
import { tracked } from "./_fd_track.ts";

const POLLIN = 1;
const POLLNVAL = 0x20;

Deno.test(
  "reactor: waitFd resolves with FD_READ when data arrives",
  tracked(async (_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    const waiting = waitFd(r, FD_READ);
    assert.equal(reactorState().parked, true);
    S.write(w, new Uint8Array([1]));
    assert.equal(await waiting, FD_READ);
    assert.equal(reactorState().parked, false); // nothing waits: nothing is parked
    S.close(r);
    S.close(w);
  }),
);

Deno.test(
  "reactor: read and write waiters on one descriptor",
  tracked(async (_t, fds) => {
    const [a, b] = fds.add(S.socketpair());
    let readDone = false;
    const reading = waitFd(a, FD_READ).then((bits) => {
      readDone = true;
      return bits;
    });
    assert.ok((await waitFd(a, FD_WRITE)) & FD_WRITE);
    assert.equal(readDone, false);
    S.send(b, new Uint8Array([1, 2]));
    assert.ok((await reading) & FD_READ);
    S.close(a);
    S.close(b);
  }),
);

Deno.test(
  "reactor: abort paths",
  tracked(async (t, fds) => {
    const [r, w] = fds.add(S.pipe());
    await t.step("an already-aborted signal rejects at once with its reason", async () => {
      const reason = new Error("before");
      await assert.rejects(waitFd(r, FD_READ, AbortSignal.abort(reason)), (e) => e === reason);
      assert.equal(reactorState().parked, false);
    });
    await t.step("an abort mid-wait rejects with a custom reason", async () => {
      const controller = new AbortController();
      const waiting = waitFd(r, FD_READ, controller.signal);
      const reason = { custom: true };
      setTimeout(() => controller.abort(reason), 5);
      await assert.rejects(waiting, (e) => e === reason);
      // The parked poll has returned before the rejection was delivered.
      assert.deepEqual([reactorState().parked, reactorState().waiters], [false, 0]);
    });
    await t.step("the default reason is an AbortError", async () => {
      const controller = new AbortController();
      const waiting = waitFd(r, FD_READ, controller.signal);
      controller.abort();
      await assert.rejects(waiting, { name: "AbortError" });
    });
    await t.step("aborting one waiter leaves the others waiting", async () => {
      const controller = new AbortController();
      const first = waitFd(r, FD_READ, controller.signal);
      const second = waitFd(r, FD_READ);
      controller.abort();
      await assert.rejects(first, { name: "AbortError" });
      assert.equal(reactorState().waiters, 1);
      S.write(w, new Uint8Array([1]));
      assert.equal(await second, FD_READ);
    });
    S.close(r);
    S.close(w);
  }),
);

Deno.test(
  "reactor: forgetFd and close settle waiters with EBADF",
  tracked(async (_t, fds) => {
    const [r, w] = fds.add(S.pipe());
    const waiting = waitFd(r, FD_READ);
    forgetFd(r);
    await assert.rejects(waiting, (e) => e instanceof OSError && e.code === "EBADF");
    const again = waitFd(r, FD_READ);
    S.close(r); // close() forgets first
    await assert.rejects(again, (e) => e instanceof OSError && e.errno === 9);
    await assert.rejects(waitFd(r, FD_READ), { code: "EBADF" }); // no longer open
    S.close(w);
  }),
);

Deno.test(
  "reactor: peer close, hang-up and error bits",
  tracked(async (_t, fds) => {
    const [a, b] = fds.add(S.socketpair());
    const waiting = waitFd(a, FD_READ);
    S.close(b);
    const bits = await waiting;
    assert.ok(bits & FD_READ);
    if (Deno.build.os === "linux") assert.ok(bits & FD_HUP);
    assert.equal(S.recv(a, 10).length, 0); // end of stream
    S.close(a);

    const [r, w] = fds.add(S.pipe());
    S.close(r);
    const writeBits = await waitFd(w, FD_WRITE);
    if (Deno.build.os === "linux") assert.ok(writeBits & FD_ERROR); // EPOLLERR: no reader
    S.close(w);

    const [r2, w2] = fds.add(S.pipe());
    const hup = waitFd(r2, FD_READ);
    S.close(w2);
    assert.ok((await hup) & (FD_HUP | FD_READ));
    S.close(r2);
  }),
);

Deno.test(
  "reactor: regular files are always ready",
  tracked(async (_t, fds) => {
    const path = await Deno.makeTempFile();
    try {
      const fd = fds.add(openReadOnly(path));
      assert.equal(await waitFd(fd, FD_READ | FD_WRITE), FD_READ | FD_WRITE);
      S.close(fd);
    } finally {
      await Deno.remove(path);
    }
  }),
);

Deno.test(
  "reactor: 1,000 waiting descriptors, one active",
  tracked(async (_t, fds) => {
    const pipes = Array.from({ length: 1000 }, () => fds.add(S.pipe()));
    const controller = new AbortController();
    const settled: number[] = [];
    const waits = pipes.map(([r], i) =>
      waitFd(r, FD_READ, controller.signal).then(() => settled.push(i), () => {})
    );
    // One thread serves them all: Deno's own pool work (a file stat) is not starved.
    await Deno.stat(Deno.execPath());
    S.write(pipes[537][1], new Uint8Array([1]));
    await waits[537];
    assert.deepEqual(settled, [537]);
    controller.abort();
    await Promise.all(waits);
    for (const [r, w] of pipes) {
      S.close(r);
      S.close(w);
    }
  }),
);

Deno.test(
  "reactor: waitPollSet is level-triggered and reports closed descriptors",
  tracked(
    async (_t, fds) => {
      const [r, w] = fds.add(S.pipe());
      const [r2, w2] = fds.add(S.pipe());
      // An owned waiter parks the reactor first; the poll set then joins the parked call.
      const owned = new AbortController();
      const parkedWait = waitFd(r2, FD_READ, owned.signal).catch((e) => e);
      const set = new PollSet();
      set.add(r, POLLIN);
      const waiting = waitPollSet(set);
      S.write(w, new Uint8Array([1]));
      await waiting;
      assert.equal(set.pollNow(), 1);
      assert.equal(set.revents(0), POLLIN);
      await waitPollSet(set); // still readable: resolves again
      S.close(r);
      const closed = new PollSet();
      closed.add(r, POLLIN);
      await waitPollSet(closed);
      closed.pollNow();
      assert.equal(closed.revents(0), POLLNVAL);
      owned.abort();
      assert.equal((await parkedWait).name, "AbortError");
      S.close(w);
      S.close(r2);
      S.close(w2);
    },
  ),
);

Deno.test("reactor: a program ends promptly after its last wait", async () => {
  const script = new URL("./_reactor_child.ts", import.meta.url).pathname;
  const start = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-ffi", "--allow-read", script],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(20_000),
  }).output();
  const elapsed = performance.now() - start;
  assert.equal(new TextDecoder().decode(out.stderr), "");
  assert.equal(new TextDecoder().decode(out.stdout).trim(), "waits done");
  assert.equal(out.code, 0);
  assert.ok(elapsed < 15_000, `took ${elapsed} ms`);
});

Deno.test(
  "reactor: wake-up latency of a kernel wait",
  tracked(async (_t, fds) => {
    const [a, b] = fds.add(S.socketpair());
    const samples: number[] = [];
    const one = new Uint8Array(1);
    for (let i = 0; i < 200; i++) {
      const waiting = waitFd(a, FD_READ);
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the poll park
      const t0 = performance.now();
      S.send(b, one);
      await waiting;
      samples.push(performance.now() - t0);
      S.recv(a, 1);
    }
    samples.sort((x, y) => x - y);
    const p50 = samples[100];
    // Generous: the figure itself is measured by bench/select_bench.ts.
    assert.ok(p50 < 50, `p50 wake-up ${p50.toFixed(3)} ms`);
    S.close(a);
    S.close(b);
  }),
);

/** A read-only descriptor of a regular file, from the C library's open(2). */
function openReadOnly(path: string): number {
  const fd = libc().open(new TextEncoder().encode(`${path}\0`), 0 /* O_RDONLY */);
  assert.ok(fd >= 0);
  return fd;
}
