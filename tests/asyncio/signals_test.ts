// loop.addSignalHandler / removeSignalHandler (18.5.1.12), driven by real signals: from the
// kill command (another process), Deno.kill, and raiseSignal. In this process only SIGURG
// and SIGWINCH are used (ignored by default, so a stray one cannot end the run); SIGINT and
// SIGTERM are tested in child processes, with the 18.5.1.18.4 example.

import assert from "node:assert/strict";
import {
  currentTask,
  getRunningLoop,
  newEventLoop,
  NotImplementedError,
  run,
  RuntimeError,
  ValueError,
} from "../../asyncio/mod.ts";
import {
  getsignal,
  NSIG,
  raiseSignal,
  SIG_DFL,
  SIGKILL,
  signal,
  SIGSEGV,
  SIGSTOP,
  SIGURG,
  SIGWINCH,
} from "../../signal/mod.ts";

const EXAMPLE = new URL("../../examples/asyncio_signal_handlers.ts", import.meta.url).pathname;

Deno.test("addSignalHandler: a signal from another process runs the callback", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const seen: unknown[] = [];
    const got = loop.createFuture<void>();
    loop.addSignalHandler(
      SIGURG,
      (tag: string, n: number) => {
        seen.push([tag, n, getRunningLoop() === loop, currentTask()]);
        if (!got.done()) got.setResult();
      },
      "urg",
      1,
    );
    try {
      const out = await new Deno.Command("kill", { args: ["-URG", String(Deno.pid)] }).output();
      assert.equal(out.code, 0);
      await got;
      assert.deepEqual(seen, [["urg", 1, true, null]]);
    } finally {
      assert.equal(loop.removeSignalHandler(SIGURG), true);
    }
  });
});

Deno.test("the callback is scheduled with callSoon, not run inside the delivery", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const calls: string[] = [];
    const got = loop.createFuture<void>();
    loop.addSignalHandler(SIGURG, () => {
      calls.push("callback");
      got.setResult();
    });
    try {
      // raiseSignal runs the signal module's handler before it returns: the loop's
      // callback is only queued by then.
      raiseSignal(SIGURG);
      calls.push("raised");
      await got;
      assert.deepEqual(calls, ["raised", "callback"]);
    } finally {
      loop.removeSignalHandler(SIGURG);
    }
  });
});

Deno.test("removeSignalHandler and close() put back the disposition found before", async () => {
  const previous = (): void => {};
  signal(SIGWINCH, previous);
  try {
    await run(async () => {
      const loop = getRunningLoop();
      loop.addSignalHandler(SIGWINCH, () => {});
      const installed = getsignal(SIGWINCH);
      assert.equal(typeof installed, "function");
      assert.notEqual(installed, previous);
      // A second handler replaces the first; removal still restores the original.
      const calls: string[] = [];
      const got = loop.createFuture<void>();
      loop.addSignalHandler(SIGWINCH, () => {
        calls.push("second");
        got.setResult();
      });
      Deno.kill(Deno.pid, "SIGWINCH");
      await got;
      assert.deepEqual(calls, ["second"]);
      assert.equal(loop.removeSignalHandler(SIGWINCH), true);
      assert.equal(getsignal(SIGWINCH), previous);
      assert.equal(loop.removeSignalHandler(SIGWINCH), false);
      assert.equal(loop.removeSignalHandler(SIGURG), false);
    });
  } finally {
    signal(SIGWINCH, SIG_DFL);
  }
  const loop = newEventLoop();
  loop.addSignalHandler(SIGURG, () => {});
  assert.notEqual(getsignal(SIGURG), SIG_DFL);
  loop.close();
  assert.equal(getsignal(SIGURG), SIG_DFL);
});

Deno.test("addSignalHandler refuses what Python refuses, with Python's errors", () => {
  const loop = newEventLoop();
  try {
    assert.throws(() => loop.addSignalHandler("SIGURG" as never, () => {}), TypeError);
    assert.throws(() => loop.addSignalHandler(1.5, () => {}), TypeError);
    assert.throws(() => loop.addSignalHandler(0, () => {}), {
      name: "ValueError",
      message: `sig 0 out of range(1, ${NSIG})`,
    });
    assert.throws(() => loop.addSignalHandler(NSIG, () => {}), ValueError);
    assert.throws(() => loop.removeSignalHandler(-1), ValueError);
    assert.throws(() => loop.addSignalHandler(SIGKILL, () => {}), {
      name: "RuntimeError",
      message: `sig ${SIGKILL} cannot be caught`,
    });
    assert.throws(() => loop.addSignalHandler(SIGSTOP, () => {}), RuntimeError);
    assert.throws(() => loop.addSignalHandler(SIGSEGV, () => {}), NotImplementedError);
    assert.throws(() => loop.addSignalHandler(SIGURG, async () => {}), {
      name: "TypeError",
      message: "coroutines cannot be used with add_signal_handler()",
    });
    assert.throws(() => loop.addSignalHandler(SIGURG, Promise.resolve() as never), TypeError);
    assert.throws(() => loop.addSignalHandler(SIGURG, "no" as never), TypeError);
    assert.equal(getsignal(SIGURG), SIG_DFL, "failed calls change nothing");
  } finally {
    loop.close();
  }
  assert.throws(() => loop.addSignalHandler(SIGURG, () => {}), {
    name: "RuntimeError",
    message: "Event loop is closed",
  });
});

Deno.test("18.5.1.18.4 example: alone it ends on its own SIGINT", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", EXAMPLE],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const lines = new TextDecoder().decode(out.stdout).trimEnd().split("\n");
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  assert.deepEqual(lines, [
    "Event loop running forever, press Ctrl+C to interrupt.",
    `pid ${lines[1].split(" ")[1].replace(":", "")}: send SIGINT or SIGTERM to exit.`,
    "got signal SIGINT: exit",
  ]);
});

for (const sig of ["SIGTERM", "SIGINT"] as const) {
  Deno.test(`18.5.1.18.4 example with --wait: the loop waits for ${sig}`, async () => {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", EXAMPLE, "--wait"],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const stderr = new Response(child.stderr).text();
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    while (!/send SIGINT or SIGTERM to exit\.\n/.test(seen)) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += value;
    }
    const pid = Number(/pid (\d+):/.exec(seen)?.[1]);
    assert.equal(pid, child.pid);
    // The loop has nothing to do but wait for the signal: the process must stay alive.
    const kill = await new Deno.Command("kill", { args: [`-${sig.slice(3)}`, String(pid)] })
      .output();
    assert.equal(kill.code, 0);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += value;
    }
    const status = await child.status;
    assert.equal(status.code, 0, await stderr);
    assert.match(seen, new RegExp(`got signal ${sig}: exit\\n$`));
  });
}
