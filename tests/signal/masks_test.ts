import assert from "node:assert/strict";
import * as signal from "../../signal/mod.ts";
import * as ffi from "../../_ffi/signals.ts";
import { assertNoListeners, deadline, spawnChild } from "./_child.ts";

// Signals sent from outside this process are SIGWINCH, ignored by default: a stray one can
// never end the test run. (signal_test.ts uses SIGURG, so the files do not disturb each other.)
const { SIGWINCH, SIG_BLOCK, SIG_SETMASK, SIG_UNBLOCK } = signal;
const isLinux = Deno.build.os === "linux";

function killSelf(name: string): Promise<Deno.CommandOutput> {
  return new Deno.Command("kill", { args: [`-${name}`, String(Deno.pid)] }).output();
}

/** Runs `body` with the thread's mask restored and no handler left afterwards. */
async function withMask(body: () => Promise<void> | void): Promise<void> {
  const mask = signal.pthreadSigmask(SIG_BLOCK, []);
  const previous = signal.getsignal(SIGWINCH);
  try {
    await body();
  } finally {
    signal.pthreadSigmask(SIG_SETMASK, mask);
    signal.signal(SIGWINCH, previous);
  }
  assert.equal(signal.sigpending().size, 0);
  assertNoListeners();
}

Deno.test("pthreadSigmask() returns the old mask and really blocks in this thread", () =>
  withMask(() => {
    const old = signal.pthreadSigmask(SIG_BLOCK, [SIGWINCH]);
    assert.ok(!old.has(SIGWINCH));
    assert.ok(ffi.threadMask(null).includes(SIGWINCH));
    const during = signal.pthreadSigmask(SIG_UNBLOCK, [SIGWINCH]);
    assert.ok(during.has(SIGWINCH));
    assert.ok(!ffi.threadMask(null).includes(SIGWINCH));
  }));

Deno.test("a signal raised while blocked is pending, and handled when unblocked", () =>
  withMask(() => {
    const calls: number[] = [];
    signal.signal(SIGWINCH, (n) => void calls.push(n));
    signal.pthreadSigmask(SIG_BLOCK, [SIGWINCH]);
    signal.raiseSignal(SIGWINCH);
    assert.deepEqual([...signal.sigpending()], [SIGWINCH]);
    assert.deepEqual(calls, []);
    signal.pthreadSigmask(SIG_UNBLOCK, [SIGWINCH]);
    assert.deepEqual(calls, [SIGWINCH]);
  }));

Deno.test("a signal sent to the process while blocked waits for the unblock", () =>
  withMask(async () => {
    const calls: number[] = [];
    signal.signal(SIGWINCH, (n) => void calls.push(n));
    signal.pthreadSigmask(SIG_BLOCK, [SIGWINCH]);
    // Deno's signal thread receives it anyway; sigwait() shows it was held, not handled.
    using limit = deadline();
    await killSelf("WINCH");
    assert.equal(await signal.sigwait([SIGWINCH], { signal: limit }), SIGWINCH);
    assert.deepEqual(calls, []);
    // Deno calls listeners in the order they were added, so this one runs right after the
    // module's own: when it has run, the second delivery is held as pending.
    const delivered = Promise.withResolvers<void>();
    const after = () => delivered.resolve();
    Deno.addSignalListener("SIGWINCH", after);
    try {
      const handled = signal.pause({ signal: limit });
      await killSelf("WINCH");
      await delivered.promise;
      assert.deepEqual([...signal.sigpending()], [SIGWINCH]);
      assert.deepEqual(calls, []);
      signal.pthreadSigmask(SIG_UNBLOCK, [SIGWINCH]);
      assert.deepEqual(calls, [SIGWINCH]);
      await handled;
    } finally {
      Deno.removeSignalListener("SIGWINCH", after);
    }
  }));

