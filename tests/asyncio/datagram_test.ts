// Datagram endpoints (CPython test_events datagram tests), on kernel sockets (the default
// with --allow-ffi) and native ones (node:dgram).

import assert from "node:assert/strict";
import {
  type BaseTransport,
  DatagramProtocol,
  type DatagramTransport,
  Event,
  getRunningLoop,
  OSError,
  run,
  ValueError,
} from "../../asyncio/mod.ts";
import { AF_INET, AF_UNIX, SOCK_DGRAM, Socket } from "../../socket/mod.ts";
import { coreOf } from "../../socket/_core_access.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

class Recorder extends DatagramProtocol {
  t!: DatagramTransport;
  got: [string, unknown][] = [];
  errors: unknown[] = [];
  events: string[] = [];
  received = new Event();
  lost = new Event();
  errored = new Event();
  echo = false;
  override connectionMade(t: BaseTransport): void {
    this.t = t as DatagramTransport;
    this.events.push("made");
  }
  override datagramReceived(data: Uint8Array, addr: unknown): void {
    this.got.push([dec(data), addr]);
    if (this.echo) this.t.sendto(data, addr);
    this.received.set();
  }
  override errorReceived(exc: unknown): void {
    this.errors.push(exc);
    this.errored.set();
  }
  override connectionLost(exc: unknown): void {
    this.events.push(exc === null ? "lost" : "lost:error");
    this.lost.set();
  }
}

for (const native of [false, true]) {
  const kind = native ? "native (node:dgram)" : "kernel";
  Deno.test(`UDP echo through two endpoints, ${kind}`, async () => {
    await run(async () => {
      const loop = getRunningLoop();
      let server: Recorder;
      let serverT: DatagramTransport;
      if (native) {
        const sock = new Socket(AF_INET, SOCK_DGRAM);
        coreOf(sock)!.nativeOnly = true;
        sock.bind(["127.0.0.1", 0]);
        [serverT, server] = await loop.createDatagramEndpoint(() => new Recorder(), { sock });
      } else {
        [serverT, server] = await loop.createDatagramEndpoint(() => new Recorder(), {
          localAddr: ["127.0.0.1", 0],
        });
      }
      server.echo = true;
      const addr = serverT.getExtraInfo("sockname") as [string, number];
      const [clientT, client] = await loop.createDatagramEndpoint(() => new Recorder(), {
        remoteAddr: addr,
      });
      assert.deepEqual(clientT.getExtraInfo("peername"), addr);
      clientT.sendto(enc("hello"));
      await client.received.wait();
      assert.equal(client.got[0][0], "hello");
      assert.deepEqual(server.got[0][1], clientT.getExtraInfo("sockname"));
      assert.throws(() => clientT.sendto(enc("x"), ["127.0.0.1", 1]), ValueError);
      assert.throws(() => clientT.sendto("x" as unknown as Uint8Array), TypeError);
      clientT.close();
      serverT.close();
      await client.lost.wait();
      await server.lost.wait();
      assert.deepEqual(client.events, ["made", "lost"]);
      assert.ok(clientT.isClosing());
    });
  });
}

Deno.test("a burst of 2,000 datagrams arrives in order on loopback", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const [serverT, server] = await loop.createDatagramEndpoint(() => new Recorder(), {
      localAddr: ["127.0.0.1", 0],
    });
    const done = new Event();
    server.datagramReceived = (d) => {
      server.got.push([dec(d), null]);
      if (server.got.length === 2000) done.set();
    };
    const [clientT] = await loop.createDatagramEndpoint(() => new Recorder(), {
      remoteAddr: serverT.getExtraInfo("sockname") as [string, number],
    });
    for (let i = 0; i < 2000; i++) {
      clientT.sendto(enc(String(i)));
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 1));
    }
    await done.wait();
    assert.deepEqual(server.got.map(([s]) => Number(s)), [...Array(2000).keys()]);
    clientT.close();
    serverT.close();
    await server.lost.wait();
  });
});

Deno.test("ICMP port unreachable reaches errorReceived and the transport stays open", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const probe = new Socket(AF_INET, SOCK_DGRAM);
    probe.bind(["127.0.0.1", 0]);
    const closedPort = (probe.getsockname() as [string, number])[1];
    probe.close();
    const [t, p] = await loop.createDatagramEndpoint(() => new Recorder(), {
      remoteAddr: ["127.0.0.1", closedPort],
    });
    t.sendto(enc("anyone?"));
    await p.errored.wait();
    assert.ok(p.errors[0] instanceof OSError);
    assert.equal((p.errors[0] as OSError).name, "ConnectionRefusedError");
    assert.ok(!t.isClosing());
    t.abort();
    await p.lost.wait();
  });
});

Deno.test("createDatagramEndpoint argument errors", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    await assert.rejects(loop.createDatagramEndpoint(() => new Recorder()), ValueError);
    const sock = new Socket(AF_INET, SOCK_DGRAM);
    await assert.rejects(
      loop.createDatagramEndpoint(() => new Recorder(), { sock, localAddr: ["127.0.0.1", 0] }),
      ValueError,
    );
    await assert.rejects(
      loop.createDatagramEndpoint(() => new Recorder(), { sock: new Socket() }),
      ValueError,
    );
    await assert.rejects(
      loop.createDatagramEndpoint(() => new Recorder(), {
        localAddr: "nope" as unknown as [string, number],
      }),
      TypeError,
    );
    sock.close();
  });
});

Deno.test("unix datagram endpoint: one datagram per receive, none cut at 64 KiB", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await run(async () => {
      const loop = getRunningLoop();
      const sock = new Socket(AF_UNIX, SOCK_DGRAM);
      sock.bind(`${dir}/server`);
      const [serverT, server] = await loop.createDatagramEndpoint(() => new Recorder(), { sock });
      const peer = new Socket(AF_UNIX, SOCK_DGRAM);
      peer.bind(`${dir}/peer`);
      const big = new Uint8Array(100 * 1024).fill(0x61);
      const sizes: number[] = [];
      const all = new Event();
      server.datagramReceived = (d, addr) => {
        sizes.push(d.length);
        assert.equal(addr, `${dir}/peer`);
        serverT.sendto(d.subarray(0, 5), addr);
        if (sizes.length === 3) all.set();
      };
      for (const d of [enc("one"), big, enc("three")]) await peer.sendto(d, `${dir}/server`);
      await all.wait();
      assert.deepEqual(sizes, [3, big.length, 5]);
      const replies: string[] = [];
      for (let i = 0; i < 3; i++) replies.push(dec((await peer.recvfrom(16))[0]));
      assert.deepEqual(replies, ["one", "aaaaa", "three"]);
      peer.close();
      serverT.close();
      await server.lost.wait();
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
