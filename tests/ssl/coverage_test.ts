// Parts of the ssl module checked over real loopback TLS connections: SSLSockets in the
// selectors (DefaultSelector and SelectSelector), setDefaultVerifyPaths, createDefaultContext
// with capath and cadata, and SSLSocket.sendfile and connectEx.

import assert from "node:assert/strict";
import tls from "node:tls";
import * as ssl from "../../ssl/mod.ts";
import { Socket, ValueError } from "../../socket/mod.ts";
import {
  DefaultSelector,
  EVENT_READ,
  EVENT_WRITE,
  type SelectorClass,
  SelectSelector,
} from "../../selectors/mod.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import { pattern, sha256 } from "../_helpers/loopback.ts";
import { tempDir } from "../_helpers/temp_dir.ts";
import {
  clientContext,
  deadPort,
  dec,
  enc,
  ENGINES,
  serverContext,
  testCerts,
  tlsAttempt,
  tlsPair,
  tlsServer,
} from "./_tls.ts";

// --- SSLSockets in the selectors ------------------------------------------------------

const SELECTORS: [string, SelectorClass][] = [
  ["DefaultSelector", DefaultSelector],
  ["SelectSelector", SelectSelector],
];

for (const [name, Selector] of SELECTORS) {
  Deno.test(`${name} reports EVENT_READ on an SSLSocket when the peer sends`, async (t) => {
    for (const [engine, makeClient] of ENGINES) {
      await t.step(engine, async () => {
        await using p = await tlsPair(await serverContext(), await makeClient());
        using sel = new Selector<string>();
        const ck = sel.register(p.client, EVENT_READ, "client");
        const sk = sel.register(p.server, EVENT_READ, "server");
        assert.equal(ck.fileobj, p.client);
        assert.notEqual(ck.fd, sk.fd);
        assert.deepEqual(await sel.select(0), []);

        await p.server.sendall(enc("to the client"));
        const ready = await sel.select(5);
        assert.deepEqual(ready.map(([k, ev]) => [k.data, ev]), [["client", EVENT_READ]]);
        assert.equal(ready[0][0].fileobj, p.client);
        assert.equal(dec(await p.client.recv(100)), "to the client");
        assert.deepEqual(await sel.select(0), []);

        await p.client.sendall(enc("to the server"));
        const back = await sel.select(5);
        assert.deepEqual(back.map(([k, ev]) => [k.data, ev]), [["server", EVENT_READ]]);
        assert.equal(dec(await p.server.recv(100)), "to the server");
        assert.deepEqual(await sel.select(0), []);
      });
    }
  });

  Deno.test(`${name} keeps an SSLSocket readable while decrypted bytes are pending`, async () => {
    await using p = await tlsPair(await serverContext(), await clientContext());
    using sel = new Selector();
    sel.register(p.client, EVENT_READ);
    await p.server.sendall(enc("0123456789"));
    assert.equal((await sel.select(5)).length, 1);
    assert.equal(dec(await p.client.recv(4)), "0123");
    // The rest is decrypted already and no longer on the wire: still readable.
    assert.equal(p.client.pending(), 6);
    const [[key, events]] = await sel.select(0);
    assert.equal(key.fileobj, p.client);
    assert.equal(events, EVENT_READ);
    assert.equal(dec(await p.client.recv(100)), "456789");
    assert.equal(p.client.pending(), 0);
    assert.deepEqual(await sel.select(0), []);
  });

  Deno.test(`${name} serves non-blocking SSLSockets: writable at once, then readable`, async () => {
    await using p = await tlsPair(await serverContext(), await clientContext());
    p.client.setblocking(false);
    p.server.setblocking(false);
    using sel = new Selector();
    sel.register(p.client, EVENT_READ | EVENT_WRITE);
    sel.register(p.server, EVENT_READ);
    const first = await sel.select(5);
    assert.deepEqual(first.map(([k, ev]) => [k.fileobj, ev]), [[p.client, EVENT_WRITE]]);
    await assert.rejects(p.server.recv(100), ssl.SSLWantReadError);
    assert.equal(await p.client.send(enc("non-blocking")), 12);
    sel.modify(p.client, EVENT_READ);
    const ready = await sel.select(5);
    assert.deepEqual(ready.map(([k, ev]) => [k.fileobj, ev]), [[p.server, EVENT_READ]]);
    assert.equal(dec(await p.server.recv(100)), "non-blocking");
    sel.unregister(p.server);
    assert.equal(sel.getMap().size, 1);
  });
}

