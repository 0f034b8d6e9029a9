// A child for the pipe tests: echoes its stdin to its stdout in upper case through
// connectReadPipe(Deno.stdin) and connectWritePipe(Deno.stdout), then reports on stderr
// whether FFI was granted (kernel descriptors 0 and 1) or not (Deno's streams).

import { getRunningLoop, run } from "../../asyncio/mod.ts";

await run(async () => {
  const loop = getRunningLoop();
  const flushed = loop.createFuture<void>();
  const [writer] = await loop.connectWritePipe(() => ({
    connectionLost: () => flushed.setResult(),
  }), Deno.stdout);
  await loop.connectReadPipe(() => ({
    dataReceived(data: Uint8Array): void {
      writer.write(new TextEncoder().encode(new TextDecoder().decode(data).toUpperCase()));
    },
    connectionLost: () => writer.close(),
  }), Deno.stdin);
  await flushed;
  console.error(`ffi=${Deno.permissions.querySync({ name: "ffi" }).state}`);
});
