// The server half of Python's 18.2.5.2 example (client-side operation): a small HTTPS-like
// server with a certificate from a test CA made here with the `openssl` command, answering
// one request. The client needs the test CA: the server writes it to a path that both
// derive from the port, <tmp>/ipcnet-ssl-example-<port>/ca.pem, and removes it at exit.
// Run: deno run -A examples/ssl_client_side_server.ts [port]   (0 picks a port), then
//      deno run -A examples/ssl_client_side_client.ts <port>

import { join } from "node:path";
import { tmpdir } from "node:os";
import { createDefaultContext, Purpose } from "@ipcnet/std/ssl";
import { createServer } from "@ipcnet/std/socket";

using listener = createServer(["127.0.0.1", Number(Deno.args[0] ?? 8443)]);
const [, port] = listener.getsockname() as [string, number];
const dir = join(tmpdir(), `ipcnet-ssl-example-${port}`);
await Deno.mkdir(dir, { recursive: true });
try {
  await makeTestCertificates(dir);
  const context = createDefaultContext(Purpose.CLIENT_AUTH);
  context.loadCertChain(join(dir, "server.pem"), join(dir, "server.key"));
  console.log(`port ${port}`); // the CA is in place: the client may start

  const [sock] = await listener.accept();
  using conn = await context.wrapSocket(sock, { serverSide: true });
  let request = "";
  while (!request.includes("\r\n\r\n")) {
    const data = await conn.recv(1024);
    if (data.length === 0) break;
    request += new TextDecoder().decode(data);
  }
  console.log(`request: ${JSON.stringify(request.split("\r\n")[0])} over ${conn.version()}`);
  await conn.sendall(new TextEncoder().encode(
    "HTTP/1.0 200 OK\r\nServer: ipcnet example\r\nContent-Type: text/plain\r\n\r\n",
  ));
} finally {
  await Deno.remove(dir, { recursive: true });
}

// A test CA and a localhost certificate it signs (CA:FALSE: rustls refuses a CA
// certificate as a server's own), as ssl/README.md describes.
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
    "30",
    "-subj",
    "/CN=Example Test CA",
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
    "30",
    "-extfile",
    "server.ext",
  );
}
