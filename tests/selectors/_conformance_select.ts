// The waiting half of the selectors conformance suite (CPython's test_select, test_timeout,
// test_selector, test_select_interrupt_noraise, test_empty_select), plus what this library
// adds: native and kernel objects in one wait, aborts, and registration changes mid-wait.

import { signalDelivered } from "../_helpers/signals.ts";
import assert from "node:assert/strict";
import * as S from "../../_ffi/sockets.ts";
import * as signal from "../../signal/mod.ts";
import {
  EVENT_READ,
  EVENT_WRITE,
  kReadyNow,
  kWaitReady,
  OverflowError,
  type ReadinessKind,
  ValueError,
} from "../../selectors/mod.ts";
import { type Factory, guarded, summary } from "./_helpers.ts";

type Test = (title: string, fn: (t: Deno.TestContext) => Promise<void>) => void;

const one = new Uint8Array([1]);

/** Defines the waiting tests; called by defineSelectorTests. */
export function defineSelectTests(test: Test, factory: Factory): void {
  test(
    ".select() reports only the events asked for",
    guarded(async (res) => {
      const sel = res.add(factory());
      const [a, b] = res.kernelPair();
      const [r, w] = res.pipe();
      sel.register(a, EVENT_WRITE, "a");
      sel.register(b, EVENT_READ, "b");
      sel.register(r, EVENT_READ, "r");
      sel.register(w, EVENT_READ | EVENT_WRITE, "w");
      assert.deepEqual(summary(await sel.select(0)), [["a", EVENT_WRITE], ["w", EVENT_WRITE]]);
      await a.sendall(one);
      S.write(w, one);
      assert.deepEqual(summary(await sel.select()), [
        ["a", EVENT_WRITE],
        ["b", EVENT_READ],
        ["r", EVENT_READ],
        ["w", EVENT_WRITE],
      ]);
      // The keys returned are the registered ones.
      const [[key]] = await sel.select(0);
      assert.equal(key, sel.getKey(key.fileobj));
    }),
  );

  test(
    ".select() with nothing registered, or a negative timeout, polls",
    guarded(async (res) => {
      const sel = res.add(factory());
      assert.deepEqual(await sel.select(0), []);
      assert.deepEqual(await sel.select(-1), []);
      const start = performance.now();
      assert.deepEqual(await sel.select(0.03), []);
      assert.ok(performance.now() - start >= 25);
    }),
  );

  test(
    ".select() honours its timeout",
    guarded(async (res) => {
      const sel = res.add(factory());
      const [r, w] = res.pipe();
      sel.register(w, EVENT_WRITE);
      assert.equal((await sel.select(0)).length, 1);
      sel.unregister(w);
      assert.deepEqual(await sel.select(0), []);
      sel.register(r, EVENT_READ);
      const [c] = await res.nativePair();
      sel.register(c, EVENT_READ);
      const start = performance.now();
      assert.deepEqual(await sel.select(0.1), []);
      const elapsed = performance.now() - start;
      assert.ok(elapsed >= 95 && elapsed < 2000, `waited ${elapsed} ms`);
    }),
  );

  test(
    ".select() rejects a bad timeout",
    guarded(async (res) => {
      const sel = res.add(factory());
      await assert.rejects(sel.select("1" as unknown as number), TypeError);
      await assert.rejects(sel.select(NaN), ValueError);
      await assert.rejects(sel.select(Infinity), OverflowError);
    }),
  );

  test(
    ".select() wakes for whichever is ready first: pipe, kernel or native socket",
    guarded(
      async (res) => {
        const sel = res.add(factory());
        const [r, w] = res.pipe();
        const [a, b] = res.kernelPair();
        const [c, d] = await res.nativePair();
        sel.register(r, EVENT_READ, "pipe");
        sel.register(b, EVENT_READ, "kernel");
        sel.register(d, EVENT_READ, "native");
        const wakers: Array<[string, () => unknown, () => Promise<unknown>]> = [
          ["pipe", () => S.write(w, one), () => Promise.resolve(S.read(r, 10))],
          ["kernel", () => a.sendall(one), () => b.recv(10)],
          ["native", () => c.sendall(one), () => d.recv(10)],
        ];
        for (const [name, wake, drain] of [...wakers, ...wakers.reverse()]) {
          const waiting = sel.select(10);
          setTimeout(wake, 5);
          const ready = await waiting;
          assert.deepEqual(summary(ready), [[name, EVENT_READ]]);
          await drain();
        }
      },
    ),
  );

  test(
    ".select() does not block the event loop while it waits",
    guarded(async (res) => {
      const sel = res.add(factory());
      const [r, w] = res.pipe();
      sel.register(r, EVENT_READ);
      let ticks = 0;
      const timer = setInterval(() => {
        if (++ticks === 5) S.write(w, one);
      }, 1);
      try {
        assert.equal((await sel.select(10)).length, 1);
        assert.ok(ticks >= 5);
      } finally {
        clearInterval(timer);
      }
    }),
  );

  test(
    ".select() takes registrations made while it waits, and ends on close()",
    guarded(
      async (res) => {
        const sel = factory();
        const [r, w] = res.pipe();
        const [c, d] = await res.nativePair();
        const waiting = sel.select(10);
        setTimeout(() => {
          sel.register(r, EVENT_READ, "late pipe");
          S.write(w, one);
        }, 5);
        assert.deepEqual(summary(await waiting), [["late pipe", EVENT_READ]]);
        sel.unregister(r);
        const native = sel.select(10);
        setTimeout(() => sel.register(c, EVENT_WRITE, "late native"), 5);
        assert.deepEqual(summary(await native), [["late native", EVENT_WRITE]]);
        sel.unregister(c);
        sel.register(d, EVENT_READ);
        const closing = sel.select(10);
        setTimeout(() => sel.close(), 5);
        assert.deepEqual(await closing, []);
      },
    ),
  );

  test(
    ".select() takes an AbortSignal",
    guarded(async (res) => {
      const sel = res.add(factory());
      const [r] = res.pipe();
      const [c] = await res.nativePair();
      sel.register(r, EVENT_READ);
      sel.register(c, EVENT_READ);
      await assert.rejects(sel.select(10, { signal: AbortSignal.abort() }), { name: "AbortError" });
      const ctl = new AbortController();
      const waiting = sel.select(10, { signal: ctl.signal });
      setTimeout(() => ctl.abort(new Error("custom reason")), 5);
      await assert.rejects(waiting, { message: "custom reason" });
      // Still usable afterwards.
      assert.deepEqual(await sel.select(0), []);
    }),
  );

  test(
    ".select() watches objects implementing the readiness protocol",
    guarded(async (res) => {
      const sel = res.add(factory());
      let ready = false;
      let wake: () => void = () => {};
      const custom = {
        [kReadyNow]: (_kind: ReadinessKind) => ready,
        [kWaitReady]: (_kind: ReadinessKind, s: AbortSignal) =>
          new Promise<void>((resolve, reject) => {
            wake = resolve;
            s.addEventListener("abort", () => reject(s.reason), { once: true });
          }),
      };
      const key = sel.register(custom, EVENT_READ);
      assert.ok(key.fd >= 2 ** 31);
      assert.deepEqual(await sel.select(0), []);
      const waiting = sel.select(10);
      setTimeout(() => {
        ready = true;
        wake();
      }, 5);
      assert.deepEqual(await waiting, [[key, EVENT_READ]]);
      res.add({ close: () => sel.unregister(custom) });
    }),
  );

  test(
    ": an echo over many socket pairs (CPython's test_selector)",
    guarded(async (res) => {
      const sel = res.add(factory());
      const pairs = [
        ...Array.from({ length: 6 }, () => res.kernelPair()),
        ...await Promise.all(Array.from({ length: 6 }, () => res.nativePair())),
      ];
      const writers = new Map(pairs.map(([w, r], i) => [w, { reader: r, i, sent: false }]));
      for (const [w] of pairs) sel.register(w, EVENT_WRITE);
      const received = new Map<number, string>();
      for (const [, r] of pairs) r.setblocking(false);
      const enc = new TextEncoder();
      while (received.size < pairs.length) {
        for (const [key, events] of await sel.select(5)) {
          const sock = key.fileobj as (typeof pairs)[number][number];
          if (events & EVENT_WRITE) {
            const { reader, i } = writers.get(sock)!;
            await sock.sendall(enc.encode(`msg ${i}`));
            sel.unregister(sock);
            sel.register(reader, EVENT_READ, i);
          } else {
            const data = await sock.recv(100);
            received.set(key.data as number, new TextDecoder().decode(data));
            sel.unregister(sock);
          }
        }
      }
      assert.deepEqual([...received].sort((a, b) => a[0] - b[0]).map(([, v]) => v), [
        ...pairs.map((_, i) => `msg ${i}`),
      ]);
    }),
  );

  test(
    ".select() is not interrupted by a signal (EINTR retried)",
    guarded(async (res) => {
      const sel = res.add(factory());
      const [r] = res.pipe();
      sel.register(r, EVENT_READ);
      let calls = 0;
      const previous = signal.signal(signal.SIGALRM, () => calls++);
      signal.siginterrupt(signal.SIGALRM, true); // no SA_RESTART: a real EINTR for poll(2)
      try {
        signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05);
        const start = performance.now();
        assert.deepEqual(await sel.select(0.3), []);
        const elapsed = performance.now() - start;
        assert.ok(elapsed >= 295, `returned after ${elapsed} ms`);
        assert.ok(calls >= 2, `the handler ran ${calls} times`);
      } finally {
        signal.setitimer(signal.ITIMER_REAL, 0);
        await signalDelivered(signal.SIGALRM); // none may arrive after SIG_DFL is back
        signal.signal(signal.SIGALRM, previous);
      }
    }),
  );
}