// --- setDefaultVerifyPaths ------------------------------------------------------------

Deno.test("setDefaultVerifyPaths() adds Deno's root store to the trusted certificates", async () => {
  const certs = await testCerts();
  const ctx = new ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT);
  assert.deepEqual(ctx.certStoreStats(), { x509_ca: 0, crl: 0, x509: 0 });
  assert.deepEqual(ctx.getCaCerts(), []);

  ctx.setDefaultVerifyPaths();
  const roots = tls.rootCertificates.length;
  const stats = ctx.certStoreStats();
  assert.ok(stats.x509_ca > 50, `only ${stats.x509_ca} roots`);
  assert.equal(stats.x509, roots);
  assert.equal(ctx.getCaCerts(true).length, stats.x509_ca);
  ctx.setDefaultVerifyPaths(); // idempotent: the roots are not counted twice
  assert.deepEqual(ctx.certStoreStats(), stats);

  ctx.loadVerifyLocations(certs.caFile);
  assert.deepEqual(ctx.certStoreStats(), {
    x509_ca: stats.x509_ca + 1,
    crl: 0,
    x509: roots + 1,
  });
  const caDer = ssl.PEM_cert_to_DER_cert(certs.caPem);
  assert.ok(
    ctx.getCaCerts(true).some((d) =>
      d.length === caDer.length && d.every((b, i) => b === caDer[i])
    ),
  );
});

Deno.test("setDefaultVerifyPaths() alone does not trust the test CA; with it loaded, it does", async (t) => {
  const certs = await testCerts();
  for (const engine of ["auto", "node"] as const) {
    await t.step(`engine ${engine}`, async () => {
      const defaultsOnly = new ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT);
      defaultsOnly.engine = engine;
      defaultsOnly.setDefaultVerifyPaths();
      const { client } = await tlsAttempt(await serverContext(), defaultsOnly);
      assert.equal(client.status, "rejected");
      assert.ok(client.reason instanceof ssl.SSLCertVerificationError, String(client.reason));
      assert.equal(client.reason.reason, "CERTIFICATE_VERIFY_FAILED");

      const both = new ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT);
      both.engine = engine;
      both.setDefaultVerifyPaths();
      both.loadVerifyLocations(certs.caFile);
      await using p = await tlsPair(await serverContext(), both);
      assert.deepEqual(p.client.getpeercert()?.subject.at(-1), [["commonName", "localhost"]]);
      await p.server.sendall(enc("trusted"));
      assert.equal(dec(await p.client.recv(100)), "trusted");
    });
  }
});

Deno.test("setDefaultVerifyPaths() lets a client context run on Deno's native TLS", async () => {
  const certs = await testCerts();
  const ctx = new ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT);
  ctx.loadVerifyLocations(certs.caFile);
  ctx.engine = "deno";
  const refused = await tlsAttempt(await serverContext(), ctx);
  assert.equal(refused.client.status, "rejected");
  assert.ok(refused.client.reason instanceof ssl.NotImplementedError);
  assert.match(refused.client.reason.message, /a trust store without the default roots/);

  ctx.setDefaultVerifyPaths();
  await using p = await tlsPair(await serverContext(), ctx);
  assert.ok(p.client.getpeercert());
  // Deno's native TLS does not report the version: the connection runs on it.
  assert.throws(() => p.client.version(), ssl.NotImplementedError);
  assert.equal(p.server.version(), "TLSv1.3");
});

// --- createDefaultContext with cadata and capath --------------------------------------

