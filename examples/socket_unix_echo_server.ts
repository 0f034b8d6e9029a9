// An echo server on a unix socket path (the unix counterpart of 18.1.5's example).
// It serves one client, then removes its path (Python leaves it; so does this library).
// Run: deno run --allow-net --allow-read --allow-write examples/socket_unix_echo_server.ts [path]

import { AF_UNIX, SOCK_STREAM, Socket } from "@ipcnet/std/socket";

const PATH = Deno.args[0] ?? `${Deno.makeTempDirSync()}/echo.sock`;

using s = new Socket(AF_UNIX, SOCK_STREAM);
s.bind(PATH);
s.listen(1);
console.log(`Listening on ${PATH}`);
const [conn] = await s.accept();
using _conn = conn;
console.log("Connected by a local client");
for (;;) {
  const data = await conn.recv(1024);
  if (data.length === 0) break;
  await conn.sendall(data);
}
s.close();
Deno.removeSync(PATH);
