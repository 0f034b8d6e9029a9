import assert from "node:assert/strict";
import {
  AF_INET,
  AF_INET6,
  ConnectionResetError,
  MSG_PEEK,
  MSG_WAITALL,
  SHUT_RD,
  SHUT_WR,
  SOCK_STREAM,
} from "../../socket/mod.ts";
import {
  BACKENDS,
  connectedPair,
  hasIpv6Loopback,
  listener,
  newSocket,
  pattern,
  sha256,
} from "../_helpers/loopback.ts";
import { kWaitReady } from "../../socket/readiness.ts";
import type { Socket } from "../../socket/mod.ts";
import { fdGuard } from "../_helpers/fd_guard.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

for (const backend of BACKENDS) {
  Deno.test(
    `Socket echoes over TCP/IPv4 with Python's addresses [${backend}]`,
    fdGuard(async () => {
      using server = newSocket(backend, AF_INET, SOCK_STREAM);
      server.bind(["127.0.0.1", 0]);
      const [host, port] = server.getsockname() as [string, number];
      assert.equal(host, "127.0.0.1");
      assert.ok(port > 0);
      server.listen(5);
      using client = newSocket(backend);
      const accepting = server.accept();
      await client.connect(["127.0.0.1", port]);
      const [conn, peer] = await accepting;
      using _conn = conn;
      assert.deepEqual(peer, client.getsockname());
      assert.deepEqual(conn.getpeername(), client.getsockname());
      assert.deepEqual(client.getpeername(), ["127.0.0.1", port]);
      await client.sendall(enc.encode("hello"));
      assert.equal(dec.decode(await conn.recv(1024)), "hello");
      await conn.sendall(enc.encode("world"));
      assert.equal(dec.decode(await client.recv(1024)), "world");
    }),
  );

  Deno.test({
    name: `Socket echoes over TCP/IPv6 with four-tuple addresses [${backend}]`,
    ignore: !hasIpv6Loopback(),
    fn: async () => {
      const [client, conn, server] = await connectedPair(AF_INET6, undefined, backend);
      using _c = client, _s = conn, _l = server;
      const addr = server.getsockname();
      assert.equal(addr.length, 4);
      assert.equal(addr[0], "::1");
      assert.deepEqual(client.getpeername(), addr);
      await client.sendall(enc.encode("v6"));
      assert.equal(dec.decode(await conn.recv(10)), "v6");
    },
  });

  Deno.test(`listen() on an unbound socket binds the wildcard address [${backend}]`, () => {
    using server = newSocket(backend);
    server.listen();
    const [host, port] = server.getsockname() as [string, number];
    assert.equal(host, "0.0.0.0");
    assert.ok(port > 0);
  });

  Deno.test(`recv returns what is there, up to bufsize, and empty at EOF [${backend}]`, async () => {
    const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
    using _c = client, _s = conn, _l = server;
    await client.sendall(enc.encode("abcdef"));
    assert.equal(dec.decode(await conn.recv(4, MSG_PEEK)), "abcd");
    assert.equal(dec.decode(await conn.recv(4)), "abcd");
    assert.equal(dec.decode(await conn.recv(100)), "ef");
    assert.deepEqual(await conn.recv(0), new Uint8Array(0));
    client.close();
    assert.equal((await conn.recv(10)).length, 0);
    assert.equal((await conn.recv(10)).length, 0);
  });

  Deno.test(`MSG_WAITALL waits for the whole amount [${backend}]`, async () => {
    const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
    using _c = client, _s = conn, _l = server;
    const reading = conn.recv(6, MSG_WAITALL);
    await client.sendall(enc.encode("abc"));
    await client.sendall(enc.encode("def"));
    assert.equal(dec.decode(await reading), "abcdef");
  });

  Deno.test(`recvInto and recvfromInto fill the given buffer [${backend}]`, async () => {
    const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
    using _c = client, _s = conn, _l = server;
    await client.sendall(enc.encode("0123456789"));
    const buf = new Uint8Array(16);
    assert.equal(await conn.recvInto(buf, 4), 4);
    assert.equal(dec.decode(buf.subarray(0, 4)), "0123");
    const [n, addr] = await conn.recvfromInto(buf);
    assert.equal(addr, null);
    assert.equal(dec.decode(buf.subarray(0, n)), "456789");
    await client.sendall(enc.encode("x"));
    const [data, from] = await conn.recvfrom(10);
    assert.equal(dec.decode(data), "x");
    assert.equal(from, null);
  });

  Deno.test(`shutdown(SHUT_WR) delivers EOF while the other direction works [${backend}]`, async () => {
    const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
    using _c = client, _s = conn, _l = server;
    await client.sendall(enc.encode("last words"));
    await client.shutdown(SHUT_WR);
    assert.equal(dec.decode(await conn.recv(100, MSG_WAITALL)), "last words");
    assert.equal((await conn.recv(100)).length, 0);
    await conn.sendall(enc.encode("still here"));
    assert.equal(dec.decode(await client.recv(100)), "still here");
    await assert.rejects(client.send(enc.encode("no")), { name: "BrokenPipeError" });
  });

  Deno.test(`shutdown(SHUT_RD) makes recv return empty [${backend}]`, async () => {
    const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
    using _c = client, _s = conn, _l = server;
    await conn.shutdown(SHUT_RD);
    assert.equal((await conn.recv(10)).length, 0);
  });

  Deno.test(
    `64 MiB both ways at once arrives intact [${backend}]`,
    fdGuard(async () => {
      const size = 64 * 1024 * 1024;
      const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
      using _c = client, _s = conn, _l = server;
      const up = pattern(size, 7);
      const down = pattern(size, 11);
      const drain = async (sock: Socket): Promise<Uint8Array> => {
        const out = new Uint8Array(size);
        let got = 0;
        while (got < size) {
          const n = await sock.recvInto(out.subarray(got));
          assert.ok(n > 0, "unexpected EOF");
          got += n;
        }
        return out;
      };
      const [, , atServer, atClient] = await Promise.all([
        client.sendall(up),
        conn.sendall(down),
        drain(conn),
        drain(client),
      ]);
      assert.equal(await sha256(atServer), await sha256(up));
      assert.equal(await sha256(atClient), await sha256(down));
    }),
  );

  Deno.test(`concurrent sendall calls never interleave or drop bytes [${backend}]`, async () => {
    const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
    using _c = client, _s = conn, _l = server;
    const blocks = Array.from({ length: 40 }, (_, i) => new Uint8Array(100_000).fill(i));
    const sending = Promise.all(blocks.map((b) => client.sendall(b))).then(() =>
      client.shutdown(SHUT_WR)
    );
    const parts: Uint8Array[] = [];
    for (;;) {
      const part = await conn.recv(65536);
      if (part.length === 0) break;
      parts.push(part);
    }
    await sending;
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let off = 0;
    for (const p of parts) {
      all.set(p, off);
      off += p.length;
    }
    assert.equal(all.length, 40 * 100_000);
    for (let i = 0; i < 40; i++) {
      const block = all.subarray(i * 100_000, (i + 1) * 100_000);
      assert.ok(block.every((b) => b === i), `block ${i} was interleaved`);
    }
  });

  Deno.test(`closing with unread data resets the connection [${backend}]`, async () => {
    const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
    using _c = client, _l = server;
    await client.sendall(enc.encode("never read"));
    // Make sure the bytes are in the server's kernel buffer before it closes.
    await conn.sendall(enc.encode("x"));
    assert.equal(dec.decode(await client.recv(1)), "x");
    conn.close();
    if (backend === "kernel") {
      await client[kWaitReady]("read", new AbortController().signal);
      await assert.rejects(client.recv(10), ConnectionResetError);
    } else {
      // Deno's read reports the reset as end of stream (Python would raise ECONNRESET here).
      assert.equal((await client.recv(10)).length, 0);
      // After a FIN alone the first send would succeed; after a reset it fails at once.
      await assert.rejects(client.send(enc.encode("x")), { name: "BrokenPipeError" });
    }
  });

  Deno.test(`dup shares the connection until every handle is closed [${backend}]`, async () => {
    const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
    using _c = client, _l = server;
    const copy = conn.dup();
    conn.close();
    assert.equal(conn.fileno(), -1);
    await client.sendall(enc.encode("to the copy"));
    assert.equal(dec.decode(await copy.recv(100)), "to the copy");
    copy.close();
    assert.equal((await client.recv(10)).length, 0);
  });

  Deno.test(`bind before connect keeps the chosen local port [${backend}]`, async () => {
    using server = listener(AF_INET, undefined, backend);
    using client = newSocket(backend);
    client.bind(["127.0.0.1", 0]);
    const local = client.getsockname();
    const accepting = server.accept();
    await client.connect(server.getsockname());
    const [conn, peer] = await accepting;
    using _conn = conn;
    assert.deepEqual(peer, local);
    assert.deepEqual(client.getsockname(), local);
    await client.sendall(enc.encode("from a bound port"));
    assert.equal(dec.decode(await conn.recv(100)), "from a bound port");
    await conn.sendall(enc.encode("back"));
    assert.equal(dec.decode(await client.recv(100)), "back");
  });

  Deno.test(`an aborted recv loses no byte [${backend}]`, async () => {
    const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
    using _c = client, _s = conn, _l = server;
    const ctl = new AbortController();
    const reading = conn.recv(10, 0, { signal: ctl.signal });
    ctl.abort(new Error("enough"));
    await assert.rejects(reading, { message: "enough" });
    await client.sendall(enc.encode("kept"));
    assert.equal(dec.decode(await conn.recv(10)), "kept");
  });

  Deno.test(`toString reads like Python's repr [${backend}]`, async () => {
    const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
    using _s = conn, _l = server;
    const [, port] = server.getsockname() as [string, number];
    assert.match(
      client.toString(),
      new RegExp(
        `^<socket.socket fd=${backend === "kernel" ? client.fileno() : -1}, family=2, type=1, ` +
          `proto=0, laddr=\\('127.0.0.1', \\d+\\), ` +
          `raddr=\\('127.0.0.1', ${port}\\)>$`,
      ),
    );
    client.close();
    assert.equal(client.toString(), "<socket.socket [closed] fd=-1, family=2, type=1, proto=0>");
  });
}
