import assert from "node:assert/strict";
import {
  AF_INET,
  AF_INET6,
  ConnectionRefusedError,
  createConnection,
  createServer,
  hasDualstackIpv6,
  OSError,
  SO_REUSEADDR,
  Socket,
  SOL_SOCKET,
  ValueError,
} from "../../socket/mod.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import { hasIpv6Loopback } from "../_helpers/loopback.ts";

function deadPort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = l.addr.port;
  l.close();
  return port;
}

Deno.test("createServer binds with SO_REUSEADDR and listens", async () => {
  using server = createServer(["127.0.0.1", 0], { backlog: 4 });
  assert.equal(server.getsockopt(SOL_SOCKET, SO_REUSEADDR), 1);
  using client = await createConnection(server.getsockname() as [string, number]);
  const [conn] = await server.accept();
  using _conn = conn;
  assert.deepEqual(conn.getpeername(), client.getsockname());
});

Deno.test("createConnection sets the timeout and binds sourceAddress", async () => {
  using server = createServer(["127.0.0.1", 0]);
  const [, port] = server.getsockname() as [string, number];
  using source = new Socket();
  source.bind(["127.0.0.1", 0]);
  const sourcePort = (source.getsockname() as [string, number])[1];
  source.close();
  using client = await createConnection(["127.0.0.1", port], {
    timeout: 3,
    sourceAddress: ["127.0.0.1", sourcePort],
  });
  assert.equal(client.gettimeout(), 3);
  const [conn, peer] = await server.accept();
  using _conn = conn;
  assert.deepEqual(peer, ["127.0.0.1", sourcePort]);
});

Deno.test("createConnection tries every address of a name in order", async () => {
  // "localhost" resolves to ::1 and 127.0.0.1 here; only the IPv4 one listens.
  using server = createServer(["127.0.0.1", 0]);
  const [, port] = server.getsockname() as [string, number];
  using client = await createConnection(["localhost", port]);
  assert.equal(client.family, AF_INET);
  const [conn] = await server.accept();
  conn.close();
});

Deno.test("createConnection throws the last error, or all of them", async () => {
  const port = deadPort();
  await assert.rejects(createConnection(["127.0.0.1", port]), ConnectionRefusedError);
  await assert.rejects(
    createConnection(["127.0.0.1", port], { allErrors: true }),
    (e: unknown) => e instanceof AggregateError && e.errors[0] instanceof ConnectionRefusedError,
  );
});

Deno.test("createServer reports bind errors with the address, as Python does", () => {
  using first = createServer(["127.0.0.1", 0]);
  const [, port] = first.getsockname() as [string, number];
  assert.throws(() => createServer(["127.0.0.1", port]), (e: unknown) => {
    assert.ok(e instanceof OSError);
    assert.equal(e.errno, ERRNO.EADDRINUSE);
    assert.equal(
      e.message,
      `[Errno ${ERRNO.EADDRINUSE}] Address already in use ` +
        `(while attempting to bind on address ('127.0.0.1', ${port}))`,
    );
    return true;
  });
  assert.throws(() => createServer(["127.0.0.1", 0], { dualstackIpv6: true }), ValueError);
});

Deno.test({
  name: "a dual-stack IPv6 server accepts IPv4 clients",
  ignore: !hasIpv6Loopback(),
  fn: async () => {
    assert.equal(hasDualstackIpv6(), true);
    using server = createServer(["::", 0], { family: AF_INET6, dualstackIpv6: true });
    const [, port] = server.getsockname() as [string, number];
    using _client = await createConnection(["127.0.0.1", port]);
    const [conn, peer] = await server.accept();
    using _conn = conn;
    assert.equal(peer[0], "::ffff:127.0.0.1");
  },
});
