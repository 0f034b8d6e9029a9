// SSLSocket handshakes and data over real loopback TCP on both engines: verified
// certificates, untrusted ones, hostname mismatches, CERT_NONE, expired and chained
// certificates, the inspection methods, and the rules Python puts on TLS sockets.

import assert from "node:assert/strict";
import * as ssl from "../../ssl/mod.ts";
import { Socket } from "../../socket/mod.ts";
import { pattern, sha256 } from "../_helpers/loopback.ts";
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

const engines = [
  ["node:tls (own CA only)", clientContext],
  ["Deno native (default roots + CA)", fastClientContext],
] as const;

for (const [engine, makeClient] of engines) {
  Deno.test(`${engine}: a verified handshake, then data both ways`, async () => {
    await using p = await tlsPair(await serverContext(), await makeClient());
    await p.client.sendall(enc("ping"));
    assert.equal(dec(await p.server.recv(1024)), "ping");
    await p.server.sendall(enc("pong"));
    assert.equal(dec(await p.client.recv(1024)), "pong");
    const cert = p.client.getpeercert()!;
    assert.deepEqual(cert.subject, [
      [["countryName", "XY"]],
      [["organizationName", "ipcnet tests"]],
      [["commonName", "localhost"]],
    ]);
    assert.deepEqual(cert.issuer, [[["commonName", "ipcnet Test CA"]]]);
    assert.deepEqual(cert.subjectAltName, [
      ["DNS", "localhost"],
      ["IP Address", "127.0.0.1"],
      ["IP Address", "0:0:0:0:0:0:0:1"],
    ]);
    const der = p.client.getpeercert(true)!;
    assert.deepEqual(der, ssl.PEM_cert_to_DER_cert((await testCerts()).localhost.certPem));
    assert.equal(p.server.getpeercert(), null); // no client certificate asked for
    assert.equal(p.client.serverHostname, "localhost");
    assert.equal(p.server.serverSide, true);
    assert.equal(p.server.version(), "TLSv1.3");
    assert.equal(p.client.compression(), null);
    assert.equal(p.client.selectedNpnProtocol(), null);
    assert.equal(p.client.sessionReused, false);
  });

  Deno.test(`${engine}: an untrusted certificate fails with SSLCertVerificationError`, async () => {
    const { client } = await tlsAttempt(await serverContext("untrusted"), await makeClient());
    assert.equal(client.status, "rejected");
    const err = (client as PromiseRejectedResult).reason;
    assert.ok(err instanceof ssl.SSLCertVerificationError, String(err));
    assert.equal(err.verifyCode, 20);
    assert.equal(err.verifyMessage, "unable to get local issuer certificate");
    assert.equal(err.reason, "CERTIFICATE_VERIFY_FAILED");
    assert.ok(err instanceof ssl.SSLError);
  });

  Deno.test(`${engine}: a hostname mismatch fails when checkHostname is on`, async () => {
    const server = await serverContext("other");
    const { client } = await tlsAttempt(server, await makeClient());
    const err = (client as PromiseRejectedResult).reason;
    assert.ok(err instanceof ssl.SSLCertVerificationError, String(err));
    assert.equal(err.verifyCode, 62);
    assert.equal(err.verifyMessage, "Hostname mismatch, certificate is not valid for 'localhost'.");
    const lenient = await makeClient();
    lenient.checkHostname = false;
    await using p = await tlsPair(server, lenient);
    assert.equal(p.client.getpeercert()!.subjectAltName![0][1], "other.example");
  });

  Deno.test(`${engine}: an expired certificate fails with code 10`, async () => {
    const { client } = await tlsAttempt(await serverContext("expired"), await makeClient());
    const err = (client as PromiseRejectedResult).reason;
    assert.ok(err instanceof ssl.SSLCertVerificationError, String(err));
    assert.equal(err.verifyCode, 10);
  });

  Deno.test(`${engine}: a chain through an intermediate verifies`, async () => {
    await using p = await tlsPair(await serverContext("chained"), await makeClient());
    assert.deepEqual(p.client.getpeercert()!.issuer, [[["commonName", "ipcnet Intermediate"]]]);
  });

  Deno.test(`${engine}: 1 MiB each way arrives intact`, async () => {
    await using p = await tlsPair(await serverContext(), await makeClient());
    const data = pattern(1 << 20, 7);
    const receiving = (async () => {
      const parts: Uint8Array[] = [];
      let got = 0;
      while (got < data.length) {
        const part = await p.server.recv(65536);
        if (part.length === 0) break;
        parts.push(part);
        got += part.length;
      }
      const all = new Uint8Array(got);
      let off = 0;
      for (const part of parts) {
        all.set(part, off);
        off += part.length;
      }
      return all;
    })();
    await p.client.sendall(data);
    assert.equal(await sha256(await receiving), await sha256(data));
  });
}

