// 18.5.1.18.3 Watch a file descriptor for read events: addReader on the reading end of a
// kernel socketpair (with --allow-ffi, socketpair() gives kernel sockets with descriptors).
//   deno run -A examples/asyncio_watch_fd.ts
import { getEventLoop } from "@ipcnet/std/asyncio";
import { socketpair } from "@ipcnet/std/socket";

// Create a pair of connected file descriptors
const [rsock, wsock] = socketpair();
const loop = getEventLoop();

async function reader(): Promise<void> {
  const data = await rsock.recv(100);
  console.log("Received:", new TextDecoder().decode(data));
  // We are done: unregister the file descriptor
  loop.removeReader(rsock.fileno());
  // Stop the event loop
  loop.stop();
}

// Register the file descriptor for read event
loop.addReader(rsock.fileno(), reader);
// Simulate the reception of data from the network
loop.callSoon(() => wsock.send(new TextEncoder().encode("abc")));
// Run the event loop
await loop.runForever();
// We are done, close sockets and the event loop
rsock.close();
wsock.close();
loop.close();
