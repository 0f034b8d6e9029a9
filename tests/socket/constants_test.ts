import assert from "node:assert/strict";
import * as constants from "../../socket/constants.ts";
import { SOCKET_DARWIN } from "../../_ffi/constants_darwin.ts";
import { SOCKET_LINUX } from "../../_ffi/constants_linux.ts";
import { cpythonSocket, NEEDS_PYTHON } from "./_cpython.ts";
import { AF_INET6, SOCK_DGRAM, SOCK_STREAM } from "../../socket/mod.ts";
import { BACKENDS, hasIpv6Loopback, newSocket } from "../_helpers/loopback.ts";

const LINUX: Readonly<Record<string, number>> = SOCKET_LINUX;
const DARWIN: Readonly<Record<string, number>> = SOCKET_DARWIN;
const RUNNING = Deno.build.os === "darwin" ? DARWIN : LINUX;
const EXPORTS = constants as unknown as Readonly<Record<string, unknown>>;
const NAMES = Object.keys(EXPORTS).filter((name) => name !== "has_ipv6");
const PYTHON = cpythonSocket();

Deno.test({
  name: `socket constants equal CPython's on Linux ${NEEDS_PYTHON}`,
  ignore: PYTHON === null,
  async fn(t): Promise<void> {
    const python = PYTHON!;
    await t.step("every name both have has Python's value", () => {
      const shared = Object.keys(python.constants).filter((name) => name in EXPORTS);
      assert.ok(shared.length > 300, `only ${shared.length} names in common`);
      for (const name of shared) assert.equal(EXPORTS[name], python.constants[name], name);
    });
    // The Linux table is CPython 3.11's; another python3 version adds or drops a few names.
    await t.step({
      name: "the names are exactly Python 3.11's",
      ignore: python.version.join(".") !== "3.11",
      fn(): void {
        const defined = NAMES.filter((name) => EXPORTS[name] !== undefined).sort();
        assert.deepEqual(defined, Object.keys(python.constants).sort());
        for (const name of NAMES) {
          if (!(name in python.constants)) assert.equal(EXPORTS[name], undefined, name);
        }
      },
    });
  },
});

Deno.test("socket constants are the union of the Linux and macOS tables", () => {
  const union = new Set([...Object.keys(LINUX), ...Object.keys(DARWIN)]);
  assert.deepEqual([...NAMES].sort(), [...union].sort());
  assert.equal(Object.keys(LINUX).length, 340);
  assert.equal(Object.keys(DARWIN).length, 182);
  assert.equal(NAMES.length, 366);
  for (const name of NAMES) assert.equal(EXPORTS[name], RUNNING[name], name);
});

Deno.test("socket constants of one platform only are undefined on the other", () => {
  const linuxOnly = [
    "SOCK_NONBLOCK",
    "SOCK_CLOEXEC",
    "AF_PACKET",
    "AF_NETLINK",
    "AF_CAN",
    "AF_VSOCK",
    "CAN_RAW",
    "TCP_KEEPIDLE",
    "TCP_USER_TIMEOUT",
    "SO_PEERCRED",
    "SO_DOMAIN",
    "MSG_MORE",
    "MSG_CMSG_CLOEXEC",
    "IPPROTO_UDPLITE",
    "SCM_CREDENTIALS",
  ];
  const darwinOnly = [
    "AF_LINK",
    "AF_SYSTEM",
    "TCP_KEEPALIVE",
    "TCP_CONNECTION_INFO",
    "SO_USELOOPBACK",
    "LOCAL_PEERCRED",
    "SCM_CREDS",
    "MSG_EOF",
    "EAI_BADHINTS",
    "AI_DEFAULT",
    "IP_RECVDSTADDR",
    "IPPROTO_GGP",
  ];
  for (const name of linuxOnly) {
    assert.ok(name in LINUX && !(name in DARWIN), name);
    assert.equal(EXPORTS[name], Deno.build.os === "darwin" ? undefined : LINUX[name], name);
  }
  for (const name of darwinOnly) {
    assert.ok(name in DARWIN && !(name in LINUX), name);
    assert.equal(EXPORTS[name], Deno.build.os === "darwin" ? DARWIN[name] : undefined, name);
  }
});

