// The server side: client certificates (required, optional, missing, untrusted), ALPN,
// the SNI callback, and wrapped listening sockets on both engines.

import assert from "node:assert/strict";
import * as ssl from "../../ssl/mod.ts";
import { createConnection, createServer, OSError } from "../../socket/mod.ts";
import { connectedPair } from "../_helpers/loopback.ts";
import {
  clientContext,
  dec,
  enc,
  fastClientContext,
  serverContext,
  testCerts,
  tlsAttempt,
  tlsPair,
} from "./_tls.ts";

async function clientCertServer(mode: number): Promise<ssl.SSLContext> {
  const ctx = await serverContext();
  ctx.verifyMode = mode;
  ctx.loadVerifyLocations((await testCerts()).caFile);
  return ctx;
}

async function clientWithCert(which: "client" | "untrusted" = "client"): Promise<ssl.SSLContext> {
  const certs = await testCerts();
  const ctx = await clientContext();
  ctx.loadCertChain(certs[which].cert, certs[which].key);
  return ctx;
}

Deno.test("CERT_REQUIRED on a server: the client's certificate is checked, visible", async () => {
  await using p = await tlsPair(await clientCertServer(ssl.CERT_REQUIRED), await clientWithCert());
  const cert = p.server.getpeercert()!;
  assert.deepEqual(cert.subject, [[["organizationName", "ipcnet tests"]], [[
    "commonName",
    "Test Client",
  ]]]);
  assert.ok(p.server.getpeercert(true)!.length > 0);
  await p.client.sendall(enc("with cert"));
  assert.equal(dec(await p.server.recv(100)), "with cert");
});

Deno.test("CERT_REQUIRED on a server: a client without a certificate is refused", async () => {
  const [c, s, l] = await connectedPair();
  l.close();
  using _c = c;
  using _s = s;
  const clientCtx = await clientContext();
  const serverCtx = await clientCertServer(ssl.CERT_REQUIRED);
  const [client, server] = await Promise.allSettled([
    clientCtx.wrapSocket(c, { serverHostname: "localhost" }),
    serverCtx.wrapSocket(s, { serverSide: true }),
  ]);
  assert.equal(server.status, "rejected");
  const err = (server as PromiseRejectedResult).reason;
  assert.ok(err instanceof ssl.SSLError, String(err));
  assert.equal(err.reason, "PEER_DID_NOT_RETURN_A_CERTIFICATE");
  if (client.status === "rejected") {
    assert.ok(client.reason instanceof OSError, String(client.reason));
    return;
  }
  // In TLS 1.3 the client's handshake ends before the server's check: the refusal reaches
  // it as an alert on its first read, or as the connection ending.
  using tls = client.value;
  const outcome = await tls.recv(16).then((b) => b.length, (e: unknown) => e);
  if (typeof outcome === "number") assert.equal(outcome, 0);
  else assert.ok(outcome instanceof OSError, String(outcome));
});

Deno.test("CERT_REQUIRED on a server: an untrusted client certificate is refused", async () => {
  const { server } = await tlsAttempt(
    await clientCertServer(ssl.CERT_REQUIRED),
    await clientWithCert("untrusted"),
  );
  const err = (server as PromiseRejectedResult).reason;
  assert.ok(err instanceof ssl.SSLCertVerificationError, String(err));
  assert.equal(err.verifyCode, 20);
});

Deno.test("CERT_OPTIONAL on a server: no certificate is fine, a given one is checked", async () => {
  const server = await clientCertServer(ssl.CERT_OPTIONAL);
  {
    await using p = await tlsPair(server, await clientContext());
    assert.equal(p.server.getpeercert(), null);
  }
  {
    await using p = await tlsPair(server, await clientWithCert());
    assert.ok(p.server.getpeercert()!.subject);
  }
  const { server: bad } = await tlsAttempt(server, await clientWithCert("untrusted"));
  assert.equal(bad.status, "rejected");
});

Deno.test("a client certificate with an encrypted key", async () => {
  const certs = await testCerts();
  const client = await clientContext();
  client.loadCertChain(certs.localhost.cert, certs.encryptedKey, certs.password);
  await using p = await tlsPair(await clientCertServer(ssl.CERT_REQUIRED), client);
  assert.deepEqual(p.server.getpeercert()!.subject.at(-1), [["commonName", "localhost"]]);
});

Deno.test("ALPN: the server's first protocol that the client offers is chosen", async () => {
  const server = await serverContext();
  server.setAlpnProtocols(["h2", "http/1.1"]);
  for (const makeClient of [clientContext, fastClientContext]) {
    const client = await makeClient();
    client.setAlpnProtocols(["foo", "http/1.1", "h2"]);
    await using p = await tlsPair(server, client);
    assert.equal(p.client.selectedAlpnProtocol(), "h2");
    assert.equal(p.server.selectedAlpnProtocol(), "h2");
  }
  const plain = await clientContext();
  await using q = await tlsPair(server, plain);
  assert.equal(q.client.selectedAlpnProtocol(), null);
});

