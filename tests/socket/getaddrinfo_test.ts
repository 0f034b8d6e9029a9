import assert from "node:assert/strict";
import { OSError, OverflowError, ValueError } from "../../_errors/mod.ts";
import { getaddrinfo } from "../../socket/getaddrinfo.ts";
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  AI_CANONNAME,
  AI_NUMERICHOST,
  AI_NUMERICSERV,
  AI_PASSIVE,
  IPPROTO_TCP,
  IPPROTO_UDP,
  SOCK_DGRAM,
  SOCK_RAW,
  SOCK_STREAM,
} from "../../socket/constants.ts";
import { type EaiName, GaiError, gaiError } from "../../socket/errors.ts";
import { bothPaths, type Call, defineCorpusTests, hostsOnlyName, oursIn } from "./_netdb_oracle.ts";

const LINUX = Deno.build.os === "linux";

async function rejectsGai(promise: Promise<unknown>, name: EaiName): Promise<void> {
  const expected = gaiError(name);
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof GaiError, String(e));
    assert.equal(e.name, "gaierror");
    assert.equal(e.errno, expected.errno);
    assert.equal(e.message, `[Errno ${expected.errno}] ${expected.strerror}`);
    return true;
  });
}

Deno.test(
  "getaddrinfo() resolves numeric addresses without a lookup",
  bothPaths(async () => {
    assert.deepEqual(await getaddrinfo("127.0.0.1", 8080, AF_INET, SOCK_STREAM), [
      [AF_INET, SOCK_STREAM, IPPROTO_TCP, "", ["127.0.0.1", 8080]],
    ]);
    assert.deepEqual(await getaddrinfo("::1", "443", AF_INET6, SOCK_DGRAM), [
      [AF_INET6, SOCK_DGRAM, IPPROTO_UDP, "", ["::1", 443, 0, 0]],
    ]);
    assert.deepEqual(await getaddrinfo("127.1", 0, 0, SOCK_STREAM), [
      [AF_INET, SOCK_STREAM, IPPROTO_TCP, "", ["127.0.0.1", 0]],
    ]);
    assert.deepEqual(
      await getaddrinfo("127.0.0.1", null, 0, 0, 0, AI_CANONNAME | AI_NUMERICHOST)
        .then((r) => r[0][3]),
      "127.0.0.1",
    );
  }),
);

Deno.test(
  "getaddrinfo() with type 0 returns one entry per socket type, as glibc",
  { ignore: !LINUX },
  bothPaths(async () => {
    assert.deepEqual(await getaddrinfo("127.0.0.1", 80), [
      [AF_INET, SOCK_STREAM, IPPROTO_TCP, "", ["127.0.0.1", 80]],
      [AF_INET, SOCK_DGRAM, IPPROTO_UDP, "", ["127.0.0.1", 80]],
      [AF_INET, SOCK_RAW, 0, "", ["127.0.0.1", 80]],
    ]);
  }),
);

Deno.test(
  "getaddrinfo() with a null host gives loopback, or the wildcard with AI_PASSIVE",
  bothPaths(async () => {
    const first = async (family: number, flags: number) =>
      (await getaddrinfo(null, 7, family, SOCK_STREAM, 0, flags))[0][4];
    assert.deepEqual(await first(AF_INET, 0), ["127.0.0.1", 7]);
    assert.deepEqual(await first(AF_INET, AI_PASSIVE), ["0.0.0.0", 7]);
    assert.deepEqual(await first(AF_INET6, 0), ["::1", 7, 0, 0]);
    assert.deepEqual(await first(AF_INET6, AI_PASSIVE), ["::", 7, 0, 0]);
    assert.equal((await getaddrinfo("*", 7, 0, SOCK_STREAM)).length, 2);
  }),
);

Deno.test(
  "getaddrinfo() resolves localhost and service names",
  bothPaths(async () => {
    const infos = await getaddrinfo("localhost", "http", AF_INET, SOCK_STREAM, 0, AI_CANONNAME);
    assert.deepEqual(infos[0], [AF_INET, SOCK_STREAM, IPPROTO_TCP, "localhost", [
      "127.0.0.1",
      80,
    ]]);
    assert.deepEqual(
      await getaddrinfo("127.0.0.1", "080", AF_INET, SOCK_STREAM).then((r) => r[0][4]),
      ["127.0.0.1", 80],
    );
  }),
);

Deno.test(
  "getaddrinfo() rejects with Python's GaiError codes",
  bothPaths(async () => {
    await rejectsGai(getaddrinfo("no-such-host.invalid", 80), "EAI_NONAME");
    await rejectsGai(getaddrinfo("127.0.0.1", "no-such-service"), "EAI_SERVICE");
    await rejectsGai(getaddrinfo("127.0.0.1", "http", 0, 0, 0, AI_NUMERICSERV), "EAI_NONAME");
    await rejectsGai(getaddrinfo("localhost", 80, 0, 0, 0, AI_NUMERICHOST), "EAI_NONAME");
    await rejectsGai(getaddrinfo(null, null), "EAI_NONAME");
    await rejectsGai(getaddrinfo("127.0.0.1", 80, AF_UNIX), "EAI_FAMILY");
    await rejectsGai(getaddrinfo("127.0.0.1", 80, 0, 99), "EAI_SOCKTYPE");
    await rejectsGai(getaddrinfo("127.0.0.1", 80, 0, 0, 0, 0x10000000), "EAI_BADFLAGS");
    await rejectsGai(getaddrinfo(null, 80, 0, 0, 0, AI_CANONNAME), "EAI_BADFLAGS");
    if (LINUX) await rejectsGai(getaddrinfo("127.0.0.1", 80, AF_INET6), "EAI_ADDRFAMILY");
  }),
);

