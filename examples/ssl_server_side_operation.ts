// Python's 18.2.5.3 example (server-side operation): a server loop that wraps each
// accepted socket and hands it to deal_with_client. It drives itself: after making test
// certificates with `openssl`, it starts three clients in this process, serves them and
// exits.
// Run: deno run -A examples/ssl_server_side_operation.ts

import { join } from "node:path";
import { createDefaultContext, Purpose, type SSLSocket } from "@ipcnet/std/ssl";
import { createConnection, SHUT_RDWR, Socket } from "@ipcnet/std/socket";

const dir = await Deno.makeTempDir({ prefix: "ipcnet-ssl-example-" });
try {
  await makeTestCertificates(dir);
  const context = createDefaultContext(Purpose.CLIENT_AUTH);
  context.loadCertChain({ certfile: join(dir, "mycertfile"), keyfile: join(dir, "mykeyfile") });

  using bindsocket = new Socket();
  bindsocket.bind(["127.0.0.1", 0]);
  bindsocket.listen(5);
  const [, port] = bindsocket.getsockname() as [string, number];
  const CLIENTS = 3;
  const clients = Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(port, i, dir)));

  for (let served = 0; served < CLIENTS; served++) {
    const [newsocket, fromaddr] = await bindsocket.accept();
    const connstream = await context.wrapSocket(newsocket, { serverSide: true });
    try {
      await dealWithClient(connstream, fromaddr as [string, number]);
    } finally {
      await connstream.shutdown(SHUT_RDWR);
      connstream.close();
    }
  }
  await clients;
} finally {
  await Deno.remove(dir, { recursive: true });
}

async function dealWithClient(connstream: SSLSocket, fromaddr: [string, number]): Promise<void> {
  let data = await connstream.recv(1024);
  // empty data means the client is finished with us
  while (data.length > 0) {
    if (!await doSomething(connstream, data)) {
      // we'll assume doSomething returns false when we're finished with the client
      break;
    }
    data = await connstream.recv(1024);
  }
  console.log(`finished with the client at port ${fromaddr[1]}`);
}

async function doSomething(connstream: SSLSocket, data: Uint8Array): Promise<boolean> {
  const line = new TextDecoder().decode(data).trim();
  if (line === "bye") return false;
  await connstream.sendall(new TextEncoder().encode(line.toUpperCase() + "\n"));
  return true;
}

async function client(port: number, i: number, certDir: string): Promise<void> {
  const ctx = createDefaultContext(Purpose.SERVER_AUTH, { cafile: join(certDir, "ca.pem") });
  using conn = await ctx.wrapSocket(await createConnection(["localhost", port]), {
    serverHostname: "localhost",
  });
  await conn.sendall(new TextEncoder().encode(`hello from client ${i}\n`));
  const reply = new TextDecoder().decode(await conn.recv(1024));
  console.log(`client ${i} got ${JSON.stringify(reply)} over ${conn.version()}`);
  await conn.sendall(new TextEncoder().encode("bye\n"));
  await conn.recv(1024); // end of stream once the server is done with us
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
    "30",
    "-subj",
    "/CN=Example Test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign",
  );
  await run("req", ...ec, "-keyout", "mykeyfile", "-out", "server.csr", "-subj", "/CN=localhost");
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
    "mycertfile",
    "-days",
    "30",
    "-extfile",
    "server.ext",
  );
}
