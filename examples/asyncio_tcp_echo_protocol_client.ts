// 18.5.4.3.1 TCP echo client protocol: sends a message and prints the echo. Written as
// Python 3.8+'s docs write it (a future for the end of the connection): 3.6's version
// stops the loop from connection_lost, which races with run_until_complete.
//   deno run -A examples/asyncio_tcp_echo_protocol_client.ts <port>
import {
  type BaseTransport,
  type Future,
  getRunningLoop,
  Protocol,
  run,
  type Transport,
} from "@ipcnet/std/asyncio";

class EchoClientProtocol extends Protocol {
  constructor(readonly message: string, readonly onConLost: Future<boolean>) {
    super();
  }

  override connectionMade(transport: BaseTransport): void {
    (transport as Transport).write(new TextEncoder().encode(this.message));
    console.log(`Data sent: ${JSON.stringify(this.message)}`);
  }

  override dataReceived(data: Uint8Array): void {
    console.log(`Data received: ${JSON.stringify(new TextDecoder().decode(data))}`);
  }

  override connectionLost(_exc: unknown): void {
    console.log("The server closed the connection");
    this.onConLost.setResult(true);
  }
}

await run(async () => {
  const loop = getRunningLoop();
  const onConLost = loop.createFuture<boolean>();
  const message = "Hello World!";
  const port = Number(Deno.args[0] ?? 8888);
  const [transport] = await loop.createConnection(
    () => new EchoClientProtocol(message, onConLost),
    "127.0.0.1",
    port,
  );
  // Wait until the protocol signals that the connection is lost, then close the transport.
  try {
    await onConLost;
  } finally {
    transport.close();
  }
});
