import assert from "node:assert/strict";
import { NotImplementedError, OSError } from "../../_errors/mod.ts";
import { isIpLiteral, resolveHost, resolveHostSync } from "../../socket/_resolve.ts";
import { AF_INET, AF_INET6, AF_UNIX, AF_UNSPEC } from "../../socket/constants.ts";
import { GaiError } from "../../socket/errors.ts";
import { bothPaths, type Call, hostsOnlyName, oursIn } from "./_netdb_oracle.ts";

Deno.test("isIpLiteral() tells IPv4 and IPv6 literals from names", () => {
  assert.equal(isIpLiteral("127.0.0.1"), 4);
  assert.equal(isIpLiteral("::1"), 6);
  assert.equal(isIpLiteral("::ffff:1.2.3.4"), 6);
  assert.equal(isIpLiteral("fe80::1%eth0"), 6);
  assert.equal(isIpLiteral("fe80::1%"), 0);
  assert.equal(isIpLiteral("127.1"), 0);
  assert.equal(isIpLiteral("localhost"), 0);
  assert.equal(isIpLiteral(""), 0);
});

// The cases both resolvers answer alike, without any lookup.
const SPECIAL: [number, string, string][] = [
  [AF_INET, "", "0.0.0.0"],
  [AF_INET6, "", "::"],
  [AF_INET, "<broadcast>", "255.255.255.255"],
  [AF_UNSPEC, "255.255.255.255", "255.255.255.255"],
  [AF_INET, "10.1.2.3", "10.1.2.3"],
  [AF_UNSPEC, "10.1.2.3", "10.1.2.3"],
  [AF_INET6, "::FFFF:10.1.2.3", "::ffff:10.1.2.3"],
  [AF_INET6, "0:0::1", "::1"],
  [AF_INET, "127.1", "127.0.0.1"],
  [AF_INET6, "fe80::1%7", "fe80::1%7"],
];

Deno.test(
  "resolveHost() and resolveHostSync() follow Python's setipaddr",
  bothPaths(async () => {
    for (const [family, host, expected] of SPECIAL) {
      assert.equal(await resolveHost(family, host), expected, `${family} ${host}`);
      assert.equal(resolveHostSync(family, host), expected, `${family} ${host}`);
    }
    assert.equal(await resolveHost(AF_INET, "localhost"), "127.0.0.1");
    const extra = hostsOnlyName();
    if (extra) assert.equal(resolveHostSync(AF_INET, extra), await resolveHost(AF_INET, extra));
  }),
);

Deno.test(
  "resolveHostSync() gives loopback for localhost without a lookup",
  bothPaths(() => {
    assert.equal(resolveHostSync(AF_INET, "localhost"), "127.0.0.1");
    assert.equal(resolveHostSync(AF_INET6, "LocalHost"), "::1");
    assert.equal(resolveHostSync(AF_UNSPEC, "localhost"), "127.0.0.1");
  }),
);

Deno.test(
  "resolveHost() and resolveHostSync() throw Python's errors",
  bothPaths(async (fallback) => {
    const both = async (family: number, host: string, check: (e: unknown) => boolean) => {
      await assert.rejects(resolveHost(family, host), check);
      assert.throws(() => resolveHostSync(family, host), check);
    };
    await both(AF_UNSPEC, "", (e) => {
      assert.ok(e instanceof OSError && e.errno === null);
      return e.message === "wildcard resolved to multiple address";
    });
    await both(AF_INET6, "<broadcast>", (e) => {
      return e instanceof OSError && e.message === "address family mismatched";
    });
    await both(AF_UNIX, "", (e) => e instanceof GaiError);
    await both(AF_INET, "a\0b", (e) => {
      return e instanceof TypeError && e.message === "host name must not contain null character";
    });
    await both(AF_INET6, "10.1.2.3", (e) => e instanceof GaiError);
    await assert.rejects(resolveHost(AF_INET, "no-such-host.invalid"), GaiError);
    if (fallback) {
      assert.throws(() => resolveHostSync(AF_INET, "no-such-host.invalid"), NotImplementedError);
    } else {
      assert.throws(() => resolveHostSync(AF_INET, "no-such-host.invalid"), GaiError);
    }
  }),
);

Deno.test("resolveHostSync() without permissions names the flag it needs", async () => {
  const calls: Call[] = [
    { fn: "resolve_host_sync", args: [AF_INET, "localhost"] },
    { fn: "resolve_host_sync", args: [AF_INET, "10.0.0.1"] },
    { fn: "resolve_host_sync", args: [AF_INET, "example.invalid"] },
    { fn: "resolve_host", args: [AF_INET, "example.invalid"] },
  ];
  const [localhost, numeric, name, asyncName] = await oursIn(calls, []);
  assert.deepEqual(localhost, { ok: "127.0.0.1" });
  assert.deepEqual(numeric, { ok: "10.0.0.1" });
  assert.ok("error" in name && name.error === "NotImplementedError", JSON.stringify(name));
  assert.match(name.message, /--allow-ffi/);
  assert.ok("error" in asyncName && asyncName.error === "NotCapable", JSON.stringify(asyncName));
});
