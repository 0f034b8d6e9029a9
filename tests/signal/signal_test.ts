import assert from "node:assert/strict";
import * as signal from "../../signal/mod.ts";
import * as ffi from "../../_ffi/signals.ts";
import { assertNoListeners, deadline, runChild, spawnChild } from "./_child.ts";

// In this process only SIGURG is sent from outside: it is ignored by default, so a stray one
// can never end the test run. Dispositions that could kill are tested in child processes.
const { SIGURG } = signal;

Deno.test("signal() returns the previous handler, and null restores the original", () => {
  const first = () => {};
  const second = () => {};
  assert.equal(signal.getsignal(SIGURG), signal.SIG_DFL);
  assert.equal(signal.signal(SIGURG, first), signal.SIG_DFL);
  assert.equal(signal.signal(SIGURG, second), first);
  assert.equal(signal.getsignal(SIGURG), second);
  assert.equal(signal.signal(SIGURG, signal.SIG_IGN), second);
  assert.equal(ffi.actionHandler(ffi.getAction(SIGURG)), ffi.HANDLER_IGN);
  assert.equal(signal.signal(SIGURG, null), signal.SIG_IGN);
  assert.equal(signal.getsignal(SIGURG), signal.SIG_DFL);
  assert.equal(ffi.actionHandler(ffi.getAction(SIGURG)), ffi.HANDLER_DFL);
  assertNoListeners();
});

Deno.test("signal() handler runs for a signal sent by the kill command", async () => {
  const calls: [number, null][] = [];
  const previous = signal.signal(SIGURG, (signum, frame) => void calls.push([signum, frame]));
  try {
    using limit = deadline();
    const handled = signal.pause({ signal: limit });
    const out = await new Deno.Command("kill", { args: ["-URG", String(Deno.pid)] }).output();
    assert.equal(out.code, 0);
    await handled;
    assert.deepEqual(calls, [[SIGURG, null]]);
  } finally {
    signal.signal(SIGURG, previous);
  }
  assertNoListeners();
});

Deno.test("signal() handler runs in a child process sent SIGUSR1 by kill -USR1", async () => {
  await using child = spawnChild(`
    signal.signal(signal.SIGUSR1, (n) => console.log("handled", n));
    console.log("ready");
    await signal.pause();
  `);
  await child.waitFor("ready");
  await child.kill("USR1");
  const { status, stdout } = await child.finished();
  assert.equal(status.code, 0);
  assert.match(stdout, new RegExp(`handled ${signal.SIGUSR1}`));
});

Deno.test("raiseSignal() runs the handler before it returns", () => {
  let seen = 0;
  const previous = signal.signal(signal.SIGUSR2, (n) => void (seen = n));
  try {
    signal.raiseSignal(signal.SIGUSR2);
    assert.equal(seen, signal.SIGUSR2);
  } finally {
    signal.signal(signal.SIGUSR2, previous);
  }
  assertNoListeners();
});

Deno.test("signal() rejects bad input with Python's exceptions", async (t) => {
  await t.step("signal number out of range", () => {
    for (const n of [0, -1, signal.NSIG, 1000]) {
      assert.throws(() => signal.signal(n, signal.SIG_DFL), {
        name: "ValueError",
        message: "signal number out of range",
      });
      assert.throws(() => signal.getsignal(n), signal.ValueError);
    }
  });
  await t.step("non-integer signal number", () => {
    assert.throws(() => signal.signal(2.5, signal.SIG_DFL), TypeError);
    assert.throws(() => signal.getsignal("2" as unknown as number), TypeError);
  });
  await t.step("handler that is not callable", () => {
    for (const bad of [2, "x", {}, undefined]) {
      assert.throws(() => signal.signal(SIGURG, bad as signal.Handler), {
        name: "TypeError",
        message: "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
      });
    }
  });
  await t.step("SIGKILL and SIGSTOP", () => {
    for (const n of [signal.SIGKILL, signal.SIGSTOP]) {
      for (const h of [signal.SIG_IGN, signal.SIG_DFL, () => {}]) {
        assert.throws(
          () => signal.signal(n, h),
          (e) => e instanceof signal.OSError && e.code === "EINVAL",
        );
      }
    }
  });
  await t.step("handlers Deno cannot give", () => {
    const refused = [signal.SIGSEGV, signal.SIGILL, signal.SIGFPE];
    if (signal.SIGRTMIN !== undefined) refused.push(signal.SIGRTMIN, signal.SIGRTMIN + 3);
    for (const n of refused) {
      const before = signal.getsignal(n); // SIGSEGV and SIGBUS have Rust's stack-overflow guard
      assert.throws(() => signal.signal(n, () => {}), signal.NotImplementedError);
      assert.equal(signal.getsignal(n), before);
    }
  });
  assertNoListeners();
});

