// Subprocesses (18.5.6 and loop.subprocessExec/subprocessShell), after CPython's
// test_subprocess: communicate without deadlock (10 MiB both ways, on each way of starting
// a child), return codes of signal deaths, kill/terminate/sendSignal, stdin closing,
// DEVNULL, STDOUT merging, descriptors given to the child, a new session, the protocol's
// callback order, Python's errors, and no child left behind.

import assert from "node:assert/strict";
import {
  type BaseTransport,
  CancelledError,
  createSubprocessExec,
  createSubprocessShell,
  DEVNULL,
  FileNotFoundError,
  getRunningLoop,
  NotImplementedError,
  PermissionError,
  PIPE,
  Process,
  ProcessLookupError,
  run,
  sleep,
  STDOUT,
  subprocess,
  SubprocessProtocol,
  type SubprocessTransport,
  ValueError,
} from "../../asyncio/mod.ts";
import { SIGKILL, SIGTERM, SIGUSR1 } from "../../signal/mod.ts";
import { pipe } from "../../_ffi/fd.ts";
import { libc } from "../../_ffi/libc.ts";
import { fdGuard } from "../_helpers/fd_guard.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();
const MiB10 = 10 * 1024 * 1024;

/** Records the protocol's callbacks in order. */
class Recorder extends SubprocessProtocol {
  events: string[] = [];
  out: Record<number, string> = { 1: "", 2: "" };
  transport: SubprocessTransport | null = null;
  lost = Promise.withResolvers<void>();
  override connectionMade(t: BaseTransport): void {
    this.transport = t as SubprocessTransport;
    this.events.push("connectionMade");
  }
  override pipeDataReceived(fd: number, data: Uint8Array): void {
    this.out[fd] += dec.decode(data);
    if (this.events.at(-1) !== `data${fd}`) this.events.push(`data${fd}`);
  }
  override pipeConnectionLost(fd: number, exc: unknown): void {
    this.events.push(`pipeConnectionLost${fd}:${exc}`);
  }
  override processExited(): void {
    this.events.push("processExited");
  }
  override connectionLost(exc: unknown): void {
    this.events.push(`connectionLost:${exc}`);
    this.lost.resolve();
  }
}

Deno.test("subprocessExec: the protocol's callbacks come in Python's order", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const [t, p] = await loop.subprocessExec(
      () => new Recorder(),
      "sh",
      "-c",
      "echo out; echo err >&2; exit 7",
    );
    assert.equal(p.transport, t);
    assert.ok(t.getPid() > 0);
    await p.lost.promise;
    assert.equal(p.out[1], "out\n");
    assert.equal(p.out[2], "err\n");
    const ev = p.events;
    assert.equal(ev[0], "connectionMade");
    assert.equal(ev.at(-1), "connectionLost:null");
    assert.equal(ev.filter((e) => e.startsWith("connectionLost")).length, 1);
    for (const fd of [0, 1, 2]) {
      const lost = ev.indexOf(`pipeConnectionLost${fd}:null`);
      assert.ok(lost > 0, `pipe ${fd} lost: ${ev}`);
      if (fd > 0) assert.ok(ev.indexOf(`data${fd}`) < lost, `data before the end: ${ev}`);
    }
    assert.ok(ev.indexOf("processExited") > 0);
    assert.equal(t.getReturncode(), 7);
    t.close();
  });
});

Deno.test("SubprocessTransport: pipes, extra info, close() kills a running child", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const [t, p] = await loop.subprocessShell(() => new Recorder(), "sleep 30", {
      stdin: PIPE,
      stdout: PIPE,
      stderr: DEVNULL,
    });
    assert.ok(t.getPipeTransport(0) !== null);
    assert.ok(t.getPipeTransport(1) !== null);
    assert.equal(t.getPipeTransport(2), null);
    assert.equal(t.getPipeTransport(3), null);
    assert.equal(t.getReturncode(), null);
    const child = t.getExtraInfo("subprocess") as Deno.ChildProcess;
    assert.equal(child.pid, t.getPid());
    t.close();
    assert.ok(t.isClosing());
    await p.lost.promise;
    assert.equal(t.getReturncode(), -SIGKILL);
    assert.throws(() => t.kill(), ProcessLookupError);
    assert.ok(!alive(t.getPid()));
  });
});

