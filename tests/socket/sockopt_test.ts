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
  SO_REUSEADDR,
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

Deno.test("unknown options throw ENOPROTOOPT; unapplicable ones NotImplementedError", () => {
  using sock = new Socket();
  assert.throws(() => sock.setsockopt(SOL_SOCKET, 9999, 1), (e: unknown) => {
    assert.ok(e instanceof OSError);
    assert.equal(e.errno, ERRNO.ENOPROTOOPT);
    return true;
  });
  assert.throws(() => sock.setsockopt(SOL_SOCKET, SO_LINGER, new Uint8Array(8)), {
    name: "NotImplementedError",
    message: /SO_LINGER/,
  });
  assert.throws(() => sock.getsockopt(SOL_SOCKET, SO_LINGER), NotImplementedError);
});

Deno.test("IPV6_V6ONLY reads 0 and cannot be turned on", () => {
  using sock = new Socket(AF_INET6);
  assert.equal(sock.getsockopt(IPPROTO_IPV6, IPV6_V6ONLY), 0);
  sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0);
  assert.throws(() => sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 1), NotImplementedError);
});