Deno.test("the IP address of the server is checked against its IP subjectAltNames", async () => {
  await using p = await tlsPair(await serverContext(), await clientContext(), {
    serverHostname: "127.0.0.1",
  });
  assert.ok(p.client.getpeercert());
  const other = await serverContext("other");
  const { client } = await tlsAttempt(other, await clientContext(), {
    serverHostname: "127.0.0.1",
  });
  assert.equal((client as PromiseRejectedResult).reason.verifyCode, 62);
});

Deno.test("CERT_NONE succeeds against an untrusted server; getpeercert is then {}", async () => {
  const ctx = new ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT);
  ctx.checkHostname = false;
  ctx.verifyMode = ssl.CERT_NONE;
  await using p = await tlsPair(await serverContext("untrusted"), ctx);
  assert.deepEqual(p.client.getpeercert(), {});
  assert.ok(p.client.getpeercert(true)!.length > 100);
  await p.server.sendall(enc("hi"));
  assert.equal(dec(await p.client.recv(10)), "hi");
});

Deno.test("a client context with an empty trust store trusts nothing", async () => {
  const ctx = new ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT);
  const { client } = await tlsAttempt(await serverContext(), ctx);
  assert.equal((client as PromiseRejectedResult).reason.verifyCode, 20);
});

Deno.test("cipher, version and channel binding on the node:tls engine", async () => {
  await using p = await tlsPair(await serverContext(), await clientContext());
  const [name, protocol, bits] = p.client.cipher()!;
  assert.match(name, /^TLS_/);
  assert.equal(protocol, "TLSv1.3");
  assert.ok(bits >= 128);
  assert.deepEqual(p.server.cipher(), p.client.cipher());
  assert.equal(p.client.version(), "TLSv1.3");
  const cb = p.client.getChannelBinding("tls-unique")!;
  assert.equal(cb.length, 32);
  assert.deepEqual(p.server.getChannelBinding(), cb);
  assert.throws(() => p.client.getChannelBinding("tls-server-end-point"), /not implemented/);
  const shared = p.server.sharedCiphers()!;
  assert.ok(shared.some(([n]) => n === name));
  assert.equal(p.client.sharedCiphers(), null);
  assert.ok(p.client.session instanceof ssl.SSLSession);
  assert.equal(p.client.session!.hasTicket, false);
});

Deno.test("Deno's native engine cannot report cipher or version: NotImplementedError", async () => {
  await using p = await tlsPair(await serverContext(), await fastClientContext());
  assert.throws(() => p.client.version(), /engine = "node"/);
  assert.throws(() => p.client.cipher(), ssl.NotImplementedError);
  assert.throws(() => p.client.getChannelBinding(), ssl.NotImplementedError);
  assert.equal(p.server.version(), "TLSv1.3"); // the accepted side runs on node:tls
});

Deno.test("TLS 1.2 only, through maximumVersion or a TLSv1_2 context", async () => {
  const client = await clientContext();
  client.maximumVersion = ssl.TLSVersion.TLSv1_2;
  await using p = await tlsPair(await serverContext(), client);
  assert.equal(p.client.version(), "TLSv1.2");
  assert.match(p.client.cipher()![0], /^ECDHE-ECDSA-/);
  assert.equal(p.client.cipher()![1], "TLSv1.2");
  const server = new ssl.SSLContext(ssl.PROTOCOL_TLSv1_2);
  const certs = await testCerts();
  server.loadCertChain(certs.localhost.cert, certs.localhost.key);
  await using q = await tlsPair(server, await clientContext());
  assert.equal(q.client.version(), "TLSv1.2");
});

Deno.test("setCiphers is enforced on TLS 1.2 connections", async () => {
  const allowed = await clientContext();
  allowed.maximumVersion = ssl.TLSVersion.TLSv1_2;
  allowed.setCiphers("ECDHE-ECDSA-AES256-GCM-SHA384");
  await using p = await tlsPair(await serverContext(), allowed);
  assert.equal(p.client.cipher()![0], "ECDHE-ECDSA-AES256-GCM-SHA384");
  // The stack offers all of its suites; a connection that lands outside the choice is
  // refused after its handshake.
  const narrow = await clientContext();
  narrow.maximumVersion = ssl.TLSVersion.TLSv1_2;
  narrow.setCiphers("CHACHA20");
  const { client } = await tlsAttempt(await serverContext(), narrow);
  assert.equal(client.status, "rejected");
  const err = (client as PromiseRejectedResult).reason;
  assert.ok(err instanceof ssl.SSLError);
  assert.equal(err.reason, "NO_SHARED_CIPHER");
});

Deno.test("no version left: the handshake fails with NO_PROTOCOLS_AVAILABLE", async () => {
  const client = await clientContext();
  client.maximumVersion = ssl.TLSVersion.TLSv1_1;
  const { client: result } = await tlsAttempt(await serverContext(), client);
  assert.equal((result as PromiseRejectedResult).reason.reason, "NO_PROTOCOLS_AVAILABLE");
});

Deno.test("getpeercert needs a connection and a finished handshake", async () => {
  using tls = await (await clientContext()).wrapSocket(new Socket(), {
    serverHostname: "localhost",
  });
  assert.throws(() => tls.getpeercert(), { name: "OSError", code: "ENOTCONN" });
  assert.equal(tls.cipher(), null);
  assert.equal(tls.version(), null);
  assert.equal(tls.selectedAlpnProtocol(), null);
  assert.equal(tls.getChannelBinding(), null);
  assert.equal(tls.pending(), 0);
  assert.match(String(tls), /^<ssl\.SSLSocket /);
});

