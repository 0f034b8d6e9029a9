// 18.5.5.7.3 Get HTTP headers: a HEAD request over a stream, printing each header line.
// The example starts its own HTTP server on loopback (Deno.serve) and asks it; pass a URL
// to ask another server (https:// uses TLS through `ssl: true`).
//   deno run -A examples/asyncio_get_http_headers.ts [url]
import { openConnection, run } from "@ipcnet/std/asyncio";

async function printHttpHeaders(address: string): Promise<void> {
  const url = new URL(address);
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const [reader, writer] = url.protocol === "https:"
    ? await openConnection(url.hostname, port, { ssl: true })
    : await openConnection(url.hostname, port);
  const query = `HEAD ${url.pathname || "/"} HTTP/1.0\r\nHost: ${url.hostname}\r\n\r\n`;
  writer.write(new TextEncoder().encode(query));
  for (;;) {
    const line = await reader.readline();
    if (line.length === 0) break;
    const text = new TextDecoder("latin1").decode(line).trimEnd();
    if (text) console.log(`HTTP header> ${text}`);
  }
  writer.close();
  await writer.waitClosed();
}

let server: Deno.HttpServer | null = null;
let url = Deno.args[0];
if (url === undefined) {
  const listening = Promise.withResolvers<number>();
  server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: ({ port }) => listening.resolve(port),
  }, () => new Response("hello", { headers: { "x-example": "18.5.5.7.3" } }));
  url = `http://127.0.0.1:${await listening.promise}/`;
}
await run(printHttpHeaders(url));
await server?.shutdown();
