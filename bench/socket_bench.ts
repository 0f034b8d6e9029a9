// Echo round trips over loopback TCP, 10 connections, 1 KiB and 64 KiB messages: raw
// Deno.Conn (server and clients) against our Socket on the native backend and on the
// kernel backend (server and clients alike), in one run.
// Rounds alternate between the two so that machine noise hits both alike; the best
// round of each is reported.
// Run: deno run -A bench/socket_bench.ts [seconds-per-round]

import { Socket } from "../socket/mod.ts";

const CONNECTIONS = 10;
const ROUNDS = 3;
const SECONDS = Number(Deno.args[0] ?? 1.5);

interface Result {
  trips: number;
  seconds: number;
}

function rawServer(size: number): [number, () => Promise<void>] {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns: Deno.Conn[] = [];
  const serving = (async () => {
    const handlers: Promise<void>[] = [];
    for await (const conn of listener) {
      conns.push(conn);
      handlers.push((async () => {
        const buf = new Uint8Array(size);
        try {
          for (;;) {
            const n = await conn.read(buf);
            if (n === null) break;
            let off = 0;
            while (off < n) off += await conn.write(buf.subarray(off, n));
          }
        } catch {
          // closed at the end of the round
        }
      })());
    }
    await Promise.all(handlers);
  })();
  return [listener.addr.port, async () => {
    listener.close();
    for (const c of conns) {
      try {
        c.close();
      } catch { /* already closed by the client */ }
    }
    await serving;
  }];
}

async function rawClients(port: number, size: number, until: number): Promise<number> {
  const msg = new Uint8Array(size).fill(7);
  const counts = await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    const buf = new Uint8Array(size);
    let trips = 0;
    while (performance.now() < until) {
      let off = 0;
      while (off < size) off += await conn.write(msg.subarray(off));
      let got = 0;
      while (got < size) {
        const n = await conn.read(buf.subarray(got));
        if (n === null) throw new Error("EOF");
        got += n;
      }
      trips++;
    }
    conn.close();
    return trips;
  }));
  return counts.reduce((a, b) => a + b, 0);
}

function ourServer(size: number, kernel: boolean): [number, () => Promise<void>] {
  const server = new Socket();
  if (kernel) server.fileno();
  server.bind(["127.0.0.1", 0]);
  server.listen(CONNECTIONS);
  const conns: Socket[] = [];
  const serving = (async () => {
    const handlers: Promise<void>[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const [conn] = await server.accept();
      conns.push(conn);
      handlers.push((async () => {
        const buf = new Uint8Array(size);
        try {
          for (;;) {
            const n = await conn.recvInto(buf);
            if (n === 0) break;
            await conn.sendall(buf.subarray(0, n));
          }
        } catch {
          // closed at the end of the round
        }
      })());
    }
    await Promise.all(handlers);
  })();
  return [(server.getsockname() as [string, number])[1], async () => {
    await serving;
    for (const c of conns) c.close();
    server.close();
  }];
}

async function ourClients(
  port: number,
  size: number,
  until: number,
  kernel: boolean,
): Promise<number> {
  const msg = new Uint8Array(size).fill(7);
  const counts = await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    const sock = new Socket();
    if (kernel) sock.fileno();
    await sock.connect(["127.0.0.1", port]);
    const buf = new Uint8Array(size);
    let trips = 0;
    while (performance.now() < until) {
      await sock.sendall(msg);
      let got = 0;
      while (got < size) {
        const n = await sock.recvInto(buf.subarray(got));
        if (n === 0) throw new Error("EOF");
        got += n;
      }
      trips++;
    }
    sock.close();
    return trips;
  }));
  return counts.reduce((a, b) => a + b, 0);
}

type Kind = "raw" | "native" | "kernel";

async function round(kind: Kind, size: number): Promise<Result> {
  const [port, stop] = kind === "raw" ? rawServer(size) : ourServer(size, kind === "kernel");
  const start = performance.now();
  const until = start + SECONDS * 1000;
  const trips = kind === "raw"
    ? await rawClients(port, size, until)
    : await ourClients(port, size, until, kind === "kernel");
  const seconds = (performance.now() - start) / 1000;
  await stop();
  return { trips, seconds };
}

function fmt(r: Result, size: number): string {
  const rate = r.trips / r.seconds;
  const mbs = (rate * size * 2) / 1e6;
  return `${rate.toFixed(0).padStart(8)} trips/s ${mbs.toFixed(1).padStart(8)} MB/s`;
}

console.log(`socket echo, ${CONNECTIONS} connections, best of ${ROUNDS} rounds of ${SECONDS}s`);
console.log("| message | raw Deno.Conn | Socket (native) | ratio | Socket (kernel) | ratio |");
console.log("|---|---|---|---|---|---|");
const rate = (r: Result): number => r.trips / r.seconds;
for (const size of [1024, 64 * 1024]) {
  const best: Partial<Record<Kind, Result>> = {};
  for (let i = 0; i < ROUNDS; i++) {
    for (const kind of ["raw", "native", "kernel"] as const) {
      const r = await round(kind, size);
      if (!best[kind] || rate(r) > rate(best[kind]!)) best[kind] = r;
    }
  }
  const raw = best.raw!;
  const cells = (["native", "kernel"] as const).map((k) =>
    `${fmt(best[k]!, size)} | ${(rate(best[k]!) / rate(raw)).toFixed(2)}x`
  );
  console.log(`| ${size / 1024} KiB | ${fmt(raw, size)} | ${cells.join(" | ")} |`);
}
