import assert from "node:assert/strict";
import {
  BaseSelector,
  DefaultSelector,
  EVENT_READ,
  EVENT_WRITE,
  PollSelector,
  SelectorKey,
  SelectorMapping,
} from "../../selectors/mod.ts";
import { Socket } from "../../socket/mod.ts";
import { guarded } from "./_helpers.ts";

Deno.test("SelectorKey is an immutable record with Python's repr", () => {
  const key = new SelectorKey(7, 7, EVENT_READ | EVENT_WRITE, "x");
  assert.equal(String(key), 'SelectorKey(fileobj=7, fd=7, events=3, data="x")');
  assert.throws(() => {
    (key as { data: unknown }).data = "y";
  }, TypeError);
});

Deno.test(
  "a native object's synthetic descriptor is stable, unique, and above 2^31 - 1",
  guarded(
    async (res) => {
      const [a, b] = await res.nativePair();
      using s1 = new DefaultSelector();
      using s2 = new PollSelector();
      const k1 = s1.register(a, EVENT_READ);
      const k2 = s2.register(a, EVENT_WRITE);
      assert.equal(k1.fd, k2.fd); // the same object: the same number, in every selector
      assert.ok(k1.fd > 0x7fffffff && Number.isSafeInteger(k1.fd));
      s1.unregister(a);
      assert.equal(s1.register(a, EVENT_READ).fd, k1.fd); // stable across registrations
      const kb = s1.register(b, EVENT_READ);
      assert.notEqual(kb.fd, k1.fd);
      // A fresh socket (nothing opened yet) is watched through its readiness methods too,
      // and registering it does not turn it into a kernel socket.
      const fresh = res.add(new Socket());
      const kf = s1.register(fresh, EVENT_WRITE);
      assert.ok(kf.fd > 0x7fffffff);
      assert.deepEqual((await s1.select(0)).map(([k]) => k), [kf]);
      // A kernel socket is registered under its real descriptor.
      const [c] = res.kernelPair();
      assert.equal(s2.register(c, EVENT_READ).fd, c.fileno());
      // A synthetic number is not a descriptor one can register by number.
      assert.throws(() => s2.register(k1.fd + 1000, EVENT_READ), { name: "ValueError" });
    },
  ),
);

Deno.test("SelectorMapping works on a map of one's own", () => {
  const keys = new Map([[3, new SelectorKey(3, 3, EVENT_READ, null)]]);
  const view = new SelectorMapping(keys, (f) => typeof f === "number" ? keys.get(f) : undefined);
  assert.equal(view.size, 1);
  assert.equal(view.getItem(3).fd, 3);
  assert.throws(() => view.getItem(4), { name: "KeyError", message: "4 is not registered" });
});

Deno.test("BaseSelector: a selector of one's own gets getKey, modify and using", () => {
  class Dict extends BaseSelector<string> {
    keys = new Map<number, SelectorKey<string>>();
    register(fileobj: number, events: number, data = ""): SelectorKey<string> {
      const key = new SelectorKey(fileobj, fileobj, events, data);
      this.keys.set(fileobj, key);
      return key;
    }
    unregister(fileobj: number): SelectorKey<string> {
      const key = this.keys.get(fileobj)!;
      this.keys.delete(fileobj);
      return key;
    }
    select(): Promise<Array<[SelectorKey<string>, number]>> {
      return Promise.resolve([...this.keys.values()].map((k) => [k, k.events]));
    }
    getMap(): SelectorMapping<string> {
      return new SelectorMapping(this.keys, (f) => this.keys.get(f as number));
    }
  }
  using sel = new Dict();
  sel.register(5, EVENT_READ, "five");
  assert.equal(sel.getKey(5).data, "five");
  assert.equal(sel.modify(5, EVENT_WRITE, "again").events, EVENT_WRITE);
  assert.throws(() => sel.getKey(6), { name: "KeyError" });
});
