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
import {
  type Kind,
  printEchoRows,
  rawEchoClients,
  rawEchoServer,
  type Result,
  type Server,
} from "./_util.ts";

const CONNECTIONS = 10;
const ROUNDS = 3;
const SECONDS = Number(Deno.args[0] ?? 1.5);
const BUFSIZE = 64 * 1024;

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

async function round(kind: Kind, size: number): Promise<Result> {
  const [port, stop] = kind === "raw" ? rawEchoServer(size) : selectorServer(kind === "kernel");
  const start = performance.now();
  const trips = await rawEchoClients(port, size, start + SECONDS * 1000, CONNECTIONS);
  const seconds = (performance.now() - start) / 1000;
  await stop();
  return { trips, seconds };
}

console.log(
  `selectors echo server (18.4.3), ${CONNECTIONS} connections, ` +
    `best of ${ROUNDS} rounds of ${SECONDS}s, ${new DefaultSelector().constructor.name}`,
);
console.log("| message | raw Deno echo | selector (native) | ratio | selector (kernel) | ratio |");
console.log("|---|---|---|---|---|---|");
await printEchoRows(ROUNDS, round);
