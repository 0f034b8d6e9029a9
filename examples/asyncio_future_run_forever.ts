// 18.5.3.4.2 Example: Future with run_forever(). A done callback prints the result and
// stops the loop (Python sleeps 1 s; this 0.1 s).
//   deno run -A examples/asyncio_future_run_forever.ts
import { ensureFuture, Future, getEventLoop, sleep } from "@ipcnet/std/asyncio";

async function slowOperation(future: Future<string>): Promise<void> {
  await sleep(0.1);
  future.setResult("Future is done!");
}

function gotResult(future: Future<string>): void {
  console.log(future.result());
  loop.stop();
}

const loop = getEventLoop();
const future = new Future<string>();
ensureFuture(slowOperation(future));
future.addDoneCallback(gotResult);
try {
  await loop.runForever();
} finally {
  loop.close();
}
