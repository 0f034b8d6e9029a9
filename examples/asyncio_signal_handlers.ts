// 18.5.1.18.4 Set signal handlers for SIGINT and SIGTERM: the loop runs until one arrives.
//   deno run -A examples/asyncio_signal_handlers.ts          # sends itself SIGINT, then ends
//   deno run -A examples/asyncio_signal_handlers.ts --wait   # waits: press Ctrl+C, or kill it
// Python's example waits for Ctrl+C. Run alone, this one sends SIGINT to itself once the
// loop runs (as pressing Ctrl+C would), so that it ends by itself; with --wait it waits
// for a signal from outside, as Python's does.
import { getEventLoop } from "@ipcnet/std/asyncio";
import { SIGINT, SIGTERM } from "@ipcnet/std/signal";

const loop = getEventLoop();

function askExit(signame: string): void {
  console.log(`got signal ${signame}: exit`);
  loop.stop();
}

for (const [signame, signum] of [["SIGINT", SIGINT], ["SIGTERM", SIGTERM]] as const) {
  loop.addSignalHandler(signum, askExit, signame);
}

console.log("Event loop running forever, press Ctrl+C to interrupt.");
console.log(`pid ${Deno.pid}: send SIGINT or SIGTERM to exit.`);
if (!Deno.args.includes("--wait")) loop.callSoon(() => Deno.kill(Deno.pid, "SIGINT"));
try {
  await loop.runForever();
} finally {
  loop.close();
}
