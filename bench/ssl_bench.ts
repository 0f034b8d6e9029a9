// TLS echo throughput over loopback, one connection, 16 KiB and 256 KiB messages:
// raw Deno.connectTls/Deno.listenTls against our SSLSocket on each engine, in one run.
//   - "ours, Deno engine": a wrapped listening socket (Deno.listenTls underneath) and a
//     client from createDefaultContext() plus the test CA (Deno.startTls underneath):
//     the path a default client context takes.
//   - "ours, node:tls engine": the same with `engine = "node"` on both contexts.
// Rounds alternate between the variants so that machine noise hits all alike; the best
// round of each is reported.
// Run: deno run -A bench/ssl_bench.ts [seconds-per-round]

import { join } from "node:path";
import { createDefaultContext, Purpose, type SSLContext, type SSLSocket } from "../ssl/mod.ts";
import { createConnection, createServer } from "../socket/mod.ts";
import { makeTestCertificates } from "../demo/_certs.ts";
import { echoConn, roundTrip, socketRoundTrip } from "./_util.ts";

const ROUNDS = 5;
const SECONDS = Number(Deno.args[0] ?? 1.5);
const SIZES = [16 * 1024, 256 * 1024];

const dir = await Deno.makeTempDir({ prefix: "ipcnet-ssl-bench-" });
try {
  await makeTestCertificates(dir, "Bench CA");
  const cert = await Deno.readTextFile(join(dir, "server.pem"));
  const key = await Deno.readTextFile(join(dir, "server.key"));
  const ca = await Deno.readTextFile(join(dir, "ca.pem"));

  type Variant = (size: number) => Promise<number>;
  const variants: [string, Variant][] = [
    ["raw Deno.connectTls/listenTls", (size) => rawEcho(size, cert, key, ca)],
    ["ours, Deno engine", (size) => ourEcho(size, "auto")],
    ["ours, node:tls engine", (size) => ourEcho(size, "node")],
  ];
  const rows: string[][] = [];
  for (const size of SIZES) {
    const best = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, run] of variants) {
        best.set(name, Math.max(best.get(name) ?? 0, await run(size)));
      }
    }
    const raw = best.get(variants[0][0])!;
    for (const [name] of variants) {
      const mbps = best.get(name)!;
      rows.push([`${size / 1024} KiB`, name, mbps.toFixed(1), (mbps / raw).toFixed(2) + "x"]);
    }
  }
  console.log(
    `TLS echo, one connection, best of ${ROUNDS} rounds of ${SECONDS} s (MB/s both ways)`,
  );
  print(["message", "variant", "MB/s", "vs raw"], rows);
} finally {
  await Deno.remove(dir, { recursive: true });
}

async function rawEcho(size: number, cert: string, key: string, ca: string): Promise<number> {
  const listener = Deno.listenTls({ hostname: "127.0.0.1", port: 0, cert, key });
  const serving = (async () => {
    const conn = await listener.accept();
    try {
      await echoConn(conn, size); // until the client closes
    } finally {
      conn.close();
    }
  })();
  const conn = await Deno.connectTls({
    hostname: "localhost",
    port: listener.addr.port,
    caCerts: [ca],
  });
  const mbps = await echoMbps(size, (msg, buf) => roundTrip(conn, msg, buf));
  conn.close();
  await serving;
  listener.close();
  return mbps;
}

async function ourEcho(size: number, engine: "auto" | "node"): Promise<number> {
  const server = createDefaultContext(Purpose.CLIENT_AUTH);
  server.loadCertChain(join(dir, "server.pem"), join(dir, "server.key"));
  server.engine = engine;
  const client: SSLContext = createDefaultContext();
  client.loadVerifyLocations(join(dir, "ca.pem"));
  client.engine = engine;
  using plainListener = createServer(["127.0.0.1", 0]);
  const [, port] = plainListener.getsockname() as [string, number];
  using listener = await server.wrapSocket(plainListener, { serverSide: true });
  const serving = (async () => {
    const [conn] = await listener.accept();
    using _conn = conn;
    const buf = new Uint8Array(size);
    for (;;) {
      const n = await conn.recvInto(buf);
      if (n === 0) break;
      await conn.sendall(buf.subarray(0, n));
    }
  })();
  const conn: SSLSocket = await client.wrapSocket(await createConnection(["127.0.0.1", port]), {
    serverHostname: "localhost",
  });
  const mbps = await echoMbps(size, (msg, buf) => socketRoundTrip(conn, msg, buf));
  conn.close();
  await serving.catch(() => {});
  return mbps;
}

/** Echoes `size`-byte messages with `trip` for SECONDS; MB/s, both ways counted. */
async function echoMbps(
  size: number,
  trip: (msg: Uint8Array, buf: Uint8Array) => Promise<void>,
): Promise<number> {
  const msg = new Uint8Array(size).fill(7);
  const buf = new Uint8Array(size);
  const started = performance.now();
  const until = started + SECONDS * 1000;
  let bytes = 0;
  while (performance.now() < until) {
    await trip(msg, buf);
    bytes += size;
  }
  return (2 * bytes) / ((performance.now() - started) / 1000) / 1e6;
}

function print(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}
