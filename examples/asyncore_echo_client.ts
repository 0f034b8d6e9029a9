// A client for the 18.6.2 asyncore echo server, written with asyncore too: it connects,
// sends a message, reads the echo back and closes.
// Run: deno run --allow-net examples/asyncore_echo_client.ts <port>

import { Dispatcher, loop } from "@ipcnet/std/asyncore";

const MESSAGE = new TextEncoder().encode("Hello from an asyncore client\n".repeat(100));

class EchoClient extends Dispatcher {
  #out: Uint8Array = MESSAGE;
  #received = 0;

  constructor(host: string, port: number) {
    super();
    this.createSocket();
    this.connect([host, port]);
  }

  override handleConnect(): void {
    console.log("connected");
  }

  override writable(): boolean {
    return !this.connected || this.#out.length > 0;
  }

  override async handleWrite(): Promise<void> {
    const sent = await this.send(this.#out);
    this.#out = this.#out.subarray(sent);
  }

  override async handleRead(): Promise<void> {
    this.#received += (await this.recv(8192)).length;
    if (this.#received === MESSAGE.length) {
      console.log(`received all ${this.#received} bytes back`);
      this.close();
    }
  }

  override handleClose(): void {
    this.close();
    if (this.#received !== MESSAGE.length) {
      console.error(`the echo was cut short: ${this.#received} of ${MESSAGE.length} bytes`);
      Deno.exitCode = 1;
    }
  }
}

new EchoClient("localhost", Number(Deno.args[0] ?? 8080));
await loop();