Deno.test("createDefaultContext({ cadata }) trusts PEM text or DER bytes only", async (t) => {
  const certs = await testCerts();
  const der = ssl.PEM_cert_to_DER_cert(certs.caPem);
  const cases: [string, string | ArrayBufferView][] = [
    ["PEM string", certs.caPem],
    ["DER bytes", der],
    ["DER in a DataView", new DataView(der.buffer, der.byteOffset, der.byteLength)],
  ];
  for (const [what, cadata] of cases) {
    await t.step(what, async () => {
      const ctx = ssl.createDefaultContext(ssl.Purpose.SERVER_AUTH, { cadata });
      assert.equal(ctx.verifyMode, ssl.CERT_REQUIRED);
      assert.equal(ctx.checkHostname, true);
      // As in Python, the given CAs replace the default roots.
      assert.deepEqual(ctx.certStoreStats(), { x509_ca: 1, crl: 0, x509: 1 });
      await using p = await tlsPair(await serverContext(), ctx);
      assert.deepEqual(p.client.getpeercert()?.issuer, [[["commonName", "ipcnet Test CA"]]]);
      await p.client.sendall(enc(what));
      assert.equal(dec(await p.server.recv(100)), what);
      // A server certificate from another CA does not verify.
      const { client } = await tlsAttempt(await serverContext("untrusted"), ctx);
      assert.equal(client.status, "rejected");
      assert.ok(client.reason instanceof ssl.SSLCertVerificationError, String(client.reason));
    });
  }
});

Deno.test("createDefaultContext(CLIENT_AUTH, { cadata }) verifies a client certificate", async () => {
  const certs = await testCerts();
  const server = ssl.createDefaultContext(ssl.Purpose.CLIENT_AUTH, {
    cadata: ssl.PEM_cert_to_DER_cert(certs.caPem),
  });
  assert.equal(server.verifyMode, ssl.CERT_NONE);
  server.verifyMode = ssl.CERT_REQUIRED;
  server.loadCertChain(certs.localhost.cert, certs.localhost.key);
  const client = await clientContext();
  client.loadCertChain(certs.client.cert, certs.client.key);
  await using p = await tlsPair(server, client);
  assert.deepEqual(p.server.getpeercert()?.subject.at(-1), [["commonName", "Test Client"]]);

  const anonymous = await tlsAttempt(server, await clientContext());
  assert.ok(
    anonymous.client.status === "rejected" || anonymous.server.status === "rejected",
    "a client without a certificate got through",
  );
});

Deno.test("createDefaultContext({ capath }) trusts the CAs of a directory", async (t) => {
  const certs = await testCerts();
  const hash = await subjectHash(certs.caFile);
  for (const name of [`${hash}.0`, "ca.pem"]) {
    await t.step(name, async () => {
      await using dir = await tempDir();
      await Deno.writeTextFile(dir.join(name), certs.caPem);
      await Deno.writeTextFile(dir.join("README"), "not a certificate");
      const ctx = ssl.createDefaultContext(ssl.Purpose.SERVER_AUTH, { capath: dir.path });
      assert.equal(ctx.verifyMode, ssl.CERT_REQUIRED);
      assert.deepEqual(ctx.certStoreStats(), { x509_ca: 1, crl: 0, x509: 1 });
      await using p = await tlsPair(await serverContext(), ctx);
      assert.deepEqual(p.client.getpeercert()?.issuer, [[["commonName", "ipcnet Test CA"]]]);
      await p.server.sendall(enc("from capath"));
      assert.equal(dec(await p.client.recv(100)), "from capath");
    });
  }
  await t.step("a directory without our CA", async () => {
    await using dir = await tempDir();
    await Deno.copyFile(certs.otherCaFile, dir.join("other.pem"));
    const ctx = ssl.createDefaultContext(ssl.Purpose.SERVER_AUTH, { capath: dir.path });
    const { client } = await tlsAttempt(await serverContext(), ctx);
    assert.equal(client.status, "rejected");
    assert.ok(client.reason instanceof ssl.SSLCertVerificationError, String(client.reason));
  });
  await t.step("a missing directory", () => {
    assert.throws(
      () => ssl.createDefaultContext(ssl.Purpose.SERVER_AUTH, { capath: "/nonexistent-capath" }),
      ssl.FileNotFoundError,
    );
  });
});

// --- SSLSocket.sendfile ---------------------------------------------------------------

