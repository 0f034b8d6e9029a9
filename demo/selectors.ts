// The selectors stop of the guided tour: one selector watching a native TCP connection, a
// kernel socket pair and a pipe at once, waking for whichever has something first.

import * as S from "../_ffi/sockets.ts";
import { DefaultSelector, EVENT_READ } from "../selectors/mod.ts";
import { Socket, socketpair } from "../socket/mod.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Runs the selectors stop, printing what happens. */
export default async function demo(): Promise<void> {
  using server = new Socket();
  server.bind(["127.0.0.1", 0]);
  server.listen();
  using client = new Socket();
  await client.connect(server.getsockname());
  const [conn] = await server.accept();
  using _conn = conn;
  const [left, right] = socketpair();
  using _left = left, _right = right;
  const [pipeR, pipeW] = S.pipe();

  using sel = new DefaultSelector<string>();
  sel.register(conn, EVENT_READ, "the native TCP connection");
  sel.register(right, EVENT_READ, "the kernel socket pair");
  sel.register(pipeR, EVENT_READ, "the pipe");
  console.log(`One ${sel.constructor.name} watches three things:`);
  for (const key of sel.getMap().values()) {
    const kind = key.fd >= 2 ** 31 ? "synthetic descriptor" : "descriptor";
    console.log(`  ${key.data}, ${kind} ${key.fd}`);
  }

  const senders: Array<[string, () => unknown]> = [
    ["the pipe", () => S.write(pipeW, enc.encode("through a pipe"))],
    ["the native TCP connection", () => client.sendall(enc.encode("over TCP"))],
    ["the kernel socket pair", () => left.sendall(enc.encode("across a socket pair"))],
  ];
  for (const [, send] of senders) {
    const waiting = sel.select(5);
    setTimeout(send, 10);
    for (const [key] of await waiting) {
      const data = key.fileobj === pipeR
        ? S.read(pipeR, 100)
        : await (key.fileobj as Socket).recv(100);
      console.log(`Woken by ${key.data}: it received ${JSON.stringify(dec.decode(data))}`);
    }
  }
  const start = performance.now();
  const none = await sel.select(0.05);
  console.log(
    `With nothing to read, select(0.05) returns ${JSON.stringify(none)} after ` +
      `${Math.round(performance.now() - start)} ms.`,
  );
  sel.unregister(pipeR);
  S.close(pipeR);
  S.close(pipeW);
}

if (import.meta.main) await demo();
