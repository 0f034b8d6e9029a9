import assert from "node:assert/strict";
import { OSError, OverflowError, ValueError } from "../../_errors/mod.ts";
import { getnameinfo } from "../../socket/getnameinfo.ts";
import {
  NI_DGRAM,
  NI_NAMEREQD,
  NI_NOFQDN,
  NI_NUMERICHOST,
  NI_NUMERICSERV,
} from "../../socket/constants.ts";
import { GaiError, gaiError } from "../../socket/errors.ts";
import { bothPaths, type Call, defineCorpusTests, oursIn } from "./_netdb_oracle.ts";

const NUMERIC = NI_NUMERICHOST | NI_NUMERICSERV;
// deno-lint-ignore no-explicit-any
const gni = getnameinfo as (...args: any[]) => Promise<[string, string]>;

Deno.test(
  "getnameinfo() formats numeric hosts and services",
  bothPaths(async () => {
    assert.deepEqual(await getnameinfo(["127.0.0.1", 8080], NUMERIC), ["127.0.0.1", "8080"]);
    assert.deepEqual(await getnameinfo(["::1", 80, 0, 0], NUMERIC), ["::1", "80"]);
    assert.deepEqual(await getnameinfo(["0::0001", 0], NUMERIC), ["::1", "0"]);
    assert.deepEqual(await getnameinfo(["127.1", 70000], NUMERIC), ["127.0.0.1", "4464"]);
    assert.deepEqual(await getnameinfo(["fe80::1", 80, 0, 99], NUMERIC), ["fe80::1%99", "80"]);
  }),
);

Deno.test(
  "getnameinfo() prints a link-local scope as the interface name, without FFI a number",
  bothPaths(async (fallback) => {
    const [host] = await getnameinfo(["fe80::1", 0, 0, 1], NUMERIC);
    if (fallback) assert.equal(host, "fe80::1%1");
    else assert.match(host, /^fe80::1%\w+$/);
  }),
);

Deno.test(
  "getnameinfo() names services from the services database",
  bothPaths(async () => {
    assert.deepEqual(await getnameinfo(["127.0.0.1", 80], NI_NUMERICHOST), ["127.0.0.1", "http"]);
    const [, domain] = await getnameinfo(["127.0.0.1", 53], NI_NUMERICHOST | NI_DGRAM);
    assert.equal(domain, "domain");
    const [, unnamed] = await getnameinfo(["127.0.0.1", 1], NI_NUMERICHOST | NI_DGRAM);
    assert.equal(unnamed, "1");
  }),
);

Deno.test(
  "getnameinfo() looks host names up, and NI_NAMEREQD demands one",
  bothPaths(async () => {
    const [host] = await getnameinfo(["127.0.0.1", 0], NI_NUMERICSERV | NI_NOFQDN);
    assert.equal(typeof host, "string");
    // TEST-NET-1 (RFC 5737) has no name.
    assert.deepEqual(await getnameinfo(["192.0.2.1", 0], NI_NUMERICSERV), ["192.0.2.1", "0"]);
    await assert.rejects(getnameinfo(["192.0.2.1", 0], NI_NAMEREQD), (e: unknown) => {
      assert.ok(e instanceof GaiError);
      assert.equal(e.errno, gaiError("EAI_NONAME").errno);
      return true;
    });
  }),
);

Deno.test(
  "getnameinfo() rejects what Python rejects",
  bothPaths(async () => {
    await assert.rejects(gni(["localhost", 80], 0), GaiError); // Not numeric.
    await assert.rejects(gni(["127.0.0.1", 80], 0x10000000), GaiError); // EAI_BADFLAGS
    await assert.rejects(gni(["127.0.0.1", 80, 0, 0], 0), (e: unknown) => {
      assert.ok(e instanceof OSError);
      assert.equal(e.message, "IPv4 sockaddr must be 2 tuple");
      return true;
    });
    await assert.rejects(gni("127.0.0.1", 0), {
      name: "TypeError",
      message: "getnameinfo() argument 1 must be a tuple",
    });
    await assert.rejects(gni(["127.0.0.1"], 0), {
      name: "TypeError",
      message: "getnameinfo(): illegal sockaddr argument",
    });
    await assert.rejects(gni([1, 80], 0), TypeError);
    await assert.rejects(gni(["127.0.0.1", "80"], 0), TypeError);
    await assert.rejects(gni(["127.0.0.1", 80], "0"), TypeError);
    await assert.rejects(gni(["::1", 80, 0x100000, 0], 0), OverflowError);
    await assert.rejects(gni(["127.0.0.1", 2 ** 31], 0), OverflowError);
    await assert.rejects(gni(["::\u00001", 80], 0), ValueError);
  }),
);

