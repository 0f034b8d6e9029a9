// Parts of the socket module no other test file reaches: multicast group membership,
// SO_SNDBUF, inheritable descriptors, the module-wide default timeout, `proto` and IPv6
// flowinfo/scope ids. Every test runs real sockets on loopback, on both backends where
// both exist, and checks Python 3's documented behaviour (and Linux's errno numbers).

import assert from "node:assert/strict";
import {
  AF_INET,
  AF_INET6,
  getdefaulttimeout,
  has_ipv6,
  INADDR_ANY,
  inetAton,
  IP_ADD_MEMBERSHIP,
  IP_DROP_MEMBERSHIP,
  IP_MULTICAST_IF,
  IP_TTL,
  IPPROTO_IP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  NotImplementedError,
  OSError,
  OverflowError,
  setdefaulttimeout,
  SO_PROTOCOL,
  SO_SNDBUF,
  SOCK_DGRAM,
  SOCK_NONBLOCK,
  SOCK_STREAM,
  Socket,
  type SocketAddress,
  SOL_SOCKET,
  ValueError,
} from "../../socket/mod.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import {
  type Backend,
  BACKENDS,
  connectedPair,
  hasIpv6Loopback,
  listener,
  newSocket,
} from "../_helpers/loopback.ts";
import { fdGuard } from "../_helpers/fd_guard.ts";
import { dgramFdGuard } from "./_dgram_fd_guard.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Python's `struct ip_mreq`: the group, then the local interface, both as inet_aton bytes. */
function ipMreq(group: string, iface: string): Uint8Array {
  const mreq = new Uint8Array(8);
  mreq.set(inetAton(group), 0);
  mreq.set(inetAton(iface), 4);
  return mreq;
}

/** Asserts that `fn` throws OSError with `errno` (named, for the message). */
function throwsErrno(fn: () => unknown, name: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof OSError, `expected OSError, got ${e}`);
    assert.equal(e.errno, ERRNO[name]);
    return true;
  });
}

// Joining on INADDR_ANY needs a route to the group; a machine with none reports ENODEV.
// That is the machine, not the code under test, so those tests are skipped.
const MULTICAST_ANY = (() => {
  using probe = newSocket("native", AF_INET, SOCK_DGRAM);
  try {
    probe.bind(["0.0.0.0", 0]);
    probe.setsockopt(IPPROTO_IP, IP_ADD_MEMBERSHIP, ipMreq("239.255.77.1", "0.0.0.0"));
    return true;
  } catch (err) {
    if (err instanceof OSError && err.errno === ERRNO.ENODEV) {
      console.warn("coverage_test: no multicast route (ENODEV); INADDR_ANY joins are skipped");
      return false;
    }
    throw err;
  }
})();

const IFACES = [
  { iface: "127.0.0.1", ignore: false },
  { iface: "0.0.0.0", ignore: !MULTICAST_ANY },
];