const WAYS: [string, Record<string, unknown>][] = [
  ["Deno.Command", {}],
  ["node:child_process", { startNewSession: true }],
];

for (const [way, extra] of WAYS) {
  Deno.test(`communicate: 10 MiB in and 10 MiB out without deadlock (${way})`, async () => {
    await run(async () => {
      const data = new Uint8Array(MiB10).map((_, i) => (i * 7) & 255);
      const proc = await createSubprocessExec("cat", {
        stdin: PIPE,
        stdout: PIPE,
        stderr: PIPE,
        ...extra,
      });
      const [out, err] = await proc.communicate(data);
      assert.equal(out!.length, MiB10);
      assert.ok(out!.every((v, i) => v === ((i * 7) & 255)));
      assert.equal(err!.length, 0);
      assert.equal(proc.returncode, 0);
    });
  });
}

Deno.test("communicate: 10 MiB on stdout and stderr at once, merged with STDOUT", async () => {
  await run(async () => {
    const proc = await createSubprocessShell(
      "head -c 10485760 /dev/zero; head -c 10485760 /dev/zero >&2",
      { stdout: PIPE, stderr: STDOUT },
    );
    const [out, err] = await proc.communicate();
    assert.equal(out!.length, 2 * MiB10);
    assert.equal(err, null);
    assert.equal(proc.stderr, null);
  });
});

Deno.test("returncode is negative for a signal death: kill, terminate, sendSignal", async () => {
  await run(async () => {
    for (
      const [how, sig] of [
        ["kill", SIGKILL],
        ["terminate", SIGTERM],
        ["sendSignal", SIGUSR1],
        ["name", SIGTERM],
      ] as const
    ) {
      const proc = await createSubprocessExec("sleep", "30");
      assert.equal(proc.returncode, null);
      if (how === "kill") proc.kill();
      else if (how === "terminate") proc.terminate();
      else if (how === "name") proc.sendSignal("SIGTERM");
      else proc.sendSignal(SIGUSR1);
      assert.equal(await proc.wait(), -sig);
      assert.equal(proc.returncode, -sig);
      // Without pipes the transport has finished: Python raises ProcessLookupError.
      assert.throws(() => proc.kill(), ProcessLookupError);
      assert.ok(!alive(proc.pid));
    }
    const proc = await createSubprocessExec("sleep", "30");
    assert.throws(() => proc.sendSignal("SIGNOPE" as never), ValueError);
    assert.throws(() => proc.sendSignal(1.5), TypeError);
    proc.kill();
    await proc.wait();
  });
});

Deno.test("stdin: closing it ends the child; DEVNULL gives an empty stdin; readline", async () => {
  await run(async () => {
    const cat = await createSubprocessExec("cat", { stdin: PIPE, stdout: PIPE });
    cat.stdin!.write(enc.encode("line one\nline two\n"));
    await cat.stdin!.drain();
    assert.equal(dec.decode(await cat.stdout!.readline()), "line one\n");
    cat.stdin!.close();
    assert.equal(dec.decode(await cat.stdout!.readline()), "line two\n");
    assert.equal((await cat.stdout!.read()).length, 0);
    assert.equal(await cat.wait(), 0);

    const empty = await createSubprocessExec("cat", { stdin: DEVNULL, stdout: PIPE });
    assert.equal(empty.stdin, null);
    const [out] = await empty.communicate();
    assert.equal(out!.length, 0);
    const quiet = await createSubprocessExec("echo", "x", { stdout: DEVNULL, stderr: DEVNULL });
    assert.deepEqual(await quiet.communicate(), [null, null]);
    assert.equal(quiet.returncode, 0);
  });
});

