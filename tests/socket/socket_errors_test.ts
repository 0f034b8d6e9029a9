import assert from "node:assert/strict";
import {
  AF_INET,
  AF_UNIX,
  BlockingIOError,
  ConnectionRefusedError,
  GaiError,
  OSError,
  OverflowError,
  SO_ERROR,
  SOCK_DGRAM,
  SOCK_STREAM,
  Socket,
  SOL_SOCKET,
  TimeoutError,
  ValueError,
} from "../../socket/mod.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import { kWaitReady } from "../../socket/readiness.ts";
import { BACKENDS, connectedPair, listener, newSocket } from "../_helpers/loopback.ts";

const enc = new TextEncoder();

/** A loopback port that nobody listens on (freed right after it was picked). */
function deadPort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = l.addr.port;
  l.close();
  return port;
}

// Runs once: the constructor checks its arguments before any backend is chosen.
Deno.test("the constructor checks family, type and protocol as socket(2) does", () => {
  const errnoOf = (f: () => unknown): number | null => {
    try {
      f();
    } catch (e) {
      return (e as OSError).errno;
    }
    return null;
  };
  assert.equal(errnoOf(() => new Socket(12345)), ERRNO.EAFNOSUPPORT);
  assert.equal(errnoOf(() => new Socket(AF_INET, 999)), ERRNO.EINVAL);
  assert.equal(errnoOf(() => new Socket(AF_INET, SOCK_STREAM, 17)), ERRNO.EPROTONOSUPPORT);
  assert.throws(() => new Socket(AF_INET, SOCK_STREAM, 0, -1), {
    name: "ValueError",
    message: "negative file descriptor",
  });
});

