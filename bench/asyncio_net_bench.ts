// asyncio networking benchmarks (issue 7): TCP echo round trips per second with 10
// connections at 1 KiB, 10 KiB and 100 KiB, round-trip latency (p50/p99) with one
// connection, and UDP echo datagrams per second at 64 B and 1,400 B (32 in flight).
//
//   deno run -A bench/asyncio_net_bench.ts [--json] [--seconds=S] [--rounds=R] [--only=TEXT]
//                                          [--warmup=MS]
//
// Each implementation runs as its own pair of processes, a server and a client written
// with the same API: raw Deno (Deno.listen/Deno.connect; Deno.listenDatagram in a child
// run with --unstable-net, or node:dgram when that flag is refused), raw Deno holding to
// the contract of `dataReceived` and `read()` (each read's bytes copied into a buffer of
// their own, which is what CPython's `bytes` are), our protocols, our streams, and, when present, uvloop (/usr/bin/python3) and Node (node:net, node:dgram).
// Rounds alternate the implementations, so that a noisy machine disturbs them alike, and
// each figure is the median of the rounds. Every client runs a warm-up first (300 ms by
// default) and counts only what completes after it, so a JIT's start does not count.
//
// Targets (issue 7): protocols >= 0.95x raw Deno, streams >= 0.85x raw Deno, UDP >= uvloop.

