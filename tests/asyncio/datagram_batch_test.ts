// The kernel UDP transport's batches (recvmmsg/sendmmsg on Linux): datagrams queued
// before the server reads are delivered in order with their own senders, and what the
// protocol sends while a batch is delivered leaves in order, with the bytes it had when
// sendto returned, a rejected datagram going to errorReceived and close() sending first.

import assert from "node:assert/strict";
import {
  type BaseTransport,
  DatagramProtocol,
  type DatagramTransport,
  Event,
  getRunningLoop,
  OSError,
  run,
} from "../../asyncio/mod.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const EMSGSIZE = Deno.build.os === "darwin" ? 40 : 90;
const PER_CLIENT = 40; // with two clients, more than two batches of 32

class Collector extends DatagramProtocol {
  t!: DatagramTransport;
  got: string[] = [];
  full = new Event();
  lost = new Event();
  constructor(readonly want: number) {
    super();
  }
  override connectionMade(t: BaseTransport): void {
    this.t = t as DatagramTransport;
  }
  override datagramReceived(data: Uint8Array): void {
    this.got.push(dec(data));
    if (this.got.length === this.want) this.full.set();
  }
  override connectionLost(): void {
    this.lost.set();
  }
}

// Replies twice to each datagram from one reused buffer; the tenth datagram also gets a
// reply too big for UDP, and `closeAt` closes the transport after that many.
class Replier extends DatagramProtocol {
  t!: DatagramTransport;
  seen: [string, unknown][] = [];
  views: Uint8Array[] = [];
  errors: unknown[] = [];
  lost = new Event();
  reply = new Uint8Array(64);
  constructor(readonly closeAt = Infinity) {
    super();
  }
  override connectionMade(t: BaseTransport): void {
    this.t = t as DatagramTransport;
  }
  override datagramReceived(data: Uint8Array, addr: unknown): void {
    this.seen.push([dec(data), addr]);
    this.views.push(data);
    for (const tag of ["x", "y"]) {
      this.reply.set(enc(tag));
      this.reply.set(data, 1);
      this.t.sendto(this.reply.subarray(0, data.length + 1), addr);
      if (tag === "x" && this.seen.length === 10) this.t.sendto(new Uint8Array(70_000), addr);
    }
    if (this.seen.length === this.closeAt) this.t.close();
  }
  override errorReceived(exc: unknown): void {
    this.errors.push(exc);
  }
  override connectionLost(): void {
    this.lost.set();
  }
}

interface Burst {
  serverT: DatagramTransport;
  server: Replier;
  clients: [DatagramTransport, Collector][];
}

async function burst(closeAt?: number, wants = [2 * PER_CLIENT, 2 * PER_CLIENT]): Promise<Burst> {
  const loop = getRunningLoop();
  const [serverT, server] = await loop.createDatagramEndpoint(() => new Replier(closeAt), {
    localAddr: ["127.0.0.1", 0],
  });
  const addr = serverT.getExtraInfo("sockname") as [string, number];
  const clients = await Promise.all(
    wants.map((want) =>
      loop.createDatagramEndpoint(() => new Collector(want), { remoteAddr: addr })
    ),
  );
  // Outside a delivery, sendto sends at once: all of these wait in the server's queue
  // before it reads any.
  for (let i = 0; i < PER_CLIENT; i++) {
    for (const [t, name] of [[clients[0][0], "a"], [clients[1][0], "b"]] as const) {
      t.sendto(enc(`${name}${i}`));
    }
  }
  return { serverT, server, clients };
}

Deno.test("a queued burst from two senders: order, addresses, replies in order", async () => {
  await run(async () => {
    const { serverT, server, clients } = await burst();
    await Promise.all(clients.map(([, p]) => p.full.wait()));
    const names = clients.map(([t]) => t.getExtraInfo("sockname"));
    const expected = [...Array(PER_CLIENT).keys()].flatMap((i) => [`a${i}`, `b${i}`]);
    assert.deepEqual(server.seen.map(([s]) => s), expected);
    server.seen.forEach(([s, from]) => assert.deepEqual(from, names[s[0] === "a" ? 0 : 1]));
    for (const [k, [, p]] of clients.entries()) {
      const name = "ab"[k];
      const want = [...Array(PER_CLIENT).keys()].flatMap((i) => [`x${name}${i}`, `y${name}${i}`]);
      assert.deepEqual(p.got, want);
    }
    // The oversized reply was refused alone, through errorReceived.
    assert.equal(server.errors.length, 1);
    assert.ok(server.errors[0] instanceof OSError);
    assert.equal((server.errors[0] as OSError).errno, EMSGSIZE);
    // Each datagram owns its bytes: none overlaps another or was overwritten later.
    const spans = server.views.map((v) => [v.buffer, v.byteOffset, v.byteLength] as const);
    for (let i = 1; i < spans.length; i++) {
      const [buf, off] = spans[i], [pbuf, poff, plen] = spans[i - 1];
      if (buf === pbuf) assert.ok(off >= poff + plen);
    }
    assert.deepEqual(server.views.map(dec), expected);
    assert.ok(!serverT.isClosing());
    for (const [t] of clients) t.close();
    serverT.close();
    await Promise.all([server.lost.wait(), ...clients.map(([, p]) => p.lost.wait())]);
  });
});

