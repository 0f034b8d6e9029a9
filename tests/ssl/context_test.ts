// SSLContext settings, loading certificates, keys and CAs, cipher strings, and the checks
// wrapSocket makes before it touches the socket.

import assert from "node:assert/strict";
import * as ssl from "../../ssl/mod.ts";
import { AF_INET, SOCK_DGRAM, Socket } from "../../socket/mod.ts";
import { testCerts } from "../_helpers/certs.ts";
import { tempDir } from "../_helpers/temp_dir.ts";
import { connectedPair } from "../_helpers/loopback.ts";

Deno.test("a context's defaults depend on its protocol, as in Python", () => {
  const any = new ssl.SSLContext();
  assert.equal(any.protocol, ssl.PROTOCOL_TLS);
  assert.equal(any.verifyMode, ssl.CERT_NONE);
  assert.equal(any.checkHostname, false);
  assert.equal(any.verifyFlags, ssl.VERIFY_X509_TRUSTED_FIRST);
  assert.ok(any.options & ssl.OP_NO_SSLv3);
  assert.ok(any.options & ssl.OP_NO_COMPRESSION);
  assert.equal(any.engine, "auto");
  const client = new ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT);
  assert.equal(client.verifyMode, ssl.CERT_REQUIRED);
  assert.equal(client.checkHostname, true);
  const server = new ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER);
  assert.equal(server.verifyMode, ssl.CERT_NONE);
  assert.equal(server.minimumVersion, ssl.TLSVersion.MINIMUM_SUPPORTED);
  assert.equal(server.maximumVersion, ssl.TLSVersion.MAXIMUM_SUPPORTED);
});

Deno.test("protocols below TLS 1.2 are refused with ValueError", () => {
  assert.throws(() => new ssl.SSLContext(ssl.PROTOCOL_TLSv1), ssl.ValueError);
  assert.throws(() => new ssl.SSLContext(ssl.PROTOCOL_TLSv1_1), /unsupported protocol version 4/);
  assert.throws(() => new ssl.SSLContext(99), ssl.ValueError);
  assert.throws(() => new ssl.SSLContext(1.5), TypeError);
  assert.equal(new ssl.SSLContext(ssl.PROTOCOL_TLSv1_2).protocol, 5);
});

Deno.test("verifyMode and checkHostname guard each other", () => {
  const ctx = new ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT);
  assert.throws(() => ctx.verifyMode = ssl.CERT_NONE, /check_hostname is enabled/);
  ctx.checkHostname = false;
  ctx.verifyMode = ssl.CERT_NONE;
  assert.throws(() => ctx.checkHostname = true, ssl.ValueError);
  assert.throws(() => ctx.verifyMode = 7, /invalid value for verify_mode/);
  ctx.verifyMode = ssl.CERT_OPTIONAL;
  ctx.checkHostname = true;
  assert.equal(ctx.checkHostname, true);
});

Deno.test("options, verifyFlags, versions and engine are settable and checked", () => {
  const ctx = new ssl.SSLContext();
  ctx.options |= ssl.OP_NO_TLSv1_3;
  assert.ok(ctx.options & ssl.OP_NO_TLSv1_3);
  ctx.verifyFlags = ssl.VERIFY_X509_STRICT;
  assert.equal(ctx.verifyFlags, ssl.VERIFY_X509_STRICT);
  ctx.minimumVersion = ssl.TLSVersion.TLSv1_3;
  ctx.maximumVersion = ssl.TLSVersion.TLSv1_3;
  assert.equal(ctx.minimumVersion, ssl.TLSVersion.TLSv1_3);
  assert.throws(() => ctx.minimumVersion = 0x999 as ssl.TLSVersion, /Unsupported TLS\/SSL version/);
  const fixed = new ssl.SSLContext(ssl.PROTOCOL_TLSv1_2);
  assert.throws(
    () => fixed.maximumVersion = ssl.TLSVersion.TLSv1_3,
    /doesn't support modification/,
  );
  ctx.engine = "node";
  assert.equal(ctx.engine, "node");
  assert.throws(() => ctx.engine = "openssl" as "node", ssl.ValueError);
});

