// Test certificates, made once per test process with the `openssl` command in a temporary
// directory (removed when the process ends): a test CA, a localhost server certificate
// (DNS:localhost, IP:127.0.0.1, IP:::1, CA:FALSE, as rustls requires of an end entity), an
// "other.example" one, a client certificate, an encrypted copy of the localhost key, a
// certificate signed by an untrusted CA, an expired one, and a chain through an
// intermediate CA. EC P-256 keys keep generation fast.

/** A certificate and its key: file paths and PEM text. */
export interface CertPair {
  cert: string;
  key: string;
  certPem: string;
  keyPem: string;
}

/** Every certificate the ssl tests use. */
export interface TestCerts {
  dir: string;
  /** The test CA certificate (file and PEM). */
  caFile: string;
  caPem: string;
  /** A second CA, never trusted by the tests' contexts. */
  otherCaFile: string;
  localhost: CertPair;
  other: CertPair;
  client: CertPair;
  /** The localhost key, encrypted (PKCS#8, AES-256) with `password`. */
  encryptedKey: string;
  password: string;
  /** localhost, signed by the untrusted CA. */
  untrusted: CertPair;
  /** localhost, signed by the test CA, already expired. */
  expired: CertPair;
  /** localhost, signed by an intermediate CA; `cert` holds leaf + intermediate. */
  chained: CertPair;
  /** A self-signed localhost certificate with CA:FALSE. */
  selfSigned: CertPair;
}

let made: Promise<TestCerts> | null = null;

/** The test certificates (generated on first use in this process). */
export function testCerts(): Promise<TestCerts> {
  made ??= generate();
  return made;
}

/** Whether the openssl command is available. */
export async function hasOpenssl(): Promise<boolean> {
  try {
    const out = await new Deno.Command("openssl", {
      args: ["version"],
      stdout: "null",
      stderr: "null",
    })
      .output();
    return out.success;
  } catch {
    return false;
  }
}

async function generate(): Promise<TestCerts> {
  const dir = await Deno.makeTempDir({ prefix: "ipcnet-certs-" });
  globalThis.addEventListener("unload", () => {
    try {
      Deno.removeSync(dir, { recursive: true });
    } catch {
      // Already gone.
    }
  });
  const p = (name: string): string => `${dir}/${name}`;
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  const caExt = [
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ];
  await openssl([
    "req",
    "-x509",
    ...ec,
    "-keyout",
    p("ca.key"),
    "-out",
    p("ca.pem"),
    "-days",
    "3650",
    "-subj",
    "/CN=ipcnet Test CA",
    ...caExt,
  ]);
  await openssl([
    "req",
    "-x509",
    ...ec,
    "-keyout",
    p("ca2.key"),
    "-out",
    p("ca2.pem"),
    "-days",
    "3650",
    "-subj",
    "/CN=ipcnet Untrusted CA",
    ...caExt,
  ]);
  const leaf = async (
    name: string,
    subject: string,
    san: string,
    ca = "ca",
    days = "825",
  ): Promise<CertPair> => {
    await openssl([
      "req",
      ...ec,
      "-keyout",
      p(`${name}.key`),
      "-out",
      p(`${name}.csr`),
      "-subj",
      subject,
    ]);
    await Deno.writeTextFile(
      p(`${name}.ext`),
      `basicConstraints=CA:FALSE\nsubjectAltName=${san}\nkeyUsage=digitalSignature\n` +
        "extendedKeyUsage=serverAuth,clientAuth\n",
    );
    await openssl([
      "x509",
      "-req",
      "-in",
      p(`${name}.csr`),
      "-CA",
      p(`${ca}.pem`),
      "-CAkey",
      p(`${ca}.key`),
      "-CAcreateserial",
      "-out",
      p(`${name}.pem`),
      "-days",
      days,
      "-extfile",
      p(`${name}.ext`),
    ]);
    return pair(p(`${name}.pem`), p(`${name}.key`));
  };
  const localhost = await leaf(
    "localhost",
    "/C=XY/O=ipcnet tests/CN=localhost",
    "DNS:localhost,IP:127.0.0.1,IP:::1",
  );
  const other = await leaf("other", "/CN=other.example", "DNS:other.example");
  const client = await leaf("client", "/O=ipcnet tests/CN=Test Client", "DNS:client.example");
  const untrusted = await leaf("untrusted", "/CN=localhost", "DNS:localhost,IP:127.0.0.1", "ca2");
  const expired = await leaf("expired", "/CN=localhost", "DNS:localhost,IP:127.0.0.1", "ca", "-1");
  await openssl([
    "req",
    ...ec,
    "-keyout",
    p("inter.key"),
    "-out",
    p("inter.csr"),
    "-subj",
    "/CN=ipcnet Intermediate",
  ]);
  await Deno.writeTextFile(
    p("inter.ext"),
    "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n",
  );
  await openssl([
    "x509",
    "-req",
    "-in",
    p("inter.csr"),
    "-CA",
    p("ca.pem"),
    "-CAkey",
    p("ca.key"),
    "-CAcreateserial",
    "-out",
    p("inter.pem"),
    "-days",
    "825",
    "-extfile",
    p("inter.ext"),
  ]);
  const chainedLeaf = await leaf("chained", "/CN=localhost", "DNS:localhost,IP:127.0.0.1", "inter");
  await Deno.writeTextFile(
    p("chain.pem"),
    chainedLeaf.certPem + await Deno.readTextFile(p("inter.pem")),
  );
  await openssl([
    "req",
    "-x509",
    ...ec,
    "-keyout",
    p("self.key"),
    "-out",
    p("self.pem"),
    "-days",
    "825",
    "-subj",
    "/CN=localhost",
    "-addext",
    "basicConstraints=critical,CA:FALSE",
    "-addext",
    "subjectAltName=DNS:localhost,IP:127.0.0.1",
  ]);
  const password = "secret";
  await openssl([
    "pkcs8",
    "-topk8",
    "-in",
    p("localhost.key"),
    "-out",
    p("localhost.enc.key"),
    "-passout",
    `pass:${password}`,
    "-v2",
    "aes-256-cbc",
  ]);
  return {
    dir,
    caFile: p("ca.pem"),
    caPem: await Deno.readTextFile(p("ca.pem")),
    otherCaFile: p("ca2.pem"),
    localhost,
    other,
    client,
    encryptedKey: p("localhost.enc.key"),
    password,
    untrusted,
    expired,
    chained: await pair(p("chain.pem"), p("chained.key")),
    selfSigned: await pair(p("self.pem"), p("self.key")),
  };
}

async function pair(cert: string, key: string): Promise<CertPair> {
  return {
    cert,
    key,
    certPem: await Deno.readTextFile(cert),
    keyPem: await Deno.readTextFile(key),
  };
}

async function openssl(args: string[]): Promise<void> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("openssl", { args, stdout: "piped", stderr: "piped" }).output();
  } catch (err) {
    throw new Error("the ssl tests need the `openssl` command (Debian package: openssl)", {
      cause: err,
    });
  }
  if (!out.success) {
    throw new Error(`openssl ${args.join(" ")} failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
}