const ROLES = new URL("./_asyncio_net_roles.ts", import.meta.url).pathname;
const args = new Map(Deno.args.map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const SECONDS = Number(args.get("seconds") ?? 1);
const ROUNDS = Number(args.get("rounds") ?? 5);
const JSON_OUT = args.has("json");
const ONLY = args.get("only");
const WARMUP = Number(args.get("warmup") ?? 300);

interface Case {
  name: string;
  kind: "tcp" | "udp";
  size: number;
  conns: number;
  latency?: boolean;
}

const CASES: Case[] = [
  { name: "echo 1 KiB x10", kind: "tcp", size: 1024, conns: 10 },
  { name: "echo 10 KiB x10", kind: "tcp", size: 10 * 1024, conns: 10 },
  { name: "echo 100 KiB x10", kind: "tcp", size: 100 * 1024, conns: 10 },
  { name: "latency 1 KiB x1", kind: "tcp", size: 1024, conns: 1, latency: true },
  { name: "udp 64 B", kind: "udp", size: 64, conns: 1 },
  { name: "udp 1400 B", kind: "udp", size: 1400, conns: 1 },
];

interface Impl {
  name: string;
  /** The command line up to the kind: `[...run("server"), kind]` starts a server. */
  run(role: "server" | "client"): string[];
  udp: boolean;
}

const PY = `
import asyncio, json, sys, time
role, mode, kind = sys.argv[1], sys.argv[2], sys.argv[3]
import uvloop
def uvrun(c):
    if hasattr(uvloop, "run"): return uvloop.run(c)
    uvloop.install(); return asyncio.run(c)
class Echo(asyncio.Protocol):
    def connection_made(self, t): self.t = t
    def data_received(self, d): self.t.write(d)
class DEcho(asyncio.DatagramProtocol):
    def connection_made(self, t): self.t = t
    def datagram_received(self, d, a): self.t.sendto(d, a)
async def server():
    loop = asyncio.get_running_loop()
    if kind == "udp":
        t, _ = await loop.create_datagram_endpoint(DEcho, local_addr=("127.0.0.1", 0))
        print(t.get_extra_info("sockname")[1], flush=True)
    elif mode == "protocol":
        s = await loop.create_server(Echo, "127.0.0.1", 0)
        print(s.sockets[0].getsockname()[1], flush=True)
    else:
        async def h(r, w):
            while True:
                d = await r.read(65536)
                if not d: break
                w.write(d); await w.drain()
            w.close()
        s = await asyncio.start_server(h, "127.0.0.1", 0)
        print(s.sockets[0].getsockname()[1], flush=True)
    await asyncio.Future()
async def client(port, size, conns, ms, warm):
    loop = asyncio.get_running_loop(); msg = b"x" * size; lat = []; n = 0
    start = time.perf_counter() + warm / 1000; end = start + ms / 1000
    if kind == "udp":
        done = loop.create_future(); st = {"n": 0, "last": time.perf_counter()}
        class C(asyncio.DatagramProtocol):
            def connection_made(self, t):
                self.t = t
                for _ in range(32): t.sendto(msg)
            def datagram_received(self, d, a):
                st["last"] = time.perf_counter(); self.t.sendto(msg)
                if st["last"] >= start: st["n"] += 1
        t, _ = await loop.create_datagram_endpoint(C, remote_addr=("127.0.0.1", port))
        while time.perf_counter() < end:
            await asyncio.sleep(0.02)
            if time.perf_counter() - st["last"] > 0.02:
                for _ in range(32): t.sendto(msg)
        t.close()
        return {"n": st["n"], "lat": []}
    async def one():
        nonlocal n
        r, w = await asyncio.open_connection("127.0.0.1", port)
        while time.perf_counter() < end:
            t0 = time.perf_counter(); w.write(msg); await w.drain(); await r.readexactly(size)
            if t0 >= start: lat.append((time.perf_counter() - t0) * 1e6); n += 1
        w.close()
    if mode == "streams":
        await asyncio.gather(*(one() for _ in range(conns)))
        return {"n": n, "lat": lat}
    async def proto():
        nonlocal n
        fut = loop.create_future(); st = {"got": 0, "t0": 0.0}
        class P(asyncio.Protocol):
            def connection_made(self, t):
                self.t = t; st["t0"] = time.perf_counter(); t.write(msg)
            def data_received(self, d):
                nonlocal n
                st["got"] += len(d)
                if st["got"] < size: return
                st["got"] = 0; now = time.perf_counter()
                if st["t0"] >= start: lat.append((now - st["t0"]) * 1e6); n += 1
                if now >= end: self.t.close(); return
                st["t0"] = now; self.t.write(msg)
            def connection_lost(self, e): fut.set_result(None)
        await loop.create_connection(P, "127.0.0.1", port); await fut
    await asyncio.gather(*(proto() for _ in range(conns)))
    return {"n": n, "lat": lat}
if role == "server": uvrun(server())
else:
    port, size, conns, ms, warm = map(int, sys.argv[4:9])
    print(json.dumps(uvrun(client(port, size, conns, ms, warm))))
`;

const NODE = `
const net = require("node:net"), dgram = require("node:dgram");
const [role, kind, portS, sizeS, connsS, msS, warmS] = process.argv.slice(1);
if (role === "server") {
  if (kind === "udp") {
    const s = dgram.createSocket("udp4");
    s.on("message", (m, r) => s.send(m, r.port, r.address));
    s.bind(0, "127.0.0.1", () => console.log(s.address().port));
  } else {
    const s = net.createServer({ noDelay: true }, (c) => { c.on("data", (d) => c.write(d)); c.on("error", () => {}); });
    s.listen(0, "127.0.0.1", () => console.log(s.address().port));
  }
} else {
  const port = +portS, size = +sizeS, conns = +connsS, ms = +msS, msg = Buffer.alloc(size, 120);
  const start = performance.now() + +warmS, end = start + ms; let n = 0; const lat = [];
  if (kind === "udp") {
    const s = dgram.createSocket("udp4"); let last = performance.now();
    s.connect(port, "127.0.0.1", () => {
      s.on("message", () => { last = performance.now(); if (last >= start) n++; s.send(msg); });
      for (let i = 0; i < 32; i++) s.send(msg);
      const t = setInterval(() => {
        if (performance.now() >= end) { clearInterval(t); s.close(); console.log(JSON.stringify({ n, lat })); }
        else if (performance.now() - last > 20) for (let i = 0; i < 32; i++) s.send(msg);
      }, 20);
    });
  } else {
    let open = conns;
    for (let i = 0; i < conns; i++) {
      const c = net.connect({ port, host: "127.0.0.1", noDelay: true }, () => { t0 = performance.now(); c.write(msg); });
      let got = 0, t0 = 0;
      c.on("data", (d) => {
        got += d.length; if (got < size) return; got = 0;
        const now = performance.now(); if (t0 >= start) { lat.push((now - t0) * 1000); n++; }
        if (now >= end) { c.end(); return; }
        t0 = now; c.write(msg);
      });
      c.on("close", () => { if (--open === 0) console.log(JSON.stringify({ n, lat })); });
    }
  }
}
`;

async function works(cmd: string, argv: string[]): Promise<boolean> {
  try {
    const { code } = await new Deno.Command(cmd, { args: argv, stdout: "null", stderr: "null" })
      .output();
    return code === 0;
  } catch {
    return false;
  }
}

const deno = Deno.execPath();
const unstableNet = await works(deno, ["eval", "--unstable-net", "Deno.listenDatagram"]);
const pyFile = await Deno.makeTempFile({ suffix: ".py" });
await Deno.writeTextFile(pyFile, PY);
const hasUvloop = await works("/usr/bin/python3", ["-c", "import uvloop"]);
const hasNode = await works("node", ["-e", "0"]);

function denoImpl(name: string, mode: string, flags: string[] = []): Impl {
  return {
    name,
    udp: mode !== "streams",
    run: (role) => [deno, "run", "-A", ...flags, ROLES, role, mode],
  };
}

const IMPLS: Impl[] = [
  denoImpl("raw Deno", "raw", unstableNet ? ["--unstable-net"] : []),
  { ...denoImpl("raw Deno, owned", "owned"), udp: false },
  denoImpl("ours protocol", "protocol"),
  denoImpl("ours streams", "streams"),
  { ...denoImpl("ours buffered", "buffered"), udp: false },
];
if (hasUvloop) {
  for (const mode of ["protocol", "streams"]) {
    IMPLS.push({
      name: `uvloop ${mode}`,
      udp: mode === "protocol",
      run: (role) => ["/usr/bin/python3", pyFile, role, mode],
    });
  }
}
if (hasNode) IMPLS.push({ name: "Node", udp: true, run: (role) => ["node", "-e", NODE, role] });

interface Sample {
  rate: number;
  p50?: number;
  p99?: number;
}

async function once(impl: Impl, c: Case): Promise<Sample> {
  const [scmd, ...sargs] = [...impl.run("server"), c.kind];
  const server = new Deno.Command(scmd, { args: sargs, stdout: "piped", stderr: "inherit" })
    .spawn();
  const reader = server.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`${impl.name} server exited`);
    text += value;
  }
  const port = Number(text.trim());
  try {
    const [ccmd, ...cargs] = [
      ...impl.run("client"),
      ...[c.kind, port, c.size, c.conns, SECONDS * 1000, WARMUP].map(String),
    ];
    const out = await new Deno.Command(ccmd, { args: cargs, stderr: "inherit" }).output();
    const r = JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").pop()!) as {
      n: number;
      lat: number[];
    };
    const lat = r.lat.sort((a, b) => a - b);
    return {
      rate: r.n / SECONDS,
      p50: lat.length ? lat[Math.floor(lat.length / 2)] : undefined,
      p99: lat.length ? lat[Math.floor(lat.length * 0.99)] : undefined,
    };
  } finally {
    server.kill("SIGKILL");
    await server.status;
    await reader.cancel();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const results: Record<string, Record<string, Sample>> = {};
for (const c of CASES.filter((c) => ONLY === undefined || c.name.includes(ONLY))) {
  const impls = IMPLS.filter((i) => c.kind === "tcp" || i.udp);
  const samples = new Map<string, Sample[]>(impls.map((i) => [i.name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const impl of impls) samples.get(impl.name)!.push(await once(impl, c));
  }
  results[c.name] = {};
  for (const [name, list] of samples) {
    results[c.name][name] = {
      rate: median(list.map((s) => s.rate)),
      p50: list[0].p50 === undefined ? undefined : median(list.map((s) => s.p50!)),
      p99: list[0].p99 === undefined ? undefined : median(list.map((s) => s.p99!)),
    };
  }
}
await Deno.remove(pyFile);

if (JSON_OUT) {
  console.log(JSON.stringify({ unstableNet, results }, null, 2));
} else {
  console.log(
    `raw Deno UDP: ${unstableNet ? "Deno.listenDatagram (--unstable-net)" : "node:dgram"}; ` +
      `${ROUNDS} rounds of ${SECONDS} s, medians; uvloop ${hasUvloop ? "present" : "absent"}, ` +
      `Node ${hasNode ? "present" : "absent"}`,
  );
  for (const c of CASES) {
    const row = results[c.name];
    if (row === undefined) continue;
    const base = row["raw Deno"];
    console.log(`\n${c.name}`);
    for (const [name, s] of Object.entries(row)) {
      const vs = (s.rate / base.rate).toFixed(2);
      const lat = c.latency ? `  p50 ${s.p50!.toFixed(0)} µs  p99 ${s.p99!.toFixed(0)} µs` : "";
      const unit = c.kind === "udp" ? "datagrams/s" : "round trips/s";
      console.log(
        `  ${name.padEnd(16)} ${Math.round(s.rate).toString().padStart(9)} ${unit}  ` +
          `${vs}x raw${lat}`,
      );
    }
  }
  console.log(
    "\ntargets: ours protocol >= 0.95x raw Deno, ours streams >= 0.85x raw Deno, UDP >= uvloop",
  );
}
