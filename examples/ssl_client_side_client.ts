// Python's 18.2.5.2 example (client-side operation): a client with a default context
// connects, checks the server's certificate and name, prints the certificate, and sends
// a HEAD request. The server is examples/ssl_client_side_server.ts, whose test CA this
// client trusts in addition to the default roots.
// Run: deno run -A examples/ssl_client_side_client.ts <port>

import { join } from "node:path";
import { tmpdir } from "node:os";
import { createDefaultContext } from "@ipcnet/std/ssl";
import { AF_INET, Socket } from "@ipcnet/std/socket";

const port = Number(Deno.args[0] ?? 8443);
const context = createDefaultContext();
context.loadVerifyLocations(join(tmpdir(), `ipcnet-ssl-example-${port}`, "ca.pem"));

using conn = await context.wrapSocket(new Socket(AF_INET), { serverHostname: "localhost" });
await conn.connect(["localhost", port]);
const cert = conn.getpeercert();
// The certificate dict, as Python's pprint shows it.
console.log(Deno.inspect(cert, { depth: 6, colors: false }));

await conn.sendall(new TextEncoder().encode("HEAD / HTTP/1.0\r\nHost: localhost\r\n\r\n"));
let response = "";
for (;;) {
  const data = await conn.recv(1024);
  if (data.length === 0) break;
  response += new TextDecoder().decode(data);
}
console.log(response.split("\r\n"));
if (!response.startsWith("HTTP/1.0 200 OK")) throw new Error("unexpected response");
