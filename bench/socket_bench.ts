// Echo round trips over loopback TCP, 10 connections, 1 KiB and 64 KiB messages: raw
// Deno.Conn (server and clients) against our Socket on the native backend and on the
// kernel backend (server and clients alike), in one run.
// Rounds alternate between the two so that machine noise hits both alike; the best
// round of each is reported.
// Run: deno run -A bench/socket_bench.ts [seconds-per-round]

import { Socket } from "../socket/mod.ts";
import {
  type Kind,
  printEchoRows,
  rawEchoClients,
  rawEchoServer,
  type Result,
  type Server,
  socketRoundTrip,
} from "./_util.ts";

const CONNECTIONS = 10;
const ROUNDS = 3;
const SECONDS = Number(Deno.args[0] ?? 1.5);

function ourServer(size: number, kernel: boolean): Server {
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
      await socketRoundTrip(sock, msg, buf);
      trips++;
    }
    sock.close();
    return trips;
  }));
  return counts.reduce((a, b) => a + b, 0);
}

async function round(kind: Kind, size: number): Promise<Result> {
  const [port, stop] = kind === "raw" ? rawEchoServer(size) : ourServer(size, kind === "kernel");
  const start = performance.now();
  const until = start + SECONDS * 1000;
  const trips = kind === "raw"
    ? await rawEchoClients(port, size, until, CONNECTIONS)
    : await ourClients(port, size, until, kind === "kernel");
  const seconds = (performance.now() - start) / 1000;
  await stop();
  return { trips, seconds };
}

console.log(`socket echo, ${CONNECTIONS} connections, best of ${ROUNDS} rounds of ${SECONDS}s`);
console.log("| message | raw Deno.Conn | Socket (native) | ratio | Socket (kernel) | ratio |");
console.log("|---|---|---|---|---|---|");
await printEchoRows(ROUNDS, round);
