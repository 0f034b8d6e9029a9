// The Deno roles of bench/asyncio_net_bench.ts, one per process:
//
//   deno run -A bench/_asyncio_net_roles.ts server <impl> <tcp|udp>
//     prints the port, then echoes until killed
//   deno run -A bench/_asyncio_net_roles.ts client <impl> <tcp|udp> <port> <size> <conns> <ms> [warm]
//     prints {"n": round trips (or datagrams) completed, "lat": [µs per round trip]}, counting
//     those started after `warm` ms (a warm-up) during the `ms` that follow
//
// impl: raw (Deno.listen/Deno.connect; Deno.listenDatagram, or node:dgram when the
// process lacks --unstable-net), owned (raw TCP, but each read's bytes are copied into a
// buffer of their own, as `dataReceived` and `read()` hand them over), protocol (our
// transports and protocols), buffered (our BufferedProtocol, reading with no copy; TCP
// only), streams (our StreamReader/StreamWriter; UDP has no streams).

import * as asyncio from "../asyncio/mod.ts";
import dgram from "node:dgram";

const [role, impl, kind, ...rest] = Deno.args;
const WINDOW = 32; // UDP datagrams in flight per client
const OWNED = impl === "owned";

/** When counting starts (after the warm-up) and ends, on `performance.now()`'s clock. */
function span(ms: number): { start: number; end: number } {
  const start = performance.now() + Number(rest[4] ?? 0);
  return { start, end: start + ms };
}

// ---- servers ----

async function rawTcpServer(): Promise<void> {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  console.log((l.addr as Deno.NetAddr).port);
  for await (const c of l) {
    c.setNoDelay(true);
    (async () => {
      const buf = new Uint8Array(256 * 1024);
      try {
        for (;;) {
          const n = await c.read(buf);
          if (n === null) break;
          const data = OWNED ? buf.slice(0, n) : buf.subarray(0, n);
          let at = 0;
          while (at < n) at += await c.write(data.subarray(at));
        }
      } catch { /* reset */ }
      c.close();
    })();
  }
}

async function rawUdpServer(): Promise<void> {
  if (typeof Deno.listenDatagram === "function") {
    const s = Deno.listenDatagram({ hostname: "127.0.0.1", port: 0, transport: "udp" });
    console.log((s.addr as Deno.NetAddr).port);
    for (;;) {
      const [data, addr] = await s.receive();
      s.send(data, addr).catch(() => {});
    }
  }
  const s = dgram.createSocket("udp4");
  s.on("message", (msg, rinfo) => s.send(msg, rinfo.port, rinfo.address));
  s.bind(0, "127.0.0.1", () => console.log(s.address().port));
  await new Promise(() => {});
}

class EchoProtocol extends asyncio.Protocol {
  t!: asyncio.Transport;
  override connectionMade(t: asyncio.BaseTransport): void {
    this.t = t as asyncio.Transport;
  }
  override dataReceived(data: Uint8Array): void {
    this.t.write(data);
  }
}

// Zero-copy echo: reads land in one of two buffers and go back out from there; the
// transport holds the buffer of a write in flight, so the next read takes the other.
class BufferedEcho extends asyncio.BufferedProtocol {
  t!: asyncio.Transport;
  #bufs = [new Uint8Array(256 * 1024), new Uint8Array(256 * 1024)];
  #cur = 0;
  #held = -1;
  override connectionMade(t: asyncio.BaseTransport): void {
    this.t = t as asyncio.Transport;
  }
  override getBuffer(): Uint8Array {
    if (this.#held === this.#cur && this.t.getWriteBufferSize() > 0) this.#cur ^= 1;
    return this.#bufs[this.#cur];
  }
  override bufferUpdated(n: number): void {
    // A write that finds nothing in flight keeps the buffer; later ones are copied.
    if (this.t.getWriteBufferSize() === 0) this.#held = this.#cur;
    this.t.write(this.#bufs[this.#cur].subarray(0, n));
  }
}

class EchoDatagram extends asyncio.DatagramProtocol {
  t!: asyncio.DatagramTransport;
  override connectionMade(t: asyncio.BaseTransport): void {
    this.t = t as asyncio.DatagramTransport;
  }
  override datagramReceived(data: Uint8Array, addr: unknown): void {
    this.t.sendto(data, addr);
  }
}

async function oursServer(): Promise<void> {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    if (kind === "udp") {
      const [t] = await loop.createDatagramEndpoint(() => new EchoDatagram(), {
        localAddr: ["127.0.0.1", 0],
      });
      console.log((t.getExtraInfo("sockname") as [string, number])[1]);
    } else if (impl === "protocol" || impl === "buffered") {
      const factory = impl === "protocol" ? () => new EchoProtocol() : () => new BufferedEcho();
      const s = await loop.createServer(factory, "127.0.0.1", 0);
      console.log((s.sockets[0].getsockname() as [string, number])[1]);
    } else {
      const s = await asyncio.startServer(
        async (r, w) => {
          for (;;) {
            const data = await r.read(65536);
            if (data.length === 0) break;
            w.write(data);
            await w.drain();
          }
          w.close();
        },
        "127.0.0.1",
        0,
      );
      console.log((s.sockets[0].getsockname() as [string, number])[1]);
    }
    await new Promise(() => {});
  });
}

