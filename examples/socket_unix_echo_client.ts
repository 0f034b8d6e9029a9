// An echo client on a unix socket path.
// Run: deno run --allow-net --allow-read --allow-write examples/socket_unix_echo_client.ts <path>

import { AF_UNIX, SOCK_STREAM, Socket } from "@ipcnet/std/socket";

const PATH = Deno.args[0];
if (!PATH) {
  console.log("usage: socket_unix_echo_client.ts <path>");
  Deno.exit(2);
}

using s = new Socket(AF_UNIX, SOCK_STREAM);
await s.connect(PATH);
await s.sendall(new TextEncoder().encode("Hello, world"));
const data = await s.recv(1024);
console.log("Received", JSON.stringify(new TextDecoder().decode(data)));
