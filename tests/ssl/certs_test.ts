// Certificate functions: PEM/DER conversion, match_hostname and cert_time_to_seconds (the
// cases of CPython's test_ssl), the default verify paths, the Windows-only functions, and
// the certificate dict against what openssl (and Python, when installed) say.

import assert from "node:assert/strict";
import * as ssl from "../../ssl/mod.ts";
import { testCerts } from "../_helpers/certs.ts";

type Cert = ssl.HostnameCertificate;
const ok = (cert: Cert, host: string): void => ssl.matchHostname(cert, host);
const fail = (cert: Cert, host: string): void => {
  assert.throws(() => ssl.matchHostname(cert, host), ssl.CertificateError, host);
};
const cn = (name: string): Cert => ({ subject: [[["commonName", name]]] });

Deno.test("DER_cert_to_PEM_cert and PEM_cert_to_DER_cert round-trip a certificate", async () => {
  const certs = await testCerts();
  const der = ssl.PEM_cert_to_DER_cert(certs.localhost.certPem);
  assert.equal(der[0], 0x30);
  const pem = ssl.DER_cert_to_PEM_cert(der);
  assert.ok(pem.startsWith(`${ssl.PEM_HEADER}\n`));
  assert.ok(pem.endsWith(`\n${ssl.PEM_FOOTER}\n`));
  for (const line of pem.split("\n").slice(1, -2)) assert.ok(line.length <= 64);
  assert.equal(pem, certs.localhost.certPem.replace(/\r/g, ""));
  assert.deepEqual(ssl.PEM_cert_to_DER_cert(pem), der);
});

Deno.test("PEM_cert_to_DER_cert rejects text without the header or the footer", () => {
  assert.throws(() => ssl.PEM_cert_to_DER_cert("garbage"), {
    name: "ValueError",
    message: `Invalid PEM encoding; must start with ${ssl.PEM_HEADER}`,
  });
  assert.throws(() => ssl.PEM_cert_to_DER_cert(`${ssl.PEM_HEADER}\nAAAA\n`), {
    message: `Invalid PEM encoding; must end with ${ssl.PEM_FOOTER}`,
  });
  assert.throws(() => ssl.DER_cert_to_PEM_cert("x" as unknown as Uint8Array), TypeError);
});

Deno.test("matchHostname: commonName and wildcard rules of Python 3.6", () => {
  let cert = cn("example.com");
  ok(cert, "example.com");
  ok(cert, "ExAmple.cOm");
  for (const h of ["www.example.com", ".example.com", "example.org", "exampleXcom"]) fail(cert, h);
  cert = cn("*.a.com");
  ok(cert, "foo.a.com");
  for (const h of ["bar.foo.a.com", "a.com", "Xa.com", ".a.com"]) fail(cert, h);
  cert = cn("f*.com");
  ok(cert, "foo.com");
  ok(cert, "f.com");
  for (const h of ["bar.com", "foo.a.com", "bar.foo.com"]) fail(cert, h);
  cert = cn("null.python.org\x00example.org");
  ok(cert, "null.python.org\x00example.org");
  fail(cert, "example.org");
  fail(cert, "null.python.org");
  cert = cn("*.*.a.com");
  for (const h of ["bar.foo.a.com", "a.com", "Xa.com", ".a.com"]) fail(cert, h);
  cert = cn("a.*.com");
  for (const h of ["a.foo.com", "a..com", "a.com"]) fail(cert, h);
  ok(cn("a*b.com"), "axxb.com");
  fail(cn("a*b.co*"), "axxb.com");
  assert.throws(() => ok(cn("a*b*.com"), "axxbxxc.com"), /too many wildcards/);
});

Deno.test("matchHostname: IDNA labels are never matched by a wildcard", () => {
  const idna = "xn--pthon-kva.python.org"; // püthon.python.org
  ok(cn(idna), idna);
  fail(cn("x*.python.org"), idna);
  fail(cn("xn--p*.python.org"), idna);
  const cert = cn("www*.xn--pythn-mua.org"); // www*.pythön.org
  ok(cert, "www.xn--pythn-mua.org");
  ok(cert, "www1.xn--pythn-mua.org");
  fail(cert, "ftp.xn--pythn-mua.org");
  fail(cert, "xn--pythn-mua.org");
});

Deno.test("matchHostname: subjectAltName wins over commonName", () => {
  const cert: Cert = {
    subject: [[["commonName", "linuxfrz.org"]]],
    subjectAltName: [["DNS", "linuxfr.org"], ["DNS", "linuxfr.com"], [
      "othername",
      "<unsupported>",
    ]],
  };
  ok(cert, "linuxfr.org");
  ok(cert, "linuxfr.com");
  fail(cert, "<unsupported>");
  fail(cert, "linuxfrz.org");
  const noDns: Cert = {
    subject: [[["organizationName", "Google Inc"]], [["commonName", "mail.google.com"]]],
    subjectAltName: [["othername", "blabla"]],
  };
  ok(noDns, "mail.google.com");
  fail(
    { subject: [[["organizationName", "Google Inc"]]], subjectAltName: [["othername", "x"]] },
    "google.com",
  );
});

