// The loop's socket operations and descriptor watchers (CPython test_sock_lowlevel and
// the add_reader tests): non-blocking sockets only, cancellation that loses nothing,
// getaddrinfo/getnameinfo, addReader/addWriter on descriptors and on sockets.

import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  Event,
  getRunningLoop,
  run,
  sleep,
  ValueError,
} from "../../asyncio/mod.ts";
import {
  AF_INET,
  NI_NUMERICHOST,
  NI_NUMERICSERV,
  SOCK_DGRAM,
  SOCK_STREAM,
  Socket,
  socketpair,
} from "../../socket/mod.ts";
import { fdGuard } from "../_helpers/fd_guard.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

Deno.test("sockAccept/sockConnect/sockSendall/sockRecv over TCP", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    using listener = new Socket(AF_INET, SOCK_STREAM);
    listener.bind(["127.0.0.1", 0]);
    listener.listen();
    listener.setblocking(false);
    using client = new Socket();
    client.setblocking(false);
    const accepting = createTask(() => loop.sockAccept(listener));
    await loop.sockConnect(client, listener.getsockname() as [string, number]);
    const [conn, addr] = await accepting;
    using _conn = conn;
    assert.equal(conn.gettimeout(), 0);
    assert.deepEqual(addr, client.getsockname());
    const big = new Uint8Array(1 << 20).fill(7);
    const receiving = createTask(async () => {
      let n = 0;
      while (n < big.length) n += (await loop.sockRecv(conn, 65536)).length;
      return n;
    });
    await loop.sockSendall(client, big);
    assert.equal(await receiving, big.length);
    const buf = new Uint8Array(10);
    await loop.sockSendall(client, enc("into"));
    assert.equal(await loop.sockRecvInto(conn, buf), 4);
    assert.equal(dec(buf.subarray(0, 4)), "into");
  });
});

Deno.test("sock* methods need a non-blocking socket: ValueError", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const [a, b] = socketpair();
    await assert.rejects(async () => await loop.sockRecv(a, 1), ValueError);
    await assert.rejects(async () => await loop.sockSendall(a, enc("x")), ValueError);
    a.close();
    b.close();
  });
});

Deno.test("a cancelled sockRecv loses nothing", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const [a, b] = socketpair();
    a.setblocking(false);
    const t = createTask(() => loop.sockRecv(a, 100));
    await sleep(0);
    t.cancel();
    await assert.rejects(async () => await t, CancelledError);
    await b.sendall(enc("kept"));
    assert.equal(dec(await loop.sockRecv(a, 100)), "kept");
    a.close();
    b.close();
  });
});

Deno.test("sockSendto/sockRecvfrom over UDP", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    using a = new Socket(AF_INET, SOCK_DGRAM);
    using b = new Socket(AF_INET, SOCK_DGRAM);
    a.bind(["127.0.0.1", 0]);
    b.bind(["127.0.0.1", 0]);
    a.setblocking(false);
    b.setblocking(false);
    const receiving = createTask(() => loop.sockRecvfrom(b, 100));
    await loop.sockSendto(a, enc("dgram"), b.getsockname());
    const [data, from] = await receiving;
    assert.equal(dec(data), "dgram");
    assert.deepEqual(from, a.getsockname());
  });
});

Deno.test("sockSendfile sends a file through a non-blocking socket", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const path = await Deno.makeTempFile();
    await Deno.writeTextFile(path, "0123456789".repeat(1000));
    const [a, b] = socketpair();
    a.setblocking(false);
    using file = await Deno.open(path);
    const n = await loop.sockSendfile(a, file, 10, 5000);
    assert.equal(n, 5000);
    a.close();
    let got = "";
    for (;;) {
      const d = await b.recv(65536);
      if (d.length === 0) break;
      got += dec(d);
    }
    b.close();
    assert.equal(got, "0123456789".repeat(500));
    await Deno.remove(path);
  });
});

Deno.test("getaddrinfo and getnameinfo run without blocking the loop", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const infos = await loop.getaddrinfo("127.0.0.1", 80, { type: SOCK_STREAM });
    assert.deepEqual(infos[0][4], ["127.0.0.1", 80]);
    assert.deepEqual(
      await loop.getnameinfo(["127.0.0.1", 8080], NI_NUMERICHOST | NI_NUMERICSERV),
      ["127.0.0.1", "8080"],
    );
  });
});

Deno.test(
  "addReader on a kernel descriptor is level-triggered; removeReader stops it",
  fdGuard(async () => {
    await run(async () => {
      const loop = getRunningLoop();
      const [r, w] = socketpair();
      const fd = r.fileno();
      let calls = 0;
      const thrice = new Event();
      loop.addReader(fd, (tag: string) => {
        assert.equal(tag, "tag");
        // Not consuming the data: the callback runs again on each iteration.
        if (++calls === 3) thrice.set();
      }, "tag");
      await w.send(enc("x"));
      await thrice.wait();
      assert.ok(loop.removeReader(fd));
      assert.ok(!loop.removeReader(fd));
      const before = calls;
      await sleep(0.01);
      assert.equal(calls, before);
      assert.deepEqual(await r.recv(10), enc("x"));
      r.close();
      w.close();
    });
  }),
);

Deno.test("addWriter fires when writable; addReader works on a native socket too", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const [a, b] = socketpair();
    const writable = new Event();
    loop.addWriter(a, () => {
      loop.removeWriter(a);
      writable.set();
    });
    await writable.wait();
    using listener = new Socket(AF_INET, SOCK_STREAM);
    listener.bind(["127.0.0.1", 0]);
    listener.listen();
    using client = new Socket();
    await client.connect(listener.getsockname() as [string, number]);
    const [conn] = await listener.accept();
    const readable = Promise.withResolvers<string>();
    loop.addReader(conn, async () => {
      loop.removeReader(conn);
      readable.resolve(dec(await conn.recv(10)));
    });
    await client.sendall(enc("native"));
    assert.equal(await readable.promise, "native");
    conn.close();
    a.close();
    b.close();
    assert.throws(() => loop.addReader(-1, () => {}), ValueError);
    assert.throws(() => loop.addReader(0, "x" as never), TypeError);
  });
});
