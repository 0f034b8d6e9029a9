// The ssl stop of the guided tour: a TLS handshake on loopback with a certificate from a
// test CA made on the spot, what the client learns about the server, and a refusal.
//
// Run alone:
//   deno run --allow-net=127.0.0.1,localhost --allow-run --allow-read --allow-write demo/ssl.ts

import { join } from "node:path";
import { createDefaultContext, Purpose, SSLCertVerificationError } from "../ssl/mod.ts";
import { createConnection, createServer } from "../socket/mod.ts";
import { makeTestCertificates } from "./_certs.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Runs the ssl stop, printing what happens. */
export default async function demo(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "ssl-demo-" });
  try {
    await makeTestCertificates(dir, "Demo Test CA");
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

if (import.meta.main) await demo();
