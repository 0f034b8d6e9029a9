// Python's 18.7.1 example: an HTTP request handler built on asynchat, completed into a
// small server (the chapter leaves parse_headers and handle_request out). It serves two
// requests made with fetch against itself, a GET and a POST, then stops.
// Run: deno run --allow-net examples/asynchat_http_handler.ts

import { AsyncChat } from "@ipcnet/std/asynchat";
import { Dispatcher, loop } from "@ipcnet/std/asyncore";
import type { Socket, SocketAddress } from "@ipcnet/std/socket";

const REQUESTS = 2;
const enc = new TextEncoder();
const dec = new TextDecoder();

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

class HttpRequestHandler extends AsyncChat {
  ibuffer: Uint8Array[] = [];
  readingHeaders = true;
  handling = false;
  cgiData: URLSearchParams | null = null;
  op = "";
  path = "";
  headers = new Map<string, string>();

  constructor(sock: Socket) {
    super(sock);
    this.setTerminator("\r\n\r\n");
  }

  override collectIncomingData(data: Uint8Array): void {
    this.ibuffer.push(data); // Buffer the data
  }

  override foundTerminator(): void {
    if (this.readingHeaders) {
      this.readingHeaders = false;
      this.parseHeaders(dec.decode(join(this.ibuffer)));
      this.ibuffer = [];
      if (this.op.toUpperCase() === "POST") {
        const clen = this.headers.get("content-length");
        this.setTerminator(Number(clen ?? 0));
        if (Number(clen ?? 0) === 0) this.foundTerminator();
      } else {
        this.handling = true;
        this.setTerminator(null);
        this.handleRequest();
      }
    } else if (!this.handling) {
      this.setTerminator(null); // browsers sometimes over-send
      this.cgiData = new URLSearchParams(dec.decode(join(this.ibuffer)));
      this.handling = true;
      this.ibuffer = [];
      this.handleRequest();
    }
  }

  parseHeaders(text: string): void {
    const [requestLine, ...lines] = text.split("\r\n");
    [this.op, this.path] = requestLine.split(" ");
    for (const line of lines) {
      const at = line.indexOf(":");
      if (at > 0) {
        this.headers.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
      }
    }
  }

  handleRequest(): void {
    const body = this.op === "POST"
      ? `Hello, ${this.cgiData?.get("name") ?? "nobody"}: you posted to ${this.path}\n`
      : `You asked for ${this.path}\n`;
    const payload = enc.encode(body);
    this.push(
      `HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${payload.length}\r\n` +
        "Connection: close\r\n\r\n",
    );
    this.push(payload);
    this.closeWhenDone();
    served++;
  }
}

class HttpServer extends Dispatcher {
  constructor() {
    super();
    this.createSocket();
    this.setReuseAddr();
    this.bind(["127.0.0.1", 0]);
    this.listen(5);
  }

  override handleAccepted(sock: Socket, _addr: SocketAddress): void {
    new HttpRequestHandler(sock); // the base class keeps the peer as this.addr
  }
}

let served = 0;
const server = new HttpServer();
const port = ((server.socket as Socket).getsockname() as [string, number])[1];
const serving = loop({ timeout: 5 });

const get = await fetch(`http://127.0.0.1:${port}/index.html`);
console.log(get.status, JSON.stringify(await get.text()));
const post = await fetch(`http://127.0.0.1:${port}/form`, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: "name=Deno",
});
const posted = await post.text();
console.log(post.status, JSON.stringify(posted));
server.close(); // the loop ends once the handlers have closed too
await serving;
if (served !== REQUESTS || !posted.startsWith("Hello, Deno")) {
  throw new Error(`served ${served} requests; last reply ${JSON.stringify(posted)}`);
}
