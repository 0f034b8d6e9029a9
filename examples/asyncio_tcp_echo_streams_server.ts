// 18.5.5.7.2 TCP echo server using streams. Python's server runs until Ctrl+C; this one
// stops after its first client.
//   deno run -A examples/asyncio_tcp_echo_streams_server.ts [port]   (0 picks one)
import {
  Event,
  getEventLoop,
  startServer,
  type StreamReader,
  type StreamWriter,
} from "@ipcnet/std/asyncio";

const loop = getEventLoop();
const served = new Event();

async function handleEcho(reader: StreamReader, writer: StreamWriter): Promise<void> {
  const data = await reader.read(100);
  const message = new TextDecoder().decode(data);
  const addr = writer.getExtraInfo("peername");
  console.log(`Received ${JSON.stringify(message)} from ${JSON.stringify(addr)}`);
  console.log(`Send: ${JSON.stringify(message)}`);
  writer.write(data);
  await writer.drain();
  console.log("Close the client socket");
  writer.close();
  await writer.waitClosed();
  served.set(); // one client is enough for the example
}

const port = Number(Deno.args[0] ?? 8888);
const server = await loop.runUntilComplete(startServer(handleEcho, "127.0.0.1", port));
const [host, boundPort] = server.sockets[0].getsockname() as [string, number];
console.log(`Serving on ${host} port ${boundPort}`);
await loop.runUntilComplete(served.wait());
// Close the server
server.close();
await loop.runUntilComplete(server.waitClosed());
loop.close();
