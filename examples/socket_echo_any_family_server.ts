// Python's 18.1.5 example: an echo server that tries every address getaddrinfo gives
// (IPv4 or IPv6), binding the first that works. It serves one client and exits.
// Run: deno run --allow-net examples/socket_echo_any_family_server.ts [port]

import { AF_UNSPEC, AI_PASSIVE, getaddrinfo, SOCK_STREAM, Socket } from "@ipcnet/std/socket";

const HOST = null; // Symbolic name meaning all available interfaces
const PORT = Number(Deno.args[0] ?? 50007); // Arbitrary non-privileged port

let s: Socket | null = null;
for (
  const [af, socktype, proto, , sa] of await getaddrinfo(
    HOST,
    PORT,
    AF_UNSPEC,
    SOCK_STREAM,
    0,
    AI_PASSIVE,
  )
) {
  try {
    s = new Socket(af, socktype, proto);
  } catch {
    s = null;
    continue;
  }
  try {
    s.bind(sa);
    s.listen(1);
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
using server = s;
const port = (server.getsockname() as [string, number])[1];
console.log(`Listening on ${server.family === 2 ? "127.0.0.1" : "::1"} port ${port}`);
const [conn, addr] = await server.accept();
using _conn = conn;
console.log("Connected by", addr);
for (;;) {
  const data = await conn.recv(1024);
  if (data.length === 0) break;
  await conn.send(data);
}