// ---- clients ----

interface Result {
  n: number;
  lat: number[];
}

async function rawTcpClient(
  port: number,
  size: number,
  conns: number,
  ms: number,
): Promise<Result> {
  const msg = new Uint8Array(size).fill(120);
  const { start, end } = span(ms);
  const lat: number[] = [];
  let n = 0, kept: Uint8Array | null = null;
  await Promise.all(Array.from({ length: conns }, async () => {
    const c = await Deno.connect({ hostname: "127.0.0.1", port });
    c.setNoDelay(true);
    const buf = new Uint8Array(256 * 1024);
    while (performance.now() < end) {
      const t0 = performance.now();
      let at = 0;
      while (at < size) at += await c.write(msg.subarray(at));
      let got = 0;
      while (got < size) {
        const k = (await c.read(buf))!;
        if (OWNED) kept = buf.slice(0, k);
        got += k;
      }
      if (t0 < start) continue;
      lat.push((performance.now() - t0) * 1000);
      n++;
    }
    c.close();
  }));
  void kept;
  return { n, lat };
}

async function oursTcpClient(
  port: number,
  size: number,
  conns: number,
  ms: number,
): Promise<Result> {
  const msg = new Uint8Array(size).fill(120);
  const lat: number[] = [];
  let n = 0;
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const { start, end } = span(ms);
    if (impl === "streams") {
      await Promise.all(Array.from({ length: conns }, async () => {
        const [r, w] = await asyncio.openConnection("127.0.0.1", port);
        while (performance.now() < end) {
          const t0 = performance.now();
          w.write(msg);
          await w.drain();
          await r.readexactly(size);
          if (t0 < start) continue;
          lat.push((performance.now() - t0) * 1000);
          n++;
        }
        w.close();
        await w.waitClosed();
      }));
      return;
    }
    await Promise.all(Array.from({ length: conns }, async () => {
      const done = Promise.withResolvers<void>();
      let got = 0, t0 = 0;
      class Client extends asyncio.Protocol {
        t!: asyncio.Transport;
        override connectionMade(t: asyncio.BaseTransport): void {
          this.t = t as asyncio.Transport;
          t0 = performance.now();
          this.t.write(msg);
        }
        override dataReceived(data: Uint8Array): void {
          got += data.length;
          if (got < size) return;
          got = 0;
          const now = performance.now();
          if (t0 >= start) {
            lat.push((now - t0) * 1000);
            n++;
          }
          if (now >= end) {
            this.t.close();
            return;
          }
          t0 = now;
          this.t.write(msg);
        }
        override connectionLost(): void {
          done.resolve();
        }
      }
      // The buffered client counts what lands in one reused buffer.
      const sink = new Uint8Array(256 * 1024);
      class BufferedClient extends Client {
        getBuffer(): Uint8Array {
          return sink;
        }
        bufferUpdated(k: number): void {
          this.dataReceived(sink.subarray(0, k));
        }
      }
      const make = impl === "buffered" ? () => new BufferedClient() : () => new Client();
      await loop.createConnection(make, "127.0.0.1", port);
      await done.promise;
    }));
  });
  return { n, lat };
}

