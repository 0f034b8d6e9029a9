import assert from "node:assert/strict";
import * as signal from "../../signal/mod.ts";
import { assertNoListeners, deadline } from "./_child.ts";
import { signalDelivered } from "../_helpers/signals.ts";

const { ITIMER_PROF, ITIMER_REAL, ITIMER_VIRTUAL, SIGALRM } = signal;

/** Installs `handler` for `sig` for the length of `body`, then restores the old one. */
async function withHandler(
  sig: number,
  handler: signal.SignalHandler,
  body: () => Promise<void> | void,
): Promise<void> {
  const previous = signal.signal(sig, handler);
  try {
    await body();
  } finally {
    signal.alarm(0);
    for (const which of [ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF]) signal.setitimer(which, 0);
    await signalDelivered(sig); // none may arrive after the old disposition is back
    signal.signal(sig, previous);
  }
  assertNoListeners();
}

Deno.test("alarm() returns the seconds left of the previous alarm", () => {
  assert.equal(signal.alarm(0), 0);
  assert.equal(signal.alarm(50), 0);
  assert.equal(signal.alarm(0), 50);
  assert.equal(signal.alarm(0), 0);
});

Deno.test("alarm(1) delivers SIGALRM to the handler after a second", async () => {
  const calls: number[] = [];
  await withHandler(SIGALRM, (n) => void calls.push(n), async () => {
    using limit = deadline();
    const started = performance.now();
    signal.alarm(1);
    await signal.pause({ signal: limit });
    const elapsed = performance.now() - started;
    assert.deepEqual(calls, [SIGALRM]);
    assert.ok(elapsed >= 990 && elapsed < 3000, `fired after ${elapsed} ms`);
  });
});

Deno.test("setitimer(ITIMER_REAL) fires once, then periodically", async () => {
  const times: number[] = [];
  await withHandler(SIGALRM, () => void times.push(performance.now()), async () => {
    using limit = deadline();
    const started = performance.now();
    assert.deepEqual(signal.setitimer(ITIMER_REAL, 0.03), [0, 0]);
    await signal.pause({ signal: limit });
    assert.equal(times.length, 1);
    assert.ok(times[0] - started >= 29, `first after ${times[0] - started} ms`);
    signal.setitimer(ITIMER_REAL, 0.02, 0.02);
    while (times.length < 4) await signal.pause({ signal: limit });
    const [delay, interval] = signal.getitimer(ITIMER_REAL);
    assert.ok(delay > 0 && delay <= 0.02, `delay ${delay}`);
    assert.equal(interval, 0.02);
    assert.deepEqual(signal.setitimer(ITIMER_REAL, 0)[1], 0.02);
    assert.deepEqual(signal.getitimer(ITIMER_REAL), [0, 0]);
  });
});

Deno.test("setitimer(ITIMER_VIRTUAL) counts CPU time and delivers SIGVTALRM", async () => {
  let fired = false;
  await withHandler(signal.SIGVTALRM, () => void (fired = true), async () => {
    signal.setitimer(ITIMER_VIRTUAL, 0.02);
    // The kernel counts CPU time in scheduler ticks, so the value read back is rounded up.
    const [pending] = signal.getitimer(ITIMER_VIRTUAL);
    assert.ok(pending > 0 && pending <= 0.03, `pending ${pending}`);
    // Burn CPU in slices, letting the event loop run the handler between them.
    const deadline = performance.now() + 10_000;
    while (!fired && performance.now() < deadline) {
      const slice = performance.now() + 5;
      while (performance.now() < slice);
      await new Promise((r) => setImmediate(r));
    }
    assert.ok(fired, "SIGVTALRM never came");
  });
});

Deno.test("setitimer(ITIMER_PROF) counts process CPU time and delivers SIGPROF", async () => {
  const calls: [number, null][] = [];
  await withHandler(
    signal.SIGPROF,
    (signum, frame) => void calls.push([signum, frame]),
    async () => {
      assert.deepEqual(signal.setitimer(ITIMER_PROF, 0.02), [0, 0]);
      const [pending, interval] = signal.getitimer(ITIMER_PROF);
      assert.ok(pending > 0 && pending <= 0.03, `pending ${pending}`);
      assert.equal(interval, 0);
      // Burn CPU in bounded slices, letting the event loop run the handler between them.
      // 2,000 slices of 5 ms are 10 s of CPU, 500 times the timer's 20 ms.
      let slices = 0;
      while (calls.length === 0 && slices < 2_000) {
        const end = performance.now() + 5;
        while (performance.now() < end);
        slices++;
        await new Promise((r) => setImmediate(r));
      }
      assert.ok(calls.length > 0, `SIGPROF never came after ${slices} slices of CPU work`);
      assert.deepEqual(calls, [[signal.SIGPROF, null]]);
      // A one-shot timer is disarmed once it has fired.
      assert.deepEqual(signal.getitimer(ITIMER_PROF), [0, 0]);
    },
  );
});

Deno.test("setitimer() and getitimer() reject bad input", async (t) => {
  await t.step("an unknown timer is ItimerError EINVAL", () => {
    for (const call of [() => signal.setitimer(99, 1), () => signal.getitimer(-1)]) {
      assert.throws(call, (e) => {
        assert.ok(e instanceof signal.ItimerError);
        assert.ok(e instanceof signal.OSError);
        assert.equal(e.code, "EINVAL");
        assert.equal(e.name, "ItimerError");
        return true;
      });
    }
  });
  await t.step("a negative time is refused by the kernel", () => {
    assert.throws(() => signal.setitimer(ITIMER_REAL, -1), signal.ItimerError);
    assert.deepEqual(signal.getitimer(ITIMER_REAL), [0, 0]);
  });
  await t.step("NaN, infinity and non-numbers", () => {
    assert.throws(() => signal.setitimer(ITIMER_REAL, NaN), signal.ValueError);
    assert.throws(() => signal.setitimer(ITIMER_REAL, 1, Infinity), signal.OverflowError);
    assert.throws(() => signal.setitimer(ITIMER_REAL, "1" as unknown as number), TypeError);
    assert.throws(() => signal.setitimer(0.5, 1), TypeError);
  });
  await t.step("alarm() takes whole, non-negative seconds", () => {
    assert.throws(() => signal.alarm(1.5), TypeError);
    assert.throws(() => signal.alarm(-1), signal.OverflowError);
    assert.throws(() => signal.alarm(2 ** 31), signal.OverflowError);
  });
  await t.step("tiny times round up to a microsecond instead of disarming", () => {
    signal.setitimer(ITIMER_VIRTUAL, 1e-9);
    const [delay] = signal.setitimer(ITIMER_VIRTUAL, 0);
    assert.ok(delay > 0 && delay <= 0.03, `delay ${delay}`);
  });
});