Deno.test("an exception from a handler run by the unblock is thrown by pthreadSigmask()", () =>
  withMask(() => {
    signal.signal(SIGWINCH, () => {
      throw new Error("from handler");
    });
    signal.pthreadSigmask(SIG_BLOCK, [SIGWINCH]);
    signal.raiseSignal(SIGWINCH);
    assert.throws(() => signal.pthreadSigmask(SIG_UNBLOCK, [SIGWINCH]), {
      message: "from handler",
    });
    assert.ok(!ffi.threadMask(null).includes(SIGWINCH));
  }));

Deno.test("sigwait() accepts a pending signal, or waits for one from another process", () =>
  withMask(async () => {
    signal.pthreadSigmask(SIG_BLOCK, [SIGWINCH]);
    signal.raiseSignal(SIGWINCH);
    assert.equal(await signal.sigwait([signal.SIGUSR2, SIGWINCH]), SIGWINCH);
    using limit = deadline();
    const waiting = signal.sigwait([SIGWINCH], { signal: limit });
    await killSelf("WINCH");
    assert.equal(await waiting, SIGWINCH);
  }));

Deno.test("sigwait() also takes a real-time signal raised while blocked", {
  ignore: signal.SIGRTMIN === undefined,
}, async () => {
  const rt = signal.SIGRTMIN! + 1;
  const mask = signal.pthreadSigmask(SIG_BLOCK, [rt]);
  try {
    signal.raiseSignal(rt);
    assert.ok(signal.sigpending().has(rt));
    assert.equal(await signal.sigwait([rt]), rt);
    using limit = deadline();
    const waiting = signal.sigwait([rt], { signal: limit });
    signal.raiseSignal(rt);
    assert.equal(await waiting, rt);
    assert.equal(signal.sigpending().size, 0);
  } finally {
    signal.pthreadSigmask(SIG_SETMASK, mask);
  }
  assertNoListeners();
});

Deno.test("SIG_IGN discards a pending signal, as sigaction does", () =>
  withMask(() => {
    signal.signal(SIGWINCH, () => assert.fail("handler called"));
    signal.pthreadSigmask(SIG_BLOCK, [SIGWINCH]);
    signal.raiseSignal(SIGWINCH);
    assert.ok(signal.sigpending().has(SIGWINCH));
    signal.signal(SIGWINCH, signal.SIG_IGN);
    assert.ok(!signal.sigpending().has(SIGWINCH));
    signal.pthreadSigmask(SIG_UNBLOCK, [SIGWINCH]);
  }));

Deno.test("sigtimedwait() with a timeout beyond setTimeout's range keeps waiting", {
  ignore: !isLinux,
}, async () => {
  const ctl = new AbortController();
  const waiting = signal.sigtimedwait([SIGWINCH], 1e10, { signal: ctl.signal });
  // An overflowing setTimeout would fire after 1 ms; the wait must still be pending after 20.
  const early = await Promise.race([
    waiting,
    new Promise((r) => setTimeout(() => r("still waiting"), 20)),
  ]);
  assert.equal(early, "still waiting");
  ctl.abort();
  await assert.rejects(waiting, { name: "AbortError" });
  assertNoListeners();
});

Deno.test("sigwaitinfo() and sigtimedwait() report the kernel's siginfo", {
  ignore: !isLinux,
}, () =>
  withMask(async () => {
    signal.pthreadSigmask(SIG_BLOCK, [SIGWINCH]);
    signal.raiseSignal(SIGWINCH);
    const info = await signal.sigwaitinfo([SIGWINCH]);
    assert.ok(info instanceof signal.StructSiginfo);
    assert.equal(info.siSigno, SIGWINCH);
    assert.equal(info.siPid, Deno.pid);
    assert.equal(info.siUid, Deno.uid());
    signal.raiseSignal(SIGWINCH);
    const timed = await signal.sigtimedwait([SIGWINCH], 5);
    assert.equal(timed?.siSigno, SIGWINCH);
    const started = performance.now();
    assert.equal(await signal.sigtimedwait([SIGWINCH], 0.05), null);
    assert.ok(performance.now() - started >= 45);
    assert.equal(await signal.sigtimedwait([SIGWINCH], 0), null);
  }));