// Addresses that /etc/hosts does not name go to the DNS, which can be slow where it is
// unreachable, so most of them are only formatted numerically (flag 1 and 3).
function corpus(): Call[] {
  const calls: Call[] = [];
  const add = (sa: unknown, flags: unknown) => calls.push({ fn: "getnameinfo", args: [sa, flags] });
  for (const flags of [0, 1, 2, 4, 8, 16, 3, 18, 0x10000]) add(["127.0.0.1", 80], flags);
  for (const sa of [["::1", 80], ["192.0.2.1", 80]]) for (const flags of [0, 8]) add(sa, flags);
  const addrs = [
    ["::1", 80, 0, 0],
    ["127.0.0.1", 80, 0, 0],
    ["localhost", 80],
    ["127.0.0.1", 12345],
    ["127.0.0.1", -1],
    ["127.0.0.1", 70000],
    ["fe80::1%1", 80],
    ["::1", 80, 0, 1],
    ["::1", 80, 2 ** 20, 0],
    ["::1", 80, -1, 0],
    ["::1", 80, 1, 2 ** 32],
    ["127.0.0.1"],
    ["127.0.0.1", "80"],
    [1, 80],
    ["127.0.0.1", 80, 1, 2, 3],
    ["", 80],
    [null, 80],
    ["127.0.0.1", 2 ** 31],
    ["127.1", 0],
    ["::ffff:127.0.0.1", 53],
    ["0.0.0.0", 7],
  ];
  // The C library names a link-local scope by its interface; without FFI it is a number.
  addrs.push(["fe80::1", 80, 0, 1], ["ff02::1", 80, 0, 1]);
  for (const sa of addrs) for (const flags of [1, 3, 17, 0x10000]) add(sa, flags);
  add(["127.0.0.1", 80], "x");
  add(["127.0.0.1", 80], 2 ** 31);
  add(5, 0);
  return calls;
}

defineCorpusTests(corpus, {
  ffi: "getnameinfo() through FFI matches python3 over a corpus",
  noFfi: "getnameinfo() without FFI matches python3 over a corpus",
  // Link-local scope ids print as numbers without FFI (tested above).
  withoutFfi: (c) => {
    const sa = c.args[0] as unknown[];
    return !(sa.length === 4 && ["fe80::1", "ff02::1"].includes(sa[0] as string));
  },
  // The child repeats the calls that need no DNS (a resolver that drops a query costs
  // seconds); the DNS paths ran in this process.
  inChild: (c) => {
    const sa = c.args[0] as unknown[];
    return !(["::1", "192.0.2.1"].includes(sa[0] as string) && ((c.args[1] as number) & 1) === 0);
  },
});

Deno.test("getnameinfo() without permissions needs flags for names", async () => {
  const calls: Call[] = [
    { fn: "getnameinfo", args: [["127.0.0.1", 80], NUMERIC] },
    { fn: "getnameinfo", args: [["127.0.0.1", 80], NI_NUMERICSERV] },
    { fn: "getnameinfo", args: [["127.0.0.1", 80], NI_NUMERICHOST] },
  ];
  const [numeric, host, service] = await oursIn(calls, []);
  assert.deepEqual(numeric, { ok: ["127.0.0.1", "80"] });
  assert.ok("error" in host && host.error === "NotCapable", JSON.stringify(host));
  assert.ok("error" in service && service.error === "NotImplementedError");
  assert.match((service as { message: string }).message, /--allow-ffi/);
});
