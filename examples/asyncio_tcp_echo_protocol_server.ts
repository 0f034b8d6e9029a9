// 18.5.4.3.2 TCP echo server protocol: echoes what a client sends, then closes the
// connection. Python's server runs until Ctrl+C; this one stops after its first client.
//   deno run -A examples/asyncio_tcp_echo_protocol_server.ts [port]   (0 picks one)
import { type BaseTransport, getEventLoop, Protocol, type Transport } from "@ipcnet/std/asyncio";

const loop = getEventLoop();

class EchoServerClientProtocol extends Protocol {
  transport!: Transport;

  override connectionMade(transport: BaseTransport): void {
    const peername = transport.getExtraInfo("peername");
    console.log(`Connection from ${JSON.stringify(peername)}`);
    this.transport = transport as Transport;
  }

  override dataReceived(data: Uint8Array): void {
    const message = new TextDecoder().decode(data);
    console.log(`Data received: ${JSON.stringify(message)}`);
    console.log(`Send: ${JSON.stringify(message)}`);
    this.transport.write(data);
    console.log("Close the client socket");
    this.transport.close();
  }

  override connectionLost(_exc: unknown): void {
    loop.stop(); // one client is enough for the example
  }
}

const port = Number(Deno.args[0] ?? 8888);
const server = await loop.runUntilComplete(
  loop.createServer(() => new EchoServerClientProtocol(), "127.0.0.1", port),
);
const [host, boundPort] = server.sockets[0].getsockname() as [string, number];
console.log(`Serving on ${host} port ${boundPort}`);
await loop.runForever();
// Close the server
server.close();
await loop.runUntilComplete(server.waitClosed());
loop.close();
