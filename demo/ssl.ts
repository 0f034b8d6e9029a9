// The ssl stop of the guided tour: a TLS handshake on loopback with a certificate from a
// test CA made on the spot, what the client learns about the server, and a refusal.
//
// Run alone:
//   deno run --allow-net=127.0.0.1,localhost --allow-run --allow-read --allow-write demo/ssl.ts

import { join } from "node:path";
import { createDefaultContext, Purpose, SSLCertVerificationError } from "../ssl/mod.ts";
import { createConnection, createServer } from "../socket/mod.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Runs the ssl stop, printing what happens. */
export default async function demo(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "ssl-demo-" });
  try {
    await makeTestCertificates(dir);
    console.log("openssl made a test CA and a certificate for localhost that it signed.");
    const serverContext = createDefaultContext(Purpose.CLIENT_AUTH);
    serverContext.loadCertChain(join(dir, "server.pem"), join(dir, "server.key"));
    using listener = createServer(["127.0.0.1", 0]);
    const [host, port] = listener.getsockname() as [string, number];
    console.log(`A TLS server listens on ${host} port ${port} with that certificate.`);

    const serving = (async () => {
      for (let i = 0; i < 2; i++) {
        const [sock] = await listener.accept();
        try {
          using conn = await serverContext.wrapSocket(sock, { serverSide: true });
          await conn.sendall(await conn.recv(1024));
        } catch {
          // The second client refuses the certificate.
        }
      }
    })();

    const trusting = createDefaultContext(Purpose.SERVER_AUTH, { cafile: join(dir, "ca.pem") });
    {
      using tls = await trusting.wrapSocket(await createConnection(["localhost", port]), {
        serverHostname: "localhost",
      });
      const cert = tls.getpeercert()!;
      const name = (rdns: [string, string][][]): string =>
        rdns.flat().map(([k, v]) => `${k}=${v}`).join(", ");
      console.log(`A client that trusts the test CA checked the server's certificate:`);
      console.log(`  subject ${name(cert.subject)}, issued by ${name(cert.issuer)},`);
      console.log(
        `  valid until ${cert.notAfter}, for ${
          cert.subjectAltName!.map((n) => n[1]).join(" and ")
        }.`,
      );
      const [cipher, , bits] = tls.cipher()!;
      console.log(`They agreed on ${tls.version()} with ${cipher} (${bits}-bit keys).`);
      await tls.sendall(enc.encode("Hello over TLS"));
      console.log(
        `The client sent "Hello over TLS" and got back "${dec.decode(await tls.recv(1024))}".`,
      );
    }

    try {
      await createDefaultContext().wrapSocket(await createConnection(["localhost", port]), {
        serverHostname: "localhost",
      });
    } catch (err) {
      if (!(err instanceof SSLCertVerificationError)) throw err;
      console.log(`A client that trusts only the public roots refuses it: ${err.verifyMessage}.`);
    }
    await serving;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function makeTestCertificates(dir: string): Promise<void> {
  const run = async (...args: string[]): Promise<void> => {
    const out = await new Deno.Command("openssl", { args, cwd: dir, stderr: "piped" }).output();
    if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  };
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await run(
    "req",
    "-x509",
    ...ec,
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "1",
    "-subj",
    "/CN=Demo Test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign",
  );
  await run("req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
  await Deno.writeTextFile(
    join(dir, "server.ext"),
    "basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n",
  );
  await run(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "1",
    "-extfile",
    "server.ext",
  );
}

if (import.meta.main) await demo();