Deno.test("socket constants' types and JSDoc say which platforms have them", async () => {
  const DECLARATION =
    /\/\*\* (.+?) \*\/\nexport const (\w+): (number(?: \| undefined)?) = (both|only)\(\s*"(\w+)",?\s*\);/g;
  const folder = new URL("../../socket/", import.meta.url);
  const seen: string[] = [];
  for await (const entry of Deno.readDir(folder)) {
    if (!/^_constants_\w+\.ts$/.test(entry.name) || entry.name === "_constants_table.ts") continue;
    const source = await Deno.readTextFile(new URL(entry.name, folder));
    for (const [, doc, name, type, accessor, argument] of source.matchAll(DECLARATION)) {
      const where = `${entry.name}: ${name}`;
      const inLinux = name in LINUX;
      const inDarwin = name in DARWIN;
      seen.push(name);
      assert.equal(argument, name, where);
      assert.equal(type, inLinux && inDarwin ? "number" : "number | undefined", where);
      assert.equal(accessor, inLinux && inDarwin ? "both" : "only", where);
      assert.equal(doc.includes("(Linux only"), inLinux && !inDarwin, where);
      assert.equal(doc.includes("(macOS only"), inDarwin && !inLinux, where);
    }
  }
  assert.deepEqual(seen.sort(), [...NAMES].sort());
});

Deno.test("SOCKET_DARWIN has macOS's values", () => {
  const expected: Record<string, number> = {
    AF_UNIX: 1,
    AF_INET: 2,
    AF_INET6: 30,
    AF_ROUTE: 17,
    AF_LINK: 18,
    AF_SYSTEM: 32,
    SOCK_STREAM: 1,
    SOCK_DGRAM: 2,
    SOL_SOCKET: 0xffff,
    SO_REUSEADDR: 0x4,
    SO_REUSEPORT: 0x200,
    SO_SNDBUF: 0x1001,
    SO_ERROR: 0x1007,
    SOMAXCONN: 128,
    MSG_DONTWAIT: 0x80,
    MSG_NOSIGNAL: 0x80000,
    SCM_RIGHTS: 1,
    IPPROTO_IPV6: 41,
    IP_ADD_MEMBERSHIP: 12,
    IPV6_V6ONLY: 27,
    IPV6_JOIN_GROUP: 12,
    IPV6_RECVPKTINFO: 61,
    IPV6_PKTINFO: 46,
    TCP_NODELAY: 1,
    TCP_KEEPALIVE: 0x10,
    TCP_KEEPINTVL: 0x101,
    LOCAL_PEERCRED: 1,
    EAI_ADDRFAMILY: 1,
    EAI_AGAIN: 2,
    EAI_NONAME: 8,
    EAI_SYSTEM: 11,
    EAI_OVERFLOW: 14,
    AI_NUMERICSERV: 0x1000,
    AI_DEFAULT: 0x600,
    NI_NUMERICHOST: 2,
    NI_MAXHOST: 1025,
    INADDR_LOOPBACK: 0x7f000001,
  };
  for (const [name, value] of Object.entries(expected)) assert.equal(DARWIN[name], value, name);
  const eai = Object.entries(DARWIN).filter(([name]) => name.startsWith("EAI_"));
  assert.deepEqual(
    eai.map(([, value]) => value).sort((a, b) => a - b),
    [
      ...Array(15).keys(),
    ].map((i) => i + 1),
  );
});

Deno.test("SOCKET_LINUX has Linux's values where they differ from macOS", () => {
  assert.equal(LINUX.AF_INET6, 10);
  assert.equal(LINUX.SOL_SOCKET, 1);
  assert.equal(LINUX.SO_REUSEPORT, 15);
  assert.equal(LINUX.EAI_NONAME, -2);
  assert.equal(LINUX.MSG_NOSIGNAL, 0x4000);
  assert.equal(LINUX.SOCK_NONBLOCK, 0o4000);
});

Deno.test("has_ipv6 is true: IPv6 sockets can be made on both backends", () => {
  assert.equal(constants.has_ipv6, true);
  for (const backend of BACKENDS) {
    for (const type of [SOCK_STREAM, SOCK_DGRAM]) {
      using s = newSocket(backend, AF_INET6, type);
      assert.equal(s.family, AF_INET6);
      assert.equal(s.type, type);
    }
  }
});

Deno.test({
  name: "has_ipv6: an IPv6 socket binds to ::1 (needs an IPv6 loopback)",
  ignore: !constants.has_ipv6 || !hasIpv6Loopback(),
  fn(): void {
    for (const backend of BACKENDS) {
      for (const type of [SOCK_STREAM, SOCK_DGRAM]) {
        using s = newSocket(backend, AF_INET6, type);
        s.bind(["::1", 0]);
        const [host, port, flowinfo, scopeId] = s.getsockname() as [string, number, number, number];
        assert.equal(host, "::1", `${backend} ${type}`);
        assert.ok(port > 0 && port < 65536, `${backend} ${type}: port ${port}`);
        assert.equal(flowinfo, 0);
        assert.equal(scopeId, 0);
      }
    }
  },
});
