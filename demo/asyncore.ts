// The asyncore stop of the guided tour: the 18.6.2 echo server and an asyncore client in
// one loop, with a handler that is async (the loop awaits it).

import { Dispatcher, DispatcherWithSend, loop, type SocketMap } from "../asyncore/mod.ts";
import type { Socket } from "../socket/mod.ts";

/** Runs the asyncore stop, printing what happens. */
export default async function demo(): Promise<void> {
  const map: SocketMap = new Map();

  class EchoHandler extends DispatcherWithSend {
    override async handleRead(): Promise<void> {
      const data = await this.recv(8192);
      if (data.length > 0) await this.send(data);
    }
    override handleClose(): void {
      this.close();
    }
  }

  class EchoServer extends Dispatcher {
    constructor() {
      super(null, map);
      this.createSocket();
      this.setReuseAddr();
      this.bind(["127.0.0.1", 0]);
      this.listen(5);
    }
    override handleAccepted(sock: Socket): void {
      console.log("The server accepted a connection and hands it to an EchoHandler.");
      new EchoHandler(sock, map);
      this.close(); // one client only: the loop ends when everyone has closed
    }
  }

  class Client extends Dispatcher {
    #out = new TextEncoder().encode("Hello, asyncore");
    override handleConnect(): void {
      console.log("The client connected.");
    }
    override writable(): boolean {
      return !this.connected || this.#out.length > 0;
    }
    override async handleWrite(): Promise<void> {
      this.#out = this.#out.subarray(await this.send(this.#out));
    }
    override async handleRead(): Promise<void> {
      const echoed = new TextDecoder().decode(await this.recv(100));
      console.log(`The client got its message back: ${JSON.stringify(echoed)}.`);
      this.close();
    }
  }

  const server = new EchoServer();
  const client = new Client(null, map);
  client.createSocket();
  await client.connect((server.socket as Socket).getsockname() as [string, number]);
  const start = performance.now();
  await loop({ map, timeout: 5 });
  console.log(
    `The loop ended with an empty map after ${Math.round(performance.now() - start)} ms.`,
  );
}

if (import.meta.main) await demo();