Deno.test("communicate ignores a child that exits without reading its stdin", async () => {
  await run(async () => {
    const proc = await createSubprocessExec("true", { stdin: PIPE, stdout: PIPE });
    const [out] = await proc.communicate(new Uint8Array(4 * 1024 * 1024));
    assert.equal(out!.length, 0);
    assert.equal(proc.returncode, 0);
  });
});

Deno.test(
  "descriptors: an fd as stdout, and passFds keeping its number in the child",
  fdGuard(async () => {
    await run(async () => {
      const [r, w] = pipe();
      try {
        const proc = await createSubprocessShell(`echo to-fd; echo kept > /dev/fd/${w}`, {
          stdout: w,
          passFds: [w],
        });
        assert.equal(await proc.wait(), 0);
        const buf = new Uint8Array(100);
        const n = Number(libc().read(r, buf, 100n));
        assert.equal(dec.decode(buf.subarray(0, n)), "to-fd\nkept\n");
      } finally {
        libc().close(r);
        libc().close(w);
      }
    });
  }),
);

Deno.test("startNewSession really makes a new session and process group", async () => {
  const mine = sessionOf(await Deno.readTextFile("/proc/self/stat"));
  await run(async () => {
    for (const startNewSession of [true, false]) {
      const proc = await createSubprocessExec("cat", `/proc/self/stat`, {
        stdout: PIPE,
        startNewSession,
      });
      const [out] = await proc.communicate();
      const { pid, pgrp, session } = sessionOf(dec.decode(out!));
      assert.equal(pid, proc.pid);
      if (startNewSession) {
        assert.equal(session, proc.pid);
        assert.equal(pgrp, proc.pid);
      } else {
        assert.equal(session, mine.session);
        assert.equal(pgrp, mine.pgrp);
      }
    }
  });
});

Deno.test("cwd and env: the child runs where and with what it is told", async () => {
  await run(async () => {
    const proc = await createSubprocessExec("sh", "-c", 'pwd; echo "$ONLY"; env | wc -l', {
      stdout: PIPE,
      cwd: "/tmp",
      env: { ONLY: "this", PATH: "/usr/bin:/bin" },
    });
    const [out] = await proc.communicate();
    const [pwd, only, count] = dec.decode(out!).trim().split("\n");
    assert.equal(pwd, "/tmp");
    assert.equal(only, "this");
    assert.ok(Number(count) <= 4, `env had ${count} variables`);
  });
});

Deno.test("Python's errors: missing program, bad options, bad arguments", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const missing = await createSubprocessExec("no-such-program-x").catch((e) => e);
    assert.ok(missing instanceof FileNotFoundError);
    assert.equal(missing.errno, 2);
    assert.equal(missing.filename, "no-such-program-x");
    const badCwd = await createSubprocessExec("true", { cwd: "/no/such/dir" }).catch((e) => e);
    assert.ok(badCwd instanceof FileNotFoundError);
    assert.equal(badCwd.filename, "/no/such/dir");
    const script = await Deno.makeTempFile();
    try {
      await Deno.chmod(script, 0o644);
      await assert.rejects(createSubprocessExec(script), PermissionError);
    } finally {
      await Deno.remove(script);
    }
    const f = (): SubprocessProtocol => new SubprocessProtocol();
    for (
      const [opts, msg] of [
        [{ universalNewlines: true }, "universal_newlines must be False"],
        [{ shell: true }, "shell must be False"],
        [{ bufsize: 1 }, "bufsize must be 0"],
        [{ text: true }, "text must be False"],
        [{ encoding: "utf-8" }, "encoding must be None"],
        [{ errors: "strict" }, "errors must be None"],
        [{ stdout: STDOUT }, "STDOUT can only be used for stderr, not stdout"],
      ] as const
    ) {
      await assert.rejects(loop.subprocessExec(f, "true", opts), {
        name: "ValueError",
        message: msg,
      });
    }
    await assert.rejects(loop.subprocessShell(f, "true", { shell: false }), {
      message: "shell must be True",
    });
    await assert.rejects(loop.subprocessShell(f, 42 as never), {
      name: "ValueError",
      message: "cmd must be a string",
    });
    await assert.rejects(loop.subprocessExec(f, "true", { nope: 1 } as never), {
      name: "TypeError",
      message: "got an unexpected keyword argument 'nope'",
    });
    await assert.rejects(loop.subprocessExec(f, "true", 5 as never), TypeError);
    await assert.rejects(
      loop.subprocessExec(f, "true", { preexecFn: () => {} }),
      NotImplementedError,
    );
    await assert.rejects(createSubprocessExec("true", { limit: 0 }), ValueError);
    await assert.rejects(createSubprocessExec("true", { stdin: -7 }), ValueError);
  });
});

