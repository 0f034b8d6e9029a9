// Python's 18.1.5 example: an echo client that tries every address of the host in turn.
// Run: deno run --allow-net examples/socket_echo_any_family_client.ts [port]

import { AF_UNSPEC, getaddrinfo, SOCK_STREAM, Socket } from "@ipcnet/std/socket";

const HOST = "localhost"; // The remote host
const PORT = Number(Deno.args[0] ?? 50007); // The same port as used by the server

let s: Socket | null = null;
for (const [af, socktype, proto, , sa] of await getaddrinfo(HOST, PORT, AF_UNSPEC, SOCK_STREAM)) {
  try {
    s = new Socket(af, socktype, proto);
  } catch {
    s = null;
    continue;
  }
  try {
    await s.connect(sa);
  } catch {
    s.close();
    s = null;
    continue;
  }
  break;
}
if (s === null) {
  console.log("could not open socket");
  Deno.exit(1);
}
using client = s;
await client.sendall(new TextEncoder().encode("Hello, world"));
const data = await client.recv(1024);
console.log("Received", JSON.stringify(new TextDecoder().decode(data)));
