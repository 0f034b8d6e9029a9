// SSLObject over MemoryBIOs (Python's 18.2.7): two objects shaking hands with no socket at
// all, data, close_notify and unwrap, errors, and an SSLObject driven over a real socket.

import assert from "node:assert/strict";
import * as ssl from "../../ssl/mod.ts";
import { connectedPair } from "../_helpers/loopback.ts";
import { clientContext, dec, enc, serverContext, testCerts } from "./_tls.ts";

interface Side {
  obj: ssl.SSLObject;
  incoming: ssl.MemoryBIO;
  outgoing: ssl.MemoryBIO;
}

async function memoryPair(
  serverCtx?: ssl.SSLContext,
  clientCtx?: ssl.SSLContext,
  hostname = "localhost",
): Promise<[Side, Side]> {
  const mk = (ctx: ssl.SSLContext, options: ssl.WrapBioOptions): Side => {
    const incoming = new ssl.MemoryBIO();
    const outgoing = new ssl.MemoryBIO();
    return { obj: ctx.wrapBio(incoming, outgoing, options), incoming, outgoing };
  };
  return [
    mk(clientCtx ?? await clientContext(), { serverHostname: hostname }),
    mk(serverCtx ?? await serverContext(), { serverSide: true }),
  ];
}

/** Runs both handshakes, moving bytes between the BIOs, as Python's test_ssl does. */
async function handshake(client: Side, server: Side): Promise<number> {
  let rounds = 0;
  let done = [false, false];
  while (!(done[0] && done[1]) && rounds < 20) {
    rounds++;
    for (const [i, side] of [client, server].entries()) {
      if (done[i]) continue;
      try {
        await side.obj.doHandshake();
        done = done.map((d, j) => j === i ? true : d);
      } catch (err) {
        if (!(err instanceof ssl.SSLWantReadError)) throw err;
      }
    }
    server.incoming.write(client.outgoing.read());
    client.incoming.write(server.outgoing.read());
  }
  return rounds;
}

Deno.test("two SSLObjects shake hands and talk through memory only", async () => {
  const [client, server] = await memoryPair();
  using _c = client.obj, _s = server.obj;
  assert.equal(client.outgoing.pending, 0); // nothing happens before the first call
  const rounds = await handshake(client, server);
  assert.ok(rounds <= 4, `${rounds} rounds`);
  assert.equal(client.obj.version(), "TLSv1.3");
  assert.deepEqual(client.obj.cipher(), server.obj.cipher());
  assert.deepEqual(client.obj.getpeercert()!.subject.at(-1), [["commonName", "localhost"]]);
  assert.equal(server.obj.getpeercert(), null);
  assert.ok(server.obj.sharedCiphers()!.length >= 3);
  assert.equal(await client.obj.write(enc("over memory")), 11);
  assert.equal(client.outgoing.pending > 11, true);
  server.incoming.write(client.outgoing.read());
  assert.equal(dec(await server.obj.read(1024)), "over memory");
  await assert.rejects(server.obj.read(), ssl.SSLWantReadError);
  assert.equal(await server.obj.write(enc("reply")), 5);
  client.incoming.write(server.outgoing.read());
  const buf = new Uint8Array(3);
  assert.equal(await client.obj.read(3, buf), 3);
  assert.equal(dec(buf), "rep");
  assert.equal(client.obj.pending(), 2);
  assert.equal(dec(await client.obj.read()), "ly");
});

Deno.test("unwrap sends close_notify and waits for the peer's", async () => {
  const [client, server] = await memoryPair();
  using _c = client.obj, _s = server.obj;
  await handshake(client, server);
  await assert.rejects(client.obj.unwrap(), ssl.SSLWantReadError);
  server.incoming.write(client.outgoing.read());
  assert.equal((await server.obj.read()).length, 0); // close_notify: end of stream
  await server.obj.unwrap();
  client.incoming.write(server.outgoing.read());
  await client.obj.unwrap();
});

Deno.test("the end of incoming without close_notify is SSLEOFError", async () => {
  const [client, server] = await memoryPair();
  using _c = client.obj, _s = server.obj;
  await handshake(client, server);
  client.incoming.writeEof();
  await assert.rejects(client.obj.read(), ssl.SSLEOFError);
});