Deno.test("cancelling wait(), and a creation in progress, which kills the child", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const proc = await createSubprocessExec("sleep", "30");
    const waiting = loop.createTask(() => proc.wait());
    await sleep(0);
    waiting.cancel();
    await assert.rejects(async () => await waiting, CancelledError);
    assert.equal(proc.returncode, null);
    proc.kill();
    assert.equal(await proc.wait(), -SIGKILL);

    // Cancelled while it waits for the pipes to connect: the child is killed.
    let spawned: SubprocessTransport | null = null;
    const recorder = new Recorder();
    const creating = loop.createTask(async () => {
      const [t] = await loop.subprocessExec(
        () => {
          loop.callSoon(() => creating.cancel());
          return recorder;
        },
        "sleep",
        "30",
      );
      spawned = t;
    });
    await assert.rejects(async () => await creating, CancelledError);
    assert.equal(spawned, null);
    await recorder.lost.promise;
    assert.equal(recorder.transport!.getReturncode(), -SIGKILL);
    assert.ok(!alive(recorder.transport!.getPid()));
  });
});

Deno.test("a small reader limit pauses the pipe without losing output", async () => {
  await run(async () => {
    const proc = await createSubprocessShell("head -c 1048576 /dev/zero", {
      stdout: PIPE,
      limit: 1024,
    });
    let total = 0;
    for (;;) {
      const chunk = await proc.stdout!.read(4096);
      if (chunk.length === 0) break;
      total += chunk.length;
    }
    assert.equal(total, 1048576);
    assert.equal(await proc.wait(), 0);
  });
});

Deno.test("asyncio.subprocess namespace, Process, and wait after exit", async () => {
  assert.equal(subprocess.PIPE, -1);
  assert.equal(subprocess.STDOUT, -2);
  assert.equal(subprocess.DEVNULL, -3);
  assert.equal(subprocess.Process, Process);
  await run(async () => {
    const proc = await subprocess.createSubprocessShell("exit 4");
    assert.ok(proc instanceof Process);
    assert.equal(proc.stdin, null);
    assert.equal(await proc.wait(), 4);
    assert.equal(await proc.wait(), 4);
    assert.match(String(proc), /^<Process \d+>$/);
  });
});

Deno.test("18.5.6.7.1 and 18.5.6.7.2 examples print the current date", async () => {
  for (const name of ["asyncio_subprocess_protocol.ts", "asyncio_subprocess_streams.ts"]) {
    const path = new URL(`../../examples/${name}`, import.meta.url).pathname;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", path],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, dec.decode(out.stderr));
    assert.match(dec.decode(out.stdout), /^Current date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\n$/);
  }
});

function alive(pid: number): boolean {
  try {
    Deno.kill(pid, 0 as unknown as Deno.Signal);
    return true;
  } catch {
    return false;
  }
}

function sessionOf(stat: string): { pid: number; pgrp: number; session: number } {
  const pid = Number(stat.slice(0, stat.indexOf(" ")));
  const [, , pgrp, session] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { pid, pgrp: Number(pgrp), session: Number(session) };
}
