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

const ROUNDS = 5;
const SECONDS = Number(Deno.args[0] ?? 1.5);
const SIZES = [16 * 1024, 256 * 1024];

const dir = await Deno.makeTempDir({ prefix: "ipcnet-ssl-bench-" });
try {
  await makeCertificates(dir);
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
    const buf = new Uint8Array(size);
    try {
      for (;;) {
        const n = await conn.read(buf);
        if (n === null) break;
        let off = 0;
        while (off < n) off += await conn.write(buf.subarray(off, n));
      }
    } catch {
      // The client closed.
    } finally {
      conn.close();
    }
  })();
  const conn = await Deno.connectTls({
    hostname: "localhost",
    port: listener.addr.port,
    caCerts: [ca],
  });
  const msg = new Uint8Array(size).fill(7);
  const buf = new Uint8Array(size);
  const started = performance.now();
  const until = started + SECONDS * 1000;
  let bytes = 0;
  while (performance.now() < until) {
    let off = 0;
    while (off < size) off += await conn.write(msg.subarray(off));
    let got = 0;
    while (got < size) {
      const n = await conn.read(buf.subarray(got));
      if (n === null) throw new Error("EOF");
      got += n;
    }
    bytes += size;
  }
  const mbps = (2 * bytes) / ((performance.now() - started) / 1000) / 1e6;
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
  const msg = new Uint8Array(size).fill(7);
  const buf = new Uint8Array(size);
  const started = performance.now();
  const until = started + SECONDS * 1000;
  let bytes = 0;
  while (performance.now() < until) {
    await conn.sendall(msg);
    let got = 0;
    while (got < size) {
      const n = await conn.recvInto(buf.subarray(got));
      if (n === 0) throw new Error("EOF");
      got += n;
    }
    bytes += size;
  }
  const mbps = (2 * bytes) / ((performance.now() - started) / 1000) / 1e6;
  conn.close();
  await serving.catch(() => {});
  return mbps;
}

function print(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

async function makeCertificates(dir: string): Promise<void> {
  const run = async (...args: string[]): Promise<void> => {
    const out = await new Deno.Command("openssl", { args, cwd: dir, stderr: "piped" }).output();
    if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  };
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await run(
    "req",
    "-x509",
    ...ec,
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "1",
    "-subj",
    "/CN=Bench CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign",
  );
  await run("req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
  await Deno.writeTextFile(
    join(dir, "server.ext"),
    "basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n",
  );
  await run(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "1",
    "-extfile",
    "server.ext",
  );
}
