// SSLSocket in select.select: readiness through the handshake and for decrypted data, as
// Python's 18.2.6 loops use it.

import assert from "node:assert/strict";
import * as ssl from "../../ssl/mod.ts";
import { select } from "../../select/mod.ts";
import { connectedPair } from "../_helpers/loopback.ts";
import { clientContext, dec, enc, fastClientContext, serverContext } from "./_tls.ts";

for (
  const [engine, makeClient] of [["node:tls", clientContext], [
    "Deno native",
    fastClientContext,
  ]] as const
) {
  Deno.test(`${engine}: select drives a non-blocking handshake and reads`, async () => {
    const [c, s, l] = await connectedPair();
    l.close();
    const serving = (await serverContext()).wrapSocket(s, { serverSide: true });
    c.setblocking(false);
    using tls = await (await makeClient()).wrapSocket(c, {
      serverHostname: "localhost",
      doHandshakeOnConnect: false,
    });
    for (;;) {
      try {
        await tls.doHandshake();
        break;
      } catch (err) {
        if (err instanceof ssl.SSLWantReadError) await select([tls], [], [], 5);
        else if (err instanceof ssl.SSLWantWriteError) await select([], [tls], [], 5);
        else throw err;
      }
    }
    using server = await serving;
    assert.deepEqual(await select([tls], [], [], 0), [[], [], []]);
    const [, writable] = await select([], [tls], [], 0);
    assert.deepEqual(writable, [tls]);
    await server.sendall(enc("selected"));
    const [readable] = await select([tls], [], [], 5);
    assert.deepEqual(readable, [tls]);
    assert.equal(dec(await tls.recv(100)), "selected");
  });
}
