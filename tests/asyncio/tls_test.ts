// TLS through createConnection/createServer, startServer/openConnection and startTls
// (CPython test_sslproto and test_streams TLS cases), with the test CA's certificates.

import assert from "node:assert/strict";
import {
  type BaseTransport,
  ConnectionAbortedError,
  Event,
  getRunningLoop,
  NotImplementedError,
  openConnection,
  Protocol,
  run,
  startServer,
  type StreamReader,
  type StreamWriter,
  type Transport,
  ValueError,
} from "../../asyncio/mod.ts";
import { SSLContext, SSLSocket } from "../../ssl/mod.ts";
import { Socket } from "../../socket/mod.ts";
import { clientContext, fastClientContext, serverContext } from "../ssl/_tls.ts";
import { hasOpenssl } from "../_helpers/certs.ts";

const ignore = !(await hasOpenssl());
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

async function echo(r: StreamReader, w: StreamWriter): Promise<void> {
  for await (const line of r) {
    w.write(line);
    await w.drain();
  }
  w.close();
}

function portOf(server: { sockets: Socket[] }): number {
  return (server.sockets[0].getsockname() as [string, number])[1];
}

for (
  const [name, makeClient] of [["node:tls", clientContext], [
    "Deno TLS",
    fastClientContext,
  ]] as const
) {
  Deno.test({
    name: `startServer/openConnection over TLS (${name} client) with the TLS extra info`,
    ignore,
    fn: async () => {
      const serverCtx = await serverContext();
      const clientCtx = await makeClient();
      await run(async () => {
        await using server = await startServer(echo, "127.0.0.1", 0, { ssl: serverCtx });
        const [r, w] = await openConnection("127.0.0.1", portOf(server), {
          ssl: clientCtx,
          serverHostname: "localhost",
        });
        w.write(enc("secret\n"));
        assert.equal(dec(await r.readline()), "secret\n");
        assert.equal(w.getExtraInfo("sslcontext"), clientCtx);
        assert.ok(w.getExtraInfo("ssl_object") instanceof SSLSocket);
        const cert = w.getExtraInfo("peercert") as { subjectAltName: [string, string][] };
        assert.ok(cert.subjectAltName.some(([, v]) => v === "localhost"));
        assert.equal(w.getExtraInfo("compression"), null);
        assert.ok(!w.canWriteEof());
        assert.throws(() => w.writeEof(), NotImplementedError);
        w.close();
        await w.waitClosed();
      });
    },
  });
}

Deno.test({
  name: "createConnection with ssl rejects a certificate it does not trust",
  ignore,
  fn: async () => {
    const serverCtx = await serverContext("untrusted");
    const clientCtx = await clientContext();
    await run(async () => {
      const loop = getRunningLoop();
      await using server = await loop.createServer(() => new Protocol(), "127.0.0.1", 0, {
        ssl: serverCtx,
      });
      await assert.rejects(
        loop.createConnection(() => new Protocol(), "127.0.0.1", portOf(server), {
          ssl: clientCtx,
          serverHostname: "localhost",
        }),
        (e) => (e as Error).name === "SSLCertVerificationError",
      );
      server.abortClients();
    });
  },
});

Deno.test({
  name: "ssl argument checks: serverHostname needs a host or ssl; handshake timeout needs ssl",
  fn: async () => {
    await run(async () => {
      const loop = getRunningLoop();
      const sock = new Socket();
      await assert.rejects(
        loop.createConnection(() => new Protocol(), { sock, ssl: true }),
        ValueError,
      );
      await assert.rejects(
        loop.createConnection(() => new Protocol(), "127.0.0.1", 1, { sslHandshakeTimeout: 1 }),
        ValueError,
      );
      sock.close();
    });
  },
});

Deno.test({
  name: "a TLS handshake that never starts times out with ConnectionAbortedError",
  ignore,
  fn: async () => {
    const clientCtx = await clientContext();
    await run(async () => {
      const loop = getRunningLoop();
      // A plain server that never speaks TLS.
      await using server = await loop.createServer(() => new Protocol(), "127.0.0.1", 0);
      await assert.rejects(
        loop.createConnection(() => new Protocol(), "127.0.0.1", portOf(server), {
          ssl: clientCtx,
          serverHostname: "localhost",
          sslHandshakeTimeout: 0.2,
        }),
        ConnectionAbortedError,
      );
      server.closeClients();
    });
  },
});

Deno.test({
  name: "startTls upgrades both ends of a plain connection (STARTTLS)",
  ignore,
  fn: async () => {
    const serverCtx = await serverContext();
    const clientCtx = await clientContext();
    await run(async () => {
      const loop = getRunningLoop();
      const upgraded = new Event();
      let failure: unknown = null;
      const serverGot: string[] = [];
      class ServerProto extends Protocol {
        t!: Transport;
        override connectionMade(t: BaseTransport): void {
          this.t = t as Transport;
        }
        override dataReceived(d: Uint8Array): void {
          const text = dec(d);
          serverGot.push(text);
          if (text === "STARTTLS\n") {
            this.t.write(enc("GO\n"));
            loop.startTls(this.t, this, serverCtx, { serverSide: true }).then((tls) => {
              this.t = tls;
              upgraded.set();
            }, (e) => {
              failure = e;
              upgraded.set();
            });
          } else this.t.write(enc(`echo:${text}`));
        }
      }
      await using server = await loop.createServer(() => new ServerProto(), "127.0.0.1", 0);
      const [r, w] = await openConnection("127.0.0.1", portOf(server));
      w.write(enc("STARTTLS\n"));
      assert.equal(dec(await r.readline()), "GO\n");
      await w.startTls(clientCtx, { serverHostname: "localhost" });
      assert.equal(w.getExtraInfo("sslcontext"), clientCtx);
      await upgraded.wait();
      assert.equal(failure, null);
      w.write(enc("over tls"));
      assert.equal(dec(await r.read(100)), "echo:over tls");
      assert.deepEqual(serverGot, ["STARTTLS\n", "over tls"]);
      w.close();
      await w.waitClosed();
      server.closeClients();
    });
  },
});

Deno.test({
  name: "startTls rejects a transport it does not support and a non-context",
  fn: async () => {
    await run(async () => {
      const loop = getRunningLoop();
      const ctx = new SSLContext();
      await assert.rejects(
        loop.startTls({} as Transport, new Protocol(), ctx),
        TypeError,
      );
    });
  },
});
