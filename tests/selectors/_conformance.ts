// One conformance suite for every selector class, after CPython's test_selectors
// (BaseSelectorTestCase and ScalableSelectorMixIn): registration, the key map, modify,
// closing, then (in _conformance_select.ts) waiting. Each backend's test file calls
// `defineSelectorTests(name, factory)`.

import assert from "node:assert/strict";
import * as S from "../../_ffi/sockets.ts";
import {
  EVENT_READ,
  EVENT_WRITE,
  KeyError,
  RuntimeError,
  SelectorKey,
  ValueError,
} from "../../selectors/mod.ts";
import { Socket } from "../../socket/mod.ts";
import { type Factory, guarded } from "./_helpers.ts";
import { defineSelectTests } from "./_conformance_select.ts";

/** Options of {@linkcode defineSelectorTests}. */
export interface ConformanceOptions {
  /** Why the class cannot run here (the tests are then ignored, saying so). */
  skip?: string;
}

/** Defines the whole conformance suite for one selector class. */
export function defineSelectorTests(
  name: string,
  factory: Factory,
  options: ConformanceOptions = {},
): void {
  if (options.skip) console.log(`${name}: conformance tests skipped: ${options.skip}`);
  const test = (title: string, fn: (t: Deno.TestContext) => Promise<void>) =>
    Deno.test({ name: `${name}${title}`, ignore: options.skip !== undefined, fn });

  test(
    ".register() returns the key and refuses bad or duplicate registrations",
    guarded((res) => {
      const sel = res.add(factory());
      const [r, w] = res.pipe();
      const key = sel.register(r, EVENT_READ, "data");
      assert.ok(key instanceof SelectorKey);
      assert.deepEqual([key.fileobj, key.fd, key.events, key.data], [r, r, EVENT_READ, "data"]);
      assert.ok(Object.isFrozen(key));
      assert.equal(sel.register(w, EVENT_WRITE).data, null);
      // The same descriptor again, directly or through an object: KeyError.
      assert.throws(() => sel.register(r, EVENT_READ), KeyError);
      assert.throws(() => sel.register({ fileno: () => r }, EVENT_WRITE), {
        name: "KeyError",
        message: /\(FD \d+\) is already registered/,
      });
      for (const events of [0, 4, 999999, -1, 1.5, "1", null]) {
        assert.throws(() => sel.register(w + 100, events as number), ValueError, String(events));
      }
      assert.throws(() => sel.register(-10, EVENT_READ), {
        name: "ValueError",
        message: "Invalid file descriptor: -10",
      });
      assert.throws(() => sel.register({ fileno: () => -1 }, EVENT_READ), ValueError);
      for (const bad of ["3", null, {}, { fileno: () => "3" }, 2.5]) {
        assert.throws(() => sel.register(bad as number, EVENT_READ), TypeError);
      }
      assert.equal(sel.getMap().size, 2); // nothing half-registered
    }),
  );

  test(
    ".register() of a closed socket is a ValueError",
    guarded((res) => {
      const sel = res.add(factory());
      const [a] = res.kernelPair();
      a.close();
      assert.throws(() => sel.register(a, EVENT_READ), ValueError);
      const fresh = new Socket();
      fresh.close();
      assert.throws(() => sel.register(fresh, EVENT_READ), ValueError);
    }),
  );

  test(
    ".unregister() returns the key, then KeyError",
    guarded((res) => {
      const sel = res.add(factory());
      const [r] = res.pipe();
      const [a] = res.kernelPair();
      const key = sel.register(r, EVENT_READ);
      const ka = sel.register(a, EVENT_READ);
      assert.equal(sel.unregister(r), key);
      assert.throws(() => sel.unregister(r), KeyError);
      assert.equal(sel.unregister(ka.fd), ka); // by descriptor
      assert.throws(() => sel.unregister(a), KeyError);
      assert.throws(() => sel.unregister(999999), { name: "KeyError", message: /not registered/ });
      assert.throws(() => sel.unregister("x" as unknown as number), TypeError);
      assert.equal(sel.getMap().size, 0);
    }),
  );

  test(
    ".unregister() works after the descriptor was closed",
    guarded((res) => {
      const sel = res.add(factory());
      const [r, w] = res.pipe();
      sel.register(r, EVENT_READ);
      sel.register({ fileno: () => w }, EVENT_WRITE);
      S.close(r);
      S.close(w);
      sel.unregister(r);
      sel.unregister(w);
      assert.equal(sel.getMap().size, 0);
    }),
  );

  test(
    ".unregister() works after the socket was closed (kernel and native)",
    guarded(async (res) => {
      const sel = res.add(factory());
      const [a, b] = res.kernelPair();
      const [c, d] = await res.nativePair();
      for (const s of [a, b, c, d]) sel.register(s, EVENT_READ);
      for (const s of [a, b, c, d]) s.close();
      for (const s of [a, b, c, d]) sel.unregister(s);
      assert.equal(sel.getMap().size, 0);
    }),
  );

  test(
    ".unregister() after close and reuse of the descriptor",
    guarded((res) => {
      const sel = res.add(factory());
      const [r, w] = res.pipe();
      sel.register(r, EVENT_READ);
      sel.register(w, EVENT_WRITE);
      S.close(r);
      S.close(w);
      const [r2, w2] = res.pipe(); // the lowest free numbers: usually the same ones
      sel.unregister(r);
      sel.unregister(w);
      // The new descriptors are unaffected and can be registered.
      sel.register(r2, EVENT_READ);
      sel.register(w2, EVENT_WRITE);
      assert.equal(sel.getMap().size, 2);
    }),
  );

  test(
    ".modify() changes events, keeps or replaces data as Python",
    guarded(async (res) => {
      const sel = res.add(factory());
      const [a, b] = res.kernelPair();
      const [c] = await res.nativePair();
      for (const obj of [a, c]) {
        const key = sel.register(obj, EVENT_READ, "one");
        const k2 = sel.modify(obj, EVENT_WRITE, "two");
        assert.notEqual(k2, key);
        assert.deepEqual([k2.fileobj, k2.fd, k2.events, k2.data], [
          obj,
          key.fd,
          EVENT_WRITE,
          "two",
        ]);
        assert.equal(sel.getKey(obj), k2);
        assert.equal(sel.modify(obj, EVENT_WRITE, "two"), k2); // nothing changes: same key
        const k3 = sel.modify(obj, EVENT_WRITE); // data omitted: replaced by null, as Python
        assert.equal(k3.data, null);
        assert.equal(k3.events, EVENT_WRITE);
        // Bad events: ValueError, and the registration is kept.
        assert.throws(() => sel.modify(obj, 0), ValueError);
        assert.equal(sel.getKey(obj), k3);
        const k4 = sel.modify(k3.fd, EVENT_READ | EVENT_WRITE, "by fd");
        assert.equal(sel.getKey(obj), k4);
      }
      assert.throws(() => sel.modify(b, EVENT_READ), KeyError);
      assert.throws(() => sel.modify(999999, EVENT_READ), KeyError);
      // The new events are the ones waited for: b writes, a becomes readable.
      sel.modify(a, EVENT_READ, "a");
      sel.modify(c, EVENT_READ, "c");
      await b.sendall(new Uint8Array([1]));
      const ready = await sel.select(5);
      assert.deepEqual(ready.map(([k, e]) => [k.data, e]), [["a", EVENT_READ]]);
    }),
  );

  test(
    ".close() makes every operation a RuntimeError and empties the map",
    guarded((res) => {
      const sel = factory();
      const [r, w] = res.pipe();
      const map = sel.getMap();
      sel.register(r, EVENT_READ);
      sel.register(w, EVENT_WRITE);
      sel.close();
      sel.close(); // twice: nothing
      assert.throws(() => sel.getKey(r), { name: "RuntimeError", message: "Selector is closed" });
      assert.throws(() => sel.register(r, EVENT_READ), RuntimeError);
      assert.throws(() => sel.unregister(r), RuntimeError);
      assert.throws(() => sel.modify(r, EVENT_WRITE), RuntimeError);
      assert.equal(map.size, 0);
      assert.equal(map.get(r), undefined);
      assert.throws(() => map.getItem(r), KeyError);
      assert.equal(sel.getMap().size, 0);
      return assert.rejects(sel.select(0), RuntimeError);
    }),
  );

  test(
    " works with `using` (Python's with statement)",
    guarded((res) => {
      const [r] = res.pipe();
      let outer: ReturnType<Factory>;
      {
        using sel = factory();
        outer = sel;
        sel.register(r, EVENT_READ);
      }
      assert.throws(() => outer.register(r, EVENT_READ), RuntimeError);
    }),
  );

  test(
    ".getKey() finds a key by object or descriptor",
    guarded(async (res) => {
      const sel = res.add(factory());
      const [r] = res.pipe();
      const [c] = await res.nativePair();
      const kr = sel.register(r, EVENT_READ);
      const kc = sel.register(c, EVENT_READ);
      assert.equal(sel.getKey(r), kr);
      assert.equal(sel.getKey(c), kc);
      assert.equal(sel.getKey(kc.fd), kc);
      assert.ok(kc.fd >= 2 ** 31, "a native socket's descriptor is synthetic");
      assert.throws(() => sel.getKey(999999), KeyError);
      const [d] = await res.nativePair();
      assert.throws(() => sel.getKey(d), KeyError);
    }),
  );

  test(
    ".getMap() is a live, read-only view keyed by descriptor",
    guarded(async (res) => {
      const sel = res.add(factory());
      const [r, w] = res.pipe();
      const [c] = await res.nativePair();
      const map = sel.getMap();
      assert.equal(map.size, 0);
      const kr = sel.register(r, EVENT_READ);
      const kw = sel.register(w, EVENT_WRITE);
      const kc = sel.register(c, EVENT_READ);
      assert.equal(map.size, 3);
      assert.deepEqual([...map.keys()], [r, w, kc.fd]);
      assert.deepEqual([...map.values()], [kr, kw, kc]);
      assert.deepEqual([...map], [[r, kr], [w, kw], [kc.fd, kc]]);
      assert.deepEqual([...map.entries()], [...map]);
      const seen: number[] = [];
      map.forEach((key, fd, m) => {
        assert.equal(key.fd, fd);
        assert.equal(m, map);
        seen.push(fd);
      });
      assert.deepEqual(seen, [r, w, kc.fd]);
      assert.equal(map.get(r), kr);
      assert.equal(map.get(c), kc);
      assert.equal(map.getItem(kc.fd), kc);
      assert.ok(map.has(w) && !map.has(999999));
      assert.equal(map.get(999999), undefined);
      assert.throws(() => map.getItem(999999), {
        name: "KeyError",
        message: "999999 is not registered",
      });
      assert.equal("set" in map || "delete" in map || "clear" in map, false);
      sel.unregister(w);
      assert.equal(map.size, 2); // live
      assert.equal(sel.getMap(), map);
    }),
  );

  test(
    ": 1,000 kernel descriptors and 20 native sockets in one selector",
    guarded(async (res) => {
      const sel = res.add(factory());
      const pipes = Array.from({ length: 500 }, () => res.pipe());
      for (const [r, w] of pipes) {
        sel.register(r, EVENT_READ, r);
        sel.register(w, EVENT_WRITE, w);
      }
      const natives = await Promise.all(Array.from({ length: 10 }, () => res.nativePair()));
      for (const [x, y] of natives) {
        sel.register(x, EVENT_WRITE, "native write");
        sel.register(y, EVENT_READ, "native read");
      }
      assert.equal(sel.getMap().size, 1020);
      let ready = await sel.select(0);
      // Every write end and every native writer; no reader.
      assert.equal(ready.length, 510);
      assert.ok(ready.every(([k, e]) => e === EVENT_WRITE && k.events === EVENT_WRITE));
      for (const [, w] of pipes) sel.unregister(w);
      for (const [x] of natives) sel.unregister(x);
      // Make every 50th pipe readable: exactly those are reported.
      const chosen = pipes.filter((_, i) => i % 50 === 0);
      for (const [, w] of chosen) S.write(w, new Uint8Array([1]));
      ready = await sel.select(5);
      assert.deepEqual(
        ready.map(([k, e]) => [k.fd, e]).sort((a, b) => a[0] - b[0]),
        chosen.map(([r]) => [r, EVENT_READ]),
      );
    }),
  );

  defineSelectTests(test, factory);
}