Deno.test("SIG_DFL and SIG_IGN work for a signal Deno cannot listen to", async () => {
  if (signal.SIGRTMIN === undefined) return;
  const code = (ignore: boolean) => `
    ${ignore ? "signal.signal(signal.SIGRTMIN, signal.SIG_IGN);" : ""}
    signal.raiseSignal(signal.SIGRTMIN);
    console.log("survived");
  `;
  const ignored = await runChild(code(true), undefined, true);
  assert.equal(ignored.stdout, "survived\nexit status 0\n");
  const killed = await runChild(code(false), undefined, true);
  assert.equal(killed.stdout, `exit status ${128 + signal.SIGRTMIN}\n`);
});

Deno.test("SIG_IGN on SIGTERM is the kernel's: kill -TERM is survived", async () => {
  await using child = spawnChild(`
    signal.signal(signal.SIGTERM, signal.SIG_IGN);
    signal.signal(signal.SIGUSR2, () => console.log("usr2"));
    console.log("ready");
    await signal.pause();
  `);
  await child.waitFor("ready");
  await child.kill("TERM");
  await child.kill("USR2");
  const { status, stdout } = await child.finished();
  assert.equal(status.success, true, `ended by ${status.signal}`);
  assert.match(stdout, /usr2/);
});

Deno.test("SIG_DFL after a handler: kill -TERM kills the child", async () => {
  await using child = spawnChild(`
    signal.signal(signal.SIGTERM, () => console.log("handler"));
    signal.signal(signal.SIGTERM, signal.SIG_DFL);
    console.log("ready");
    await signal.pause();
  `);
  await child.waitFor("ready");
  await child.kill("TERM");
  const { status, stdout } = await child.finished();
  assert.equal(status.signal, "SIGTERM");
  assert.doesNotMatch(stdout, /handler/);
});

Deno.test("SIG_DFL on SIGUSR1 terminates, where Deno would start its inspector", async (t) => {
  // Deno claims SIGUSR1 for its inspector about 0.5 s after startup: the child waits past
  // that point on purpose, to show that SIG_DFL set earlier survives it.
  const body = (dfl: boolean) => `
    ${dfl ? "signal.signal(signal.SIGUSR1, signal.SIG_DFL);" : ""}
    await new Promise((r) => setTimeout(r, 800));
    console.log("ready");
    await new Promise((r) => setTimeout(r, 60000));
  `;
  await t.step("with SIG_DFL", async () => {
    await using child = spawnChild(body(true));
    await child.waitFor("ready");
    await child.kill("USR1");
    const { status } = await child.finished();
    assert.equal(status.signal, "SIGUSR1");
  });
  await t.step("without it, Deno's inspector takes the signal", async () => {
    await using child = spawnChild(body(false));
    await child.waitFor("ready");
    await child.kill("USR1");
    await child.kill("TERM");
    const { status } = await child.finished();
    assert.equal(status.signal, "SIGTERM");
  });
});

