import assert from "node:assert/strict";
import * as signal from "../../signal/mod.ts";
import * as ffi from "../../_ffi/signals.ts";
import { assertNoListeners, deadline } from "./_child.ts";

const isLinux = Deno.build.os === "linux";

Deno.test("raiseSignal() handles at once, and sends nothing for signal 0", () => {
  const calls: number[] = [];
  const previous = signal.signal(signal.SIGUSR2, (n) => void calls.push(n));
  try {
    signal.raiseSignal(signal.SIGUSR2);
    signal.raiseSignal(signal.SIGUSR2);
    assert.deepEqual(calls, [signal.SIGUSR2, signal.SIGUSR2]);
    signal.raiseSignal(0);
    assert.equal(calls.length, 2);
  } finally {
    signal.signal(signal.SIGUSR2, previous);
  }
  assertNoListeners();
});

Deno.test("raiseSignal() throws the handler's exception", () => {
  const previous = signal.signal(signal.SIGUSR2, signal.defaultIntHandler);
  try {
    assert.throws(() => signal.raiseSignal(signal.SIGUSR2), signal.KeyboardInterrupt);
  } finally {
    signal.signal(signal.SIGUSR2, previous);
  }
  assertNoListeners();
});

Deno.test("raiseSignal() rejects invalid numbers", () => {
  assert.throws(
    () => signal.raiseSignal(1000),
    (e) => e instanceof signal.OSError && e.code === "EINVAL",
  );
  assert.throws(() => signal.raiseSignal(NaN), TypeError);
  assert.throws(() => signal.raiseSignal(2 ** 40), signal.OverflowError);
});

Deno.test("pthreadKill() to this thread handles at once; signal 0 checks existence", () => {
  let got = 0;
  const previous = signal.signal(signal.SIGUSR2, (n) => void (got = n));
  try {
    const me = signal.getIdent();
    if (isLinux) assert.equal(me, ffi.threadIdent());
    signal.pthreadKill(me, signal.SIGUSR2);
    assert.equal(got, signal.SIGUSR2);
    signal.pthreadKill(me, 0);
    assert.throws(() => signal.pthreadKill(me, 1000), signal.OSError);
  } finally {
    signal.signal(signal.SIGUSR2, previous);
  }
  assertNoListeners();
});

Deno.test("pthreadKill() to a thread that does not exist is ProcessLookupError", () => {
  // On Linux thread ids are kernel tids, validated by the kernel; no process has this one.
  const stranger = isLinux ? 0x3fffffff : 1;
  assert.throws(() => signal.pthreadKill(stranger, 0), signal.ProcessLookupError);
});

Deno.test("pthreadKill() reaches a Worker's thread, and the main thread's handler", async () => {
  const src = `
    import * as signal from "${new URL("../../signal/mod.ts", import.meta.url).href}";
    self.postMessage(signal.getIdent());
  `;
  const worker = new Worker(`data:application/javascript,${encodeURIComponent(src)}`, {
    type: "module",
  });
  // SIGCHLD does nothing by default; other tests may cause some (each child process they
  // spawn), so the handler may run more than once.
  const seen: number[] = [];
  const previous = signal.signal(signal.SIGCHLD, (n) => void seen.push(n));
  try {
    const ident = await new Promise<number>((
      resolve,
    ) => (worker.onmessage = (e) => resolve(e.data)));
    assert.notEqual(ident, signal.getIdent());
    using limit = deadline();
    const handled = signal.pause({ signal: limit });
    signal.pthreadKill(ident, signal.SIGCHLD);
    await handled;
    assert.ok(seen.includes(signal.SIGCHLD));
  } finally {
    worker.terminate();
    signal.signal(signal.SIGCHLD, previous);
  }
  assertNoListeners();
});

Deno.test({
  name: "pidfdSendSignal() signals a process through its pidfd",
  ignore: !isLinux,
  fn: async () => {
    const child = new Deno.Command("sleep", { args: ["30"] }).spawn();
    const pidfd = ffi.pidfdOpen(child.pid);
    try {
      signal.pidfdSendSignal(pidfd, 0);
      signal.pidfdSendSignal(pidfd, signal.SIGTERM);
      const status = await child.status;
      assert.equal(status.signal, "SIGTERM");
      assert.throws(() => signal.pidfdSendSignal(pidfd, 0), signal.ProcessLookupError);
    } finally {
      ffi.closeFd(pidfd);
    }
  },
});

Deno.test("pidfdSendSignal() rejects bad input", () => {
  if (!isLinux) {
    assert.throws(() => signal.pidfdSendSignal(3, 0), { code: "ENOSYS" });
    return;
  }
  assert.throws(() => signal.pidfdSendSignal(-1, 0), { code: "EBADF" });
  assert.throws(
    () => signal.pidfdSendSignal(0, 0, {} as unknown as null),
    { name: "TypeError", message: "siginfo must be null, not object" },
  );
  assert.throws(() => signal.pidfdSendSignal(0, 0, null, 0.5), TypeError);
});
