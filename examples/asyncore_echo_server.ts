// Python's 18.6.2 example: an asyncore echo server. Bounded: it stops listening after
// CLIENTS connections (default 1), and the loop ends once they have closed.
// Run: deno run --allow-net --allow-ffi examples/asyncore_echo_server.ts [port] [clients]

import { Dispatcher, DispatcherWithSend, loop } from "@ipcnet/std/asyncore";
import type { Socket, SocketAddress } from "@ipcnet/std/socket";

const CLIENTS = Number(Deno.args[1] ?? 1);

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
  #accepted = 0;

  constructor(host: string, port: number) {
    super();
    this.createSocket();
    this.setReuseAddr();
    this.bind([host, port]);
    this.listen(5);
  }

  override handleAccepted(sock: Socket, addr: SocketAddress): void {
    console.log(`Incoming connection from ${JSON.stringify(addr)}`);
    new EchoHandler(sock);
    if (++this.#accepted === CLIENTS) this.close();
  }
}

const server = new EchoServer("localhost", Number(Deno.args[0] ?? 8080));
console.log(
  `Listening on port ${((server.socket as Socket).getsockname() as [string, number])[1]}`,
);
await loop();
