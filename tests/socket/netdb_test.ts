import assert from "node:assert/strict";
import { OSError, OverflowError, ValueError } from "../../_errors/mod.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import { IPPROTO_TCP, IPPROTO_UDP } from "../../socket/constants.ts";
import {
  getprotobyname,
  getservbyname,
  getservbyport,
  ifIndextoname,
  ifNameindex,
  ifNametoindex,
} from "../../socket/netdb.ts";
import { bothPaths, type Call, defineCorpusTests, oursIn } from "./_netdb_oracle.ts";

const LOOPBACK = Deno.build.os === "darwin" ? "lo0" : "lo";

function assertMessage(fn: () => unknown, message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof OSError);
    assert.equal(e.errno, null);
    assert.equal(e.message, message);
    return true;
  });
}

Deno.test(
  "getservbyname() and getservbyport() read the services database",
  bothPaths(() => {
    assert.equal(getservbyname("http"), 80);
    assert.equal(getservbyname("http", "tcp"), 80);
    assert.equal(getservbyname("www", "tcp"), 80); // An alias.
    assert.equal(getservbyname("domain", "udp"), 53);
    assert.equal(getservbyport(80, "tcp"), "http");
    assert.equal(getservbyport(53, "udp"), "domain");
    assertMessage(() => getservbyname("no-such-service"), "service/proto not found");
    assertMessage(() => getservbyname("HTTP"), "service/proto not found");
    assertMessage(() => getservbyport(0), "port/proto not found");
  }),
);

Deno.test(
  "getservbyname() and getservbyport() reject bad arguments as Python does",
  bothPaths(() => {
    // deno-lint-ignore no-explicit-any
    const byName = getservbyname as (...args: any[]) => number;
    // deno-lint-ignore no-explicit-any
    const byPort = getservbyport as (...args: any[]) => string;
    for (const port of [-1, 65536]) {
      assert.throws(() => byPort(port), {
        name: "OverflowError",
        message: "getservbyport: port must be 0-65535.",
      });
    }
    assert.throws(() => byPort(2 ** 31), OverflowError);
    assert.throws(() => byPort("80"), {
      name: "TypeError",
      message: "'str' object cannot be interpreted as an integer",
    });
    assert.throws(() => byName(80), {
      name: "TypeError",
      message: "getservbyname() argument 1 must be str, not int",
    });
    assert.throws(() => byName("ht\0tp"), ValueError);
  }),
);

Deno.test(
  "getprotobyname() reads the protocols database",
  bothPaths(() => {
    assert.equal(getprotobyname("tcp"), IPPROTO_TCP);
    assert.equal(getprotobyname("udp"), IPPROTO_UDP);
    assert.equal(getprotobyname("icmp"), 1);
    assertMessage(() => getprotobyname("no-such-protocol"), "protocol not found");
  }),
);

Deno.test("ifNameindex(), ifNametoindex() and ifIndextoname() agree", () => {
  const list = ifNameindex();
  assert.ok(list.length > 0);
  const lo = list.find(([, name]) => name === LOOPBACK);
  assert.ok(lo, JSON.stringify(list));
  for (const [index, name] of list) {
    assert.equal(ifNametoindex(name), index);
    assert.equal(ifIndextoname(index), name);
  }
});

Deno.test("interface functions throw Python's errors", () => {
  assertMessage(() => ifNametoindex("no-such-if0"), "no interface with this name");
  assertMessage(() => ifNametoindex(""), "no interface with this name");
  assert.throws(() => ifNametoindex("l\0o"), { name: "ValueError", message: "embedded null byte" });
  assert.throws(() => ifIndextoname(0), (e: unknown) => {
    assert.ok(e instanceof OSError);
    assert.equal(e.errno, ERRNO.ENXIO);
    return true;
  });
  assert.throws(() => ifIndextoname(-1), {
    name: "OverflowError",
    message: "can't convert negative value to unsigned int",
  });
  // deno-lint-ignore no-explicit-any
  assert.throws(() => (ifIndextoname as any)("1"), {
    name: "TypeError",
    message: "an integer is required",
  });
});

function corpus(): Call[] {
  const calls: Call[] = [{ fn: "if_nameindex", args: [] }];
  const services = ["http", "www", "domain", "no-such-service", "HTTP", "ht\0tp", 80, "80", ""];
  for (const name of [...services, "https", "echo", "ssh", "ntp", "http-alt", "webcache"]) {
    for (const proto of [[], ["tcp"], ["udp"], ["xyz"], [5]]) {
      calls.push({ fn: "getservbyname", args: [name, ...proto] });
    }
  }
  for (const port of [80, 53, 0, -1, 65536, 2 ** 31, "80", 1, 22, 443, 8080, 123, 65535, 1.5]) {
    for (const proto of [[], ["tcp"], ["udp"], ["xyz"]]) {
      calls.push({ fn: "getservbyport", args: [port, ...proto] });
    }
  }
  for (const name of ["tcp", "TCP", "udp", "icmp", "ip", "ipv6-icmp", "nosuch", "", "t\0cp", 6]) {
    calls.push({ fn: "getprotobyname", args: [name] });
  }
  for (const name of [LOOPBACK, "no-such-if0", "", "l\0o", 1]) {
    calls.push({ fn: "if_nametoindex", args: [name] });
  }
  for (const index of [1, 0, 999, -1, 2 ** 32, 2 ** 32 + 1, 2 ** 64, "1", 1.5]) {
    calls.push({ fn: "if_indextoname", args: [index] });
  }
  return calls;
}

defineCorpusTests(corpus, {
  ffi: "netdb functions through FFI match python3 over a corpus",
  noFfi: "service and protocol functions without FFI match python3 over a corpus",
  // The interface functions need FFI (tested below).
  withoutFfi: (c) => !c.fn.startsWith("if_"),
  childFlags: ["--allow-read"],
});

Deno.test("netdb functions without permissions name the flag they need", async () => {
  const calls: Call[] = [
    { fn: "getservbyname", args: ["http"] },
    { fn: "getprotobyname", args: ["tcp"] },
    { fn: "if_nameindex", args: [] },
    { fn: "if_nametoindex", args: [LOOPBACK] },
    { fn: "if_indextoname", args: [1] },
    { fn: "getservbyport", args: [-1] },
  ];
  const outcomes = await oursIn(calls, []);
  for (const o of outcomes.slice(0, 5)) {
    assert.ok("error" in o && o.error === "NotImplementedError", JSON.stringify(o));
    assert.match(o.message, /--allow-ffi/);
  }
  // Argument errors come first, as in Python.
  assert.ok("error" in outcomes[5] && outcomes[5].error === "OverflowError");
});
