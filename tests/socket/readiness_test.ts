// The readiness contract that select, selectors and asyncio use for native sockets.

import assert from "node:assert/strict";
import { socketpair } from "../../socket/mod.ts";
import { kReadyNow, kWaitReady } from "../../socket/readiness.ts";
import { connectedPair, listener } from "../_helpers/loopback.ts";

const never = new AbortController().signal;

Deno.test("a stream becomes readable when data arrives, and recv then never waits", async () => {
  const [client, conn, server] = await connectedPair();
  using _c = client, _s = conn, _l = server;
  assert.equal(conn[kReadyNow]("read"), false);
  assert.equal(conn[kReadyNow]("write"), true);
  const ready = conn[kWaitReady]("read", never);
  await client.sendall(new Uint8Array([1, 2, 3]));
  await ready;
  assert.equal(conn[kReadyNow]("read"), true);
  conn.setblocking(false);
  assert.deepEqual(await conn.recv(10), new Uint8Array([1, 2, 3]));
});

Deno.test("end of stream counts as readable", async () => {
  const [a, b] = socketpair();
  using _a = a, _b = b;
  const ready = b[kWaitReady]("read", never);
  a.close();
  await ready;
  assert.equal(b[kReadyNow]("read"), true);
  assert.equal((await b.recv(1)).length, 0);
});

Deno.test("a listener becomes readable when a connection waits", async () => {
  using server = listener();
  const { Socket } = await import("../../socket/mod.ts");
  assert.equal(server[kReadyNow]("read"), false);
  const ready = server[kWaitReady]("read", never);
  using client = new Socket();
  await client.connect(server.getsockname());
  await ready;
  server.setblocking(false);
  const [conn] = await server.accept();
  conn.close();
});

Deno.test("waiting for readiness stops when its signal aborts", async () => {
  const [a, b] = socketpair();
  using _a = a, _b = b;
  const ctl = new AbortController();
  const waiting = a[kWaitReady]("read", ctl.signal);
  ctl.abort(new Error("stop"));
  await assert.rejects(waiting, { message: "stop" });
});

Deno.test("read-ahead buffers are reused only when no recv() view of them is held", async () => {
  const [client, conn, server] = await connectedPair();
  using _c = client, _s = conn, _l = server;
  conn.setblocking(false);
  const first = new Uint8Array(40_000).fill(0x41);
  await client.sendall(first);
  // Readiness reads ahead into a 64 KiB buffer; recv() then takes a view of it.
  while (!conn[kReadyNow]("read")) await conn[kWaitReady]("read", never);
  let view = await conn.recv(100);
  const rest = new Uint8Array(first.length);
  let got = view.length;
  while (got < first.length) {
    while (!conn[kReadyNow]("read")) await conn[kWaitReady]("read", never);
    got += await conn.recvInto(rest.subarray(got));
  }
  // More data read ahead now must not land in the buffer the first view belongs to.
  await client.sendall(new Uint8Array(40_000).fill(0x42));
  for (let n = 0; n < 40_000;) {
    while (!conn[kReadyNow]("read")) await conn[kWaitReady]("read", never);
    n += await conn.recvInto(new Uint8Array(65536));
  }
  assert.ok(view.every((b) => b === 0x41), "a recv() view was overwritten by a later read");
  view = new Uint8Array(0);
});
