// 18.5.3.1.1 Example: Hello World coroutine.
//   deno run -A examples/asyncio_hello_world_coroutine.ts
import { getEventLoop } from "@ipcnet/std/asyncio";

// deno-lint-ignore require-await -- a coroutine that finishes without suspending
async function helloWorld(): Promise<void> {
  console.log("Hello World!");
}

const loop = getEventLoop();
// Blocking call which returns when the helloWorld() coroutine is done
await loop.runUntilComplete(helloWorld());
loop.close();