for (const backend of BACKENDS) {
  Deno.test(
    `IP_ADD_MEMBERSHIP then IP_DROP_MEMBERSHIP join and leave a 239.x group [${backend}]`,
    dgramFdGuard(async (track, t) => {
      for (const { iface, ignore } of IFACES) {
        await t.step({
          name: `interface ${iface}`,
          ignore,
          fn: () => {
            using s = newSocket(backend, AF_INET, SOCK_DGRAM);
            s.bind(["0.0.0.0", 0]);
            track(s);
            const mreq = ipMreq("239.255.42.1", iface);
            s.setsockopt(IPPROTO_IP, IP_ADD_MEMBERSHIP, mreq);
            s.setsockopt(IPPROTO_IP, IP_DROP_MEMBERSHIP, mreq);
            // Leaving again: the group is no longer joined.
            throwsErrno(() => s.setsockopt(IPPROTO_IP, IP_DROP_MEMBERSHIP, mreq), "EADDRNOTAVAIL");
          },
        });
      }
    }),
  );

  Deno.test(
    `IP_DROP_MEMBERSHIP of a group never joined throws EADDRNOTAVAIL, bound or not [${backend}]`,
    dgramFdGuard((track) => {
      if (Deno.build.os === "linux") assert.equal(ERRNO.EADDRNOTAVAIL, 99);
      assert.deepEqual(inetAton("0.0.0.0"), new Uint8Array(4).fill(INADDR_ANY));
      const mreq = ipMreq("239.255.42.2", "127.0.0.1");
      using unbound = newSocket(backend, AF_INET, SOCK_DGRAM);
      throwsErrno(() => unbound.setsockopt(IPPROTO_IP, IP_DROP_MEMBERSHIP, mreq), "EADDRNOTAVAIL");
      // The refused option is not replayed later: bind succeeds.
      unbound.bind(["127.0.0.1", 0]);
      track(unbound);
      using bound = newSocket(backend, AF_INET, SOCK_DGRAM);
      bound.bind(["0.0.0.0", 0]);
      track(bound);
      bound.setsockopt(IPPROTO_IP, IP_ADD_MEMBERSHIP, ipMreq("239.255.42.3", "127.0.0.1"));
      throwsErrno(() => bound.setsockopt(IPPROTO_IP, IP_DROP_MEMBERSHIP, mreq), "EADDRNOTAVAIL");
    }),
  );

  Deno.test(
    `a bad membership or option is refused at setsockopt and the socket stays usable [${backend}]`,
    dgramFdGuard(async (track) => {
      // Not a multicast group: EINVAL at the call, before bind, and bind then works.
      using s = newSocket(backend, AF_INET, SOCK_DGRAM);
      throwsErrno(
        () => s.setsockopt(IPPROTO_IP, IP_ADD_MEMBERSHIP, ipMreq("10.1.2.3", "127.0.0.1")),
        "EINVAL",
      );
      s.bind(["127.0.0.1", 0]);
      track(s);
      // IPv4's INADDR_ANY leave picks the interface by route: it does not match a join
      // made on 127.0.0.1.
      const mreq = ipMreq("239.255.42.9", "127.0.0.1");
      s.setsockopt(IPPROTO_IP, IP_ADD_MEMBERSHIP, mreq);
      if (MULTICAST_ANY) {
        throwsErrno(
          () => s.setsockopt(IPPROTO_IP, IP_DROP_MEMBERSHIP, ipMreq("239.255.42.9", "0.0.0.0")),
          "EADDRNOTAVAIL",
        );
      }
      s.setsockopt(IPPROTO_IP, IP_DROP_MEMBERSHIP, mreq);
      // An out-of-range TTL is Python's OSError EINVAL, not a stray Node error.
      throwsErrno(() => s.setsockopt(IPPROTO_IP, IP_TTL, 300), "EINVAL");
      // Still a working socket.
      using peer = newSocket(backend, AF_INET, SOCK_DGRAM);
      peer.bind(["127.0.0.1", 0]);
      track(peer);
      await peer.sendto(enc.encode("still here"), s.getsockname() as SocketAddress);
      const [data] = await s.recvfrom(64);
      assert.equal(dec.decode(data), "still here");
    }),
  );

  Deno.test(
    `IP_ADD_MEMBERSHIP of a group already joined throws EADDRINUSE, as Linux does [${backend}]`,
    dgramFdGuard((track) => {
      using s = newSocket(backend, AF_INET, SOCK_DGRAM);
      s.bind(["0.0.0.0", 0]);
      track(s);
      const mreq = ipMreq("239.255.42.4", "127.0.0.1");
      s.setsockopt(IPPROTO_IP, IP_ADD_MEMBERSHIP, mreq);
      throwsErrno(() => s.setsockopt(IPPROTO_IP, IP_ADD_MEMBERSHIP, mreq), "EADDRINUSE");
      s.setsockopt(IPPROTO_IP, IP_DROP_MEMBERSHIP, mreq);
    }),
  );

  Deno.test(
    `groups joined before bind all receive; a dropped group no longer does [${backend}]`,
    dgramFdGuard(async (track) => {
      const [g1, g2] = ["239.255.42.5", "239.255.42.6"];
      using rx = newSocket(backend, AF_INET, SOCK_DGRAM);
      rx.setsockopt(IPPROTO_IP, IP_ADD_MEMBERSHIP, ipMreq(g1, "127.0.0.1"));
      rx.setsockopt(IPPROTO_IP, IP_ADD_MEMBERSHIP, ipMreq(g2, "127.0.0.1"));
      rx.bind(["0.0.0.0", 0]);
      track(rx);
      rx.settimeout(5);
      const [, port] = rx.getsockname() as [string, number];
      using tx = newSocket(backend, AF_INET, SOCK_DGRAM);
      tx.setsockopt(IPPROTO_IP, IP_MULTICAST_IF, inetAton("127.0.0.1"));
      await tx.sendto(enc.encode("one"), [g1, port]);
      track(tx);
      await tx.sendto(enc.encode("two"), [g2, port]);
      assert.equal(dec.decode(await rx.recv(100)), "one");
      assert.equal(dec.decode(await rx.recv(100)), "two");
      rx.setsockopt(IPPROTO_IP, IP_DROP_MEMBERSHIP, ipMreq(g1, "127.0.0.1"));
      // Loopback delivers in order: if the group datagram came back, it would come first.
      await tx.sendto(enc.encode("dropped"), [g1, port]);
      await tx.sendto(enc.encode("still"), [g2, port]);
      assert.equal(dec.decode(await rx.recv(100)), "still");
    }),
  );

  Deno.test(
    `SO_SNDBUF reads back at least what was set (Linux doubles it) [${backend}]`,
    dgramFdGuard((track) => {
      using before = newSocket(backend, AF_INET, SOCK_DGRAM);
      before.setsockopt(SOL_SOCKET, SO_SNDBUF, 65536);
      before.bind(["127.0.0.1", 0]);
      track(before);
      assert.ok((before.getsockopt(SOL_SOCKET, SO_SNDBUF) as number) >= 65536);
      using after = newSocket(backend, AF_INET, SOCK_DGRAM);
      after.bind(["127.0.0.1", 0]);
      track(after);
      after.setsockopt(SOL_SOCKET, SO_SNDBUF, 32768);
      const size = after.getsockopt(SOL_SOCKET, SO_SNDBUF) as number;
      assert.ok(size >= 32768, `SO_SNDBUF ${size} < 32768`);
      if (Deno.build.os === "linux") assert.equal(size, 2 * 32768);
    }),
  );

  Deno.test(
    `proto is the constructor's argument: 0 by default, as in Python [${backend}]`,
    fdGuard(async () => {
      const cases: [number, number | undefined, number, number][] = [
        [SOCK_STREAM, undefined, 0, IPPROTO_TCP],
        [SOCK_DGRAM, undefined, 0, IPPROTO_UDP],
        [SOCK_STREAM, IPPROTO_TCP, IPPROTO_TCP, IPPROTO_TCP],
        [SOCK_DGRAM, IPPROTO_UDP, IPPROTO_UDP, IPPROTO_UDP],
      ];
      for (const [type, proto, want, kernel] of cases) {
        using s = newSocket(backend, AF_INET, type, proto);
        assert.equal(s.proto, want);
        // SO_PROTOCOL (Linux) always tells the protocol the kernel picked.
        if (SO_PROTOCOL !== undefined) assert.equal(s.getsockopt(SOL_SOCKET, SO_PROTOCOL), kernel);
        assert.match(String(s), new RegExp(`proto=${want}`));
      }
      // accept() and dup() carry the listener's proto (Python passes self.proto on).
      const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
      using _c = client, _s = conn, _l = server;
      assert.equal(conn.proto, 0);
      using copy = client.dup();
      assert.equal(copy.proto, 0);
    }),
  );

  Deno.test({
    name: `IPv6 addresses carry flowinfo 0 and scopeId 0 on ::1 [${backend}]`,
    ignore: !has_ipv6 || !hasIpv6Loopback(),
    fn: dgramFdGuard((track) => {
      for (const type of [SOCK_DGRAM, SOCK_STREAM]) {
        using s = newSocket(backend, AF_INET6, type);
        s.bind(["::1", 0, 0, 0]);
        track(s);
        const addr = s.getsockname() as [string, number, number, number];
        assert.equal(addr.length, 4);
        const [host, port, flowinfo, scopeId] = addr;
        assert.equal(host, "::1");
        assert.ok(port > 0);
        assert.equal(flowinfo, 0);
        assert.equal(scopeId, 0);
        // A two-tuple means flowinfo 0 and scope id 0.
        using two = newSocket(backend, AF_INET6, type);
        two.bind(["::1", 0]);
        track(two);
        assert.deepEqual((two.getsockname() as number[]).slice(2), [0, 0]);
        // Python: "flowinfo must be 0-1048575."
        using bad = newSocket(backend, AF_INET6, type);
        assert.throws(() => bad.bind(["::1", 0, 0x100000, 0]), OverflowError);
      }
    }),
  });

  Deno.test(
    `a new TCP socket is not inheritable; setInheritable round-trips on its descriptor [${backend}]`,
    fdGuard(() => {
      using s = newSocket(backend, AF_INET, SOCK_STREAM);
      assert.equal(s.getInheritable(), false);
      s.setInheritable(true);
      assert.equal(s.getInheritable(), true);
      assertCloexec(s.fileno(), false);
      s.setInheritable(false);
      assert.equal(s.getInheritable(), false);
      assertCloexec(s.fileno(), true);
    }),
  );

  Deno.test(
    `accept() gives sockets the default timeout, not the listener's [${backend}]`,
    fdGuard(async () => {
      setdefaulttimeout(2.5);
      try {
        using server = listener(AF_INET, undefined, backend);
        assert.equal(server.gettimeout(), 2.5);
        server.settimeout(7);
        const [conn, client] = await acceptOne(server, backend);
        using _conn = conn, _client = client;
        assert.equal(client.gettimeout(), 2.5);
        assert.equal(conn.gettimeout(), 2.5);
        assert.equal(conn.getblocking(), true);
      } finally {
        setdefaulttimeout(null);
      }
      // With no default, accepted sockets are blocking whatever the listener's timeout.
      using server = listener(AF_INET, undefined, backend);
      server.settimeout(7);
      const [conn, client] = await acceptOne(server, backend);
      using _conn = conn, _client = client;
      assert.equal(conn.gettimeout(), null);
      assert.equal(conn.getblocking(), true);
    }),
  );
}

