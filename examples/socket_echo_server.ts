// Python's 18.1.5 example: an echo server (IPv4). It serves one client and exits.
// Run: deno run --allow-net examples/socket_echo_server.ts [port]   (port 0 picks one)

import { AF_INET, SOCK_STREAM, Socket } from "@ipcnet/std/socket";

const HOST = ""; // Symbolic name meaning all available interfaces
const PORT = Number(Deno.args[0] ?? 50007); // Arbitrary non-privileged port

using s = new Socket(AF_INET, SOCK_STREAM);
s.bind([HOST, PORT]);
s.listen(1);
console.log(`Listening on 127.0.0.1 port ${(s.getsockname() as [string, number])[1]}`);
const [conn, addr] = await s.accept();
using _conn = conn;
console.log("Connected by", addr);
for (;;) {
  const data = await conn.recv(1024);
  if (data.length === 0) break;
  await conn.sendall(data);
}
