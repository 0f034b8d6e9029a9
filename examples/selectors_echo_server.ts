// Python's 18.4.3 example: an echo server on one selector, with callbacks kept in each
// key's data. Bounded: it stops once CLIENTS clients (default 1) have come and gone.
// Run: deno run --allow-net --allow-ffi examples/selectors_echo_server.ts [port] [clients]

import { DefaultSelector, EVENT_READ } from "@ipcnet/std/selectors";
import { Socket } from "@ipcnet/std/socket";

type Callback = (sock: Socket, mask: number) => Promise<void>;

const PORT = Number(Deno.args[0] ?? 1234);
const CLIENTS = Number(Deno.args[1] ?? 1);
const sel = new DefaultSelector<Callback>();
let served = 0;

async function accept(sock: Socket, _mask: number): Promise<void> {
  const [conn, addr] = await sock.accept(); // Should be ready
  console.log("accepted", String(conn), "from", addr);
  conn.setblocking(false);
  sel.register(conn, EVENT_READ, read);
}

async function read(conn: Socket, _mask: number): Promise<void> {
  const data = await conn.recv(1000); // Should be ready
  if (data.length > 0) {
    console.log("echoing", JSON.stringify(new TextDecoder().decode(data)), "to", String(conn));
    await conn.send(data); // Hope it won't block
  } else {
    console.log("closing", String(conn));
    sel.unregister(conn);
    conn.close();
    served++;
  }
}

const sock = new Socket();
sock.bind(["localhost", PORT]);
sock.listen(100);
sock.setblocking(false);
sel.register(sock, EVENT_READ, accept);
console.log(`Listening on port ${(sock.getsockname() as [string, number])[1]}`);

while (served < CLIENTS) {
  const events = await sel.select();
  for (const [key, mask] of events) {
    const callback = key.data;
    await callback(key.fileobj as Socket, mask);
  }
}
sel.unregister(sock);
sock.close();
sel.close();