async function udpClient(port: number, size: number, ms: number): Promise<Result> {
  const msg = new Uint8Array(size).fill(120);
  let n = 0, n0 = -1;
  if (impl === "protocol") {
    await asyncio.run(async () => {
      const loop = asyncio.getRunningLoop();
      const done = Promise.withResolvers<void>();
      const { start, end } = span(ms);
      let last = performance.now();
      class C extends asyncio.DatagramProtocol {
        t!: asyncio.DatagramTransport;
        override connectionMade(t: asyncio.BaseTransport): void {
          this.t = t as asyncio.DatagramTransport;
          for (let i = 0; i < WINDOW; i++) this.t.sendto(msg);
        }
        override datagramReceived(): void {
          n++;
          if ((n & 255) === 0) {
            const now = performance.now();
            if (n0 < 0 && now >= start) n0 = n;
            if (now >= end) {
              this.t.close();
              return;
            }
          }
          last = performance.now();
          this.t.sendto(msg);
        }
        override connectionLost(): void {
          done.resolve();
        }
      }
      const [t] = await loop.createDatagramEndpoint(() => new C(), {
        remoteAddr: ["127.0.0.1", port],
      });
      // Refill the window after losses.
      const timer = setInterval(() => {
        if (performance.now() >= end) t.close();
        else if (performance.now() - last > 20) { for (let i = 0; i < WINDOW; i++) t.sendto(msg); }
      }, 20);
      await done.promise;
      clearInterval(timer);
    });
    return { n: n0 < 0 ? 0 : n - n0, lat: [] };
  }
  const s = dgram.createSocket("udp4");
  await new Promise<void>((r) => s.connect(port, "127.0.0.1", () => r()));
  const { start, end } = span(ms);
  let last = performance.now();
  await new Promise<void>((resolve) => {
    s.on("message", () => {
      last = performance.now();
      if (last >= start) n++;
      s.send(msg);
    });
    for (let i = 0; i < WINDOW; i++) s.send(msg);
    const timer = setInterval(() => {
      if (performance.now() >= end) {
        clearInterval(timer);
        s.close();
        resolve();
      } else if (performance.now() - last > 20) { for (let i = 0; i < WINDOW; i++) s.send(msg); }
    }, 20);
  });
  return { n, lat: [] };
}

async function rawUdpClient(port: number, size: number, ms: number): Promise<Result> {
  if (typeof Deno.listenDatagram !== "function") return await udpClient(port, size, ms);
  const s = Deno.listenDatagram({ hostname: "127.0.0.1", port: 0, transport: "udp" });
  const to: Deno.NetAddr = { transport: "udp", hostname: "127.0.0.1", port };
  const msg = new Uint8Array(size).fill(120);
  const { start, end } = span(ms);
  let n = 0, last = performance.now();
  for (let i = 0; i < WINDOW; i++) s.send(msg, to).catch(() => {});
  const timer = setInterval(() => {
    if (performance.now() >= end) s.close();
    else if (performance.now() - last > 20) {
      for (let i = 0; i < WINDOW; i++) s.send(msg, to).catch(() => {});
    }
  }, 20);
  try {
    for (;;) {
      await s.receive();
      last = performance.now();
      if (last >= start) n++;
      s.send(msg, to).catch(() => {});
    }
  } catch { /* closed */ }
  clearInterval(timer);
  return { n, lat: [] };
}

if (role === "server") {
  // An optional lifetime in ms (for --cpu-prof, which writes on exit).
  if (rest[0]) setTimeout(() => Deno.exit(0), Number(rest[0]));
  if (impl === "raw" || OWNED) await (kind === "udp" ? rawUdpServer() : rawTcpServer());
  else await oursServer();
} else {
  const [port, size, conns, ms] = rest.map(Number);
  let r: Result;
  if (kind === "udp") {
    r = impl === "raw" ? await rawUdpClient(port, size, ms) : await udpClient(port, size, ms);
  } else if (impl === "raw" || OWNED) r = await rawTcpClient(port, size, conns, ms);
  else r = await oursTcpClient(port, size, conns, ms);
  console.log(JSON.stringify(r));
  Deno.exit(0);
}
