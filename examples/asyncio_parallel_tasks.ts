// 18.5.3.5.1 Example: Parallel execution of tasks. Three factorial tasks run
// concurrently (Python sleeps 1 s per step; this 0.1 s).
//   deno run -A examples/asyncio_parallel_tasks.ts
import { ensureFuture, getEventLoop, sleep, wait } from "@ipcnet/std/asyncio";

async function factorial(name: string, number: number): Promise<void> {
  let f = 1;
  for (let i = 2; i <= number; i++) {
    console.log(`Task ${name}: Compute factorial(${i})...`);
    await sleep(0.1);
    f *= i;
  }
  console.log(`Task ${name}: factorial(${number}) = ${f}`);
}

const loop = getEventLoop();
const tasks = [
  ensureFuture(factorial("A", 2)),
  ensureFuture(factorial("B", 3)),
  ensureFuture(factorial("C", 4)),
];
await loop.runUntilComplete(wait(tasks));
loop.close();
