// The parts the echo benchmarks share: one echo round trip and the echo loop of a server
// over a Deno.Conn (plain or TLS), a raw Deno echo server and raw Deno clients for the
// baseline, and the best-of-rounds table of bench/socket_bench.ts and
// bench/selectors_bench.ts. Not a benchmark itself (bench/run.ts runs only *_bench.ts).

/** Round trips one benchmark round completed, and how long it took. */
export interface Result {
  trips: number;
  seconds: number;
}

/** The three servers (or server and clients) a table compares. */
export type Kind = "raw" | "native" | "kernel";

/** A running echo server: its port, and a function that stops it. */
export type Server = [port: number, stop: () => Promise<void>];

/** Anything with `sendall` and `recvInto`: our Socket and SSLSocket. */
export interface SocketLike {
  sendall(data: Uint8Array): Promise<unknown>;
  recvInto(buffer: Uint8Array): Promise<number>;
}

/** Writes all of `msg` to `conn`, then reads exactly `buf.length` bytes back into `buf`. */
export async function roundTrip(conn: Deno.Conn, msg: Uint8Array, buf: Uint8Array): Promise<void> {
  let off = 0;
  while (off < msg.length) off += await conn.write(msg.subarray(off));
  let got = 0;
  while (got < buf.length) {
    const n = await conn.read(buf.subarray(got));
    if (n === null) throw new Error("EOF");
    got += n;
  }
}

/** {@linkcode roundTrip} over our Socket or SSLSocket: `sendall`, then `recvInto` until full. */
export async function socketRoundTrip(
  sock: SocketLike,
  msg: Uint8Array,
  buf: Uint8Array,
): Promise<void> {
  await sock.sendall(msg);
  let got = 0;
  while (got < buf.length) {
    const n = await sock.recvInto(buf.subarray(got));
    if (n === 0) throw new Error("EOF");
    got += n;
  }
}

/**
 * Echoes what `conn` reads back to it, up to `size` bytes at a time, until the peer
 * closes it or it fails (closed at the end of the round).
 */
export async function echoConn(conn: Deno.Conn, size: number): Promise<void> {
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
}

/** A raw Deno echo server on 127.0.0.1: Deno.listen and a read/write loop per Deno.Conn. */
export function rawEchoServer(size: number): Server {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns: Deno.Conn[] = [];
  const serving = (async () => {
    const handlers: Promise<void>[] = [];
    for await (const conn of listener) {
      conns.push(conn);
      handlers.push(echoConn(conn, size));
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

/**
 * `connections` raw Deno.Conn clients echoing `size`-byte messages through the server
 * on `port` until the time `until` (a `performance.now()` value); the round trips of all.
 */
export async function rawEchoClients(
  port: number,
  size: number,
  until: number,
  connections: number,
): Promise<number> {
  const msg = new Uint8Array(size).fill(7);
  const counts = await Promise.all(Array.from({ length: connections }, async () => {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    const buf = new Uint8Array(size);
    let trips = 0;
    while (performance.now() < until) {
      await roundTrip(conn, msg, buf);
      trips++;
    }
    conn.close();
    return trips;
  }));
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * Runs `rounds` rounds of every kind for 1 KiB and 64 KiB messages, alternating the
 * kinds so that machine noise hits all alike, and prints one table row per size: the
 * best round of raw, then native and kernel each with its ratio to raw. The caller
 * prints the title and the table head.
 */
export async function printEchoRows(
  rounds: number,
  round: (kind: Kind, size: number) => Promise<Result>,
): Promise<void> {
  for (const size of [1024, 64 * 1024]) {
    const best: Partial<Record<Kind, Result>> = {};
    for (let i = 0; i < rounds; i++) {
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
}

function rate(r: Result): number {
  return r.trips / r.seconds;
}

function fmt(r: Result, size: number): string {
  const mbs = (rate(r) * size * 2) / 1e6;
  return `${rate(r).toFixed(0).padStart(8)} trips/s ${mbs.toFixed(1).padStart(8)} MB/s`;
}