Deno.test("matchHostname: IP addresses match IP Address entries only", () => {
  const v4: Cert = {
    subject: [[["commonName", "example.com"]]],
    subjectAltName: [["DNS", "example.com"], ["IP Address", "10.11.12.13"], [
      "IP Address",
      "14.15.16.17",
    ]],
  };
  ok(v4, "10.11.12.13");
  ok(v4, "14.15.16.17");
  fail(v4, "14.15.16.18");
  fail(v4, "example.net");
  const v6: Cert = {
    subject: [[["commonName", "example.com"]]],
    subjectAltName: [
      ["DNS", "example.com"],
      ["IP Address", "2001:0:0:0:0:0:0:CAFE\n"],
      ["IP Address", "2003:0:0:0:0:0:0:BABA\n"],
    ],
  };
  ok(v6, "2001::cafe");
  ok(v6, "2003::baba");
  fail(v6, "2003::bebe");
  fail(v6, "example.net");
});

Deno.test("matchHostname: messages and an empty certificate", () => {
  assert.throws(() => ssl.matchHostname(null, "example.com"), ssl.ValueError);
  assert.throws(() => ssl.matchHostname({}, "example.com"), ssl.ValueError);
  assert.throws(() => ok(cn("example.com"), "example.org"), {
    message: "hostname 'example.org' doesn't match 'example.com'",
  });
  assert.throws(
    () => ok({ subjectAltName: [["DNS", "a.com"], ["DNS", "b.com"]] }, "c.com"),
    { message: "hostname 'c.com' doesn't match either of 'a.com', 'b.com'" },
  );
  assert.throws(() => ok({ subject: [[["organizationName", "x"]]] }, "c.com"), {
    message: "no appropriate commonName or subjectAltName fields were found",
  });
});

Deno.test("certTimeToSeconds: CPython's accepted and rejected times", () => {
  const good: [string, number][] = [
    ["May  9 00:00:00 2007 GMT", 1178668800],
    ["Jan  5 09:34:43 2018 GMT", 1515144883],
    ["Jan 05 09:34:43 2018 GMT", 1515144883],
    ["JaN  5 09:34:43 2018 GmT", 1515144883],
    ["Dec 31 23:59:60 2008 GMT", 1230768000],
    ["Jan  1 00:00:00 2009 GMT", 1230768000],
    ["Jan  5 09:34:60 2018 GMT", 1515144900],
    ["Jan  5 09:34:61 2018 GMT", 1515144901],
    ["Dec 31 23:59:59 9999 GMT", 253402300799],
  ];
  for (const [text, seconds] of good) assert.equal(ssl.certTimeToSeconds(text), seconds, text);
  for (
    const bad of [
      "Jan  5 09:34 2018 GMT",
      "Jan  5 09:34:43 2018",
      "Jan  5 09:34:43 2018 UTC",
      "Jan 35 09:34:43 2018 GMT",
      "Jon  5 09:34:43 2018 GMT",
      "Jan  5 24:00:00 2018 GMT",
      "Jan  5 09:60:43 2018 GMT",
      "Jan  5 09:34:62 2018 GMT",
    ]
  ) {
    assert.throws(() => ssl.certTimeToSeconds(bad), ssl.ValueError, bad);
  }
});

Deno.test("a CA's certificate dict matches what openssl reports", async () => {
  const certs = await testCerts();
  const ctx = new ssl.SSLContext();
  ctx.loadVerifyLocations({ cadata: certs.caPem });
  const [dict] = ctx.getCaCerts();
  assert.deepEqual(dict.subject, [[["commonName", "ipcnet Test CA"]]]);
  assert.deepEqual(dict.issuer, dict.subject);
  assert.equal(dict.version, 3);
  assert.equal(dict.subjectAltName, undefined);
  const facts = await opensslFacts(certs.caFile);
  assert.equal(dict.serialNumber, facts.serial);
  assert.equal(dict.notBefore, facts.notBefore);
  assert.equal(dict.notAfter, facts.notAfter);
  assert.ok(ssl.certTimeToSeconds(dict.notBefore) < ssl.certTimeToSeconds(dict.notAfter));
});

Deno.test("getDefaultVerifyPaths names the environment variables and system paths", () => {
  const paths = ssl.getDefaultVerifyPaths();
  assert.equal(paths.opensslCafileEnv, "SSL_CERT_FILE");
  assert.equal(paths.opensslCapathEnv, "SSL_CERT_DIR");
  assert.equal(typeof paths.opensslCafile, "string");
  assert.ok(paths.cafile === null || typeof paths.cafile === "string");
  assert.ok(Object.isFrozen(paths));
});

Deno.test("enumCertificates and enumCrls are Windows-only", () => {
  if (Deno.build.os === "windows") {
    assert.throws(() => ssl.enumCertificates("CA"), ssl.NotImplementedError);
    return;
  }
  for (const fn of [ssl.enumCertificates, ssl.enumCrls]) {
    assert.throws(() => fn("CA"), (err: unknown) => {
      assert.ok(err instanceof ssl.OSError);
      assert.equal(err.code, "ENOSYS");
      return true;
    });
  }
});

async function opensslFacts(
  file: string,
): Promise<{ serial: string; notBefore: string; notAfter: string }> {
  const out = await new Deno.Command("openssl", {
    args: ["x509", "-in", file, "-noout", "-serial", "-startdate", "-enddate"],
    stdout: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  const get = (key: string): string => new RegExp(`${key}=(.*)`).exec(text)![1].trim();
  return { serial: get("serial"), notBefore: get("notBefore"), notAfter: get("notAfter") };
}
