// SSLSocket I/O: non-blocking mode and SSLWantReadError/SSLWantWriteError (Python's
// 18.2.6), readiness for select, pending(), timeouts, clean and ragged ends, and
// STARTTLS with unwrap() in both directions.

import assert from "node:assert/strict";
import * as ssl from "../../ssl/mod.ts";
import { kReadyNow, kWaitReady, SHUT_WR, Socket, TimeoutError } from "../../socket/mod.ts";
import { connectedPair } from "../_helpers/loopback.ts";
import { clientContext, dec, enc, fastClientContext, serverContext, tlsPair } from "./_tls.ts";

const never = (): AbortSignal => new AbortController().signal;
const engines = [["node:tls", clientContext], ["Deno native", fastClientContext]] as const;

for (const [engine, makeClient] of engines) {
  Deno.test(`${engine}: a non-blocking handshake driven by readiness, as in 18.2.6`, async () => {
    const [c, s, l] = await connectedPair();
    l.close();
    const serving = (await serverContext()).wrapSocket(s, { serverSide: true });
    c.setblocking(false);
    using tls = await (await makeClient()).wrapSocket(c, {
      serverHostname: "localhost",
      doHandshakeOnConnect: false,
    });
    let wants = 0;
    for (;;) {
      try {
        await tls.doHandshake();
        break;
      } catch (err) {
        if (!(err instanceof ssl.SSLWantReadError || err instanceof ssl.SSLWantWriteError)) {
          throw err;
        }
        wants++;
        await tls[kWaitReady](err instanceof ssl.SSLWantReadError ? "read" : "write", never());
      }
    }
    assert.ok(wants > 0);
    using server = await serving;
    assert.ok(tls.getpeercert());
    await assert.rejects(tls.recv(100), ssl.SSLWantReadError);
    assert.equal(tls[kReadyNow]("read"), false);
    await server.sendall(enc("0123456789"));
    await tls[kWaitReady]("read", never());
    assert.equal(tls.pending(), 10);
    assert.equal(dec(await tls.recv(4)), "0123");
    assert.equal(tls.pending(), 6);
    assert.equal(dec(await tls.recv(100)), "456789");
  });

  Deno.test(`${engine}: a timeout leaves the TLS socket usable`, async () => {
    await using p = await tlsPair(await serverContext(), await makeClient());
    p.client.settimeout(0.05);
    await assert.rejects(p.client.recv(10), TimeoutError);
    await p.server.sendall(enc("late"));
    assert.equal(dec(await p.client.recv(10)), "late");
  });

  Deno.test(`${engine}: the handshake times out against a silent server`, async () => {
    const [c, s, l] = await connectedPair();
    using _s = s, _l = l;
    c.settimeout(0.1);
    await assert.rejects(
      (await makeClient()).wrapSocket(c, { serverHostname: "localhost" }),
      { name: "TimeoutError", message: "The handshake operation timed out" },
    );
    s.close();
  });

  Deno.test(`${engine}: close_notify reads as end of stream`, async () => {
    const client = await makeClient();
    await using p = await tlsPair(await serverContext(), client, {
      serverHostname: "localhost",
      suppressRaggedEofs: false,
    });
    await p.server.sendall(enc("last words"));
    await p.server.shutdown(SHUT_WR);
    assert.equal(dec(await p.client.recv(100)), "last words");
    assert.equal((await p.client.recv(100)).length, 0);
  });

  Deno.test(`${engine}: a ragged end reads as end of stream, or SSLEOFError`, async () => {
    {
      await using p = await tlsPair(await serverContext(), await makeClient());
      p.server.close(); // no close_notify: the TCP connection just ends
      assert.equal((await p.client.recv(100)).length, 0);
    }
    await using p = await tlsPair(await serverContext(), await makeClient(), {
      serverHostname: "localhost",
      suppressRaggedEofs: false,
    });
    p.server.close();
    await assert.rejects(p.client.recv(100), ssl.SSLEOFError);
  });
}

Deno.test("non-blocking send: SSLWantWriteError when full, writable again after", async () => {
  await using p = await tlsPair(await serverContext(), await clientContext());
  p.client.setblocking(false);
  const chunk = new Uint8Array(64 * 1024).fill(1);
  let sent = 0;
  let full = false;
  for (let i = 0; i < 10_000 && !full; i++) {
    try {
      sent += await p.client.send(chunk);
    } catch (err) {
      assert.ok(err instanceof ssl.SSLWantWriteError, String(err));
      full = true;
    }
  }
  assert.ok(full);
  await p.client[kWaitReady]("write", never());
  sent += await p.client.send(chunk);
  let got = 0;
  while (got < sent) got += (await p.server.recv(1 << 20)).length;
  assert.equal(got, sent);
});

