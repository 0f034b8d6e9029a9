// Test certificates for demo/ssl.ts and bench/ssl_bench.ts, made with the `openssl`
// command: a test CA and a certificate for localhost (DNS:localhost, IP:127.0.0.1) that it
// signed, valid for one day. EC P-256 keys keep generation fast. (The ssl tests have their
// own, fuller set in tests/_helpers/certs.ts; examples/ keep their own copies so that each
// stays self-contained.)

import { join } from "node:path";

/**
 * Writes `ca.pem`/`ca.key` (a CA named `caName`) and `server.pem`/`server.key` (for
 * localhost, signed by that CA) into `dir`, with the openssl command. Throws openssl's
 * error output if a step fails.
 */
export async function makeTestCertificates(dir: string, caName: string): Promise<void> {
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
    `/CN=${caName}`,
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
