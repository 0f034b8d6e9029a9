// Stream transports and protocols over real loopback sockets (CPython test_events and
// test_selector_events): callback order, flow control, half close, abort, buffered
// protocols, errors, extra info.

import assert from "node:assert/strict";
import {
  type AbstractEventLoop,
  BaseTransport,
  BufferedProtocol,
  DatagramTransport,
  Event,
  type ExceptionContext,
  getRunningLoop,
  NotImplementedError,
  Protocol,
  ReadTransport,
  run,
  RuntimeError,
  type Server,
  SubprocessTransport,
  Transport,
  ValueError,
  WriteTransport,
} from "../../asyncio/mod.ts";
import { Socket } from "../../socket/mod.ts";

const enc = (s: string) => new TextEncoder().encode(s);

/** A protocol that records its callbacks. */
class Recorder extends Protocol {
  events: string[] = [];
  data: Uint8Array[] = [];
  transport!: Transport;
  made = new Event();
  lost = new Event();
  eof = new Event();
  gotData = new Event();
  keepOpen = false;
  override connectionMade(t: BaseTransport): void {
    this.transport = t as Transport;
    this.events.push("made");
    this.made.set();
  }
  override dataReceived(d: Uint8Array): void {
    if (this.events.at(-1) !== "data") this.events.push("data");
    this.data.push(d);
    this.gotData.set();
  }
  override eofReceived(): boolean {
    this.events.push("eof");
    this.eof.set();
    return this.keepOpen;
  }
  override pauseWriting(): void {
    this.events.push("pause");
  }
  override resumeWriting(): void {
    this.events.push("resume");
  }
  override connectionLost(exc: unknown): void {
    this.events.push(exc === null ? "lost" : `lost:${(exc as Error).name}`);
    this.lost.set();
  }
  text(): string {
    return this.data.map((d) => new TextDecoder().decode(d)).join("");
  }
  bytes(): number {
    return this.data.reduce((n, d) => n + d.length, 0);
  }
}

async function pair(
  loop: AbstractEventLoop,
  make: () => Recorder = () => new Recorder(),
): Promise<{ server: Server; s: Recorder; c: Recorder }> {
  const accepted = Promise.withResolvers<Recorder>();
  const server = await loop.createServer(
    () => {
      const p = make();
      accepted.resolve(p);
      return p;
    },
    "127.0.0.1",
    0,
  );
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const [, c] = await loop.createConnection(make, "127.0.0.1", port);
  const s = await accepted.promise;
  await s.made.wait();
  return { server, s, c };
}

async function finish(server: Server, ...ps: Recorder[]): Promise<void> {
  for (const p of ps) if (!p.transport.isClosing()) p.transport.close();
  for (const p of ps) await p.lost.wait();
  server.close();
  await server.waitClosed();
}

Deno.test("abstract transports throw NotImplementedError; Transport is a WriteTransport", () => {
  const t = new Transport({ peername: ["h", 1] });
  assert.ok(t instanceof ReadTransport && t instanceof WriteTransport);
  assert.ok(t instanceof BaseTransport);
  assert.ok(!(new ReadTransport() instanceof WriteTransport));
  assert.deepEqual(t.getExtraInfo("peername"), ["h", 1]);
  assert.equal(t.getExtraInfo("nothing", 5), 5);
  for (const f of [() => t.write(enc("x")), () => t.close(), () => t.pauseReading()]) {
    assert.throws(f, NotImplementedError);
  }
  assert.throws(() => new DatagramTransport().sendto(enc("x")), NotImplementedError);
  assert.throws(() => new SubprocessTransport().kill(), NotImplementedError);
});

Deno.test("callbacks come in Python's order: connectionMade first, connectionLost last, once", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const { server, s, c } = await pair(loop);
    c.transport.write(enc("ping"));
    c.transport.writeEof();
    await s.eof.wait();
    await s.lost.wait();
    await c.lost.wait();
    assert.deepEqual(s.events, ["made", "data", "eof", "lost"]);
    assert.deepEqual(c.events, ["made", "eof", "lost"]);
    assert.equal(s.text(), "ping");
    c.transport.close(); // closing twice does nothing
    s.transport.abort();
    await finish(server);
    assert.deepEqual(c.events, ["made", "eof", "lost"]);
  });
});

Deno.test("half close: eofReceived returning true keeps the transport open for writing", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const { server, s, c } = await pair(loop);
    s.keepOpen = true;
    assert.ok(c.transport.canWriteEof());
    c.transport.write(enc("question"));
    c.transport.writeEof();
    assert.throws(() => c.transport.write(enc("more")), RuntimeError);
    await s.eof.wait();
    assert.ok(!s.transport.isClosing());
    s.transport.write(enc("answer"));
    s.transport.close();
    await c.eof.wait();
    await c.lost.wait();
    assert.equal(c.text(), "answer");
    assert.deepEqual(s.events, ["made", "data", "eof", "lost"]);
    await finish(server);
  });
});