Deno.test("STARTTLS: plain text, then TLS, then plain again (client unwraps first)", async () => {
  const [c, s, l] = await connectedPair();
  l.close();
  await c.sendall(enc("STARTTLS\r\n"));
  assert.equal(dec(await s.recv(100)), "STARTTLS\r\n");
  await s.sendall(enc("220 go ahead\r\n"));
  assert.equal(dec(await c.recv(100)), "220 go ahead\r\n");
  const [ct, st] = await Promise.all([
    (await clientContext()).wrapSocket(c, { serverHostname: "localhost" }),
    (await serverContext()).wrapSocket(s, { serverSide: true }),
  ]);
  assert.equal(c.closed, true);
  await ct.sendall(enc("secret"));
  assert.equal(dec(await st.recv(100)), "secret");
  const clientPlain = ct.unwrap();
  assert.equal((await st.recv(100)).length, 0); // the client's close_notify
  const serverPlain = await st.unwrap();
  using cp = await clientPlain;
  using sp = serverPlain;
  assert.equal(ct.closed, true);
  assert.equal(st.closed, true);
  assert.ok(!(cp instanceof ssl.SSLSocket));
  await cp.sendall(enc("plain again"));
  assert.equal(dec(await sp.recv(100)), "plain again");
  await sp.sendall(enc("and back"));
  assert.equal(dec(await cp.recv(100)), "and back");
});

Deno.test("STARTTLS: the server unwraps first, and TLS can start again", async () => {
  const [c, s, l] = await connectedPair();
  l.close();
  const server = await serverContext();
  const client = await clientContext();
  let [ct, st] = await Promise.all([
    client.wrapSocket(c, { serverHostname: "localhost" }),
    server.wrapSocket(s, { serverSide: true }),
  ]);
  const [sp, cp] = await Promise.all([st.unwrap(), ct.unwrap()]);
  await sp.sendall(enc("plain from server"));
  assert.equal(dec(await cp.recv(100)), "plain from server");
  [ct, st] = await Promise.all([
    client.wrapSocket(cp, { serverHostname: "localhost" }),
    server.wrapSocket(sp, { serverSide: true }),
  ]);
  using _ct = ct, _st = st;
  await st.sendall(enc("TLS again"));
  assert.equal(dec(await ct.recv(100)), "TLS again");
});

Deno.test("unwrap needs TLS, and the node:tls engine", async () => {
  using tls = await (await clientContext()).wrapSocket(new Socket(), {
    serverHostname: "localhost",
  });
  await assert.rejects(tls.unwrap(), /No SSL wrapper/);
  await using p = await tlsPair(await serverContext(), await fastClientContext());
  await assert.rejects(p.client.unwrap(), ssl.NotImplementedError);
});

Deno.test("a readiness wait during the handshake ends when the handshake fails", async () => {
  const [c, s, l] = await connectedPair();
  using _l = l;
  c.setblocking(false);
  using tls = await (await clientContext()).wrapSocket(c, {
    serverHostname: "localhost",
    doHandshakeOnConnect: false,
  });
  await assert.rejects(tls.doHandshake(), ssl.SSLWantReadError);
  const waiting = tls[kWaitReady]("read", never());
  await s.sendall(enc("HTTP/1.0 400 not TLS\r\n\r\n"));
  s.close();
  await waiting;
  await assert.rejects(tls.doHandshake(true), ssl.SSLError);
});

for (const [engine, makeClient] of engines) {
  Deno.test(`${engine}: a non-blocking connect, then the handshake, by readiness`, async () => {
    const server = await serverContext();
    using listener = new Socket();
    listener.bind(["127.0.0.1", 0]);
    listener.listen();
    const accepting = listener.accept().then(([s]) => server.wrapSocket(s, { serverSide: true }));
    using tls = await (await makeClient()).wrapSocket(new Socket(), {
      serverHostname: "localhost",
      doHandshakeOnConnect: false,
    });
    tls.setblocking(false);
    await assert.rejects(tls.connect(listener.getsockname()), ssl.BlockingIOError);
    await assert.rejects(tls.recv(10), ssl.SSLWantReadError);
    for (;;) {
      try {
        await tls.doHandshake();
        break;
      } catch (err) {
        if (err instanceof ssl.SSLWantReadError) await tls[kWaitReady]("read", never());
        else if (err instanceof ssl.SSLWantWriteError) await tls[kWaitReady]("write", never());
        else throw err;
      }
    }
    using peer = await accepting;
    assert.ok(tls.getpeercert());
    await peer.sendall(enc("after a non-blocking connect"));
    await tls[kWaitReady]("read", never());
    assert.equal(dec(await tls.recv(100)), "after a non-blocking connect");
  });
}
