// Readiness benchmarks for the select module and the shared reactor.
//
//   deno run -A bench/select_bench.ts
//
// 1. Wake-up latency of a kernel wait: from a send() on one end of a kernel socketpair to
//    the resolution of the reactor's waitFd() on the other end (the reactor parked on
//    Deno's FFI thread pool), against the Deno-native way (a Deno.Conn read over loopback
//    TCP, from write() on the peer to read() resolving). p50 / p99 over many samples.
// 2. epoll vs poll vs select with N idle descriptors and one active: per-call cost when
//    the event is already pending ("ready": one synchronous kernel check) and when it
//    arrives during the wait ("wake": park, wake-up, check). The idle set is N duplicates
//    of one idle pipe, so that every descriptor stays under FD_SETSIZE for select().

import { setImmediate } from "node:timers";
import { FD_READ, waitFd } from "../_ffi/reactor.ts";
import * as S from "../_ffi/sockets.ts";
import { Epoll, EPOLLIN, HAS_EPOLL, poll, POLLIN, select } from "../select/mod.ts";

const one = new Uint8Array([1]);
const sink = new Uint8Array(64);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

async function wakeLatencyReactor(samples: number): Promise<number[]> {
  const [a, b] = S.socketpair();
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const waiting = waitFd(a, FD_READ);
    await tick(); // the pool thread is surely inside poll(2) by now
    const t0 = performance.now();
    S.send(b, one);
    await waiting;
    out.push((performance.now() - t0) * 1000);
    S.recvInto(a, sink);
  }
  S.close(a);
  S.close(b);
  return out.sort((x, y) => x - y);
}

async function wakeLatencyDeno(samples: number): Promise<number[]> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  const client = await Deno.connect({ hostname: "127.0.0.1", port });
  const server = await listener.accept();
  const buf = new Uint8Array(64);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const reading = server.read(buf);
    await tick();
    const t0 = performance.now();
    await client.write(one);
    await reading;
    out.push((performance.now() - t0) * 1000);
  }
  client.close();
  server.close();
  listener.close();
  return out.sort((x, y) => x - y);
}

interface Rig {
  idle: number[];
  active: [number, number];
  close(): void;
}

function rig(n: number): Rig {
  const [idleR, idleW] = S.pipe();
  const idle = [idleR, ...Array.from({ length: n - 1 }, () => S.dup(idleR))];
  const active = S.pipe();
  return {
    idle,
    active,
    close(): void {
      for (const fd of [...idle, idleW, ...active]) S.close(fd);
    },
  };
}

type Waiter = (timeout: number) => Promise<unknown>;

function waiters(r: Rig): Record<string, Waiter> {
  const all = [...r.idle, r.active[0]];
  const p = poll();
  for (const fd of all) p.register(fd, POLLIN);
  const out: Record<string, Waiter> = {
    poll: (t) => p.poll(t * 1000),
    select: (t) => select(all, [], [], t),
  };
  if (HAS_EPOLL) {
    const ep = new Epoll();
    for (const fd of all) ep.register(fd, EPOLLIN);
    out.epoll = (t) => ep.poll(t);
    const close = r.close;
    r.close = () => {
      ep.close();
      close();
    };
  }
  return out;
}

async function perCall(
  wait: Waiter,
  r: Rig,
  mode: "ready" | "wake",
  iters: number,
): Promise<number> {
  const [ar, aw] = r.active;
  const t0 = performance.now();
  for (let i = 0; i < iters; i++) {
    if (mode === "ready") {
      S.write(aw, one);
      await wait(1);
    } else {
      const waiting = wait(1);
      setImmediateWrite(aw);
      await waiting;
    }
    S.readInto(ar, sink);
  }
  return ((performance.now() - t0) * 1000) / iters;
}

function setImmediateWrite(fd: number): void {
  setImmediate(() => S.write(fd, one));
}

async function main(): Promise<void> {
  const samples = 500;
  const reactor = await wakeLatencyReactor(samples);
  const native = await wakeLatencyDeno(samples);
  console.log(`\nWake-up latency, ${samples} samples (µs)`);
  console.log("| wait | p50 | p90 | p99 |");
  console.log("|---|---:|---:|---:|");
  for (
    const [name, xs] of [["reactor waitFd (kernel socketpair)", reactor], [
      "Deno.Conn read (loopback TCP)",
      native,
    ]] as const
  ) {
    console.log(
      `| ${name} | ${percentile(xs, 0.5).toFixed(1)} | ${percentile(xs, 0.9).toFixed(1)} | ${
        percentile(xs, 0.99).toFixed(1)
      } |`,
    );
  }

  console.log("\nOne active descriptor among N idle ones: µs per call");
  const names = HAS_EPOLL ? ["epoll", "poll", "select"] : ["poll", "select"];
  console.log(
    `| N | ${names.map((n) => `${n} ready`).join(" | ")} | ${
      names.map((n) => `${n} wake`).join(" | ")
    } |`,
  );
  console.log(`|---:|${names.map(() => "---:").join("|")}|${names.map(() => "---:").join("|")}|`);
  for (const n of [10, 100, 990]) {
    const r = rig(n);
    const w = waiters(r);
    const ready: string[] = [];
    const wake: string[] = [];
    for (const name of names) {
      await perCall(w[name], r, "ready", 50); // warm-up
      ready.push((await perCall(w[name], r, "ready", 2000)).toFixed(1));
    }
    for (const name of names) {
      wake.push((await perCall(w[name], r, "wake", 200)).toFixed(1));
    }
    r.close();
    console.log(`| ${n} | ${ready.join(" | ")} | ${wake.join(" | ")} |`);
  }
  console.log(
    "\n'ready': the byte is written before the call (one synchronous check). 'wake': it is " +
      "written by a setImmediate callback after the call started (park, wake-up, check).",
  );
}

await main();
