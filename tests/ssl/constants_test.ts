// The ssl module's constants and enums against CPython's values (Python 3.11 built on
// OpenSSL 3.0), and the flags that describe the real TLS stack.

import assert from "node:assert/strict";
import * as ssl from "../../ssl/mod.ts";

Deno.test("CERT_* and VerifyMode have Python's values", () => {
  assert.deepEqual([ssl.CERT_NONE, ssl.CERT_OPTIONAL, ssl.CERT_REQUIRED], [0, 1, 2]);
  assert.equal(ssl.VerifyMode.CERT_REQUIRED, 2);
  assert.equal(ssl.VerifyMode[1], "CERT_OPTIONAL");
});

Deno.test("PROTOCOL_* constants have Python's values", () => {
  assert.equal(ssl.PROTOCOL_TLS, 2);
  assert.equal(ssl.PROTOCOL_SSLv23, ssl.PROTOCOL_TLS);
  assert.equal(ssl.PROTOCOL_TLS_CLIENT, 16);
  assert.equal(ssl.PROTOCOL_TLS_SERVER, 17);
  assert.deepEqual([ssl.PROTOCOL_TLSv1, ssl.PROTOCOL_TLSv1_1, ssl.PROTOCOL_TLSv1_2], [3, 4, 5]);
  assert.equal(ssl.SSLMethod.PROTOCOL_TLS_CLIENT, 16);
});

Deno.test("OP_* and VERIFY_* constants have OpenSSL's bit values", () => {
  assert.equal(ssl.OP_ALL, 2147483728);
  assert.equal(ssl.OP_NO_SSLv2, 0);
  assert.equal(ssl.OP_NO_SSLv3, 33554432);
  assert.equal(ssl.OP_NO_TLSv1, 67108864);
  assert.equal(ssl.OP_NO_TLSv1_1, 268435456);
  assert.equal(ssl.OP_NO_TLSv1_2, 134217728);
  assert.equal(ssl.OP_NO_TLSv1_3, 536870912);
  assert.equal(ssl.OP_NO_COMPRESSION, 131072);
  assert.equal(ssl.OP_CIPHER_SERVER_PREFERENCE, 4194304);
  assert.equal(ssl.OP_NO_TICKET, 16384);
  assert.equal(ssl.OP_SINGLE_DH_USE, 0);
  assert.equal(ssl.OP_SINGLE_ECDH_USE, 0);
  assert.equal(ssl.Options.OP_NO_TLSv1_3, ssl.OP_NO_TLSv1_3);
  assert.equal(ssl.VERIFY_DEFAULT, 0);
  assert.equal(ssl.VERIFY_CRL_CHECK_LEAF, 4);
  assert.equal(ssl.VERIFY_CRL_CHECK_CHAIN, 12);
  assert.equal(ssl.VERIFY_X509_STRICT, 32);
  assert.equal(ssl.VERIFY_X509_TRUSTED_FIRST, 32768);
  assert.equal(ssl.VerifyFlags.VERIFY_X509_PARTIAL_CHAIN, 524288);
});

Deno.test("TLSVersion, SSLErrorNumber and AlertDescription have Python's values", () => {
  assert.equal(ssl.TLSVersion.MINIMUM_SUPPORTED, -2);
  assert.equal(ssl.TLSVersion.MAXIMUM_SUPPORTED, -1);
  assert.equal(ssl.TLSVersion.TLSv1_2, 0x303);
  assert.equal(ssl.TLSVersion.TLSv1_3, 0x304);
  assert.deepEqual(
    [ssl.SSL_ERROR_SSL, ssl.SSL_ERROR_WANT_READ, ssl.SSL_ERROR_WANT_WRITE, ssl.SSL_ERROR_EOF],
    [1, 2, 3, 8],
  );
  assert.equal(ssl.SSLErrorNumber.SSL_ERROR_ZERO_RETURN, 6);
  assert.equal(ssl.ALERT_DESCRIPTION_HANDSHAKE_FAILURE, 40);
  assert.equal(ssl.ALERT_DESCRIPTION_UNRECOGNIZED_NAME, 112);
  assert.equal(ssl.ALERT_DESCRIPTION_UNKNOWN_PSK_IDENTITY, 115);
  assert.equal(ssl.AlertDescription[48], "ALERT_DESCRIPTION_UNKNOWN_CA");
});

Deno.test("the HAS_* flags describe rustls: TLS 1.2 and 1.3, ALPN, no NPN", () => {
  assert.equal(ssl.HAS_SNI, true);
  assert.equal(ssl.HAS_ALPN, true);
  assert.equal(ssl.HAS_ECDH, true);
  assert.equal(ssl.HAS_NPN, false);
  assert.equal(ssl.HAS_TLSv1_3, true);
  assert.equal(ssl.HAS_TLSv1_2, true);
  assert.equal(ssl.HAS_TLSv1_1, false);
  assert.equal(ssl.HAS_TLSv1, false);
  assert.equal(ssl.HAS_SSLv3, false);
  assert.equal(ssl.HAS_SSLv2, false);
  assert.deepEqual(ssl.CHANNEL_BINDING_TYPES, ["tls-unique"]);
});

Deno.test("OPENSSL_VERSION names rustls and Deno's version", () => {
  assert.match(ssl.OPENSSL_VERSION, /rustls/);
  assert.ok(ssl.OPENSSL_VERSION.includes(Deno.version.deno));
  assert.equal(ssl.OPENSSL_VERSION_INFO.length, 5);
  assert.deepEqual(
    ssl.OPENSSL_VERSION_INFO.slice(0, 3),
    Deno.version.deno.split(".").map(Number),
  );
  assert.ok(ssl.OPENSSL_VERSION_NUMBER > 0);
});

Deno.test("Purpose members are Python's ASN.1 objects", () => {
  assert.deepEqual(
    { ...ssl.Purpose.SERVER_AUTH },
    {
      nid: 129,
      shortname: "serverAuth",
      longname: "TLS Web Server Authentication",
      oid: "1.3.6.1.5.5.7.3.1",
    },
  );
  assert.equal(ssl.Purpose.CLIENT_AUTH.nid, 130);
  assert.ok(Object.isFrozen(ssl.Purpose));
  assert.equal(ssl.PEM_HEADER, "-----BEGIN CERTIFICATE-----");
  assert.equal(ssl.PEM_FOOTER, "-----END CERTIFICATE-----");
});
