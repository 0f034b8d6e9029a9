import assert from "node:assert/strict";
import * as signal from "../../signal/mod.ts";
import * as ffi from "../../_ffi/signals.ts";
import { socketpair } from "../../socket/mod.ts";
import { assertNoListeners, deadline, runChild } from "./_child.ts";

// SIGCONT is sent to this process from outside: its default action is to continue, so a
// stray one is harmless. (signal_test.ts uses SIGURG and masks_test.ts SIGWINCH.)
const { SIGCONT } = signal;

/**
 * A pipe whose read end is blocking and write end non-blocking, closed afterwards. (The
 * fd-leak guard of tests/_helpers counts the whole process's descriptors, which other test
 * files running in parallel change too, so the pipe is closed explicitly instead.)
 */
function withPipe(
  body: (r: number, w: number) => Promise<void> | void,
): () => Promise<void> {
  return async () => {
    const [r, w] = ffi.pipe();
    try {
      ffi.setBlocking(w, false);
      await body(r, w);
    } finally {
      ffi.closeFd(r);
      ffi.closeFd(w);
    }
  };
}

Deno.test(
  "setWakeupFd() writes the signal number to the fd before each handler runs",
  withPipe(async (r, w) => {
    const seen: number[] = [];
    const previous = signal.signal(SIGCONT, (n) => {
      // The byte is already there when the handler runs.
      seen.push(ffi.readBytes(r, 16)[0]);
      seen.push(n);
    });
    try {
      assert.equal(signal.setWakeupFd(w), -1);
      signal.raiseSignal(SIGCONT);
      using limit = deadline();
      const handled = signal.pause({ signal: limit });
      const out = await new Deno.Command("kill", { args: ["-CONT", String(Deno.pid)] })
        .output();
      assert.equal(out.code, 0);
      await handled;
      assert.deepEqual(seen, [SIGCONT, SIGCONT, SIGCONT, SIGCONT]);
    } finally {
      assert.equal(signal.setWakeupFd(-1), w);
      signal.signal(SIGCONT, previous);
    }
    assertNoListeners();
  }),
);

Deno.test("setWakeupFd() on a socketpair: recv() gets the signal number", async () => {
  // Python's pattern (asyncio's self-pipe): the write end non-blocking, the read end waited on.
  const [a, b] = socketpair();
  const seen: number[] = [];
  const onUsr2 = signal.signal(signal.SIGUSR2, (n) => void seen.push(n));
  const onCont = signal.signal(SIGCONT, (n) => void seen.push(n));
  try {
    b.setblocking(false);
    // The socket module's setblocking() keeps O_NONBLOCK off the descriptor (its transfers
    // use MSG_DONTWAIT), where Python sets it; set it here, as Python's call would have.
    ffi.setBlocking(b.fileno(), false);
    assert.equal(signal.setWakeupFd(b.fileno()), -1);
    using limit = deadline();

    // Raised in the JS thread: written and handled before raiseSignal() returns.
    signal.raiseSignal(signal.SIGUSR2);
    assert.deepEqual(seen, [signal.SIGUSR2]);
    assert.deepEqual(await a.recv(16, 0, { signal: limit }), new Uint8Array([signal.SIGUSR2]));

    // Sent to the process (SIGCONT, harmless if it ever came late): the byte, written just
    // before the handler runs on the event loop, wakes a recv() that is already waiting.
    const received = a.recv(16, 0, { signal: limit });
    const handled = signal.pause({ signal: limit });
    Deno.kill(Deno.pid, "SIGCONT");
    assert.deepEqual(await received, new Uint8Array([SIGCONT]));
    await handled;
    assert.deepEqual(seen, [signal.SIGUSR2, SIGCONT]);
  } finally {
    assert.equal(signal.setWakeupFd(-1), b.fileno());
    signal.signal(SIGCONT, onCont);
    signal.signal(signal.SIGUSR2, onUsr2);
    a.close();
    b.close();
  }
  assert.equal(signal.setWakeupFd(-1), -1); // none is left set
  assertNoListeners();
});

Deno.test(
  "setWakeupFd(-1) turns it off and returns the previous fd",
  withPipe((r, w) => {
    ffi.setBlocking(r, false);
    const previous = signal.signal(SIGCONT, () => {});
    try {
      assert.equal(signal.setWakeupFd(w), -1);
      assert.equal(signal.setWakeupFd(-1), w);
      signal.raiseSignal(SIGCONT);
      assert.throws(() => ffi.readBytes(r, 1), signal.OSError); // EAGAIN: nothing written
    } finally {
      signal.signal(SIGCONT, previous);
    }
    assertNoListeners();
  }),
);

Deno.test(
  "setWakeupFd() rejects a blocking fd, a closed fd and a non-integer",
  withPipe((r) => {
    assert.throws(() => signal.setWakeupFd(r), {
      name: "ValueError",
      message: `the fd ${r} must be in non-blocking mode`,
    });
    const [a, b] = ffi.pipe();
    ffi.closeFd(a);
    ffi.closeFd(b);
    assert.throws(
      () => signal.setWakeupFd(a),
      (e) => e instanceof signal.OSError && e.code === "EBADF",
    );
    assert.throws(() => signal.setWakeupFd(1.5), TypeError);
    assert.equal(signal.setWakeupFd(-1), -1);
  }),
);

Deno.test("a full wake-up fd is reported on stderr unless warnOnFullBuffer is false", async () => {
  const code = (warn: boolean) => `
    const [r, w] = ffi.pipe();
    ffi.setBlocking(w, false);
    const fill = new Uint8Array(65536);
    try {
      for (;;) ffi.writeBytes(w, fill);
    } catch {
      // Full.
    }
    signal.setWakeupFd(w, { warnOnFullBuffer: ${warn} });
    signal.signal(signal.SIGUSR2, () => console.log("handled"));
    signal.raiseSignal(signal.SIGUSR2);
  `;
  const warned = await runChild(code(true));
  assert.equal(warned.stdout, "handled\n");
  const report = "Exception ignored when trying to write to the signal wakeup fd:\n" +
    "BlockingIOError: [Errno ";
  assert.ok(warned.stderr.includes(report), warned.stderr);
  const quiet = await runChild(code(false));
  assert.equal(quiet.stdout, "handled\n");
  assert.equal(quiet.stderr, "");
});

Deno.test("setWakeupFd() and signal() only work on the main thread", async () => {
  const src = `
    import * as signal from "${new URL("../../signal/mod.ts", import.meta.url).href}";
    const out = [];
    for (const f of [() => signal.setWakeupFd(-1), () => signal.signal(signal.SIGUSR2, 0)]) {
      try { f(); out.push("ok"); } catch (e) { out.push(e.name + ": " + e.message); }
    }
    self.postMessage(out);
  `;
  const url = `data:application/javascript,${encodeURIComponent(src)}`;
  const worker = new Worker(url, { type: "module" });
  try {
    const { promise, resolve } = Promise.withResolvers<string[]>();
    worker.onmessage = (e) => resolve(e.data);
    assert.deepEqual(await promise, [
      "ValueError: set_wakeup_fd only works in main thread",
      "ValueError: signal only works in main thread",
    ]);
  } finally {
    worker.terminate();
  }
});
