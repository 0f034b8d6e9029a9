import assert from "node:assert/strict";
import * as signal from "../../signal/mod.ts";

// Python 3.6's `signal` module on Linux x86_64, plus SIGSTKFLT (Python 3.11).
const PYTHON_LINUX: Record<string, number> = {
  SIGABRT: 6,
  SIGALRM: 14,
  SIGBUS: 7,
  SIGCHLD: 17,
  SIGCLD: 17,
  SIGCONT: 18,
  SIGFPE: 8,
  SIGHUP: 1,
  SIGILL: 4,
  SIGINT: 2,
  SIGIO: 29,
  SIGIOT: 6,
  SIGKILL: 9,
  SIGPIPE: 13,
  SIGPOLL: 29,
  SIGPROF: 27,
  SIGPWR: 30,
  SIGQUIT: 3,
  SIGRTMAX: 64,
  SIGRTMIN: 34,
  SIGSEGV: 11,
  SIGSTKFLT: 16,
  SIGSTOP: 19,
  SIGSYS: 31,
  SIGTERM: 15,
  SIGTRAP: 5,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGURG: 23,
  SIGUSR1: 10,
  SIGUSR2: 12,
  SIGVTALRM: 26,
  SIGWINCH: 28,
  SIGXCPU: 24,
  SIGXFSZ: 25,
}; // deno-fmt-ignore

const exported = signal as unknown as Record<string, unknown>;

Deno.test({
  name: "SIG* constants have Python's values on Linux",
  ignore: Deno.build.os !== "linux",
  fn: () => {
    for (const [name, value] of Object.entries(PYTHON_LINUX)) {
      assert.equal(exported[name], value, name);
      assert.equal(signal.Signals[name as keyof signal.SignalsEnum], value, name);
    }
    assert.equal(signal.SIGEMT, undefined);
    assert.equal(signal.SIGINFO, undefined);
    assert.equal(signal.NSIG, 65);
    assert.deepEqual([signal.SIG_BLOCK, signal.SIG_UNBLOCK, signal.SIG_SETMASK], [0, 1, 2]);
  },
});

Deno.test("SIG* constants agree with bash's kill -l", async () => {
  const names = ["HUP", "INT", "USR1", "USR2", "PIPE", "ALRM", "TERM", "CHLD", "WINCH", "URG"];
  for (const name of names) {
    const out = await new Deno.Command("bash", { args: ["-c", `kill -l ${name}`] }).output();
    const num = Number(new TextDecoder().decode(out.stdout).trim());
    assert.equal(exported[`SIG${name}`], num, name);
  }
});

Deno.test("Signals maps names to numbers and numbers to Python's canonical names", () => {
  assert.equal(signal.Signals[signal.SIGINT], "SIGINT");
  assert.equal(signal.Signals[signal.SIGABRT], "SIGABRT"); // not SIGIOT
  assert.equal(signal.Signals[signal.SIGCHLD], "SIGCHLD"); // not SIGCLD
  assert.equal(signal.Signals[signal.SIGIO], "SIGIO"); // not SIGPOLL
  assert.ok(Object.isFrozen(signal.Signals));
  for (const n of signal.validSignals()) {
    if (n < 32) assert.equal(typeof signal.Signals[n], "string", `signal ${n}`);
  }
});

Deno.test("Handlers, Sigmasks, SIG_DFL, SIG_IGN and ITIMER_*", () => {
  assert.equal(signal.SIG_DFL, 0);
  assert.equal(signal.SIG_IGN, 1);
  assert.equal(signal.Handlers[signal.SIG_DFL], "SIG_DFL");
  assert.equal(signal.Sigmasks.SIG_UNBLOCK, signal.SIG_UNBLOCK);
  assert.equal(signal.Sigmasks[signal.SIG_SETMASK], "SIG_SETMASK");
  assert.deepEqual([signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF], [0, 1, 2]);
});
