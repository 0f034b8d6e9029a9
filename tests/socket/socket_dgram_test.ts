import assert from "node:assert/strict";
import {
  AF_INET,
  AF_INET6,
  BlockingIOError,
  inetAton,
  IP_ADD_MEMBERSHIP,
  IP_MULTICAST_IF,
  IP_MULTICAST_LOOP,
  IP_MULTICAST_TTL,
  IPPROTO_IP,
  MSG_PEEK,
  OSError,
  SO_BROADCAST,
  SO_RCVBUF,
  SO_REUSEADDR,
  SOCK_DGRAM,
  SOL_SOCKET,
  TimeoutError,
} from "../../socket/mod.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import { BACKENDS, hasIpv6Loopback, newSocket } from "../_helpers/loopback.ts";
import { dgramFdGuard } from "./_dgram_fd_guard.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

for (const backend of BACKENDS) {
  Deno.test(`UDP bind is synchronous: getsockname has the port at once [${backend}]`, () => {
    using s = newSocket(backend, AF_INET, SOCK_DGRAM);
    s.bind(["127.0.0.1", 0]);
    const [host, port] = s.getsockname() as [string, number];
    assert.equal(host, "127.0.0.1");
    assert.ok(port > 0);
  });

  Deno.test(
    `UDP sendto/recvfrom carry datagrams and the sender's address [${backend}]`,
    dgramFdGuard(async (track) => {
      using a = newSocket(backend, AF_INET, SOCK_DGRAM);
      using b = newSocket(backend, AF_INET, SOCK_DGRAM);
      a.bind(["127.0.0.1", 0]);
      b.bind(["127.0.0.1", 0]);
      track(a);
      track(b);
      assert.equal(await a.sendto(enc.encode("one"), b.getsockname()), 3);
      await a.sendto(enc.encode("two"), 0, b.getsockname());
      const [first, from] = await b.recvfrom(100);
      assert.equal(dec.decode(first), "one");
      assert.deepEqual(from, a.getsockname());
      assert.equal(dec.decode(await b.recv(100)), "two");
    }),
  );

  Deno.test(`an unbound UDP socket binds itself on its first sendto [${backend}]`, async () => {
    using a = newSocket(backend, AF_INET, SOCK_DGRAM);
    using b = newSocket(backend, AF_INET, SOCK_DGRAM);
    b.bind(["127.0.0.1", 0]);
    assert.deepEqual(a.getsockname(), ["0.0.0.0", 0]);
    await a.sendto(enc.encode("hi"), b.getsockname());
    const [, port] = a.getsockname() as [string, number];
    assert.ok(port > 0);
    const [, from] = await b.recvfrom(10);
    assert.equal((from as [string, number])[1], port);
  });

  Deno.test(`recvfrom cuts a datagram to bufsize and MSG_PEEK keeps it [${backend}]`, async () => {
    using a = newSocket(backend, AF_INET, SOCK_DGRAM);
    a.bind(["127.0.0.1", 0]);
    await a.sendto(enc.encode("0123456789"), a.getsockname());
    assert.equal(dec.decode(await a.recv(4, MSG_PEEK)), "0123");
    assert.equal(dec.decode(await a.recv(4)), "0123");
    await a.sendto(new Uint8Array(0), a.getsockname());
    assert.equal((await a.recv(10)).length, 0);
  });

  Deno.test(
    `connected UDP sockets send without an address; send without one fails [${backend}]`,
    dgramFdGuard(async (track) => {
      using a = newSocket(backend, AF_INET, SOCK_DGRAM);
      using b = newSocket(backend, AF_INET, SOCK_DGRAM);
      b.bind(["127.0.0.1", 0]);
      track(b);
      await assert.rejects(a.send(enc.encode("x")), (e: unknown) => {
        assert.ok(e instanceof OSError);
        assert.equal(e.errno, ERRNO.EDESTADDRREQ);
        return true;
      });
      await a.connect(b.getsockname());
      track(a);
      assert.deepEqual(a.getpeername(), b.getsockname());
      await a.send(enc.encode("connected"));
      const [data, from] = await b.recvfrom(100);
      assert.equal(dec.decode(data), "connected");
      await b.sendto(enc.encode("reply"), from!);
      assert.equal(dec.decode(await a.recv(100)), "reply");
    }),
  );

  Deno.test(
    `UDP timeouts and non-blocking mode [${backend}]`,
    dgramFdGuard(async (track) => {
      using a = newSocket(backend, AF_INET, SOCK_DGRAM);
      a.bind(["127.0.0.1", 0]);
      track(a);
      a.settimeout(0.05);
      await assert.rejects(a.recvfrom(10), TimeoutError);
      a.setblocking(false);
      await assert.rejects(a.recv(10), BlockingIOError);
      await a.sendto(enc.encode("late"), a.getsockname());
      a.setblocking(true);
      assert.equal(dec.decode(await a.recv(10)), "late");
    }),
  );

  Deno.test(`binding a UDP port twice throws EADDRINUSE unless SO_REUSEADDR [${backend}]`, () => {
    using a = newSocket(backend, AF_INET, SOCK_DGRAM);
    a.bind(["127.0.0.1", 0]);
    using b = newSocket(backend, AF_INET, SOCK_DGRAM);
    assert.throws(() => b.bind(a.getsockname()), (e: unknown) => {
      assert.ok(e instanceof OSError);
      assert.equal(e.errno, ERRNO.EADDRINUSE);
      return true;
    });
    using c = newSocket(backend, AF_INET, SOCK_DGRAM);
    using d = newSocket(backend, AF_INET, SOCK_DGRAM);
    c.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
    d.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
    c.bind(["127.0.0.1", 0]);
    d.bind(c.getsockname());
    assert.deepEqual(d.getsockname(), c.getsockname());
  });

  Deno.test(`SO_RCVBUF and SO_BROADCAST reach the UDP socket [${backend}]`, () => {
    using a = newSocket(backend, AF_INET, SOCK_DGRAM);
    a.setsockopt(SOL_SOCKET, SO_RCVBUF, 65536);
    a.setsockopt(SOL_SOCKET, SO_BROADCAST, 1);
    a.bind(["127.0.0.1", 0]);
    assert.ok((a.getsockopt(SOL_SOCKET, SO_RCVBUF) as number) >= 65536);
    assert.equal(a.getsockopt(SOL_SOCKET, SO_BROADCAST), 1);
  });

  Deno.test(`broadcast on loopback needs SO_BROADCAST [${backend}]`, async () => {
    using rx = newSocket(backend, AF_INET, SOCK_DGRAM);
    rx.bind(["0.0.0.0", 0]);
    const [, port] = rx.getsockname() as [string, number];
    using tx = newSocket(backend, AF_INET, SOCK_DGRAM);
    tx.bind(["127.0.0.1", 0]);
    await assert.rejects(tx.sendto(enc.encode("no"), ["127.255.255.255", port]));
    tx.setsockopt(SOL_SOCKET, SO_BROADCAST, 1);
    await tx.sendto(enc.encode("to all"), ["127.255.255.255", port]);
    assert.equal(dec.decode(await rx.recv(100)), "to all");
  });

  Deno.test(
    `multicast on loopback with IP_ADD_MEMBERSHIP [${backend}]`,
    dgramFdGuard(async (track) => {
      const group = "239.255.42.99";
      using rx = newSocket(backend, AF_INET, SOCK_DGRAM);
      rx.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
      rx.bind(["0.0.0.0", 0]);
      track(rx);
      const [, port] = rx.getsockname() as [string, number];
      const mreq = new Uint8Array(8);
      mreq.set(inetAton(group), 0);
      mreq.set(inetAton("127.0.0.1"), 4);
      rx.setsockopt(IPPROTO_IP, IP_ADD_MEMBERSHIP, mreq);
      using tx = newSocket(backend, AF_INET, SOCK_DGRAM);
      tx.setsockopt(IPPROTO_IP, IP_MULTICAST_TTL, 1);
      tx.setsockopt(IPPROTO_IP, IP_MULTICAST_LOOP, 1);
      tx.setsockopt(IPPROTO_IP, IP_MULTICAST_IF, inetAton("127.0.0.1"));
      assert.equal(tx.getsockopt(IPPROTO_IP, IP_MULTICAST_TTL), 1);
      rx.settimeout(5);
      await tx.sendto(enc.encode("group news"), [group, port]);
      track(tx);
      assert.equal(dec.decode(await rx.recv(100)), "group news");
    }),
  );

  Deno.test({
    name: `UDP over IPv6 returns four-tuple addresses [${backend}]`,
    ignore: !hasIpv6Loopback(),
    fn: dgramFdGuard(async (track) => {
      using a = newSocket(backend, AF_INET6, SOCK_DGRAM);
      a.bind(["::1", 0]);
      track(a);
      await a.sendto(enc.encode("six"), a.getsockname());
      const [data, from] = await a.recvfrom(10);
      assert.equal(dec.decode(data), "six");
      assert.deepEqual(from, a.getsockname());
      assert.equal((from as unknown[]).length, 4);
    }),
  });
}