for (const backend of BACKENDS) {
  Deno.test(`connect to a closed port throws ConnectionRefusedError (ECONNREFUSED) [${backend}]`, async () => {
    using sock = newSocket(backend);
    await assert.rejects(sock.connect(["127.0.0.1", deadPort()]), (e: unknown) => {
      assert.ok(e instanceof ConnectionRefusedError);
      assert.equal(e.errno, ERRNO.ECONNREFUSED);
      assert.equal(e.message, `[Errno ${ERRNO.ECONNREFUSED}] Connection refused`);
      return true;
    });
  });

  Deno.test(`connectEx returns the errno instead of throwing [${backend}]`, async () => {
    using sock = newSocket(backend);
    assert.equal(await sock.connectEx(["127.0.0.1", deadPort()]), ERRNO.ECONNREFUSED);
    using server = listener(AF_INET, undefined, backend);
    using ok = newSocket(backend);
    assert.equal(await ok.connectEx(server.getsockname()), 0);
    const [conn] = await server.accept();
    conn.close();
  });

  Deno.test(`bind to an address in use throws OSError EADDRINUSE [${backend}]`, () => {
    using a = newSocket(backend);
    a.bind(["127.0.0.1", 0]);
    a.listen();
    using b = newSocket(backend);
    assert.throws(() => b.bind(a.getsockname()), (e: unknown) => {
      assert.ok(e instanceof OSError);
      assert.equal(e.errno, ERRNO.EADDRINUSE);
      assert.equal(e.message, `[Errno ${ERRNO.EADDRINUSE}] Address already in use`);
      return true;
    });
  });

  Deno.test(`an unknown host throws GaiError [${backend}]`, async () => {
    using sock = newSocket(backend);
    await assert.rejects(sock.connect(["no-such-host.invalid", 80]), GaiError);
  });

  Deno.test(`port 70000 throws OverflowError with Python's message [${backend}]`, async () => {
    using sock = newSocket(backend);
    assert.throws(() => sock.bind(["127.0.0.1", 70000]), {
      name: "OverflowError",
      message: "bind(): port must be 0-65535.",
    });
    await assert.rejects(sock.connect(["127.0.0.1", 70000]), OverflowError);
  });

  Deno.test(`every operation on a closed socket throws OSError EBADF [${backend}]`, async () => {
    const sock = newSocket(backend);
    sock.close();
    sock.close();
    assert.equal(sock.fileno(), -1);
    assert.equal(sock.detach(), -1);
    const isEbadf = (e: unknown): boolean => e instanceof OSError && e.errno === ERRNO.EBADF;
    assert.throws(() => sock.bind(["127.0.0.1", 0]), isEbadf);
    assert.throws(() => sock.listen(), isEbadf);
    assert.throws(() => sock.getsockname(), isEbadf);
    assert.throws(() => sock.setblocking(false), isEbadf);
    await assert.rejects(sock.recv(1), isEbadf);
    await assert.rejects(sock.sendall(new Uint8Array(1)), isEbadf);
    await assert.rejects(sock.connect(["127.0.0.1", 1]), isEbadf);
    await assert.rejects(sock.accept(), isEbadf);
  });

  Deno.test(`wrong argument types throw TypeError [${backend}]`, async () => {
    using sock = newSocket(backend);
    assert.throws(() => sock.bind("x" as never), {
      name: "TypeError",
      message: "bind(): AF_INET address must be tuple, not str",
    });
    assert.throws(() => sock.bind(["127.0.0.1"] as never), TypeError);
    assert.throws(() => sock.bind([1, 2] as never), TypeError);
    assert.throws(() => sock.bind(["127.0.0.1", "80"] as never), TypeError);
    await assert.rejects(sock.sendall("text" as never), {
      name: "TypeError",
      message: "a bytes-like object is required, not 'str'",
    });
    await assert.rejects(sock.recv("1" as never), TypeError);
    assert.throws(() => sock.settimeout("1" as never), TypeError);
    using unix = newSocket(backend, AF_UNIX);
    assert.throws(() => unix.bind(123 as never), TypeError);
    assert.throws(() => unix.bind("x".repeat(200)), { message: "AF_UNIX path too long" });
  });

  Deno.test(`bad values throw ValueError [${backend}]`, async () => {
    using sock = newSocket(backend);
    assert.throws(() => sock.settimeout(-1), {
      name: "ValueError",
      message: "Timeout value out of range",
    });
    assert.throws(() => sock.settimeout(NaN), ValueError);
    await assert.rejects(sock.recv(-1), {
      name: "ValueError",
      message: "negative buffersize in recv",
    });
    await assert.rejects(sock.recvInto(new Uint8Array(2), 5), ValueError);
  });

  Deno.test(`state errors follow Linux: ENOTCONN, EISCONN, EINVAL, EOPNOTSUPP, EPIPE [${backend}]`, async () => {
    const errno = async (p: Promise<unknown> | (() => unknown)): Promise<number | null> => {
      try {
        await (typeof p === "function" ? p() : p);
      } catch (e) {
        return (e as OSError).errno;
      }
      return null;
    };
    using fresh = newSocket(backend);
    assert.equal(await errno(fresh.recv(1)), ERRNO.ENOTCONN);
    assert.equal(await errno(() => fresh.getpeername()), ERRNO.ENOTCONN);
    assert.equal(await errno(fresh.shutdown(1)), ERRNO.ENOTCONN);
    assert.equal(await errno(fresh.send(new Uint8Array(1))), ERRNO.EPIPE);
    assert.equal(await errno(fresh.accept()), ERRNO.EINVAL);
    const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
    using _c = client, _s = conn, _l = server;
    assert.equal(await errno(client.connect(server.getsockname())), ERRNO.EISCONN);
    assert.equal(await errno(() => client.listen()), ERRNO.EINVAL);
    assert.equal(await errno(() => client.bind(["127.0.0.1", 0])), ERRNO.EINVAL);
    assert.equal(await errno(client.shutdown(7)), ERRNO.EINVAL);
    using udp = newSocket(backend, AF_INET, SOCK_DGRAM);
    assert.equal(await errno(() => udp.listen()), ERRNO.EOPNOTSUPP);
    assert.equal(await errno(udp.accept()), ERRNO.EOPNOTSUPP);
  });

  Deno.test(`a recv timeout throws TimeoutError and the socket still works [${backend}]`, async () => {
    const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
    using _c = client, _s = conn, _l = server;
    conn.settimeout(0.05);
    await assert.rejects(conn.recv(10), (e: unknown) => {
      assert.ok(e instanceof TimeoutError);
      assert.equal(e.message, "timed out");
      assert.equal(e.errno, null);
      return true;
    });
    await client.sendall(enc.encode("after the timeout"));
    assert.equal(new TextDecoder().decode(await conn.recv(100)), "after the timeout");
  });

  Deno.test(`an accept timeout loses no connection [${backend}]`, async () => {
    using server = listener(AF_INET, undefined, backend);
    server.settimeout(0.05);
    await assert.rejects(server.accept(), TimeoutError);
    using client = newSocket(backend);
    await client.connect(server.getsockname());
    const [conn] = await server.accept();
    conn.close();
  });

  Deno.test(`non-blocking recv and accept throw BlockingIOError EAGAIN at once [${backend}]`, async () => {
    const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
    using _c = client, _s = conn, _l = server;
    conn.setblocking(false);
    assert.equal(conn.getblocking(), false);
    assert.equal(conn.gettimeout(), 0);
    await assert.rejects(conn.recv(10), (e: unknown) => {
      assert.ok(e instanceof BlockingIOError);
      assert.equal(e.errno, ERRNO.EAGAIN);
      return true;
    });
    server.setblocking(false);
    await assert.rejects(server.accept(), BlockingIOError);
    await client.sendall(enc.encode("now"));
    conn.setblocking(true);
    assert.equal(new TextDecoder().decode(await conn.recv(10)), "now");
  });

  Deno.test(`non-blocking connect: EINPROGRESS, then SO_ERROR, then connected [${backend}]`, async () => {
    using server = listener(AF_INET, undefined, backend);
    using client = newSocket(backend);
    client.setblocking(false);
    await assert.rejects(client.connect(server.getsockname()), (e: unknown) => {
      assert.ok(e instanceof BlockingIOError);
      assert.equal(e.errno, ERRNO.EINPROGRESS);
      return true;
    });
    await client[kWaitReady]("write", new AbortController().signal);
    assert.equal(client.getsockopt(SOL_SOCKET, SO_ERROR), 0);
    await client.connect(server.getsockname());
    assert.equal(await client.connectEx(server.getsockname()), ERRNO.EISCONN);
    const [conn] = await server.accept();
    conn.close();

    using refused = newSocket(backend);
    refused.setblocking(false);
    assert.equal(await refused.connectEx(["127.0.0.1", deadPort()]), ERRNO.EINPROGRESS);
    await refused[kWaitReady]("write", new AbortController().signal);
    assert.equal(refused.getsockopt(SOL_SOCKET, SO_ERROR), ERRNO.ECONNREFUSED);
    assert.equal(refused.getsockopt(SOL_SOCKET, SO_ERROR), 0);
  });
}
