import assert from "node:assert/strict";
import {
  AF_INET,
  AF_INET6,
  ConnectionRefusedError,
  createConnection,
  createServer,
  hasDualstackIpv6,
  IPPROTO_IPV6,
  IPV6_V6ONLY,
  OSError,
  SO_REUSEADDR,
  type Socket,
  SOL_SOCKET,
  ValueError,
} from "../../socket/mod.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import { setKernelByDefault } from "../../socket/_core.ts";
import { coreOf } from "../../socket/_core_access.ts";
import { type Backend, BACKENDS, hasIpv6Loopback, newSocket } from "../_helpers/loopback.ts";

function deadPort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = l.addr.port;
  l.close();
  return port;
}

/**
 * Runs `body` with every socket that createConnection and createServer make on `backend`
 * (they create their own sockets, so the test cannot call fileno() first).
 */
function onBackend(backend: Backend, body: () => Promise<void> | void): () => Promise<void> {
  return async () => {
    setKernelByDefault(backend === "kernel");
    try {
      await body();
    } finally {
      setKernelByDefault(false);
    }
  };
}

/** Asserts that `sock` runs on `backend`. */
function assertOn(backend: Backend, sock: Socket): void {
  assert.equal(coreOf(sock)!.kernel !== null, backend === "kernel");
}

for (const backend of BACKENDS) {
  Deno.test(
    `createServer binds with SO_REUSEADDR and listens [${backend}]`,
    onBackend(backend, async () => {
      using server = createServer(["127.0.0.1", 0], { backlog: 4 });
      assertOn(backend, server);
      assert.equal(server.getsockopt(SOL_SOCKET, SO_REUSEADDR), 1);
      using client = await createConnection(server.getsockname() as [string, number]);
      assertOn(backend, client);
      const [conn] = await server.accept();
      using _conn = conn;
      assert.deepEqual(conn.getpeername(), client.getsockname());
    }),
  );

  Deno.test(
    `createConnection sets the timeout and binds sourceAddress [${backend}]`,
    onBackend(backend, async () => {
      using server = createServer(["127.0.0.1", 0]);
      const [, port] = server.getsockname() as [string, number];
      using source = newSocket(backend);
      source.bind(["127.0.0.1", 0]);
      const sourcePort = (source.getsockname() as [string, number])[1];
      source.close();
      using client = await createConnection(["127.0.0.1", port], {
        timeout: 3,
        sourceAddress: ["127.0.0.1", sourcePort],
      });
      assertOn(backend, client);
      assert.equal(client.gettimeout(), 3);
      const [conn, peer] = await server.accept();
      using _conn = conn;
      assert.deepEqual(peer, ["127.0.0.1", sourcePort]);
    }),
  );

  Deno.test(
    `createConnection tries every address of a name in order [${backend}]`,
    onBackend(backend, async () => {
      // "localhost" resolves to ::1 and 127.0.0.1 here; only the IPv4 one listens.
      using server = createServer(["127.0.0.1", 0]);
      const [, port] = server.getsockname() as [string, number];
      using client = await createConnection(["localhost", port]);
      assertOn(backend, client);
      assert.equal(client.family, AF_INET);
      const [conn] = await server.accept();
      conn.close();
    }),
  );

  Deno.test(
    `createConnection throws the last error, or all of them [${backend}]`,
    onBackend(backend, async () => {
      const port = deadPort();
      await assert.rejects(createConnection(["127.0.0.1", port]), ConnectionRefusedError);
      await assert.rejects(
        createConnection(["127.0.0.1", port], { allErrors: true }),
        (e: unknown) =>
          e instanceof AggregateError && e.errors[0] instanceof ConnectionRefusedError,
      );
    }),
  );

  Deno.test(
    `createServer reports bind errors with the address, as Python does [${backend}]`,
    onBackend(backend, () => {
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
    }),
  );

  Deno.test({
    name: `a dual-stack IPv6 server accepts IPv4 clients [${backend}]`,
    ignore: !hasIpv6Loopback(),
    fn: onBackend(backend, async () => {
      assert.equal(hasDualstackIpv6(), true);
      using server = createServer(["::", 0], { family: AF_INET6, dualstackIpv6: true });
      assertOn(backend, server);
      const [, port] = server.getsockname() as [string, number];
      using _client = await createConnection(["127.0.0.1", port]);
      const [conn, peer] = await server.accept();
      using _conn = conn;
      assert.equal(peer[0], "::ffff:127.0.0.1");
    }),
  });
}

Deno.test({
  name: "an AF_INET6 server without dualstackIpv6 is IPv6-only, as Python's create_server",
  ignore: !hasIpv6Loopback(),
  fn: async () => {
    using server = createServer(["::", 0], { family: AF_INET6 });
    assert.equal(server.getsockopt(IPPROTO_IPV6, IPV6_V6ONLY), 1);
    const [, port] = server.getsockname() as [string, number];
    await assert.rejects(
      createConnection(["127.0.0.1", port]),
      (e: unknown) =>
        e instanceof ConnectionRefusedError ||
        (e instanceof AggregateError && e.errors[0] instanceof ConnectionRefusedError),
    );
    using dual = createServer(["::", 0], { family: AF_INET6, dualstackIpv6: true });
    assert.equal(dual.getsockopt(IPPROTO_IPV6, IPV6_V6ONLY), 0);
  },
});
