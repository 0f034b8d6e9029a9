import assert from "node:assert/strict";
import { decodeKevents, encodeKevents } from "../../_ffi/kqueue.ts";
import {
  Kevent,
  KQ_EV_ADD,
  KQ_EV_DELETE,
  KQ_FILTER_READ,
  KQ_FILTER_WRITE,
} from "../../select/mod.ts";

Deno.test("Kevent: Python's defaults and fields", () => {
  const ev = new Kevent(3);
  assert.deepEqual(
    [ev.ident, ev.filter, ev.flags, ev.fflags, ev.data, ev.udata],
    [3, KQ_FILTER_READ, KQ_EV_ADD, 0, 0, 0],
  );
  const full = new Kevent({ fileno: () => 9 }, KQ_FILTER_WRITE, KQ_EV_DELETE, 4, -5, 6);
  assert.deepEqual(
    [full.ident, full.filter, full.flags, full.fflags, full.data, full.udata],
    [9, KQ_FILTER_WRITE, KQ_EV_DELETE, 4, -5, 6],
  );
  assert.equal(
    String(full),
    "<select.kevent ident=9 filter=-2 flags=0x2 fflags=0x4 data=-0x5 udata=0x6>",
  );
});

Deno.test("Kevent: equality and ordering follow Python's tuple comparison", () => {
  assert.ok(new Kevent(1).equals(new Kevent(1)));
  assert.ok(!new Kevent(1).equals(new Kevent(1, KQ_FILTER_WRITE)));
  assert.ok(!new Kevent(1).equals({ ...new Kevent(1) }));
  assert.equal(new Kevent(1).compare(new Kevent(2)), -1);
  assert.equal(new Kevent(2, KQ_FILTER_WRITE).compare(new Kevent(2, KQ_FILTER_READ)), -1);
  assert.equal(new Kevent(2, -1, 1, 0, 0, 9).compare(new Kevent(2, -1, 1, 0, 0, 8)), 1);
  const sorted = [new Kevent(5), new Kevent(1, -1, 2), new Kevent(1, -1, 1)].sort(Kevent.compare);
  assert.deepEqual(sorted.map((e) => [e.ident, e.flags]), [[1, 1], [1, 2], [5, 1]]);
  assert.throws(() => new Kevent(1).compare(1 as unknown as Kevent), TypeError);
});

Deno.test("Kevent: bad arguments", () => {
  assert.throws(() => new Kevent("x" as unknown as number), {
    message: "argument must be an int, or have a fileno() method.",
  });
  assert.throws(() => new Kevent(-1), { name: "OverflowError" });
  assert.throws(() => new Kevent(1, 40000), { name: "OverflowError" });
  assert.throws(() => new Kevent(1, -1, 70000), { name: "OverflowError" });
  assert.throws(() => new Kevent(1, -1, 1, 1.5), TypeError);
  assert.throws(() => new Kevent({ fileno: () => "3" } as unknown as number), {
    message: "fileno() returned a non-integer",
  });
});

Deno.test("Kevent: struct kevent packing round-trips (32 bytes each)", () => {
  const events = [new Kevent(7, KQ_FILTER_WRITE, KQ_EV_DELETE, 0x80000000, -2, 2 ** 40)];
  events.push(new Kevent(2 ** 33, -7, 0xffff, 3, 2 ** 50, 1));
  const bytes = encodeKevents(events);
  assert.equal(bytes.length, 64);
  const view = new DataView(bytes.buffer);
  assert.equal(view.getBigUint64(0, true), 7n); // ident
  assert.equal(view.getInt16(8, true), KQ_FILTER_WRITE); // filter
  assert.equal(view.getUint16(10, true), KQ_EV_DELETE); // flags
  assert.equal(view.getUint32(12, true), 0x80000000); // fflags
  assert.equal(view.getBigInt64(16, true), -2n); // data
  assert.equal(view.getBigUint64(24, true), 2n ** 40n); // udata
  const back = decodeKevents(bytes, 2).map((f) => Object.assign(new Kevent(0), f));
  assert.ok(back.every((e, i) => e.equals(events[i])));
});
