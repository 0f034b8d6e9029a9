import assert from "node:assert/strict";
import {
  AF_INET,
  AF_INET6,
  IPPROTO_IPV6,
  IPPROTO_TCP,
  IPV6_V6ONLY,
  NotImplementedError,
  OSError,
  SO_ACCEPTCONN,
  SO_KEEPALIVE,
  SO_LINGER,
  SO_RCVBUF,
  SO_REUSEADDR,
  SO_REUSEPORT,
  SO_TYPE,
  SOCK_DGRAM,
  SOCK_STREAM,
  Socket,
  SOL_SOCKET,
  TCP_NODELAY,
} from "../../socket/mod.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import { connectedPair } from "../_helpers/loopback.ts";

Deno.test("getsockopt reads back what setsockopt set, before and after connect", async () => {
  const [client, conn, server] = await connectedPair();
  using _c = client, _s = conn, _l = server;
  assert.equal(client.getsockopt(IPPROTO_TCP, TCP_NODELAY), 0);
  client.setsockopt(IPPROTO_TCP, TCP_NODELAY, 1);
  client.setsockopt(SOL_SOCKET, SO_KEEPALIVE, true);
  assert.equal(client.getsockopt(IPPROTO_TCP, TCP_NODELAY), 1);
  assert.equal(client.getsockopt(SOL_SOCKET, SO_KEEPALIVE), 1);
  using fresh = new Socket();
  fresh.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
  assert.equal(fresh.getsockopt(SOL_SOCKET, SO_REUSEADDR), 1);
  assert.deepEqual(fresh.getsockopt(SOL_SOCKET, SO_REUSEADDR, 4), new Uint8Array([1, 0, 0, 0]));
});

Deno.test("accepted sockets inherit the listener's TCP_NODELAY and SO_KEEPALIVE", async () => {
  using server = new Socket();
  server.setsockopt(IPPROTO_TCP, TCP_NODELAY, 1);
  server.bind(["127.0.0.1", 0]);
  server.listen();
  using client = new Socket();
  await client.connect(server.getsockname());
  const [conn] = await server.accept();
  using _conn = conn;
  assert.equal(conn.getsockopt(IPPROTO_TCP, TCP_NODELAY), 1);
});

Deno.test("read-only options report the socket's kind and state", () => {
  using tcp = new Socket(AF_INET, SOCK_STREAM);
  using udp = new Socket(AF_INET, SOCK_DGRAM);
  assert.equal(tcp.getsockopt(SOL_SOCKET, SO_TYPE), SOCK_STREAM);
  assert.equal(udp.getsockopt(SOL_SOCKET, SO_TYPE), SOCK_DGRAM);
  assert.equal(tcp.getsockopt(SOL_SOCKET, SO_ACCEPTCONN), 0);
  tcp.listen();
  assert.equal(tcp.getsockopt(SOL_SOCKET, SO_ACCEPTCONN), 1);
  assert.throws(() => tcp.setsockopt(SOL_SOCKET, SO_TYPE, 1), (e: unknown) => {
    assert.ok(e instanceof OSError);
    assert.equal(e.errno, ERRNO.ENOPROTOOPT);
    return true;
  });
});

Deno.test("unknown options throw ENOPROTOOPT", () => {
  using sock = new Socket();
  assert.throws(() => sock.setsockopt(SOL_SOCKET, 9999, 1), (e: unknown) => {
    assert.ok(e instanceof OSError);
    assert.equal(e.errno, ERRNO.ENOPROTOOPT);
    return true;
  });
});

Deno.test("an option Deno cannot set makes a fresh socket a kernel socket", () => {
  using sock = new Socket();
  const linger = new Uint8Array(8);
  new DataView(linger.buffer).setInt32(0, 1, true);
  new DataView(linger.buffer).setInt32(4, 5, true);
  sock.setsockopt(SOL_SOCKET, SO_LINGER, linger);
  assert.ok(sock.fileno() >= 0);
  assert.deepEqual(sock.getsockopt(SOL_SOCKET, SO_LINGER, 8), linger);
});

Deno.test("an option Deno cannot set on a native connection throws NotImplementedError", async () => {
  const [client, conn, server] = await connectedPair();
  using _c = client, _s = conn, _l = server;
  assert.throws(() => client.setsockopt(SOL_SOCKET, SO_LINGER, new Uint8Array(8)), {
    name: "NotImplementedError",
    message: /SO_LINGER.*native Deno connection/,
  });
  assert.throws(() => client.getsockopt(SOL_SOCKET, SO_LINGER), NotImplementedError);
  assert.throws(() => client.fileno(), NotImplementedError);
});

Deno.test("IPV6_V6ONLY: 0 natively; 1 on a kernel socket, which then refuses IPv4", async () => {
  using dual = new Socket(AF_INET6);
  assert.equal(dual.getsockopt(IPPROTO_IPV6, IPV6_V6ONLY), 0);
  dual.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0);
  using only6 = new Socket(AF_INET6);
  only6.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 1);
  assert.equal(only6.getsockopt(IPPROTO_IPV6, IPV6_V6ONLY), 1);
  only6.bind(["::", 0]);
  only6.listen();
  const [, port] = only6.getsockname() as [string, number];
  using v4 = new Socket();
  await assert.rejects(v4.connect(["127.0.0.1", port]), { name: "ConnectionRefusedError" });
});

Deno.test("SO_REUSEPORT lets two listeners share a port (a kernel socket without --unstable-net)", () => {
  using a = new Socket();
  using b = new Socket();
  a.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1);
  b.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1);
  a.bind(["127.0.0.1", 0]);
  a.listen();
  b.bind(a.getsockname());
  b.listen();
  assert.deepEqual(b.getsockname(), a.getsockname());
  assert.equal(b.getsockopt(SOL_SOCKET, SO_REUSEPORT), 1);
});

Deno.test("kernel sockets pass every option to the kernel", () => {
  using sock = new Socket();
  sock.fileno();
  sock.setsockopt(SOL_SOCKET, SO_RCVBUF, 65536);
  assert.ok((sock.getsockopt(SOL_SOCKET, SO_RCVBUF) as number) >= 65536);
  sock.setsockopt(IPPROTO_TCP, TCP_NODELAY, true);
  assert.equal(sock.getsockopt(IPPROTO_TCP, TCP_NODELAY), 1);
  assert.throws(() => sock.setsockopt(SOL_SOCKET, SO_TYPE, 1), OSError);
});
