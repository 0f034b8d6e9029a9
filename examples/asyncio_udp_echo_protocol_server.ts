// 18.5.4.3.4 UDP echo server protocol: echoes every datagram to its sender. Python's
// server runs until Ctrl+C; this one stops after its first datagram.
//   deno run -A examples/asyncio_udp_echo_protocol_server.ts [port]   (0 picks one)
import {
  type BaseTransport,
  DatagramProtocol,
  type DatagramTransport,
  getEventLoop,
} from "@ipcnet/std/asyncio";

const loop = getEventLoop();

class EchoServerProtocol extends DatagramProtocol {
  transport!: DatagramTransport;

  override connectionMade(transport: BaseTransport): void {
    this.transport = transport as DatagramTransport;
  }

  override datagramReceived(data: Uint8Array, addr: unknown): void {
    const message = new TextDecoder().decode(data);
    console.log(`Received ${JSON.stringify(message)} from ${JSON.stringify(addr)}`);
    console.log(`Send ${JSON.stringify(message)} to ${JSON.stringify(addr)}`);
    this.transport.sendto(data, addr);
    loop.stop(); // one datagram is enough for the example
  }
}

console.log("Starting UDP server");
const port = Number(Deno.args[0] ?? 9999);
const [transport] = await loop.runUntilComplete(
  loop.createDatagramEndpoint(() => new EchoServerProtocol(), { localAddr: ["127.0.0.1", port] }),
);
const [, boundPort] = transport.getExtraInfo("sockname") as [string, number];
console.log(`Listening on 127.0.0.1 port ${boundPort}`);
await loop.runForever();
transport.close();
// Let the transport finish closing (connectionLost) before the loop closes.
await loop.runUntilComplete(Promise.resolve());
loop.close();
