// TLS over kernel sockets (real descriptors): socketpair() ends and unix sockets, which are
// kernel sockets when FFI is granted, run node:tls over their descriptor.

import assert from "node:assert/strict";
import * as ssl from "../../ssl/mod.ts";
import { AF_UNIX, SOCK_STREAM, Socket, socketpair } from "../../socket/mod.ts";
import { tempDir } from "../_helpers/temp_dir.ts";
import { clientContext, dec, enc, serverContext } from "./_tls.ts";

Deno.test("TLS over a socketpair(), with STARTTLS both ways", async () => {
  const [a, b] = socketpair();
  assert.ok(a.fileno() >= 0, "a kernel socket pair");
  await a.sendall(enc("STARTTLS\n"));
  assert.equal(dec(await b.recv(100)), "STARTTLS\n");
  const [client, server] = await Promise.all([
    (await clientContext()).wrapSocket(a, { serverHostname: "localhost" }),
    (await serverContext()).wrapSocket(b, { serverSide: true }),
  ]);
  assert.throws(() => client.fileno(), ssl.NotImplementedError);
  await client.sendall(enc("over a pair"));
  assert.equal(dec(await server.recv(100)), "over a pair");
  assert.equal(client.getpeercert()!.subject.at(-1)![0][1], "localhost");
  const [cp, sp] = await Promise.all([client.unwrap(), server.unwrap()]);
  using _cp = cp, _sp = sp;
  await sp.sendall(enc("plain"));
  assert.equal(dec(await cp.recv(100)), "plain");
});

Deno.test("TLS over a unix stream socket, from a wrapped unix listener", async () => {
  await using dir = await tempDir();
  const path = dir.join("tls.sock");
  using listener = new Socket(AF_UNIX, SOCK_STREAM);
  listener.bind(path);
  listener.listen();
  assert.ok(listener.fileno() >= 0, "a kernel unix socket");
  using tlsListener = await (await serverContext()).wrapSocket(listener, { serverSide: true });
  const accepting = tlsListener.accept();
  using client = await (await clientContext()).wrapSocket(new Socket(AF_UNIX, SOCK_STREAM), {
    serverHostname: "localhost",
  });
  await client.connect(path);
  const [conn] = await accepting;
  using _conn = conn;
  await conn.sendall(enc("unix and TLS"));
  assert.equal(dec(await client.recv(100)), "unix and TLS");
  assert.equal(client.version(), "TLSv1.3");
  assert.ok(conn instanceof ssl.SSLSocket);
});
