// 18.5.4.3.5 Register an open socket to wait for data using a protocol: a transport over
// one end of a socketpair, fed from the other end.
//   deno run -A examples/asyncio_register_socket_protocol.ts
import {
  type AbstractEventLoop,
  type BaseTransport,
  getEventLoop,
  Protocol,
} from "@ipcnet/std/asyncio";
import { socketpair } from "@ipcnet/std/socket";

// Create a pair of connected sockets
const [rsock, wsock] = socketpair();
const loop = getEventLoop();

class MyProtocol extends Protocol {
  transport: BaseTransport | null = null;

  constructor(readonly loop: AbstractEventLoop) {
    super();
  }

  override connectionMade(transport: BaseTransport): void {
    this.transport = transport;
  }

  override dataReceived(data: Uint8Array): void {
    console.log("Received:", new TextDecoder().decode(data));
    // We are done: close the transport (it will call connectionLost())
    this.transport!.close();
  }

  override connectionLost(_exc: unknown): void {
    // The socket has been closed, stop the event loop
    this.loop.stop();
  }
}

// Register the socket to wait for data
await loop.runUntilComplete(loop.createConnection(() => new MyProtocol(loop), { sock: rsock }));
// Simulate the reception of data from the network
loop.callSoon(() => wsock.send(new TextEncoder().encode("abc")));
// Run the event loop
await loop.runForever();
// We are done, close sockets and the event loop
rsock.close();
wsock.close();
loop.close();
