// Python's 18.1.5 example: an echo client (IPv4).
// Run: deno run --allow-net examples/socket_echo_client.ts [port]

import { AF_INET, SOCK_STREAM, Socket } from "@ipcnet/std/socket";

const HOST = "127.0.0.1"; // The remote host (Python's example says 'daring.cwi.nl')
const PORT = Number(Deno.args[0] ?? 50007); // The same port as used by the server

using s = new Socket(AF_INET, SOCK_STREAM);
await s.connect([HOST, PORT]);
await s.sendall(new TextEncoder().encode("Hello, world"));
const data = await s.recv(1024);
console.log("Received", JSON.stringify(new TextDecoder().decode(data)));