Deno.test("loadCertChain: positional and keyword forms, a key inside certfile", async () => {
  const certs = await testCerts();
  const ctx = new ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER);
  ctx.loadCertChain(certs.localhost.cert, certs.localhost.key);
  ctx.loadCertChain({ certfile: certs.localhost.cert, keyfile: certs.localhost.key });
  await using dir = await tempDir();
  const both = dir.join("both.pem");
  await Deno.writeTextFile(both, certs.localhost.certPem + certs.localhost.keyPem);
  ctx.loadCertChain(both);
  ctx.loadCertChain(new URL(`file://${both}`));
});

Deno.test("loadCertChain decrypts an encrypted key with a password of any form", async () => {
  const certs = await testCerts();
  const ctx = new ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER);
  ctx.loadCertChain(certs.localhost.cert, certs.encryptedKey, certs.password);
  ctx.loadCertChain(
    certs.localhost.cert,
    certs.encryptedKey,
    new TextEncoder().encode(certs.password),
  );
  ctx.loadCertChain(certs.localhost.cert, certs.encryptedKey, () => certs.password);
});

Deno.test("loadCertChain throws SSLError at load time for a bad or missing password", async () => {
  const certs = await testCerts();
  const ctx = new ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER);
  assert.throws(
    () => ctx.loadCertChain(certs.localhost.cert, certs.encryptedKey, "wrong"),
    (err) => {
      assert.ok(err instanceof ssl.SSLError);
      assert.match(err.message, /^\[SSL\] PEM lib/);
      return true;
    },
  );
  assert.throws(() => ctx.loadCertChain(certs.localhost.cert, certs.encryptedKey), ssl.SSLError);
  assert.throws(
    () =>
      ctx.loadCertChain(certs.localhost.cert, certs.encryptedKey, () => 42 as unknown as string),
    /password callback must return a string/,
  );
  assert.throws(
    () => ctx.loadCertChain(certs.localhost.cert, certs.encryptedKey, "x".repeat(1025)),
    ssl.ValueError,
  );
});

Deno.test("loadCertChain checks the key against the certificate, and the files", async () => {
  const certs = await testCerts();
  const ctx = new ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER);
  assert.throws(() => ctx.loadCertChain(certs.other.cert, certs.localhost.key), {
    name: "SSLError",
    reason: "KEY_VALUES_MISMATCH",
  });
  assert.throws(() => ctx.loadCertChain("/nonexistent/cert.pem"), ssl.FileNotFoundError);
  assert.throws(() => ctx.loadCertChain(certs.localhost.key), /no certificate found/);
  assert.throws(() => ctx.loadCertChain(certs.localhost.cert), /no private key found/);
});

Deno.test("loadVerifyLocations loads a file, a directory, PEM text and DER bytes", async () => {
  const certs = await testCerts();
  const fromFile = new ssl.SSLContext();
  fromFile.loadVerifyLocations(certs.caFile);
  assert.deepEqual(fromFile.certStoreStats(), { x509_ca: 1, crl: 0, x509: 1 });
  await using dir = await tempDir();
  await Deno.writeTextFile(dir.join("a.pem"), certs.caPem);
  await Deno.writeTextFile(dir.join("b.pem"), await Deno.readTextFile(certs.otherCaFile));
  await Deno.writeTextFile(dir.join("junk.txt"), "not a certificate");
  const fromDir = new ssl.SSLContext();
  fromDir.loadVerifyLocations({ capath: dir.path });
  assert.equal(fromDir.certStoreStats().x509_ca, 2);
  const der = ssl.PEM_cert_to_DER_cert(certs.caPem);
  const other = ssl.PEM_cert_to_DER_cert(await Deno.readTextFile(certs.otherCaFile));
  const fromDer = new ssl.SSLContext();
  const both = new Uint8Array([...der, ...other]);
  fromDer.loadVerifyLocations(null, null, both);
  assert.equal(fromDer.certStoreStats().x509, 2);
  fromDer.loadVerifyLocations({ cadata: certs.caPem }); // the same certificate again
  assert.equal(fromDer.certStoreStats().x509, 2);
  assert.deepEqual(fromDer.getCaCerts(true).map((d) => d.length), [der.length, other.length]);
  const withLeaf = new ssl.SSLContext();
  withLeaf.loadVerifyLocations({ cadata: certs.localhost.certPem });
  assert.deepEqual(withLeaf.certStoreStats(), { x509_ca: 0, crl: 0, x509: 1 });
  assert.deepEqual(withLeaf.getCaCerts(), []);
});

