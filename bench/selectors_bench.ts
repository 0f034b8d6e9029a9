// The 18.4.3 selectors echo server under load: 10 connections echoing 1 KiB and 64 KiB
// messages, against a raw Deno echo server (a read/write loop per Deno.Conn) in the same
// run; the selector server runs once on native sockets and once on kernel sockets. The
// clients are raw Deno.Conn loops in every case, so only the server differs.
// The selector server is Python's example made safe for large messages: it reads up to
// 64 KiB per callback (Python's 1000 bytes would take 66 callbacks per 64 KiB message)
// into one reused buffer (recvInto: a fresh 64 KiB buffer per read would cost more than
// the echo), and when a non-blocking send takes only part of the data it keeps the rest
// and waits for EVENT_WRITE instead of dropping it.
// Rounds alternate between the servers so that machine noise hits all alike; the best
// round of each is reported.
// Run: deno run -A bench/selectors_bench.ts [seconds-per-round]

import { DefaultSelector, EVENT_READ, EVENT_WRITE } from "../selectors/mod.ts";
import { Socket } from "../socket/mod.ts";

const CONNECTIONS = 10;
const ROUNDS = 3;
const SECONDS = Number(Deno.args[0] ?? 1.5);
const BUFSIZE = 64 * 1024;

type Kind = "raw" | "native" | "kernel";
type Server = [port: number, stop: () => Promise<void>];

interface Result {
  trips: number;
  seconds: number;
}

function rawServer(size: number): Server {
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

// Each key's data is the callback, as in Python's example.
type Callback = (sock: Socket, mask: number) => Promise<void>;

function selectorServer(kernel: boolean): Server {
  const sel = new DefaultSelector<Callback>();
  const pending = new Map<Socket, Uint8Array>();
  const buffer = new Uint8Array(BUFSIZE); // one server, one callback at a time: one buffer

  const accept: Callback = async (sock) => {
    const [conn] = await sock.accept();
    conn.setblocking(false);
    sel.register(conn, EVENT_READ, read);
  };

  const read: Callback = async (conn) => {
    const n = await conn.recvInto(buffer);
    if (n === 0) {
      sel.unregister(conn);
      conn.close();
      return;
    }
    const sent = await conn.send(buffer.subarray(0, n));
    if (sent < n) {
      pending.set(conn, buffer.slice(sent, n)); // the buffer is reused: keep a copy
      sel.modify(conn, EVENT_WRITE, flush);
    }
  };

  const flush: Callback = async (conn) => {
    const rest = pending.get(conn)!;
    const sent = await conn.send(rest);
    if (sent < rest.length) return void pending.set(conn, rest.subarray(sent));
    pending.delete(conn);
    sel.modify(conn, EVENT_READ, read);
  };

  const server = new Socket();
  if (kernel) server.fileno();
  server.bind(["127.0.0.1", 0]);
  server.listen(100);
  server.setblocking(false);
  sel.register(server, EVENT_READ, accept);
  let running = true;
  const serving = (async () => {
    while (running) {
      for (const [key, mask] of await sel.select()) {
        await key.data(key.fileobj as Socket, mask);
      }
    }
  })();
  return [(server.getsockname() as [string, number])[1], async () => {
    running = false;
    const socks = [...sel.getMap().values()].map((k) => k.fileobj as Socket);
    sel.close(); // a select() still waiting resolves with []
    await serving;
    for (const s of socks) s.close();
  }];
}

async function clients(port: number, size: number, until: number): Promise<number> {
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

async function round(kind: Kind, size: number): Promise<Result> {
  const [port, stop] = kind === "raw" ? rawServer(size) : selectorServer(kind === "kernel");
  const start = performance.now();
  const trips = await clients(port, size, start + SECONDS * 1000);
  const seconds = (performance.now() - start) / 1000;
  await stop();
  return { trips, seconds };
}

function fmt(r: Result, size: number): string {
  const rate = r.trips / r.seconds;
  const mbs = (rate * size * 2) / 1e6;
  return `${rate.toFixed(0).padStart(8)} trips/s ${mbs.toFixed(1).padStart(8)} MB/s`;
}

const rate = (r: Result): number => r.trips / r.seconds;
console.log(
  `selectors echo server (18.4.3), ${CONNECTIONS} connections, ` +
    `best of ${ROUNDS} rounds of ${SECONDS}s, ${new DefaultSelector().constructor.name}`,
);
console.log("| message | raw Deno echo | selector (native) | ratio | selector (kernel) | ratio |");
console.log("|---|---|---|---|---|---|");
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