Deno.test("SIGPIPE: SIG_IGN gives BrokenPipeError, SIG_DFL kills, restoring ignores", async (t) => {
  const write = `
    const [r, w] = ffi.pipe();
    ffi.closeFd(r);
    try {
      ffi.writeBytes(w, new Uint8Array([1]));
    } catch (e) {
      console.log((e as Error).name, (e as { code?: string }).code);
    }
  `;
  await t.step("Deno's startup SIG_IGN", async () => {
    const { status, stdout } = await runChild(`
      console.log(signal.getsignal(signal.SIGPIPE) === signal.SIG_IGN);
      ${write}`);
    assert.equal(status.code, 0);
    assert.equal(stdout, "true\nBrokenPipeError EPIPE\n");
  });
  await t.step("SIG_DFL", async () => {
    const { status, stdout } = await runChild(`
      signal.signal(signal.SIGPIPE, signal.SIG_DFL);
      ${write}`);
    assert.equal(status.signal, "SIGPIPE");
    assert.equal(stdout, "");
  });
  await t.step("a handler removed by restoring the previous one", async () => {
    const { status, stdout } = await runChild(`
      const old = signal.signal(signal.SIGPIPE, () => console.log("handler"));
      signal.signal(signal.SIGPIPE, old);
      ${write}`);
    assert.equal(status.code, 0);
    assert.equal(stdout, "BrokenPipeError EPIPE\n");
  });
  // The same over a socketpair whose peer is closed: write(2) raises SIGPIPE as a pipe
  // does (the socket module's send() passes MSG_NOSIGNAL, so it gets EPIPE either way).
  const socketWrite = `
    import { socketpair } from "${new URL("../../socket/mod.ts", import.meta.url).href}";
    const [a, b] = socketpair();
    a.close();
    for (const write of [
      () => ffi.writeBytes(b.fileno(), new Uint8Array([1])),
      () => b.send(new Uint8Array([1])),
    ]) {
      try {
        await write();
        console.log("written");
      } catch (e) {
        console.log((e as Error).name, (e as { code?: string }).code);
      }
    }
  `;
  for (
    const [what, before] of [
      ["SIG_DFL", "signal.SIG_DFL"],
      ["a handler", "() => console.log('handler')"],
    ]
  ) {
    await t.step(`an explicit SIG_IGN after ${what}: pipe and socket writes fail`, async () => {
      const { status, stdout, stderr } = await runChild(`
        signal.signal(signal.SIGPIPE, ${before});
        signal.signal(signal.SIGPIPE, signal.SIG_IGN);
        console.log(ffi.actionHandler(ffi.getAction(signal.SIGPIPE)) === ffi.HANDLER_IGN);
        ${write}
        ${socketWrite}`);
      assert.equal(status.code, 0, `ended by ${status.signal}: ${stderr}`);
      assert.equal(stdout, "true\n" + "BrokenPipeError EPIPE\n".repeat(3));
    });
  }
  await t.step("SIG_DFL, writing to a socket", async () => {
    const { status, stdout } = await runChild(`
      signal.signal(signal.SIGPIPE, signal.SIG_DFL);
      ${socketWrite}`);
    assert.equal(status.signal, "SIGPIPE");
    assert.equal(stdout, "");
  });
});

Deno.test("restoring null puts Deno's own SIGINT handler back: Ctrl-C ends the child", async () => {
  await using child = spawnChild(`
    const deno = signal.signal(signal.SIGINT, () => console.log("handler"));
    console.log(deno === null ? "was Deno's" : "was " + deno);
    signal.signal(signal.SIGINT, deno);
    console.log(signal.getsignal(signal.SIGINT) === null ? "ready" : "wrong");
    await new Promise((r) => setTimeout(r, 60000));
  `);
  await child.waitFor("ready");
  await child.kill("INT");
  const { status, stdout } = await child.finished();
  assert.equal(status.signal, "SIGINT");
  assert.equal(stdout, "was Deno's\nready\n");
});

Deno.test("defaultIntHandler on SIGINT ends the child with KeyboardInterrupt", async () => {
  await using child = spawnChild(`
    signal.signal(signal.SIGINT, signal.defaultIntHandler);
    console.log("ready");
    await new Promise((r) => setTimeout(r, 60000));
  `);
  await child.waitFor("ready");
  await child.kill("INT");
  const { status, stderr } = await child.finished();
  assert.equal(status.code, 1);
  assert.match(stderr, /KeyboardInterrupt/);
});