Deno.test("loadVerifyLocations rejects nothing, garbage and missing files", () => {
  const ctx = new ssl.SSLContext();
  assert.throws(() => ctx.loadVerifyLocations(), /cannot be all omitted/);
  assert.throws(() => ctx.loadVerifyLocations({ cadata: "no certificate here" }), {
    name: "SSLError",
    reason: "NO_CERTIFICATE_OR_CRL_FOUND",
  });
  assert.throws(() => ctx.loadVerifyLocations({ cadata: new Uint8Array([1, 2, 3]) }), ssl.SSLError);
  assert.throws(() => ctx.loadVerifyLocations("/nonexistent.pem"), ssl.FileNotFoundError);
});

Deno.test("loadDefaultCerts trusts Deno's root store", () => {
  const ctx = new ssl.SSLContext();
  ctx.loadDefaultCerts();
  const stats = ctx.certStoreStats();
  assert.ok(stats.x509_ca > 50, `only ${stats.x509_ca} roots`);
  assert.ok(ctx.getCaCerts().every((c) => c.subject.length > 0));
  assert.throws(() => ctx.loadDefaultCerts("serverAuth" as unknown as ssl.ASN1Object), TypeError);
});

Deno.test("setCiphers selects TLS 1.2 suites as OpenSSL would; TLS 1.3 suites stay", () => {
  const names = (s: string): string[] => {
    const ctx = new ssl.SSLContext();
    ctx.setCiphers(s);
    return ctx.getCiphers().map((c) => c.name);
  };
  const tls13 = [
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_AES_128_GCM_SHA256",
  ];
  assert.deepEqual(names("ECDHE+AESGCM"), [
    ...tls13,
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-GCM-SHA256",
  ]);
  assert.deepEqual(names("ALL:!ECDSA"), [
    ...tls13,
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-RSA-CHACHA20-POLY1305",
    "ECDHE-RSA-AES128-GCM-SHA256",
  ]);
  assert.deepEqual(names("AESGCM:!AES256"), [
    ...tls13,
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-GCM-SHA256",
  ]);
  assert.deepEqual(names("ECDHE-RSA-AES128-GCM-SHA256"), [...tls13, "ECDHE-RSA-AES128-GCM-SHA256"]);
  assert.equal(names("HIGH").length, 9);
  assert.throws(() => new ssl.SSLContext().setCiphers("BOGUS"), {
    name: "SSLError",
    message: "No cipher can be selected.",
  });
});

Deno.test("getCiphers gives Python's dicts", () => {
  const suite = new ssl.SSLContext().getCiphers().find((c) =>
    c.name === "ECDHE-RSA-AES256-GCM-SHA384"
  );
  assert.deepEqual(suite, {
    id: 50380848,
    name: "ECDHE-RSA-AES256-GCM-SHA384",
    protocol: "TLSv1.2",
    description: "ECDHE-RSA-AES256-GCM-SHA384    TLSv1.2 Kx=ECDH     Au=RSA   " +
      "Enc=AESGCM(256)            Mac=AEAD",
    strength_bits: 256,
    alg_bits: 256,
    aead: true,
    symmetric: "aes-256-gcm",
    digest: null,
    kea: "kx-ecdhe",
    auth: "auth-rsa",
  });
});