Deno.test("ALPN: no protocol in common ends the handshake (rustls)", async () => {
  const server = await serverContext();
  server.setAlpnProtocols(["h2"]);
  const client = await clientContext();
  client.setAlpnProtocols(["spdy/1"]);
  const { client: c, server: s } = await tlsAttempt(server, client);
  assert.equal(s.status, "rejected");
  assert.equal((s as PromiseRejectedResult).reason.reason, "NO_APPLICATION_PROTOCOL");
  assert.equal(c.status, "rejected");
  assert.ok((c as PromiseRejectedResult).reason instanceof ssl.SSLError);
});

Deno.test("the SNI callback sees the name and can switch the context", async () => {
  const main = await serverContext();
  const other = await serverContext("other");
  const seen: (string | null)[] = [];
  main.sniCallback = (sock, name, ctx) => {
    seen.push(name);
    assert.equal(ctx, main);
    assert.ok(sock instanceof ssl.SSLSocket);
    if (name === "other.example") sock.context = other;
  };
  const client = await clientContext();
  await using p = await tlsPair(main, client, { serverHostname: "other.example" });
  assert.deepEqual(seen, ["other.example"]);
  assert.deepEqual(p.client.getpeercert()!.subjectAltName, [["DNS", "other.example"]]);
  assert.equal(p.server.context, other);
  await using q = await tlsPair(main, client, { serverHostname: "localhost" });
  assert.equal(q.client.getpeercert()!.subject.at(-1)![0][1], "localhost");
});

Deno.test("the SNI callback is called with null when the client sends no name", async () => {
  const main = await serverContext();
  const seen: (string | null)[] = [];
  main.sniCallback = (_sock, name) => {
    seen.push(name);
  };
  await using _p = await tlsPair(main, await clientContext(), { serverHostname: "127.0.0.1" });
  assert.deepEqual(seen, [null]);
});

Deno.test("the SNI callback can refuse a name with an alert number", async () => {
  const main = await serverContext();
  main.setServernameCallback(() => ssl.ALERT_DESCRIPTION_UNRECOGNIZED_NAME);
  const { client, server } = await tlsAttempt(main, await clientContext());
  assert.equal(server.status, "rejected");
  assert.equal(client.status, "rejected");
});

for (
  const [engine, makeClient] of [["Deno.listenTls", fastClientContext], [
    "node:tls",
    clientContext,
  ]] as const
) {
  Deno.test(`a wrapped listening socket hands out TLS sockets (${engine})`, async () => {
    const server = await serverContext();
    if (engine === "node:tls") server.engine = "node";
    using listener = createServer(["127.0.0.1", 0]);
    const port = (listener.getsockname() as [string, number])[1];
    using tlsListener = await server.wrapSocket(listener, { serverSide: true });
    assert.equal(listener.closed, true);
    for (let i = 0; i < 2; i++) {
      const accepting = tlsListener.accept();
      using client = await (await makeClient()).wrapSocket(
        await createConnection(["127.0.0.1", port]),
        { serverHostname: "localhost" },
      );
      const [conn, addr] = await accepting;
      using _conn = conn;
      assert.ok(conn instanceof ssl.SSLSocket);
      assert.equal(conn.serverSide, true);
      assert.deepEqual(addr, client.getsockname());
      await client.sendall(enc(`hello ${i}`));
      assert.equal(dec(await conn.recv(100)), `hello ${i}`);
      await conn.sendall(enc("back"));
      assert.equal(dec(await client.recv(100)), "back");
    }
  });
}

Deno.test("a wrapped listener: a failed handshake rejects accept(), then it works", async () => {
  const server = await serverContext();
  server.engine = "node";
  using listener = createServer(["127.0.0.1", 0]);
  const port = (listener.getsockname() as [string, number])[1];
  using tlsListener = await server.wrapSocket(listener, { serverSide: true });
  const accepting = tlsListener.accept();
  const plain = await createConnection(["127.0.0.1", port]);
  await plain.sendall(enc("this is not TLS\r\n\r\n"));
  await assert.rejects(accepting, ssl.SSLError);
  plain.close();
  const next = tlsListener.accept();
  using client = await (await clientContext()).wrapSocket(
    await createConnection(["127.0.0.1", port]),
    { serverHostname: "localhost" },
  );
  const [conn] = await next;
  conn.close();
  assert.ok(client.getpeercert());
});

Deno.test("wrapping a bound socket, then listen(): TLS from accept()", async () => {
  const server = await serverContext();
  const { Socket } = await import("../../socket/mod.ts");
  const sock = new Socket();
  sock.bind(["127.0.0.1", 0]);
  using tlsListener = await server.wrapSocket(sock, { serverSide: true });
  tlsListener.listen(5);
  const [, port] = tlsListener.getsockname() as [string, number];
  const accepting = tlsListener.accept();
  using client = await (await fastClientContext()).wrapSocket(
    await createConnection(["127.0.0.1", port]),
    { serverHostname: "localhost" },
  );
  const [conn] = await accepting;
  using _conn = conn;
  await conn.sendall(enc("ok"));
  assert.equal(dec(await client.recv(10)), "ok");
});
