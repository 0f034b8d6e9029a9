// The SSLError family: Python's names, hierarchy, errno values, attributes and messages.

import assert from "node:assert/strict";
import * as ssl from "../../ssl/mod.ts";

Deno.test("SSLError is an OSError with an SSL_ERROR_* errno, library and reason", () => {
  const err = new ssl.SSLError(ssl.SSL_ERROR_SSL, "[SSL: BAD_THING] bad thing", {
    library: "SSL",
    reason: "BAD_THING",
  });
  assert.ok(err instanceof ssl.OSError);
  assert.equal(err.name, "SSLError");
  assert.equal(err.errno, 1);
  assert.equal(err.strerror, "[SSL: BAD_THING] bad thing");
  assert.equal(err.message, "[SSL: BAD_THING] bad thing");
  assert.equal(err.library, "SSL");
  assert.equal(err.reason, "BAD_THING");
  assert.equal(err.code, undefined);
});

Deno.test("SSLError made from a message alone has no errno", () => {
  const err = new ssl.SSLError("cannot write() after write_eof()");
  assert.equal(err.errno, null);
  assert.equal(err.message, "cannot write() after write_eof()");
  assert.equal(err.library, null);
});

Deno.test("the SSLError subclasses carry Python's names, errnos and messages", () => {
  const cases: [ssl.SSLError, string, number, string][] = [
    [
      new ssl.SSLZeroReturnError(),
      "SSLZeroReturnError",
      6,
      "TLS/SSL connection has been closed (EOF)",
    ],
    [new ssl.SSLWantReadError(), "SSLWantReadError", 2, "The operation did not complete (read)"],
    [new ssl.SSLWantWriteError(), "SSLWantWriteError", 3, "The operation did not complete (write)"],
    [new ssl.SSLSyscallError(), "SSLSyscallError", 5, "Some I/O error occurred"],
    [new ssl.SSLEOFError(), "SSLEOFError", 8, "EOF occurred in violation of protocol"],
  ];
  for (const [err, name, errno, message] of cases) {
    assert.ok(err instanceof ssl.SSLError, name);
    assert.equal(err.name, name);
    assert.equal(err.errno, errno);
    assert.equal(err.message, message);
  }
});

Deno.test("SSLCertVerificationError: verifyCode, verifyMessage; CertificateError is it", () => {
  const err = new ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] x", {
    verifyCode: 20,
    verifyMessage: "unable to get local issuer certificate",
  });
  assert.ok(err instanceof ssl.SSLError);
  assert.equal(err.verifyCode, 20);
  assert.equal(err.verifyMessage, "unable to get local issuer certificate");
  assert.equal(ssl.CertificateError, ssl.SSLCertVerificationError);
  const plain = new ssl.CertificateError("hostname 'a' doesn't match 'b'");
  assert.equal(plain.verifyCode, null);
  assert.equal(plain.name, "SSLCertVerificationError");
});

Deno.test("ssl re-exports the shared OSError family and Python's errors", () => {
  assert.equal(typeof ssl.TimeoutError, "function");
  assert.ok(new ssl.ConnectionResetError(104) instanceof ssl.OSError);
  assert.ok(new ssl.ValueError("x") instanceof RangeError);
  assert.equal(new ssl.NotImplementedError("x").name, "NotImplementedError");
});