Deno.test("sigwait() family: abort paths", async (t) => {
  await t.step("an already-aborted signal", async () => {
    await assert.rejects(signal.sigwait([SIGWINCH], { signal: AbortSignal.abort() }), {
      name: "AbortError",
    });
  });
  await t.step("an abort while waiting, with a custom reason", async () => {
    const ctl = new AbortController();
    const waiting = signal.sigwait([SIGWINCH], { signal: ctl.signal });
    ctl.abort(new Error("no more"));
    await assert.rejects(waiting, { message: "no more" });
  });
  await t.step({
    name: "sigtimedwait too",
    ignore: !isLinux,
    fn: async () => {
      const ctl = new AbortController();
      const waiting = signal.sigtimedwait([SIGWINCH], 10, { signal: ctl.signal });
      ctl.abort();
      await assert.rejects(waiting, { name: "AbortError" });
    },
  });
  assertNoListeners();
});

Deno.test("masks: bad input", async (t) => {
  await t.step("unknown how", () => {
    assert.throws(
      () => signal.pthreadSigmask(99, [SIGWINCH]),
      (e) => e instanceof signal.OSError && e.code === "EINVAL",
    );
    assert.ok(!ffi.threadMask(null).includes(SIGWINCH));
  });
  await t.step("signal numbers out of range", () => {
    assert.throws(() => signal.pthreadSigmask(SIG_BLOCK, [0]), {
      name: "ValueError",
      message: "signal number 0 out of range",
    });
    assert.throws(() => signal.sigwait([signal.NSIG]), signal.ValueError);
    assert.throws(() => signal.pthreadSigmask(SIG_BLOCK, [1.5]), TypeError);
    assert.throws(() => signal.sigwait(7 as unknown as number[]), TypeError);
  });
  await t.step({
    name: "sigtimedwait timeout",
    ignore: !isLinux,
    fn: () => {
      assert.throws(() => signal.sigtimedwait([SIGWINCH], -1), {
        name: "ValueError",
        message: "timeout must be non-negative",
      });
      assert.throws(() => signal.sigtimedwait([SIGWINCH], NaN), signal.ValueError);
      assert.throws(() => signal.sigtimedwait([SIGWINCH], "1" as unknown as number), TypeError);
    },
  });
  await t.step({
    name: "Linux-only functions on macOS",
    ignore: isLinux,
    fn: () => {
      assert.throws(() => signal.sigwaitinfo([SIGWINCH]), { code: "ENOSYS" });
    },
  });
  assertNoListeners();
});

Deno.test("a blocked SIGTERM with SIG_DFL waits, pending, then kills on unblock", async () => {
  await using child = spawnChild(`
    signal.signal(signal.SIGTERM, signal.SIG_DFL);
    signal.pthreadSigmask(signal.SIG_BLOCK, [signal.SIGTERM]);
    // Called by Deno right after the module's own listener, which holds the signal.
    const delivered = Promise.withResolvers<void>();
    Deno.addSignalListener("SIGTERM", () => delivered.resolve());
    const alive = setTimeout(() => {}, 60000);
    console.log("ready");
    await delivered.promise;
    clearTimeout(alive);
    console.log("pending", [...signal.sigpending()].join(","));
    signal.pthreadSigmask(signal.SIG_UNBLOCK, [signal.SIGTERM]);
    console.log("survived the unblock");
  `);
  await child.waitFor("ready");
  await child.kill("TERM");
  const { status, stdout } = await child.finished();
  assert.equal(status.signal, "SIGTERM");
  assert.match(stdout, new RegExp(`pending ${signal.SIGTERM}\n`));
  assert.doesNotMatch(stdout, /survived/);
});
