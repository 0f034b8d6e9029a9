// Interoperability with OpenSSL's own tools: our clients against `openssl s_server`, and
// `openssl s_client` against our servers. Each test synchronises on the tool's output.

import assert from "node:assert/strict";
import * as ssl from "../../ssl/mod.ts";
import { createConnection, createServer } from "../../socket/mod.ts";
import { clientContext, dec, enc, fastClientContext, serverContext, testCerts } from "./_tls.ts";

interface Tool {
  child: Deno.ChildProcess;
  /** Resolves to the first stdout text matching `re` (its first group). */
  waitFor(re: RegExp): Promise<string>;
  output(): string;
  stop(): Promise<Deno.CommandStatus>;
}

function spawn(args: string[], stdin: "piped" | "null" = "null"): Tool {
  const child = new Deno.Command("openssl", { args, stdin, stdout: "piped", stderr: "piped" })
    .spawn();
  let out = "";
  const waiters: (() => void)[] = [];
  const reading = (async () => {
    for await (const text of child.stdout.pipeThrough(new TextDecoderStream())) {
      out += text;
      for (const w of waiters.splice(0)) w();
    }
    for (const w of waiters.splice(0)) w();
  })();
  const errText = new Response(child.stderr).text();
  let ended = false;
  reading.then(() => ended = true);
  return {
    child,
    async waitFor(re: RegExp): Promise<string> {
      for (;;) {
        const m = re.exec(out);
        if (m) return m[1] ?? m[0];
        if (ended) throw new Error(`openssl ended without ${re}:\n${out}\n${await errText}`);
        await new Promise<void>((r) => waiters.push(r));
      }
    },
    output: () => out,
    async stop(): Promise<Deno.CommandStatus> {
      try {
        child.kill();
      } catch {
        // Already exited.
      }
      const status = await child.status;
      await reading;
      await errText;
      return status;
    },
  };
}

async function sServer(extra: string[] = []): Promise<[Tool, number]> {
  const certs = await testCerts();
  const tool = spawn([
    "s_server",
    "-accept",
    "127.0.0.1:0",
    "-cert",
    certs.localhost.cert,
    "-key",
    certs.localhost.key,
    "-naccept",
    "1",
    "-rev",
    ...extra,
  ]);
  const port = Number(await tool.waitFor(/ACCEPT 127\.0\.0\.1:(\d+)/));
  return [tool, port];
}

for (
  const [engine, makeClient] of [["node:tls", clientContext], [
    "Deno native",
    fastClientContext,
  ]] as const
) {
  Deno.test(`our client (${engine}) against openssl s_server`, async () => {
    const [server, port] = await sServer();
    try {
      using tls = await (await makeClient()).wrapSocket(
        await createConnection(["127.0.0.1", port]),
        { serverHostname: "localhost" },
      );
      assert.deepEqual(tls.getpeercert()!.subject.at(-1), [["commonName", "localhost"]]);
      await tls.sendall(enc("hello openssl\n"));
      let reply = "";
      while (!reply.includes("\n")) reply += dec(await tls.recv(1024));
      assert.equal(reply, "lssnepo olleh\n");
    } finally {
      await server.stop();
    }
  });
}

Deno.test("openssl s_server requiring a client certificate, with ALPN", async () => {
  const certs = await testCerts();
  const [server, port] = await sServer([
    "-Verify",
    "1",
    "-CAfile",
    certs.caFile,
    "-alpn",
    "h2,http/1.1",
  ]);
  try {
    const ctx = await clientContext();
    ctx.loadCertChain(certs.client.cert, certs.client.key);
    ctx.setAlpnProtocols(["http/1.1"]);
    using tls = await ctx.wrapSocket(await createConnection(["127.0.0.1", port]), {
      serverHostname: "localhost",
    });
    assert.equal(tls.selectedAlpnProtocol(), "http/1.1");
    await tls.sendall(enc("abc\n"));
    let reply = "";
    while (!reply.includes("\n")) reply += dec(await tls.recv(1024));
    assert.equal(reply, "cba\n");
  } finally {
    await server.stop();
  }
});

Deno.test("openssl s_server with TLS 1.2 only: version and cipher in OpenSSL's names", async () => {
  const [server, port] = await sServer(["-tls1_2"]);
  try {
    using tls = await (await clientContext()).wrapSocket(
      await createConnection(["127.0.0.1", port]),
      { serverHostname: "localhost" },
    );
    assert.equal(tls.version(), "TLSv1.2");
    assert.match(tls.cipher()![0], /^ECDHE-ECDSA-(AES\d+-GCM-SHA\d+|CHACHA20-POLY1305)$/);
  } finally {
    await server.stop();
  }
});

for (const engine of ["node", "auto"] as const) {
  const name = engine === "auto" ? "Deno.listenTls" : "node:tls";
  Deno.test(`openssl s_client against our server (${name})`, async () => {
    const certs = await testCerts();
    const ctx = await serverContext();
    ctx.engine = engine;
    using listener = createServer(["127.0.0.1", 0]);
    const [, port] = listener.getsockname() as [string, number];
    using tlsListener = await ctx.wrapSocket(listener, { serverSide: true });
    const client = spawn([
      "s_client",
      "-connect",
      `127.0.0.1:${port}`,
      "-servername",
      "localhost",
      "-CAfile",
      certs.caFile,
      "-verify_return_error",
      "-quiet",
    ], "piped");
    try {
      const [conn] = await tlsListener.accept();
      using _conn = conn;
      const writer = client.child.stdin.getWriter();
      await writer.write(enc("hello from s_client\n"));
      let got = "";
      while (!got.includes("\n")) got += dec(await conn.recv(1024));
      assert.equal(got, "hello from s_client\n");
      await conn.sendall(enc("reply from deno\n"));
      assert.equal(await client.waitFor(/(reply from deno)/), "reply from deno");
      await writer.close();
    } finally {
      await client.stop();
    }
  });
}

Deno.test("openssl s_client with a client certificate against a CERT_REQUIRED server", async () => {
  const certs = await testCerts();
  const ctx = await serverContext();
  ctx.verifyMode = ssl.CERT_REQUIRED;
  ctx.loadVerifyLocations(certs.caFile);
  using listener = createServer(["127.0.0.1", 0]);
  const [, port] = listener.getsockname() as [string, number];
  const client = spawn([
    "s_client",
    "-connect",
    `127.0.0.1:${port}`,
    "-servername",
    "localhost",
    "-CAfile",
    certs.caFile,
    "-cert",
    certs.client.cert,
    "-key",
    certs.client.key,
    "-verify_return_error",
    "-quiet",
  ], "piped");
  try {
    const [plain] = await listener.accept();
    using conn = await ctx.wrapSocket(plain, { serverSide: true });
    assert.deepEqual(conn.getpeercert()!.subject.at(-1), [["commonName", "Test Client"]]);
    await conn.sendall(enc("authenticated\n"));
    assert.equal(await client.waitFor(/(authenticated)/), "authenticated");
    await client.child.stdin.close();
  } finally {
    await client.stop();
  }
});