Deno.test("close() during a delivery sends what was sent before it, then stops", async () => {
  await run(async () => {
    const { server, clients } = await burst(7, [8, 6]);
    await server.lost.wait();
    await Promise.all(clients.map(([, p]) => p.full.wait()));
    // Datagrams after the seventh were not delivered; the seven got both replies.
    assert.deepEqual(server.seen.map(([s]) => s), ["a0", "b0", "a1", "b1", "a2", "b2", "a3"]);
    assert.deepEqual(clients[0][1].got, ["xa0", "ya0", "xa1", "ya1", "xa2", "ya2", "xa3", "ya3"]);
    assert.deepEqual(clients[1][1].got, ["xb0", "yb0", "xb1", "yb1", "xb2", "yb2"]);
    for (const [t, p] of clients) {
      t.close();
      await p.lost.wait();
    }
  });
});

// One server, one client; the server's protocol runs `step` for each datagram (after
// echoing it), and the client records each reply with the address it came from.
interface Scripted {
  serverAddr: unknown;
  serverLost: Event;
  clientT: DatagramTransport;
  clientLost: Event;
  replies: [string, unknown][];
  got: Event;
}

async function scripted(
  step: (t: DatagramTransport, i: number, addr: unknown) => void,
): Promise<Scripted> {
  const loop = getRunningLoop();
  let i = 0;
  const serverLost = new Event();
  class Server extends DatagramProtocol {
    t!: DatagramTransport;
    override connectionMade(t: BaseTransport): void {
      this.t = t as DatagramTransport;
    }
    override datagramReceived(data: Uint8Array, addr: unknown): void {
      this.t.sendto(data, addr);
      step(this.t, i++, addr);
    }
    override connectionLost(): void {
      serverLost.set();
    }
  }
  const [serverT] = await loop.createDatagramEndpoint(() => new Server(), {
    localAddr: ["127.0.0.1", 0],
  });
  const serverAddr = serverT.getExtraInfo("sockname");
  const replies: [string, unknown][] = [];
  const got = new Event(), clientLost = new Event();
  class Client extends DatagramProtocol {
    override datagramReceived(data: Uint8Array, addr: unknown): void {
      replies.push([dec(data), addr]);
      got.set();
    }
    override connectionLost(): void {
      clientLost.set();
    }
  }
  const [clientT] = await loop.createDatagramEndpoint(() => new Client(), {
    localAddr: ["127.0.0.1", 0],
  });
  for (let k = 0; k < 8; k++) clientT.sendto(enc(`d${k}`), serverAddr);
  return { serverAddr, serverLost, clientT, clientLost, replies, got };
}

Deno.test("what a protocol sent before abort() or an exception goes out", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const errors: unknown[] = [];
    loop.setExceptionHandler((_l, ctx) => void errors.push(ctx.exception));
    for (const ending of ["abort", "throw", "close, send, throw"]) {
      const s = await scripted((t, i, addr) => {
        if (i !== 3) return;
        if (ending === "abort") t.abort();
        if (ending.startsWith("close")) t.close();
        if (ending.endsWith("send, throw")) t.sendto(enc("after close"), addr);
        if (ending.endsWith("throw")) throw new Error(`boom ${ending}`);
      });
      await s.serverLost.wait();
      const want = ["d0", "d1", "d2", "d3"];
      if (ending.endsWith("send, throw")) want.push("after close");
      // Whatever the server sent is queued at the client by now (loopback delivers within
      // the send): a datagram the client sends itself arrives after all of it.
      s.clientT.sendto(enc("marker"), s.clientT.getExtraInfo("sockname"));
      while (s.replies.at(-1)?.[0] !== "marker") {
        s.got.clear();
        await s.got.wait();
      }
      const replies = s.replies.slice(0, -1);
      assert.deepEqual(replies.map(([d]) => d), want, ending);
      // Every reply came from the server's own socket.
      for (const [, from] of replies) assert.deepEqual(from, s.serverAddr);
      s.clientT.close();
      await s.clientLost.wait();
    }
    assert.deepEqual(errors.map((e) => (e as Error).message), [
      "boom throw",
      "boom close, send, throw",
    ]);
  });
});