Deno.test("doHandshakeOnConnect false: the handshake happens on doHandshake()", async () => {
  await using p = await tlsPair(
    await serverContext(),
    await clientContext(),
    { serverHostname: "localhost", doHandshakeOnConnect: false },
    { doHandshakeOnConnect: false },
  );
  assert.throws(() => p.client.getpeercert(), /handshake not done yet/);
  await Promise.all([p.client.doHandshake(), p.server.doHandshake()]);
  assert.ok(p.client.getpeercert());
  await p.client.doHandshake(); // once done, again is a no-op
});

Deno.test("connect() on a wrapped unconnected socket connects and shakes hands", async () => {
  const certs = await testCerts();
  const server = await serverContext();
  using listener = new Socket();
  listener.bind(["127.0.0.1", 0]);
  listener.listen();
  const accepting = listener.accept().then(([s]) => server.wrapSocket(s, { serverSide: true }));
  using tls = await (await clientContext()).wrapSocket(new Socket(), {
    serverHostname: "localhost",
  });
  await tls.connect(listener.getsockname());
  using peer = await accepting;
  assert.deepEqual(tls.getpeercert()!.issuer, [[["commonName", "ipcnet Test CA"]]]);
  await assert.rejects(tls.connect(listener.getsockname()), /already-connected/);
  await peer.sendall(enc("x"));
  assert.equal(dec(await tls.recv(1)), "x");
  assert.ok(certs.caFile);
});

Deno.test("Python's rules for flags and datagram calls on TLS sockets", async () => {
  await using p = await tlsPair(await serverContext(), await clientContext());
  await assert.rejects(p.client.recv(10, 2), /non-zero flags not allowed in calls to recv\(\)/);
  await assert.rejects(p.client.send(enc("x"), 1), /send\(\)/);
  await assert.rejects(p.client.sendall(enc("x"), 1), /sendall\(\)/);
  await assert.rejects(p.client.recvInto(new Uint8Array(4), 0, 2), /recv_into\(\)/);
  await assert.rejects(p.client.recvfrom(10), /recvfrom not allowed/);
  await assert.rejects(p.client.sendto(enc("x"), ["127.0.0.1", 1]), /sendto not allowed/);
  await assert.rejects(p.client.sendmsg(), ssl.NotImplementedError);
  await assert.rejects(p.client.recvmsg(), ssl.NotImplementedError);
  assert.throws(() => new (ssl.SSLSocket as unknown as new () => unknown)(), TypeError);
  assert.throws(() => p.client.dup(), /Can't dup\(\) SSLSocket instances/);
});

Deno.test("makefile reads and writes lines through TLS", async () => {
  await using p = await tlsPair(await serverContext(), await clientContext());
  await using reader = p.server.makefile("r");
  await p.client.sendall(enc("first line\nsecond\n"));
  assert.equal(await reader.readline(), "first line\n");
  assert.equal(await reader.readline(), "second\n");
});

Deno.test("session stats count connections", async () => {
  const server = await serverContext();
  const client = await clientContext();
  await using _p = await tlsPair(server, client);
  assert.equal(client.sessionStats().connect_good, 1);
  assert.equal(server.sessionStats().accept_good, 1);
});

Deno.test({
  name: "getpeercert equals Python's own decoding of the certificate (when python3 is here)",
  ignore: !hasPython(),
  async fn(): Promise<void> {
    const certs = await testCerts();
    for (const which of ["localhost", "chained"] as const) {
      await using p = await tlsPair(await serverContext(which), await clientContext());
      const out = await new Deno.Command("python3", {
        args: [
          "-c",
          "import json,ssl,sys; print(json.dumps(ssl._ssl._test_decode_cert(sys.argv[1])))",
          certs[which].cert,
        ],
        stdout: "piped",
      }).output();
      assert.deepEqual(p.client.getpeercert(), JSON.parse(new TextDecoder().decode(out.stdout)));
    }
  },
});

function hasPython(): boolean {
  try {
    return new Deno.Command("python3", {
      args: ["-c", "import ssl; ssl._ssl._test_decode_cert"],
      stdout: "null",
      stderr: "null",
    }).outputSync().success;
  } catch {
    return false;
  }
}

Deno.test("closing a TLS socket while its connect is still going leaks nothing", async () => {
  const server = await serverContext();
  using listener = new Socket();
  listener.bind(["127.0.0.1", 0]);
  listener.listen();
  for (const ctx of [await clientContext(), await fastClientContext()]) {
    const tls = await ctx.wrapSocket(new Socket(), { serverHostname: "localhost" });
    const connecting = tls.connect(listener.getsockname());
    const [peer] = await listener.accept();
    tls.close();
    await assert.rejects(connecting, ssl.OSError);
    peer.close();
  }
  assert.ok(server);
});
