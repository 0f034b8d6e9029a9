// 18.5.1.18.1 Hello World with call_soon(): a callback that prints and stops the loop.
//   deno run -A examples/asyncio_hello_world_call_soon.ts
import { type AbstractEventLoop, getEventLoop } from "@ipcnet/std/asyncio";

function helloWorld(loop: AbstractEventLoop): void {
  console.log("Hello World");
  loop.stop();
}

const loop = getEventLoop();
// Schedule a call to helloWorld()
loop.callSoon(helloWorld, loop);
// Blocking call interrupted by loop.stop()
await loop.runForever();
loop.close();
