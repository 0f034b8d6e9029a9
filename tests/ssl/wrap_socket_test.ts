// The deprecated module-level wrapSocket and getServerCertificate.

import assert from "node:assert/strict";
import * as ssl from "../../ssl/mod.ts";
import { createServer, Socket } from "../../socket/mod.ts";
import { connectedPair } from "../_helpers/loopback.ts";
import { dec, enc, serverContext, testCerts } from "./_tls.ts";

Deno.test("ssl.wrapSocket builds a context from Python's keyword arguments", async () => {
  const certs = await testCerts();
  const [c, s, l] = await connectedPair();
  l.close();
  const [client, server] = await Promise.all([
    ssl.wrapSocket(c, { certReqs: ssl.CERT_REQUIRED, caCerts: certs.caFile }),
    ssl.wrapSocket(s, {
      serverSide: true,
      certfile: certs.localhost.cert,
      keyfile: certs.localhost.key,
    }),
  ]);
  using _c = client, _s = server;
  assert.ok(client.getpeercert()!.subject);
  assert.equal(client.context.checkHostname, false);
  await server.sendall(enc("legacy"));
  assert.equal(dec(await client.recv(10)), "legacy");
});

Deno.test("ssl.wrapSocket with the default CERT_NONE accepts any certificate", async () => {
  const certs = await testCerts();
  const [c, s, l] = await connectedPair();
  l.close();
  const [client, server] = await Promise.all([
    ssl.wrapSocket(c, { ciphers: "HIGH" }),
    ssl.wrapSocket(s, {
      serverSide: true,
      certfile: certs.untrusted.cert,
      keyfile: certs.untrusted.key,
    }),
  ]);
  using _c = client, _s = server;
  assert.deepEqual(client.getpeercert(), {});
});

Deno.test("ssl.wrapSocket checks certfile and keyfile", async () => {
  using sock = new Socket();
  await assert.rejects(
    ssl.wrapSocket(sock, { serverSide: true }),
    /certfile must be specified for server-side/,
  );
  await assert.rejects(ssl.wrapSocket(sock, { keyfile: "k.pem" }), /certfile must be specified/);
});

Deno.test("getServerCertificate returns the server's certificate as PEM", async () => {
  const certs = await testCerts();
  const ctx = await serverContext();
  using listener = createServer(["127.0.0.1", 0]);
  const addr = listener.getsockname() as [string, number];
  using tlsListener = await ctx.wrapSocket(listener, { serverSide: true });
  const serve = async (): Promise<void> => {
    const [conn] = await tlsListener.accept();
    conn.close();
  };
  const serving = serve();
  const pem = await ssl.getServerCertificate(addr);
  await serving;
  assert.equal(pem, certs.localhost.certPem);
  const again = serve();
  assert.equal(await ssl.getServerCertificate(addr, { caCerts: certs.caFile }), pem);
  await again;
  const bad = serve().catch(() => {});
  await assert.rejects(
    ssl.getServerCertificate(addr, { caCerts: certs.otherCaFile }),
    ssl.SSLCertVerificationError,
  );
  await bad;
});