Deno.test("pauseWriting at the high-water mark, resumeWriting at the low one", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const { server, s, c } = await pair(loop);
    s.transport.pauseReading();
    assert.ok(!s.transport.isReading());
    const t = c.transport;
    t.setWriteBufferLimits({ high: 128 * 1024, low: 32 * 1024 });
    assert.deepEqual(t.getWriteBufferLimits(), [32 * 1024, 128 * 1024]);
    assert.throws(() => t.setWriteBufferLimits({ high: 1, low: 2 }), ValueError);
    const chunk = new Uint8Array(64 * 1024);
    let sent = 0;
    // The first write goes to the socket at once; the rest queue behind it.
    while (!c.events.includes("pause")) {
      t.write(chunk);
      sent += chunk.length;
    }
    assert.ok(t.getWriteBufferSize() > 128 * 1024, `${t.getWriteBufferSize()}`);
    assert.equal(c.events.filter((e) => e === "pause").length, 1);
    const resumed = new Event();
    c.resumeWriting = () => {
      c.events.push("resume");
      assert.ok(t.getWriteBufferSize() <= 32 * 1024);
      resumed.set();
    };
    s.transport.resumeReading();
    await resumed.wait();
    while (s.bytes() < sent) {
      s.gotData.clear();
      await s.gotData.wait();
    }
    assert.equal(s.bytes(), sent);
    assert.deepEqual(c.events, ["made", "pause", "resume"]);
    await finish(server, c, s);
  });
});

Deno.test("pauseReading really stops reading: the sender's buffer fills up", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const { server, s, c } = await pair(loop);
    s.transport.pauseReading();
    s.transport.pauseReading(); // twice is fine
    const paused = new Event();
    c.pauseWriting = () => paused.set();
    c.transport.setWriteBufferLimits({ high: 16 * 1024 });
    const chunk = new Uint8Array(256 * 1024);
    let sent = 0;
    // Keep writing until the kernel's buffers are full and the transport pauses.
    while (!paused.isSet()) {
      c.transport.write(chunk);
      sent += chunk.length;
      await new Promise((r) => setTimeout(r, 0));
    }
    assert.equal(s.bytes(), 0, "a paused transport delivered data");
    s.transport.resumeReading();
    while (s.bytes() < sent) {
      s.gotData.clear();
      await s.gotData.wait();
    }
    assert.equal(s.bytes(), sent);
    await finish(server, c, s);
  });
});

Deno.test("abort drops buffered data and calls connectionLost(null)", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const { server, s, c } = await pair(loop);
    s.transport.pauseReading();
    c.transport.setWriteBufferLimits({ high: 1 << 30 });
    for (let i = 0; i < 64; i++) c.transport.write(new Uint8Array(256 * 1024));
    assert.ok(c.transport.getWriteBufferSize() > 0);
    c.transport.abort();
    assert.ok(c.transport.isClosing());
    await c.lost.wait();
    assert.deepEqual(c.events, ["made", "lost"]);
    c.transport.write(enc("after")); // ignored once the connection is lost
    s.transport.resumeReading();
    await s.lost.wait();
    assert.ok(s.bytes() < 64 * 256 * 1024);
    await finish(server);
  });
});

Deno.test("a BufferedProtocol is read into its own buffer (no copy)", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const buf = new Uint8Array(7);
    const got: number[] = [];
    const done = new Event();
    class Into extends BufferedProtocol {
      override getBuffer(sizehint: number): Uint8Array {
        assert.equal(sizehint, -1);
        return buf;
      }
      override bufferUpdated(n: number): void {
        got.push(...buf.subarray(0, n));
      }
      override connectionLost(): void {
        done.set();
      }
    }
    const server = await loop.createServer(() => new Into(), "127.0.0.1", 0);
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const sock = new Socket();
    await sock.connect(["127.0.0.1", port]);
    const payload = Uint8Array.from({ length: 100 }, (_, i) => i);
    await sock.sendall(payload);
    sock.close();
    await done.wait();
    assert.deepEqual(got, [...payload]);
    server.close();
    await server.waitClosed();
  });
});

Deno.test("a protocol with a getBuffer method is treated as a BufferedProtocol", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const buf = new Uint8Array(64);
    let total = 0;
    const done = new Event();
    const server = await loop.createServer(
      () => ({
        getBuffer: () => buf,
        bufferUpdated: (n: number) => total += n,
        connectionLost: () => done.set(),
      }),
      "127.0.0.1",
      0,
    );
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const sock = new Socket();
    await sock.connect(["127.0.0.1", port]);
    await sock.sendall(new Uint8Array(1000));
    sock.close();
    await done.wait();
    assert.equal(total, 1000);
    server.close();
    await server.waitClosed();
  });
});

