// 18.5.6.7.2 Subprocess using streams: read one line of a child's output with
// createSubprocessExec (here a child Deno, as Python's example runs a child Python).
//   deno run -A examples/asyncio_subprocess_streams.ts
import { createSubprocessExec, getEventLoop, PIPE } from "@ipcnet/std/asyncio";

async function getDate(): Promise<string> {
  const code = "console.log(new Date().toISOString().replace('T', ' ').replace('Z', ''))";

  // Create the subprocess, redirect the standard output into a pipe
  const proc = await createSubprocessExec(Deno.execPath(), "eval", code, { stdout: PIPE });

  // Read one line of output
  const data = await proc.stdout!.readline();
  const line = new TextDecoder().decode(data).trimEnd();

  // Wait for the subprocess exit
  await proc.wait();
  return line;
}

const loop = getEventLoop();
const date = await loop.runUntilComplete(getDate);
console.log(`Current date: ${date}`);
loop.close();
