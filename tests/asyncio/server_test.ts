// Server (CPython test_base_events/test_server): close and waitClosed, sockets, serving
// state, serveForever, closeClients/abortClients, several hosts, errors.

import assert from "node:assert/strict";
import {
  type BaseTransport,
  CancelledError,
  createTask,
  Event,
  getRunningLoop,
  OSError,
  Protocol,
  run,
  RuntimeError,
  Server,
  sleep,
  ValueError,
} from "../../asyncio/mod.ts";
import { AF_INET, Socket } from "../../socket/mod.ts";

class Tracked extends Protocol {
  static lost = 0;
  static made = 0;
  static allMade = new Event();
  override connectionMade(_t: BaseTransport): void {
    if (++Tracked.made === 3) Tracked.allMade.set();
  }
  override connectionLost(): void {
    Tracked.lost++;
  }
}

Deno.test("close stops listening; waitClosed waits for the accepted connections", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const made = new Event();
    let transport: { close(): void } | null = null;
    const server = await loop.createServer(
      () => {
        const p = new Tracked();
        p.connectionMade = (t: BaseTransport) => {
          transport = t;
          made.set();
        };
        return p;
      },
      "127.0.0.1",
      0,
    );
    assert.ok(server instanceof Server);
    assert.equal(server.getLoop(), loop);
    assert.ok(server.isServing());
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const client = new Socket();
    await client.connect(["127.0.0.1", port]);
    await made.wait();
    server.close();
    assert.ok(!server.isServing());
    assert.deepEqual(server.sockets, []);
    const probe = new Socket();
    await assert.rejects(probe.connect(["127.0.0.1", port]), OSError);
    probe.close();
    let closed = false;
    const waiting = server.waitClosed().then(() => closed = true);
    await sleep(0.01);
    assert.ok(!closed, "waitClosed returned while a connection was open");
    transport!.close();
    await waiting;
    client.close();
    server.close(); // twice is fine
    await server.waitClosed(); // and returns at once now
  });
});

Deno.test("closeClients and abortClients end the accepted connections (3.13)", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    for (const how of ["closeClients", "abortClients"] as const) {
      Tracked.lost = Tracked.made = 0;
      Tracked.allMade.clear();
      const server = await loop.createServer(() => new Tracked(), "127.0.0.1", 0);
      const [, port] = server.sockets[0].getsockname() as [string, number];
      const clients = await Promise.all([0, 1, 2].map(async () => {
        const s = new Socket();
        await s.connect(["127.0.0.1", port]);
        return s;
      }));
      await Tracked.allMade.wait();
      server.close();
      server[how]();
      await server.waitClosed();
      assert.equal(Tracked.lost, 3);
      for (const c of clients) c.close();
    }
  });
});

Deno.test("startServing: false, then startServing(); serveForever ends on cancel", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await loop.createServer(() => new Protocol(), "127.0.0.1", 0, {
      startServing: false,
    });
    assert.ok(!server.isServing());
    await server.startServing();
    assert.ok(server.isServing());
    const forever = createTask(() => server.serveForever());
    await sleep(0);
    await assert.rejects(server.serveForever(), RuntimeError);
    forever.cancel();
    await assert.rejects(async () => await forever, CancelledError);
    assert.ok(!server.isServing());
    await assert.rejects(server.serveForever(), RuntimeError); // closed
  });
});

Deno.test("createServer on several hosts, port 0, and await using", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    await using server = await loop.createServer(
      () => new Protocol(),
      ["127.0.0.1", "localhost"],
      0,
      {
        family: AF_INET,
      },
    );
    assert.ok(server.sockets.length >= 1);
    for (const s of server.sockets) {
      const [host, port] = s.getsockname() as [string, number];
      assert.equal(host, "127.0.0.1");
      assert.ok(port > 0);
    }
  });
});

Deno.test("createServer with sock, and the argument errors", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const sock = new Socket();
    sock.bind(["127.0.0.1", 0]);
    const server = await loop.createServer(() => new Protocol(), { sock });
    assert.equal(server.sockets[0], sock);
    await assert.rejects(
      loop.createServer(() => new Protocol(), "127.0.0.1", 0, { sock }),
      ValueError,
    );
    await assert.rejects(loop.createServer(() => new Protocol()), ValueError);
    await assert.rejects(
      loop.createServer(() => new Protocol(), "127.0.0.1", 0, { ssl: true as never }),
      TypeError,
    );
    const [, port] = sock.getsockname() as [string, number];
    await assert.rejects(
      loop.createServer(() => new Protocol(), "127.0.0.1", port, { reuseAddress: false }),
      (e) => e instanceof OSError && e.code === "EADDRINUSE",
    );
    server.close();
    await server.waitClosed();
  });
});

Deno.test("createConnection errors: refused, and contradictory arguments", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const probe = new Socket();
    probe.bind(["127.0.0.1", 0]);
    const [, port] = probe.getsockname() as [string, number];
    probe.close();
    await assert.rejects(
      loop.createConnection(() => new Protocol(), "127.0.0.1", port),
      (e) => e instanceof OSError && e.name === "ConnectionRefusedError",
    );
    await assert.rejects(loop.createConnection(() => new Protocol()), ValueError);
    await assert.rejects(
      loop.createConnection(() => new Protocol(), "127.0.0.1", port, { sock: new Socket() }),
      ValueError,
    );
    await assert.rejects(
      loop.createConnection(() => new Protocol(), "127.0.0.1", port, { serverHostname: "x" }),
      ValueError,
    );
  });
});

Deno.test("happy eyeballs and a local address reach the server", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    await using server = await loop.createServer(() => new Protocol(), "127.0.0.1", 0);
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const [t1] = await loop.createConnection(() => new Protocol(), "127.0.0.1", port, {
      happyEyeballsDelay: 0.25,
    });
    const [t2] = await loop.createConnection(() => new Protocol(), "127.0.0.1", port, {
      localAddr: ["127.0.0.1", 0],
    });
    assert.equal((t2.getExtraInfo("sockname") as [string, number])[0], "127.0.0.1");
    t1.close();
    t2.close();
    server.closeClients();
  });
});