Deno.test("ALPN, NPN, SNI callback, DH parameters, ECDH curve and session stats", async () => {
  const ctx = new ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER);
  ctx.setAlpnProtocols(["h2", "http/1.1"]);
  assert.throws(() => ctx.setAlpnProtocols([""]), /ALPN protocols must be 1 to 255/);
  assert.throws(() => ctx.setAlpnProtocols(["x".repeat(256)]), ssl.ValueError);
  assert.throws(() => ctx.setNpnProtocols(["http/1.1"]), ssl.NotImplementedError);
  const cb = (): undefined => undefined;
  ctx.setServernameCallback(cb);
  assert.equal(ctx.sniCallback, cb);
  ctx.sniCallback = null;
  assert.equal(ctx.sniCallback, null);
  assert.throws(() => ctx.setServernameCallback(42 as unknown as null), /not a callable object/);
  await using dir = await tempDir();
  const dh = dir.join("dh.pem");
  const made = await new Deno.Command("openssl", {
    args: ["genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out", dh],
    stderr: "null",
  }).output();
  assert.ok(made.success);
  ctx.loadDhParams(dh);
  const certs = await testCerts();
  assert.throws(() => ctx.loadDhParams(certs.caFile), /no start line/);
  assert.throws(() => ctx.loadDhParams(dir.join("missing.pem")), ssl.FileNotFoundError);
  ctx.setEcdhCurve("prime256v1");
  assert.throws(() => ctx.setEcdhCurve("foo"), /unknown elliptic curve name 'foo'/);
  assert.deepEqual(Object.keys(ctx.sessionStats()), [
    "number",
    "connect",
    "connect_good",
    "connect_renegotiate",
    "accept",
    "accept_good",
    "accept_renegotiate",
    "hits",
    "misses",
    "timeouts",
    "cache_full",
  ]);
});

Deno.test("createDefaultContext: a checking client, or a server context", async () => {
  const client = ssl.createDefaultContext();
  assert.equal(client.verifyMode, ssl.CERT_REQUIRED);
  assert.equal(client.checkHostname, true);
  assert.ok(client.certStoreStats().x509 > 50);
  const certs = await testCerts();
  const own = ssl.createDefaultContext(ssl.Purpose.SERVER_AUTH, { cafile: certs.caFile });
  assert.equal(own.certStoreStats().x509, 1); // only the given CA, as in Python
  const server = ssl.createDefaultContext(ssl.Purpose.CLIENT_AUTH);
  assert.equal(server.verifyMode, ssl.CERT_NONE);
  assert.equal(server.checkHostname, false);
  assert.throws(() => ssl.createDefaultContext("x" as unknown as ssl.ASN1Object), TypeError);
});

Deno.test("wrapSocket checks its options before taking the socket over", async () => {
  const client = new ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT);
  const server = new ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER);
  using sock = new Socket();
  await assert.rejects(client.wrapSocket(sock), /check_hostname requires server_hostname/);
  await assert.rejects(
    client.wrapSocket(sock, { serverSide: true }),
    /PROTOCOL_TLS_CLIENT context/,
  );
  await assert.rejects(server.wrapSocket(sock), /PROTOCOL_TLS_SERVER context/);
  await assert.rejects(
    server.wrapSocket(sock, { serverSide: true, serverHostname: "x" }),
    /only be specified in client mode/,
  );
  await assert.rejects(client.wrapSocket(sock, { serverHostname: "" }), /empty string/);
  await assert.rejects(client.wrapSocket(sock, { serverHostname: ".example" }), /leading dot/);
  await assert.rejects(
    client.wrapSocket(sock, { serverHostname: "x", session: {} as ssl.SSLSession }),
    TypeError,
  );
  using udp = new Socket(AF_INET, SOCK_DGRAM);
  await assert.rejects(
    new ssl.SSLContext().wrapSocket(udp),
    { name: "NotImplementedError", message: "only stream sockets are supported" },
  );
  assert.equal(sock.closed, false);
});

Deno.test("wrapSocket refuses a handshake on connect for a non-blocking socket", async () => {
  const [c, s, l] = await connectedPair();
  using _c = c, _s = s, _l = l;
  c.setblocking(false);
  await assert.rejects(
    new ssl.SSLContext().wrapSocket(c),
    /do_handshake_on_connect should not be specified for non-blocking sockets/,
  );
  assert.equal(c.closed, false);
});

Deno.test("CRL checks and impossible engine choices throw NotImplementedError", async () => {
  const ctx = ssl.createDefaultContext();
  ctx.verifyFlags |= ssl.VERIFY_CRL_CHECK_LEAF;
  using sock = new Socket();
  await assert.rejects(ctx.wrapSocket(sock, { serverHostname: "x" }), /certificate revocation/);
  const forced = new ssl.SSLContext();
  forced.engine = "deno";
  const [c, s, l] = await connectedPair();
  using _s = s, _l = l;
  await assert.rejects(forced.wrapSocket(c), (err: Error) => {
    assert.equal(err.name, "NotImplementedError");
    assert.match(err.message, /CERT_NONE/);
    return true;
  });
});
