import assert from "node:assert/strict";
import * as constants from "../../socket/constants.ts";
import { AddressFamily, AddressInfo, MsgFlag, SocketKind } from "../../socket/enums.ts";
import { familyName, kindName } from "../../socket/_enum_names.ts";
import { cpythonSocket, NEEDS_PYTHON } from "./_cpython.ts";

const EXPORTS = constants as unknown as Readonly<Record<string, number | undefined>>;
type Members = Readonly<Record<string, number | undefined>>;
const ENUMS: [string, string, Members][] = [
  ["AddressFamily", "AF_", AddressFamily as unknown as Members],
  ["SocketKind", "SOCK_", SocketKind as unknown as Members],
  ["MsgFlag", "MSG_", MsgFlag as unknown as Members],
  ["AddressInfo", "AI_", AddressInfo as unknown as Members],
];
const PYTHON = cpythonSocket();

Deno.test("socket enums hold every all-capitals constant of their prefix", async (t) => {
  for (const [name, prefix, members] of ENUMS) {
    await t.step(name, () => {
      const expected = Object.keys(EXPORTS).filter((key) =>
        key.startsWith(prefix) && key === key.toUpperCase() && EXPORTS[key] !== undefined
      );
      assert.deepEqual(Object.keys(members).sort(), expected.sort());
      for (const key of Object.keys(members)) assert.equal(members[key], EXPORTS[key], key);
    });
  }
  assert.equal(AddressFamily.AF_INET, constants.AF_INET);
  assert.equal(SocketKind.SOCK_STREAM, constants.SOCK_STREAM);
  assert.equal(MsgFlag.MSG_PEEK, constants.MSG_PEEK);
  assert.equal(AddressInfo.AI_PASSIVE, constants.AI_PASSIVE);
  assert.ok(!("AF_DECnet" in AddressFamily));
});

Deno.test("socket enums list members by value, then name, as Python's __members__", () => {
  for (const [, , members] of ENUMS) {
    const entries = Object.entries(members) as [string, number][];
    const sorted = [...entries].sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0));
    assert.deepEqual(entries, sorted);
  }
});

Deno.test("socket enums look names up by value", () => {
  assert.equal(AddressFamily[constants.AF_INET], "AF_INET");
  assert.equal(AddressFamily[constants.AF_INET6], "AF_INET6");
  assert.equal(AddressFamily[constants.AF_UNIX], "AF_UNIX");
  assert.equal(SocketKind[constants.SOCK_DGRAM], "SOCK_DGRAM");
  assert.equal(MsgFlag[constants.MSG_WAITALL], "MSG_WAITALL");
  assert.equal(AddressInfo[constants.AI_CANONNAME], "AI_CANONNAME");
  assert.equal(AddressFamily[12345], undefined);
  assert.equal(SocketKind[-1], undefined);
  // Reverse entries are not enumerable: keys and entries are the members only.
  assert.ok(Object.keys(AddressFamily).every((key) => key.startsWith("AF_")));
  assert.ok(Object.hasOwn(AddressFamily, constants.AF_INET));
});

Deno.test({
  name: "AddressFamily[16] is AF_NETLINK on Linux, the first of two names in Python's order",
  ignore: Deno.build.os !== "linux",
  fn(): void {
    assert.equal(AddressFamily.AF_ROUTE, 16);
    assert.equal(AddressFamily.AF_NETLINK, 16);
    assert.equal(AddressFamily[16], "AF_NETLINK");
  },
});

Deno.test("socket enums are frozen", () => {
  for (const [name, , members] of ENUMS) {
    assert.ok(Object.isFrozen(members), name);
    assert.throws(() => {
      (members as Record<string, number>).AF_INET = 99;
    }, TypeError);
  }
});

Deno.test({
  name: `socket enums equal Python's __members__ on Linux ${NEEDS_PYTHON}`,
  ignore: PYTHON === null || PYTHON.version.join(".") !== "3.11",
  fn(): void {
    for (const [name, , members] of ENUMS) {
      assert.deepEqual(Object.entries(members), PYTHON!.enums[name], name);
    }
  },
});

Deno.test("familyName() and kindName() name a value for reprs", () => {
  assert.equal(familyName(constants.AF_INET), "AF_INET");
  assert.equal(familyName(constants.AF_UNIX), "AF_UNIX");
  assert.equal(familyName(-7), undefined);
  assert.equal(familyName(2.5), undefined);
  assert.equal(kindName(constants.SOCK_STREAM), "SOCK_STREAM");
  assert.equal(kindName(constants.SOCK_STREAM | (constants.SOCK_NONBLOCK ?? 0x100000)), undefined);
});
