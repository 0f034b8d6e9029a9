// A client driving the 18.4.3 selectors echo server: it sends a few messages, checks that
// each comes back, then closes.
// Run: deno run --allow-net examples/selectors_echo_client.ts <port>

import { Socket } from "@ipcnet/std/socket";

const PORT = Number(Deno.args[0] ?? 1234);
const enc = new TextEncoder();
const dec = new TextDecoder();

using s = new Socket();
await s.connect(["localhost", PORT]);
for (const message of ["Hello, selectors", "a second message", "and a third"]) {
  await s.sendall(enc.encode(message));
  let echoed = "";
  while (echoed.length < message.length) echoed += dec.decode(await s.recv(1024));
  console.log("Received", JSON.stringify(echoed));
  if (echoed !== message) throw new Error(`expected ${JSON.stringify(message)}`);
}
