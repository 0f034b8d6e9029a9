// 18.5.5.7.4 Register an open socket to wait for data using streams.
//   deno run -A examples/asyncio_register_socket_streams.ts
import { getRunningLoop, openConnection, run } from "@ipcnet/std/asyncio";
import { socketpair } from "@ipcnet/std/socket";

async function waitForData(): Promise<void> {
  // Create a pair of connected sockets
  const [rsock, wsock] = socketpair();
  // Register the open socket to wait for data
  const [reader, writer] = await openConnection(null, null, { sock: rsock });
  // Simulate the reception of data from the network
  getRunningLoop().callSoon(() => wsock.send(new TextEncoder().encode("abc")));
  // Wait for data
  const data = await reader.read(100);
  // Got data, we are done: close the socket
  console.log("Received:", new TextDecoder().decode(data));
  writer.close();
  await writer.waitClosed();
  // Close the second socket
  wsock.close();
}

await run(waitForData);
