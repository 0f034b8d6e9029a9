// Run without --allow-ffi by no_ffi_test.ts: a selector and asyncore over native sockets
// only must work with --allow-net alone.

import assert from "node:assert/strict";
import { Dispatcher, loop } from "../../asyncore/mod.ts";
import { DefaultSelector, EVENT_READ, EVENT_WRITE, PollSelector } from "../../selectors/mod.ts";
import { Socket } from "../../socket/mod.ts";

assert.equal((await Deno.permissions.query({ name: "ffi" })).state, "prompt");
const server = new Socket();
server.bind(["127.0.0.1", 0]);
server.listen();
const client = new Socket();
await client.connect(server.getsockname());
const [conn] = await server.accept();
for (const Selector of [DefaultSelector, PollSelector]) {
  using sel = new Selector();
  const key = sel.register(conn, EVENT_READ);
  const kc = sel.register(client, EVENT_WRITE);
  assert.deepEqual(await sel.select(0), [[kc, EVENT_WRITE]]);
  sel.unregister(client);
  await client.sendall(new Uint8Array([1]));
  assert.deepEqual(await sel.select(5), [[key, EVENT_READ]]);
  assert.deepEqual(await conn.recv(10), new Uint8Array([1]));
}
for (const usePoll of [false, true]) {
  const map = new Map();
  const got: number[] = [];
  class Reader extends Dispatcher {
    override writable(): boolean {
      return false;
    }
    override async handleRead(): Promise<void> {
      got.push(...await this.recv(10));
      this.delChannel(); // leave the map, keep the socket
    }
  }
  new Reader(conn, map);
  await client.sendall(new Uint8Array([2]));
  await loop({ map, usePoll, timeout: 5 });
  assert.deepEqual(got, [2]);
}
conn.close();
client.close();
server.close();
console.log("ok without --allow-ffi");
