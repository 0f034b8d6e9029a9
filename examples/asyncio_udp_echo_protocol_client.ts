// 18.5.4.3.3 UDP echo client protocol: sends a datagram and prints the echo. Written as
// Python 3.8+'s docs write it (a future for the end of the connection): 3.6's version
// stops the loop from connection_lost, which races with run_until_complete when the echo
// comes back within a loop iteration or two.
//   deno run -A examples/asyncio_udp_echo_protocol_client.ts <port>
import {
  type BaseTransport,
  DatagramProtocol,
  type DatagramTransport,
  type Future,
  getRunningLoop,
  run,
} from "@ipcnet/std/asyncio";

class EchoClientProtocol extends DatagramProtocol {
  transport: DatagramTransport | null = null;

  constructor(readonly message: string, readonly onConLost: Future<boolean>) {
    super();
  }

  override connectionMade(transport: BaseTransport): void {
    this.transport = transport as DatagramTransport;
    console.log("Send:", this.message);
    this.transport.sendto(new TextEncoder().encode(this.message));
  }

  override datagramReceived(data: Uint8Array, _addr: unknown): void {
    console.log("Received:", new TextDecoder().decode(data));
    console.log("Close the socket");
    this.transport!.close();
  }

  override errorReceived(exc: unknown): void {
    console.log("Error received:", exc);
  }

  override connectionLost(_exc: unknown): void {
    console.log("Connection closed");
    this.onConLost.setResult(true);
  }
}

await run(async () => {
  const loop = getRunningLoop();
  const onConLost = loop.createFuture<boolean>();
  const message = "Hello World!";
  const port = Number(Deno.args[0] ?? 9999);
  const [transport] = await loop.createDatagramEndpoint(
    () => new EchoClientProtocol(message, onConLost),
    { remoteAddr: ["127.0.0.1", port] },
  );
  try {
    await onConLost;
  } finally {
    transport.close();
  }
});
