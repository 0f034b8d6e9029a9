import assert from "node:assert/strict";
import {
  decodeSockaddr,
  encodeSockaddr,
  formatIPv6,
  parseIPv4,
  parseIPv6,
  sockaddrFamily,
} from "../../_ffi/sockaddr.ts";
import { AF_INET, AF_INET6, AF_UNIX } from "../../socket/constants.ts";

// Expected texts are glibc's inet_ntop(inet_pton(x)), as Python's socket.inet_ntop prints.
const IPV6_CASES: Array<[string, string]> = [
  ["::", "::"],
  ["::1", "::1"],
  ["::ffff:1.2.3.4", "::ffff:1.2.3.4"],
  ["::1.2.3.4", "::1.2.3.4"],
  ["1::", "1::"],
  ["fe80::1", "fe80::1"],
  ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
  ["1:0:0:2:0:0:0:3", "1:0:0:2::3"],
  ["0:0:0:0:0:0:0:2", "::2"],
  ["::ffff:0:0", "::ffff:0.0.0.0"],
  ["1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"],
  ["1:0:3:4:5:6:7:8", "1:0:3:4:5:6:7:8"],
  ["0:0:0:0:0:1:0:0", "::1:0:0"],
  ["ABCD:EF01::", "abcd:ef01::"],
];

Deno.test("sockaddr: IPv6 text round-trips as glibc's inet_ntop prints it", () => {
  for (const [input, expected] of IPV6_CASES) {
    assert.equal(formatIPv6(parseIPv6(input)), expected, input);
  }
  for (const bad of ["1:::2", "1:2:3:4:5:6:7:8:9", "12345::", "::g", "1::2::3", ":1"]) {
    assert.throws(() => parseIPv6(bad), { name: "ValueError" }, bad);
  }
});

Deno.test("sockaddr: IPv4 hosts follow inet_pton, plus '' and '<broadcast>'", () => {
  assert.deepEqual(parseIPv4("10.1.2.255"), new Uint8Array([10, 1, 2, 255]));
  assert.deepEqual(parseIPv4(""), new Uint8Array(4));
  assert.deepEqual(parseIPv4("<broadcast>"), new Uint8Array([255, 255, 255, 255]));
  for (const bad of ["1.2.3", "1.2.3.256", "01.2.3.4", "a.b.c.d", "localhost"]) {
    assert.throws(() => parseIPv4(bad), { name: "ValueError" }, bad);
  }
});

Deno.test("sockaddr: encode and decode every family's layout", () => {
  const v4 = encodeSockaddr(AF_INET, ["127.0.0.1", 8080]);
  assert.equal(v4.length, 16);
  assert.equal(sockaddrFamily(v4), AF_INET);
  assert.deepEqual([v4[2], v4[3]], [0x1f, 0x90]); // network byte order
  if (Deno.build.os === "darwin") assert.equal(v4[0], 16); // sin_len
  assert.deepEqual(decodeSockaddr(v4, v4.length), ["127.0.0.1", 8080]);

  const v6 = encodeSockaddr(AF_INET6, ["2001:db8::1", 443, 0x12345, 7]);
  assert.equal(v6.length, 28);
  assert.deepEqual(decodeSockaddr(v6, v6.length), ["2001:db8::1", 443, 0x12345, 7]);
  assert.deepEqual([...v6.subarray(4, 8)], [0, 1, 0x23, 0x45]); // flowinfo, network order
  const scoped = encodeSockaddr(AF_INET6, ["fe80::1%3", 1]);
  assert.equal(decodeSockaddr(scoped, scoped.length)[3], 3);
  assert.throws(() => encodeSockaddr(AF_INET6, ["::1", 1, 1 << 20]), { name: "OverflowError" });
  assert.throws(() => encodeSockaddr(AF_INET, ["127.0.0.1", 70000]), { name: "OverflowError" });

  const unix = encodeSockaddr(AF_UNIX, "/tmp/x.sock");
  assert.equal(unix.length, 2 + "/tmp/x.sock".length);
  assert.equal(decodeSockaddr(unix, unix.length), "/tmp/x.sock");
  assert.equal(decodeSockaddr(unix, 2), ""); // unnamed
  if (Deno.build.os === "linux") {
    const abstract = encodeSockaddr(AF_UNIX, "\0name");
    assert.deepEqual(decodeSockaddr(abstract, abstract.length), new TextEncoder().encode("\0name"));
  }
  assert.throws(() => encodeSockaddr(AF_UNIX, 5), TypeError);
});