Deno.test("an exception in dataReceived goes to the exception handler and closes", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const contexts: ExceptionContext[] = [];
    loop.setExceptionHandler((_l, ctx) => contexts.push(ctx));
    const { server, s, c } = await pair(loop);
    const boom = new Error("boom");
    s.dataReceived = () => {
      throw boom;
    };
    c.transport.write(enc("x"));
    await s.lost.wait();
    await c.lost.wait();
    assert.equal(contexts.length, 1);
    assert.equal(contexts[0].message, "Fatal error: protocol.data_received() call failed.");
    assert.equal(contexts[0].exception, boom);
    assert.equal(contexts[0].transport, s.transport);
    assert.equal(s.events.at(-1), "lost:Error");
    await finish(server);
  });
});

Deno.test("write rejects what is not bytes with TypeError; empty writes do nothing", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const { server, s, c } = await pair(loop);
    assert.throws(() => c.transport.write("text" as unknown as Uint8Array), TypeError);
    c.transport.write(new Uint8Array(0));
    c.transport.writelines([enc("a"), enc("b")]);
    c.transport.write(new Uint16Array([0x6463]) as unknown as Uint8Array);
    await s.gotData.wait();
    while (s.bytes() < 4) {
      s.gotData.clear();
      await s.gotData.wait();
    }
    assert.equal(s.text(), "abcd");
    await finish(server, c, s);
  });
});

Deno.test("getExtraInfo gives peername, sockname and the socket", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const { server, s, c } = await pair(loop);
    const [, port] = server.sockets[0].getsockname() as [string, number];
    assert.deepEqual(c.transport.getExtraInfo("peername"), ["127.0.0.1", port]);
    assert.deepEqual(s.transport.getExtraInfo("sockname"), ["127.0.0.1", port]);
    assert.deepEqual(
      s.transport.getExtraInfo("peername"),
      c.transport.getExtraInfo("sockname"),
    );
    const sock = c.transport.getExtraInfo("socket") as Socket;
    assert.ok(sock instanceof Socket);
    assert.deepEqual(sock.getpeername(), ["127.0.0.1", port]);
    assert.ok(s.transport.getExtraInfo("socket") instanceof Socket);
    assert.equal(c.transport.getExtraInfo("sslcontext"), null);
    assert.equal(c.transport.getExtraInfo("peercert", "none"), "none");
    assert.equal(c.transport.getProtocol(), c);
    await finish(server, c, s);
  });
});

Deno.test("setProtocol switches the protocol that receives data", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const { server, s, c } = await pair(loop);
    const other = new Recorder();
    s.transport.setProtocol(other);
    c.transport.write(enc("to other"));
    await other.gotData.wait();
    assert.equal(other.text(), "to other");
    assert.equal(s.bytes(), 0);
    c.transport.close();
    await other.lost.wait();
    await c.lost.wait();
    server.close();
    await server.waitClosed();
  });
});

Deno.test("each small read is the protocol's own: kept chunks stay intact and apart", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const { server, s, c } = await pair(loop);
    // A ping-pong, so that each message arrives as a read of its own: the client keeps
    // every chunk, scribbles on it, and answers; the server sends the next on the answer.
    const rounds = 300;
    let sent = 0;
    const done = new Event();
    const kept: Uint8Array[] = [];
    c.dataReceived = (d) => {
      kept.push(d);
      const copy = d.slice();
      d.fill(0x2a); // the protocol owns d: this must not reach any other chunk
      d.set(copy);
      c.transport.write(enc("k"));
    };
    s.dataReceived = () => {
      if (++sent === rounds) done.set();
      else s.transport.write(enc(`m${sent}:`.padEnd(100 + (sent % 7) * 300, "x")));
    };
    s.transport.write(enc("m0:".padEnd(100, "x")));
    await done.wait();
    const want = [...Array(rounds).keys()].map((i) => `m${i}:`.padEnd(100 + (i % 7) * 300, "x"));
    assert.deepEqual(kept.map((d) => new TextDecoder().decode(d)), want);
    // Chunks that share an ArrayBuffer never overlap.
    const byBuffer = Map.groupBy(kept, (d) => d.buffer);
    for (const views of byBuffer.values()) {
      const spans = views.map((v) => [v.byteOffset, v.byteOffset + v.length]).sort((a, b) =>
        a[0] - b[0]
      );
      for (let i = 1; i < spans.length; i++) assert.ok(spans[i][0] >= spans[i - 1][1]);
    }
    await finish(server, s, c);
  });
});
