// 18.5.5.7.1 TCP echo client using streams.
//   deno run -A examples/asyncio_tcp_echo_streams_client.ts <port>
import { openConnection, run } from "@ipcnet/std/asyncio";

async function tcpEchoClient(message: string, port: number): Promise<void> {
  const [reader, writer] = await openConnection("127.0.0.1", port);
  console.log(`Send: ${JSON.stringify(message)}`);
  writer.write(new TextEncoder().encode(message));
  const data = await reader.read(100);
  console.log(`Received: ${JSON.stringify(new TextDecoder().decode(data))}`);
  console.log("Close the socket");
  writer.close();
  await writer.waitClosed();
}

const message = "Hello World!";
await run(tcpEchoClient(message, Number(Deno.args[0] ?? 8888)));
