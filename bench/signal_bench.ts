// How long a signal takes to reach its handler, and how many deliveries of a burst arrive.
// Latency: from Deno.kill(Deno.pid, SIGUSR2) (a kill(2) from the JS thread, delivered to the
// process) to the handler call, 1,000 times one after another, through signal.signal()
// and through a bare Deno.addSignalListener (the Deno-native way) in the same run; and
// raiseSignal(), whose handler runs before it returns. Bursts: 5 kills sent back to back
// by this process, and 5 by another process (`kill -USR2 pid pid pid pid pid`).
// Run: deno run -A bench/signal_bench.ts [count]

import { pause, raiseSignal, signal, SIGUSR2 } from "../signal/mod.ts";

const COUNT = Number(Deno.args[0] ?? 1000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function report(name: string, micros: number[]): void {
  const s = [...micros].sort((a, b) => a - b);
  const f = (p: number) => percentile(s, p).toFixed(1).padStart(8);
  console.log(`${name.padEnd(44)} p50 ${f(0.5)} µs   p99 ${f(0.99)} µs   max ${f(1)} µs`);
}

/** Kill-to-handler delays through signal.signal(). */
async function viaModule(): Promise<number[]> {
  let calledAt = 0;
  const previous = signal(SIGUSR2, () => void (calledAt = performance.now()));
  const out: number[] = [];
  try {
    for (let i = 0; i < COUNT + 50; i++) {
      const handled = pause();
      const sent = performance.now();
      Deno.kill(Deno.pid, "SIGUSR2");
      await handled;
      if (i >= 50) out.push((calledAt - sent) * 1000);
    }
  } finally {
    signal(SIGUSR2, previous);
  }
  return out;
}

/** The same through a bare Deno listener. */
async function viaDeno(): Promise<number[]> {
  const out: number[] = [];
  let wake = () => {};
  let calledAt = 0;
  const listener = () => {
    calledAt = performance.now();
    wake();
  };
  const keepAlive = setInterval(() => {}, 60_000);
  Deno.addSignalListener("SIGUSR2", listener);
  try {
    for (let i = 0; i < COUNT + 50; i++) {
      const called = new Promise<void>((r) => (wake = r));
      const sent = performance.now();
      Deno.kill(Deno.pid, "SIGUSR2");
      await called;
      if (i >= 50) out.push((calledAt - sent) * 1000);
    }
  } finally {
    Deno.removeSignalListener("SIGUSR2", listener);
    clearInterval(keepAlive);
  }
  return out;
}

function viaRaise(): number[] {
  let calledAt = 0;
  const previous = signal(SIGUSR2, () => void (calledAt = performance.now()));
  const out: number[] = [];
  try {
    for (let i = 0; i < COUNT + 50; i++) {
      const sent = performance.now();
      raiseSignal(SIGUSR2);
      if (i >= 50) out.push((calledAt - sent) * 1000);
    }
  } finally {
    signal(SIGUSR2, previous);
  }
  return out;
}

/** Handler calls for a burst of SIGUSR2 sent by `send`. */
async function burst(send: () => Promise<void> | void): Promise<number> {
  let calls = 0;
  const previous = signal(SIGUSR2, () => void calls++);
  try {
    const first = pause();
    await send();
    await first;
    // Let any further calls of the same burst arrive: each goes through a fresh event-loop
    // turn of Deno's listener, so wait for a later delivery used as a fence.
    const fence = pause();
    const before = calls;
    await new Deno.Command("kill", { args: ["-USR2", String(Deno.pid)] }).output();
    await fence;
    return before;
  } finally {
    signal(SIGUSR2, previous);
  }
}

console.log(`Deno ${Deno.version.deno}, ${Deno.build.os}/${Deno.build.arch}, ${COUNT} signals`);
// The bare listener runs first: once this module has set SIGUSR2 back to SIG_DFL in the
// kernel, Deno does not reinstall its handler for a later bare listener (the module does).
report("Deno.kill -> Deno.addSignalListener listener", await viaDeno());
report("Deno.kill -> signal.signal() handler", await viaModule());
report("raiseSignal() -> handler (synchronous)", viaRaise());
const ROUNDS = 20;
async function bursts(name: string, send: () => Promise<void> | void): Promise<void> {
  const counts: number[] = [];
  for (let i = 0; i < ROUNDS; i++) counts.push(await burst(send));
  counts.sort((a, b) => a - b);
  const spread = `min ${counts[0]}, median ${counts[ROUNDS >> 1]}, max ${counts[ROUNDS - 1]}`;
  console.log(`${name}: handler calls per burst of 5 over ${ROUNDS} bursts: ${spread}`);
}
await bursts("5 back-to-back Deno.kill from this process", () => {
  for (let i = 0; i < 5; i++) Deno.kill(Deno.pid, "SIGUSR2");
});
await bursts("5 signals from one kill command", async () => {
  const pids = Array(5).fill(String(Deno.pid));
  await new Deno.Command("kill", { args: ["-USR2", ...pids] }).output();
});
let raised = 0;
const previous = signal(SIGUSR2, () => void raised++);
for (let i = 0; i < 5; i++) raiseSignal(SIGUSR2);
signal(SIGUSR2, previous);
console.log(`5 raiseSignal() calls: ${raised} handler calls`);