Deno.test(
  "getaddrinfo() rejects bad arguments as Python does",
  bothPaths(async () => {
    // deno-lint-ignore no-explicit-any
    const gai = getaddrinfo as (...args: any[]) => Promise<unknown>;
    await assert.rejects(gai(1, 80), {
      name: "TypeError",
      message: "getaddrinfo() argument 1 must be string or None",
    });
    for (const port of [80.5, true, [80]]) {
      await assert.rejects(gai("127.0.0.1", port), (e: unknown) => {
        assert.ok(e instanceof OSError);
        assert.equal(e.errno, null);
        assert.equal(e.message, "Int or String expected");
        return true;
      });
    }
    await assert.rejects(gai("127.0.0.1", 80, "x"), {
      name: "TypeError",
      message: "'str' object cannot be interpreted as an integer",
    });
    await assert.rejects(gai("127.0.0.1", 80, 2 ** 31), OverflowError);
    await assert.rejects(gai("127.0.0.1", 2 ** 63), OverflowError);
    await assert.rejects(gai("a..b", 80), (e: unknown) => {
      assert.ok(e instanceof ValueError);
      assert.match(e.message, /label empty or too long/);
      return true;
    });
  }),
);

// Names that no /etc/hosts lists, so that the resolver asks the DNS.
const DNS_NAMES = ["ip6-localhost", "no-such-host.invalid"];

// The corpus. Names that /etc/hosts may not answer for a family go to the DNS, which can
// be slow where it is unreachable, so few calls carry them.
function corpus(): Call[] {
  const calls: Call[] = [];
  const add = (...args: unknown[]) => calls.push({ fn: "getaddrinfo", args });
  const extra = hostsOnlyName();
  const known = [null, "", "localhost", "127.0.0.1", "::1", "127.1", "LOCALHOST", "*"];
  if (extra) known.push(extra);
  const ports = [null, 0, 80, "80", "http", "domain", "no-such-service", "", -1, 70000, "*"];
  for (const h of known) for (const p of ports) add(h, p, AF_INET);
  for (const h of [null, "::1", "::ffff:1.2.3.4"]) for (const p of ports) add(h, p);
  for (const h of [...DNS_NAMES, "fe80::1%1", "::1%lo", "a..b"]) add(h, 80);
  add("localhost", 80);
  for (const h of ["127.0.0.1", "::1", null]) {
    for (const family of [0, AF_INET, AF_INET6, AF_UNIX]) {
      for (const type of [0, SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, 99]) {
        for (const proto of [0, IPPROTO_TCP, IPPROTO_UDP, 99]) add(h, 80, family, type, proto);
      }
    }
  }
  const flagHosts = ["localhost", "127.0.0.1", "::ffff:127.0.0.1", "::1", null];
  if (extra) flagHosts.push(extra);
  for (const h of flagHosts) {
    for (const family of [0, AF_INET, AF_INET6]) {
      for (const flags of [0, 1, 2, 4, 8, 16, 24, 32, 1024, 0x800, 0x1000, 3]) {
        // A name without an IPv6 entry would ask the DNS; V4MAPPED answers from the file.
        if (family === AF_INET6 && typeof h === "string" && !h.includes(":") && !(flags & 8)) {
          continue;
        }
        add(h, "http", family, 0, 0, flags);
      }
    }
  }
  return calls;
}

defineCorpusTests(corpus, {
  ffi: "getaddrinfo() through FFI matches python3 over a corpus",
  noFfi: "getaddrinfo() without FFI matches python3 over a corpus",
  // The child repeats the calls that need no DNS (a resolver that drops a query costs
  // seconds); the DNS paths ran in this process.
  inChild: (c) => !DNS_NAMES.includes(c.args[0] as string),
});

Deno.test("getaddrinfo() without permissions resolves numbers, names need flags", async () => {
  const calls: Call[] = [
    { fn: "getaddrinfo", args: ["127.0.0.1", 80, AF_INET, SOCK_STREAM] },
    { fn: "getaddrinfo", args: [null, 0, AF_INET6, SOCK_STREAM, 0, AI_PASSIVE] },
    { fn: "getaddrinfo", args: ["localhost", 80] },
    { fn: "getaddrinfo", args: ["127.0.0.1", "http"] },
  ];
  const [v4, wildcard, name, service] = await oursIn(calls, []);
  assert.deepEqual(v4, { ok: [[AF_INET, SOCK_STREAM, IPPROTO_TCP, "", ["127.0.0.1", 80]]] });
  assert.deepEqual(wildcard, { ok: [[AF_INET6, SOCK_STREAM, IPPROTO_TCP, "", ["::", 0, 0, 0]]] });
  assert.ok("error" in name && name.error === "NotCapable", JSON.stringify(name));
  assert.match((name as { message: string }).message, /--allow-net/);
  assert.ok("error" in service && service.error === "NotImplementedError");
  assert.match((service as { message: string }).message, /--allow-ffi/);
});
