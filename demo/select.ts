// The select stop of the guided tour: one select() call watching a native Deno TCP
// connection and a kernel socket pair together, woken by whichever has data first.

import { select } from "../select/mod.ts";
import { Socket, socketpair } from "../socket/mod.ts";

const enc = new TextEncoder();

/** Runs the select stop, printing what happens. */
export default async function demo(): Promise<void> {
  using server = new Socket();
  server.bind(["127.0.0.1", 0]);
  server.listen();
  using client = new Socket();
  await client.connect(server.getsockname());
  const [conn] = await server.accept();
  using _conn = conn;
  const [left, right] = socketpair();
  using _l = left, _r = right;
  console.log(
    `select() watches a native TCP connection (no descriptor) and kernel socket fd ${right.fileno()}.`,
  );

  const waiting = select([conn, right], [], [], 5);
  await left.sendall(enc.encode("from the kernel pair"));
  const [readable] = await waiting;
  console.log(
    `The kernel socket pair woke it: ${readable.length} ready, the fd ${
      readable.map((s) => s === right ? right.fileno() : "TCP").join(", ")
    }.`,
  );
  await right.recv(100);

  const again = select([conn, right], [], [], 5);
  await client.sendall(enc.encode("from TCP"));
  const [second] = await again;
  console.log(
    `Then the TCP connection did: ${second.length} ready, ${
      second[0] === conn ? "the native socket" : "?"
    }.`,
  );
  await conn.recv(100);

  const [none] = await select([conn, right], [], [], 0.05);
  console.log(`With nothing to read, a 50 ms select() returns ${none.length} ready objects.`);
}
