// 18.5.3.1.3 Example: Chain coroutines. print_sum() waits for compute(), which sleeps
// (Python sleeps 1 s; this sleeps 0.1 s).
//   deno run -A examples/asyncio_chain_coroutines.ts
import { getEventLoop, sleep } from "@ipcnet/std/asyncio";

async function compute(x: number, y: number): Promise<number> {
  console.log(`Compute ${x} + ${y} ...`);
  await sleep(0.1);
  return x + y;
}

async function printSum(x: number, y: number): Promise<void> {
  const result = await compute(x, y);
  console.log(`${x} + ${y} = ${result}`);
}

const loop = getEventLoop();
await loop.runUntilComplete(printSum(1, 2));
loop.close();