Deno.test("over memory: an untrusted server fails the client's handshake", async () => {
  const [client, server] = await memoryPair(await serverContext("untrusted"));
  using _c = client.obj, _s = server.obj;
  await assert.rejects(handshake(client, server), (err: unknown) => {
    assert.ok(err instanceof ssl.SSLCertVerificationError);
    assert.equal(err.verifyCode, 20);
    return true;
  });
});

Deno.test("a hostname mismatch over memory", async () => {
  const [client, server] = await memoryPair(await serverContext("other"));
  using _c = client.obj, _s = server.obj;
  await assert.rejects(handshake(client, server), { verifyCode: 62 });
});

Deno.test("garbage from the peer is an SSLError, not a hang", async () => {
  const [client] = await memoryPair();
  using _c = client.obj;
  await assert.rejects(client.obj.doHandshake(), ssl.SSLWantReadError);
  client.incoming.write(enc("HTTP/1.1 400 Bad Request\r\n\r\n"));
  await assert.rejects(client.obj.doHandshake(), ssl.SSLError);
});

Deno.test("a server object without a certificate waits, then fails on a hello", async () => {
  const [client] = await memoryPair();
  const bare = new ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER);
  const incoming = new ssl.MemoryBIO();
  using server = bare.wrapBio(incoming, new ssl.MemoryBIO(), { serverSide: true });
  using _c = client.obj;
  await assert.rejects(server.doHandshake(), ssl.SSLWantReadError);
  await assert.rejects(client.obj.doHandshake(), ssl.SSLWantReadError);
  incoming.write(client.outgoing.read());
  await assert.rejects(server.doHandshake(), { reason: "NO_SHARED_CIPHER" });
});

Deno.test("SSLObject rules: no constructor, checked arguments, attributes", async () => {
  assert.throws(() => new (ssl.SSLObject as unknown as new () => unknown)(), TypeError);
  const ctx = await clientContext();
  assert.throws(() => ctx.wrapBio({} as ssl.MemoryBIO, new ssl.MemoryBIO()), TypeError);
  assert.throws(
    () => ctx.wrapBio(new ssl.MemoryBIO(), new ssl.MemoryBIO()),
    /check_hostname requires/,
  );
  using obj = ctx.wrapBio(new ssl.MemoryBIO(), new ssl.MemoryBIO(), {
    serverHostname: "x.example",
  });
  assert.equal(obj.serverHostname, "x.example");
  assert.equal(obj.context, ctx);
  assert.equal(obj.version(), null);
  assert.equal(obj.compression(), null);
  assert.throws(() => obj.getpeercert(), /handshake not done yet/);
  await assert.rejects(obj.read(-1), ssl.ValueError);
  assert.throws(() => obj.getChannelBinding("nope"), ssl.ValueError);
});

Deno.test("an SSLObject carried over a real socket talks to an SSLSocket", async () => {
  const [c, s, l] = await connectedPair();
  l.close();
  using _c = c;
  const certs = await testCerts();
  const serving = (await serverContext()).wrapSocket(s, { serverSide: true });
  const incoming = new ssl.MemoryBIO();
  const outgoing = new ssl.MemoryBIO();
  using obj = (await clientContext()).wrapBio(incoming, outgoing, { serverHostname: "localhost" });
  const pump = async (): Promise<void> => {
    if (outgoing.pending) await c.sendall(outgoing.read());
    incoming.write(await c.recv(65536));
  };
  for (;;) {
    try {
      await obj.doHandshake();
      break;
    } catch (err) {
      if (!(err instanceof ssl.SSLWantReadError)) throw err;
      await pump();
    }
  }
  if (outgoing.pending) await c.sendall(outgoing.read());
  using server = await serving;
  await server.sendall(enc("to the object"));
  let text = "";
  while (!text) {
    try {
      text = dec(await obj.read());
    } catch (err) {
      if (!(err instanceof ssl.SSLWantReadError)) throw err;
      incoming.write(await c.recv(65536));
    }
  }
  assert.equal(text, "to the object");
  assert.ok(certs.caFile);
});