Deno.test("pause() settles with the handler's outcome", async (t) => {
  await t.step("rejects with the exception of a handler run on the event loop", async () => {
    const previous = signal.signal(SIGURG, () => {
      throw new RangeError("from the handler");
    });
    try {
      // Attach the rejection check before the signal is sent, so the rejection is handled.
      const rejected = assert.rejects(signal.pause(), {
        name: "RangeError",
        message: "from the handler",
      });
      await new Deno.Command("kill", { args: ["-URG", String(Deno.pid)] }).output();
      await rejected;
    } finally {
      signal.signal(SIGURG, previous);
    }
  });
  await t.step("rejects when an async handler's Promise rejects", async () => {
    const previous = signal.signal(SIGURG, () => Promise.reject(new Error("later")));
    try {
      const paused = signal.pause();
      signal.raiseSignal(SIGURG);
      await assert.rejects(paused, { message: "later" });
    } finally {
      signal.signal(SIGURG, previous);
    }
  });
  await t.step("an already-aborted signal", async () => {
    await assert.rejects(signal.pause({ signal: AbortSignal.abort() }), { name: "AbortError" });
  });
  await t.step("an abort while waiting, with a custom reason", async () => {
    const ctl = new AbortController();
    const paused = signal.pause({ signal: ctl.signal });
    ctl.abort(new Error("enough"));
    await assert.rejects(paused, { message: "enough" });
  });
  assertNoListeners();
});

Deno.test("siginterrupt() clears and sets SA_RESTART on the installed action", () => {
  const previous = signal.signal(SIGURG, () => {});
  try {
    assert.equal(ffi.actionRestarts(ffi.getAction(SIGURG)), true);
    signal.siginterrupt(SIGURG, true);
    assert.equal(ffi.actionRestarts(ffi.getAction(SIGURG)), false);
    signal.siginterrupt(SIGURG, false);
    assert.equal(ffi.actionRestarts(ffi.getAction(SIGURG)), true);
    assert.throws(() => signal.siginterrupt(0, true), signal.ValueError);
  } finally {
    signal.signal(SIGURG, previous);
  }
  assertNoListeners();
});

Deno.test("strsignal() and validSignals()", () => {
  assert.equal(signal.strsignal(signal.SIGINT), "Interrupt");
  assert.equal(signal.strsignal(signal.SIGKILL), "Killed");
  assert.throws(() => signal.strsignal(0), signal.ValueError);
  assert.throws(() => signal.strsignal(signal.NSIG), signal.ValueError);
  const valid = signal.validSignals();
  assert.ok(valid.has(signal.SIGTERM) && !valid.has(0) && !valid.has(signal.NSIG));
  if (Deno.build.os === "linux") {
    assert.equal(signal.strsignal(32), null);
    assert.equal(signal.strsignal(40), "Real-time signal 6");
    assert.equal(valid.size, 62);
    assert.ok(!valid.has(32) && !valid.has(33) && valid.has(64));
  }
});

Deno.test("without --allow-ffi, handlers work through Deno's listeners", async () => {
  const { status, stdout, stderr } = await runChild(
    `
    console.log(signal.getsignal(signal.SIGPIPE), signal.getsignal(signal.SIGUSR2));
    console.log(signal.strsignal(signal.SIGTERM));
    signal.signal(signal.SIGUSR2, (n) => console.log("handled", n));
    const handled = signal.pause();
    signal.raiseSignal(signal.SIGUSR2);
    await handled;
    signal.signal(signal.SIGUSR2, signal.SIG_DFL);
    try {
      signal.alarm(1);
    } catch (e) {
      console.log((e as Error).name);
    }
  `,
    ["--allow-run"],
  );
  assert.equal(status.code, 0, stderr);
  assert.equal(
    stdout,
    `1 0\nTerminated\nhandled ${signal.SIGUSR2}\nNotCapable\n`,
  );
});
