// Python's 18.6.1 example: a basic HTTP client with asyncore. So that it runs anywhere
// (and in the examples test), it first starts a local HTTP server with Deno.serve, then
// fetches "/" from it instead of www.python.org.
// Run: deno run --allow-net examples/asyncore_http_client.ts

import { Dispatcher, loop } from "@ipcnet/std/asyncore";

class HTTPClient extends Dispatcher {
  buffer: Uint8Array;
  received = "";

  constructor(host: string, port: number, path: string) {
    super();
    this.createSocket();
    this.connect([host, port]);
    this.buffer = new TextEncoder().encode(`GET ${path} HTTP/1.0\r\nHost: ${host}\r\n\r\n`);
  }

  override handleConnect(): void {}

  override handleClose(): void {
    this.close();
  }

  override async handleRead(): Promise<void> {
    const data = new TextDecoder().decode(await this.recv(8192));
    this.received += data;
    console.log(data);
  }

  override writable(): boolean {
    return this.buffer.length > 0;
  }

  override async handleWrite(): Promise<void> {
    const sent = await this.send(this.buffer);
    this.buffer = this.buffer.subarray(sent);
  }
}

// The local stand-in for www.python.org.
const listening = Promise.withResolvers<number>();
const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: ({ port }) => listening.resolve(port) },
  () => new Response("<html><body>Hello from a local server</body></html>\n"),
);
const port = await listening.promise;

const client = new HTTPClient("127.0.0.1", port, "/");
await loop();
await server.shutdown();
if (!client.received.startsWith("HTTP/1.") || !client.received.includes("Hello from")) {
  throw new Error(`unexpected response: ${JSON.stringify(client.received)}`);
}
