import assert from "node:assert/strict";
import { OSError } from "../../_errors/mod.ts";
import { GaiError, gaiError, HError } from "../../socket/errors.ts";
import {
  getfqdn,
  gethostbyaddr,
  gethostbyname,
  gethostbynameEx,
  gethostname,
} from "../../socket/hostname.ts";
import { bothPaths, type Call, defineCorpusTests, hostsOnlyName, oursIn } from "./_netdb_oracle.ts";

Deno.test(
  "gethostname() is the machine's name",
  bothPaths(() => {
    assert.equal(gethostname(), Deno.hostname());
  }),
);

Deno.test(
  "gethostbyname() handles numbers, the wildcard and <broadcast> without a lookup",
  bothPaths(async () => {
    assert.equal(await gethostbyname("127.0.0.1"), "127.0.0.1");
    assert.equal(await gethostbyname("127.1"), "127.0.0.1");
    assert.equal(await gethostbyname(""), "0.0.0.0");
    assert.equal(await gethostbyname("<broadcast>"), "255.255.255.255");
    assert.equal(await gethostbyname("localhost"), "127.0.0.1");
    await assert.rejects(gethostbyname("::1"), (e: unknown) => {
      assert.ok(e instanceof GaiError);
      assert.equal(e.errno, gaiError("EAI_ADDRFAMILY").errno);
      return true;
    });
    await assert.rejects(gethostbyname("no-such-host.invalid"), GaiError);
    await assert.rejects(gethostbyname("a\0b"), {
      name: "TypeError",
      message: "gethostbyname() argument 1 must be encoded string without null bytes, not str",
    });
  }),
);

Deno.test(
  "gethostbynameEx() and gethostbyaddr() return [name, aliases, addresses]",
  bothPaths(async () => {
    assert.deepEqual(await gethostbynameEx("127.0.0.1"), ["127.0.0.1", [], ["127.0.0.1"]]);
    const [name, aliases, addrs] = await gethostbynameEx("localhost");
    assert.equal(name.toLowerCase(), "localhost");
    assert.ok(Array.isArray(aliases));
    assert.deepEqual(addrs, ["127.0.0.1"]);
    await assert.rejects(gethostbynameEx("no-such-host.invalid"), GaiError);
    // TEST-NET-1 (RFC 5737) has no name.
    await assert.rejects(gethostbyaddr("192.0.2.1"), (e: unknown) => {
      assert.ok(e instanceof HError);
      assert.equal(e.name, "herror");
      assert.equal(e.errno, 1);
      assert.equal(e.message, "[Errno 1] Unknown host");
      return true;
    });
    await assert.rejects(gethostbyaddr(""), (e: unknown) => {
      assert.ok(e instanceof OSError && e.errno === null);
      assert.equal(e.message, "wildcard resolved to multiple address");
      return true;
    });
  }),
);

Deno.test(
  "getfqdn() falls back to the name it was given",
  bothPaths(async () => {
    assert.equal(await getfqdn("192.0.2.1"), "192.0.2.1");
    assert.equal(await getfqdn("  no-such-host.invalid "), "no-such-host.invalid");
    assert.equal(typeof await getfqdn(), "string");
  }),
);

function corpus(): Call[] {
  const names = [
    "localhost",
    "127.0.0.1",
    "::1",
    "",
    "<broadcast>",
    "255.255.255.255",
    "no-such-host.invalid",
    "127.1",
    "0x7f.1",
    "0.0.0.0",
    "LOCALHOST",
    "::ffff:127.0.0.1",
    "192.0.2.1",
    "::",
    " localhost ",
    "a..b",
    "a\0b",
    "fe80::1%1",
  ];
  const extra = hostsOnlyName();
  if (extra) names.push(extra);
  const calls: Call[] = [{ fn: "gethostname", args: [] }, { fn: "getfqdn", args: [] }];
  for (const name of names) {
    for (const fn of ["gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getfqdn"]) {
      calls.push({ fn, args: [name] });
    }
  }
  for (const fn of ["gethostbyname", "gethostbyname_ex", "gethostbyaddr"]) {
    calls.push({ fn, args: [1] });
  }
  return calls;
}

// The names that need no DNS.
const LOCAL = ["localhost", "127.0.0.1", "", "127.1", "LOCALHOST", " localhost ", "a..b"];

defineCorpusTests(corpus, {
  ffi: "host functions through FFI match python3 over a corpus",
  noFfi: "host functions without FFI match python3 over a corpus",
  // The child repeats the names that need no DNS (a resolver that drops a query costs
  // seconds); the DNS paths ran in this process.
  inChild: (c) => c.args.length === 0 || LOCAL.includes(c.args[0] as string),
});

Deno.test("host functions without permissions name the flag they need", async () => {
  const calls: Call[] = [
    { fn: "gethostbyname", args: ["127.0.0.1"] },
    { fn: "gethostbyname", args: ["localhost"] },
    { fn: "gethostname", args: [] },
  ];
  const [numeric, name, hostname] = await oursIn(calls, []);
  assert.deepEqual(numeric, { ok: "127.0.0.1" });
  assert.ok("error" in name && name.error === "NotCapable", JSON.stringify(name));
  assert.ok("error" in hostname && hostname.error === "NotCapable");
  assert.match((hostname as { message: string }).message, /--allow-sys/);
});
