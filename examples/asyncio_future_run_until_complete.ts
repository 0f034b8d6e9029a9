// 18.5.3.4.1 Example: Future with run_until_complete(). A coroutine sets the future's
// result; the loop runs until the future is done (Python sleeps 1 s; this 0.1 s).
//   deno run -A examples/asyncio_future_run_until_complete.ts
import { ensureFuture, Future, getEventLoop, sleep } from "@ipcnet/std/asyncio";

async function slowOperation(future: Future<string>): Promise<void> {
  await sleep(0.1);
  future.setResult("Future is done!");
}

const loop = getEventLoop();
const future = new Future<string>();
ensureFuture(slowOperation(future));
await loop.runUntilComplete(future);
console.log(future.result());
loop.close();