Deno.test(
  "setInheritable(true) on a native TCP connection throws NotImplementedError",
  fdGuard(async () => {
    const [client, conn, server] = await connectedPair(AF_INET, undefined, "native");
    using _c = client, _s = conn, _l = server;
    assert.equal(client.getInheritable(), false);
    client.setInheritable(false);
    assert.throws(() => client.setInheritable(true), NotImplementedError);
    assert.equal(client.getInheritable(), false);
  }),
);

Deno.test(
  "a kernel UDP socket is not inheritable by default and round-trips setInheritable",
  fdGuard(() => {
    using s = newSocket("kernel", AF_INET, SOCK_DGRAM);
    const fd = s.fileno();
    assert.equal(s.getInheritable(), false);
    assertCloexec(fd, true);
    s.setInheritable(true);
    assert.equal(s.getInheritable(), true);
    assertCloexec(fd, false);
    s.setInheritable(true);
    assert.equal(s.getInheritable(), true);
    s.setInheritable(false);
    assert.equal(s.getInheritable(), false);
    assertCloexec(fd, true);
  }),
);

Deno.test("setdefaulttimeout() sets the timeout of sockets created afterwards", async (t) => {
  assert.equal(getdefaulttimeout(), null);
  try {
    await t.step("a number", () => {
      using old = new Socket();
      setdefaulttimeout(1.5);
      assert.equal(getdefaulttimeout(), 1.5);
      using tcp = new Socket();
      using udp = new Socket(AF_INET, SOCK_DGRAM);
      assert.equal(tcp.gettimeout(), 1.5);
      assert.equal(tcp.timeout, 1.5);
      assert.equal(udp.gettimeout(), 1.5);
      assert.equal(old.gettimeout(), null);
    });
    await t.step("0 makes new sockets non-blocking", () => {
      setdefaulttimeout(0);
      using s = new Socket();
      assert.equal(s.gettimeout(), 0);
      assert.equal(s.getblocking(), false);
    });
    await t.step({
      name: "SOCK_NONBLOCK wins over the default",
      ignore: SOCK_NONBLOCK === undefined,
      fn: () => {
        setdefaulttimeout(3);
        using s = new Socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK!);
        assert.equal(s.gettimeout(), 0);
      },
    });
    await t.step("invalid values throw and keep the default", () => {
      setdefaulttimeout(4);
      assert.throws(() => setdefaulttimeout(-1), ValueError);
      assert.throws(() => setdefaulttimeout(NaN), ValueError);
      assert.throws(() => setdefaulttimeout("1" as unknown as number), TypeError);
      assert.equal(getdefaulttimeout(), 4);
    });
  } finally {
    setdefaulttimeout(null);
  }
  using s = new Socket();
  assert.equal(s.gettimeout(), null);
});

/** Connects a new client to `server` and returns [accepted, client]. */
async function acceptOne(server: Socket, backend: Backend): Promise<[Socket, Socket]> {
  const client = newSocket(backend);
  try {
    const accepting = server.accept();
    await client.connect(server.getsockname() as SocketAddress);
    const [conn] = await accepting;
    return [conn, client];
  } catch (err) {
    client.close();
    throw err;
  }
}

/** Checks FD_CLOEXEC on Linux, reading /proc rather than asking the code under test. */
function assertCloexec(fd: number, expected: boolean): void {
  if (Deno.build.os !== "linux") return;
  const info = Deno.readTextFileSync(`/proc/self/fdinfo/${fd}`);
  const flags = parseInt(/^flags:\s*([0-7]+)/m.exec(info)![1], 8);
  assert.equal((flags & 0o2000000) !== 0, expected, `FD_CLOEXEC of fd ${fd}`); // O_CLOEXEC
}
