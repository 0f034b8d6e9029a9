// Python's 18.8.3 example: a signal handler bounds an open() that may hang for ever.
// The slow operation is real: opening a FIFO for reading waits until a writer opens it, and
// this FIFO has none. SIGALRM's handler throws, and the exception reaches the code that
// waits for the open through pause(), which rejects with it (a Deno handler runs on the
// event loop, not in the middle of the open, which Deno runs on one of its own threads).
// Run: deno run --allow-ffi --allow-run --allow-read --allow-write examples/signal_alarm_open.ts

import { alarm, OSError, pause, SIGALRM, signal } from "@ipcnet/std/signal";

function handler(signum: number, _frame: null): never {
  console.log("Signal handler called with signal", signum);
  throw new OSError("Couldn't open device!");
}

const dir = await Deno.makeTempDir({ prefix: "signal-example-" });
const device = `${dir}/device`;
const made = await new Deno.Command("mkfifo", { args: [device] }).output();
if (!made.success) throw new Error(new TextDecoder().decode(made.stderr));

// Set the signal handler and a 1-second alarm
const previous = signal(SIGALRM, handler);
alarm(1);

// This open() may hang indefinitely
console.log(`Opening ${device} (a FIFO with no writer) with a 1-second alarm`);
const opening = Deno.open(device, { read: true });
try {
  const file = await Promise.race([opening, pause().then(() => null)]);
  console.log("Opened", file);
} catch (err) {
  if (!(err instanceof OSError)) throw err;
  console.log(`The open was abandoned: ${err.name}: ${err.message}`);
} finally {
  alarm(0); // Disable the alarm
  signal(SIGALRM, previous);
  // Deno's open is still waiting on one of its threads: give the FIFO a writer so that it
  // returns, then close both ends.
  const writer = await Deno.open(device, { write: true });
  writer.close();
  (await opening).close();
  await Deno.remove(dir, { recursive: true });
}
console.log("Both ends were closed; the alarm is off and SIGALRM's handler restored");
