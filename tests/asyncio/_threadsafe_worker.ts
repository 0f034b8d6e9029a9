// Worker side of threadsafe_test.ts: submits calls to the main isolate's loop.
import { connectLoop, runCoroutineThreadsafe } from "../../asyncio/mod.ts";

const port = self as unknown as MessagePort;
const loop = connectLoop(port);
const results: unknown[] = [];
results.push(await runCoroutineThreadsafe<number>({ name: "add", args: [2, 3] }, loop));
try {
  await runCoroutineThreadsafe({ name: "fail" }, loop);
} catch (e) {
  results.push(`${(e as Error).name}: ${(e as Error).message}`);
}
try {
  await runCoroutineThreadsafe({ name: "missing" }, loop);
} catch (e) {
  results.push(`${(e as Error).name}: ${(e as Error).message}`);
}
const slow = runCoroutineThreadsafe({ name: "forever" }, loop);
await new Promise((r) => setTimeout(r, 20));
slow.cancel("from worker");
try {
  await slow;
} catch (e) {
  results.push(`${(e as Error).name}: ${(e as Error).message} cancelled=${slow.cancelled()}`);
}
loop.close();
port.postMessage({ results });