Deno.test("SSLSocket.sendfile() sends a file's bytes intact through TLS", async (t) => {
  const data = pattern(600 * 1024 + 123); // more than two of sendfile's 256 KiB chunks
  await using dir = await tempDir();
  const path = dir.join("payload.bin");
  await Deno.writeFile(path, data);
  for (const [engine, makeClient] of ENGINES) {
    await t.step(engine, async () => {
      await using p = await tlsPair(await serverContext(), await makeClient());
      using file = await Deno.open(path);
      const [sent, got] = await Promise.all([
        p.client.sendfile(file),
        receiveExactly(p.server, data.length),
      ]);
      assert.equal(sent, data.length);
      assert.equal(got.length, data.length);
      assert.equal(await sha256(got), await sha256(data));
      assert.equal(await file.seek(0, Deno.SeekMode.Current), data.length);

      // An offset and a count: just those bytes, and the file left after them.
      const part = await p.server.sendfile(file, 1000, 5000);
      assert.equal(part, 5000);
      assert.deepEqual(await receiveExactly(p.client, 5000), data.subarray(1000, 6000));
      assert.equal(await file.seek(0, Deno.SeekMode.Current), 6000);
    });
  }
});

Deno.test("SSLSocket.sendfile() refuses a non-blocking socket", async () => {
  await using p = await tlsPair(await serverContext(), await clientContext());
  await using dir = await tempDir();
  await Deno.writeFile(dir.join("f"), enc("x"));
  using file = await Deno.open(dir.join("f"));
  p.client.setblocking(false);
  await assert.rejects(p.client.sendfile(file), ValueError);
});

// --- SSLSocket.connectEx --------------------------------------------------------------

Deno.test("SSLSocket.connectEx() returns 0 and shakes hands on success", async (t) => {
  for (const [engine, makeClient] of ENGINES) {
    await t.step(engine, async () => {
      using server = tlsServer(await serverContext());
      using sock = await (await makeClient()).wrapSocket(new Socket(), {
        serverHostname: "localhost",
      });
      assert.equal(await sock.connectEx(server.address), 0);
      using peer = await server.accepted;
      assert.deepEqual(sock.getpeercert()?.subject.at(-1), [["commonName", "localhost"]]);
      await sock.sendall(enc("connected"));
      assert.equal(dec(await peer.recv(100)), "connected");
    });
  }
});

Deno.test("SSLSocket.connectEx() returns ECONNREFUSED for a closed port", async () => {
  using sock = await (await clientContext()).wrapSocket(new Socket(), {
    serverHostname: "localhost",
  });
  const errno = await sock.connectEx(["127.0.0.1", deadPort()]);
  assert.equal(errno, ERRNO.ECONNREFUSED);
  if (Deno.build.os === "linux") assert.equal(errno, 111);
  assert.throws(() => sock.getpeercert(), ssl.OSError);
});

Deno.test("SSLSocket.connectEx() returns EINPROGRESS when non-blocking", async () => {
  using server = tlsServer(await serverContext());
  using sock = await (await clientContext()).wrapSocket(new Socket(), {
    serverHostname: "localhost",
    doHandshakeOnConnect: false,
  });
  sock.setblocking(false);
  assert.equal(await sock.connectEx(server.address), ERRNO.EINPROGRESS);
  sock.setblocking(true);
  await sock.doHandshake();
  using peer = await server.accepted;
  await peer.sendall(enc("after EINPROGRESS"));
  assert.equal(dec(await sock.recv(100)), "after EINPROGRESS");
});

Deno.test("SSLSocket.connectEx() throws a failed handshake, as Python does", async () => {
  using server = tlsServer(await serverContext("untrusted"));
  using sock = await (await clientContext()).wrapSocket(new Socket(), {
    serverHostname: "localhost",
  });
  await assert.rejects(sock.connectEx(server.address), ssl.SSLCertVerificationError);
  await assert.rejects(server.accepted, ssl.SSLError);
});

// --- helpers --------------------------------------------------------------------------

/** Receives exactly `n` bytes (fails on an early end of stream). */
async function receiveExactly(sock: Socket, n: number): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  let got = 0;
  while (got < n) {
    const chunk = await sock.recv(n - got);
    if (chunk.length === 0) throw new Error(`end of stream after ${got} of ${n} bytes`);
    out.set(chunk, got);
    got += chunk.length;
  }
  return out;
}

/** OpenSSL's subject hash of a certificate, the name `c_rehash` gives it in a CA directory. */
async function subjectHash(certFile: string): Promise<string> {
  const out = await new Deno.Command("openssl", {
    args: ["x509", "-hash", "-noout", "-in", certFile],
    stdout: "piped",
    stderr: "null",
  }).output();
  assert.ok(out.success, "openssl x509 -hash failed");
  return dec(out.stdout).trim();
}
