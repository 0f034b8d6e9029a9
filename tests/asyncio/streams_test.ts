// Streams over real sockets (CPython test_streams): openConnection/startServer, drain and
// flow control, half close, waitClosed, client-connected callbacks, unix streams, 1,000
// connections at once, cancelled reads.

import assert from "node:assert/strict";
import {
  CancelledError,
  ConnectionResetError,
  createTask,
  Event,
  type ExceptionContext,
  gather,
  getRunningLoop,
  openConnection,
  openUnixConnection,
  run,
  sleep,
  startServer,
  startUnixServer,
  type StreamReader,
  type StreamWriter,
} from "../../asyncio/mod.ts";
import { Socket, socketpair } from "../../socket/mod.ts";
import { tempDir } from "../_helpers/temp_dir.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

async function echo(r: StreamReader, w: StreamWriter): Promise<void> {
  for (;;) {
    const data = await r.read(65536);
    if (data.length === 0) break;
    w.write(data);
    await w.drain();
  }
  w.close();
  await w.waitClosed();
}

function portOf(server: { sockets: Socket[] }): number {
  return (server.sockets[0].getsockname() as [string, number])[1];
}

Deno.test("openConnection/startServer echo lines, then half close ends the reply", async () => {
  await run(async () => {
    await using server = await startServer(echo, "127.0.0.1", 0);
    const [r, w] = await openConnection("127.0.0.1", portOf(server));
    w.writelines([enc("one\n"), enc("two\n")]);
    await w.drain();
    assert.equal(dec(await r.readline()), "one\n");
    assert.equal(dec(await r.readuntil(enc("\n"))), "two\n");
    assert.ok(w.canWriteEof());
    w.write(enc("last"));
    w.writeEof();
    assert.equal(dec(await r.read()), "last");
    assert.ok(r.atEof());
    w.close();
    assert.ok(w.isClosing());
    await w.waitClosed();
  });
});

Deno.test("a 4 MiB message echoes intact through drain and flow control", async () => {
  await run(async () => {
    await using server = await startServer(echo, "127.0.0.1", 0);
    const [r, w] = await openConnection("127.0.0.1", portOf(server), { limit: 1024 });
    const msg = Uint8Array.from({ length: 4 << 20 }, (_, i) => (i * 7) & 255);
    const reading = createTask(() => r.readexactly(msg.length));
    w.write(msg);
    await w.drain();
    const back = await reading;
    assert.equal(back.length, msg.length);
    assert.ok(back.every((b, i) => b === msg[i]));
    w.close();
    await w.waitClosed();
  });
});

Deno.test("drain waits while the peer does not read, and resumes when it does", async () => {
  await run(async () => {
    const readNow = new Event();
    const got = Promise.withResolvers<number>();
    await using server = await startServer(
      async (r, w) => {
        await readNow.wait();
        let n = 0;
        for (;;) {
          const d = await r.read(1 << 20);
          if (d.length === 0) break;
          n += d.length;
        }
        got.resolve(n);
        w.close();
      },
      "127.0.0.1",
      0,
    );
    const [, w] = await openConnection("127.0.0.1", portOf(server));
    w.transport.setWriteBufferLimits({ high: 64 * 1024 });
    const chunk = new Uint8Array(1 << 20);
    let sent = 0;
    let drained = true;
    // Write until drain() stays pending: the kernel's buffers and ours are full.
    while (drained) {
      w.write(chunk);
      sent += chunk.length;
      const d = w.drain().then(() => true);
      drained = await Promise.race([d, sleep(0.05).then(() => false)]);
      if (!drained) {
        readNow.set();
        await d;
      }
    }
    w.writeEof();
    assert.equal(await got.promise, sent);
    w.close();
    await w.waitClosed();
  });
});

Deno.test("after EOF the writer stays open until closed; then drain raises", async () => {
  await run(async () => {
    const [a, b] = socketpair();
    const [r, w] = await openConnection(null, null, { sock: a });
    b.close();
    assert.equal((await r.read()).length, 0);
    assert.ok(r.atEof());
    assert.ok(!w.isClosing()); // Python keeps a half-closed stream open
    w.close();
    await w.waitClosed();
    await assert.rejects(w.drain(), ConnectionResetError);
  });
});

Deno.test("a client-connected callback that fails goes to the exception handler", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const seen = Promise.withResolvers<ExceptionContext>();
    loop.setExceptionHandler((_l, ctx) => seen.resolve(ctx));
    const boom = new Error("handler failed");
    await using server = await startServer(() => Promise.reject(boom), "127.0.0.1", 0);
    const [r, w] = await openConnection("127.0.0.1", portOf(server));
    const ctx = await seen.promise;
    assert.equal(ctx.message, "Unhandled exception in client_connected_cb");
    assert.equal(ctx.exception, boom);
    assert.equal((await r.read()).length, 0); // the server closed the connection
    w.close();
    await w.waitClosed();
  });
});

Deno.test("a cancelled read on a connection loses no byte", async () => {
  await run(async () => {
    await using server = await startServer(
      async (r, w) => {
        w.write(await r.readexactly(3));
        await w.drain();
        w.write(await r.readexactly(3));
        w.close();
      },
      "127.0.0.1",
      0,
    );
    const [r, w] = await openConnection("127.0.0.1", portOf(server));
    // Know when the echo of "abc" has reached the reader (without consuming it).
    const protocol = w.transport.getProtocol() as { dataReceived(d: Uint8Array): void };
    const fed = new Event();
    const feed = protocol.dataReceived.bind(protocol);
    protocol.dataReceived = (d) => {
      feed(d);
      fed.set();
    };
    const t = createTask(() => r.readexactly(6));
    await sleep(0);
    w.write(enc("abc"));
    await fed.wait();
    t.cancel();
    await assert.rejects(async () => await t, CancelledError);
    w.write(enc("def"));
    assert.equal(dec(await r.readexactly(6)), "abcdef");
    w.close();
    await w.waitClosed();
  });
});

Deno.test("1,000 concurrent connections echo without loss", async () => {
  await run(async () => {
    await using server = await startServer(echo, "127.0.0.1", 0, { backlog: 1024 });
    const port = portOf(server);
    const results = await gather(
      ...Array.from({ length: 1000 }, (_, i) => async () => {
        const [r, w] = await openConnection("127.0.0.1", port);
        const msg = enc(`message ${i} `.repeat(1 + (i % 50)) + "\n");
        w.write(msg);
        const line = await r.readline();
        w.close();
        await w.waitClosed();
        return dec(line) === dec(msg);
      }),
    );
    assert.equal(results.filter(Boolean).length, 1000);
  });
});

Deno.test("unix streams: startUnixServer/openUnixConnection, and the file is removed", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/s.sock`;
  await run(async () => {
    const server = await startUnixServer(echo, path);
    const [r, w] = await openUnixConnection(path);
    w.write(enc("over unix\n"));
    assert.equal(dec(await r.readline()), "over unix\n");
    w.close();
    await w.waitClosed();
    server.close();
    await server.waitClosed();
  });
  assert.throws(() => Deno.statSync(path), Deno.errors.NotFound);
});

Deno.test("openConnection with sock: a connected Socket, its read-ahead bytes kept", async () => {
  await run(async () => {
    await using server = await startServer(
      async (_r, w) => {
        w.write(enc("hello from server\n"));
        await w.drain();
        w.close();
      },
      "127.0.0.1",
      0,
    );
    const sock = new Socket();
    await sock.connect(["127.0.0.1", portOf(server)]);
    assert.deepEqual(await sock.recv(6), enc("hello "));
    const [r, w] = await openConnection(null, null, { sock });
    assert.equal(dec(await r.readline()), "from server\n");
    assert.equal(w.getExtraInfo("socket"), sock);
    w.close();
    await w.waitClosed();
  });
});

Deno.test("StreamWriter await using closes and waits", async () => {
  await run(async () => {
    await using server = await startServer(echo, "127.0.0.1", 0);
    const [r, w0] = await openConnection("127.0.0.1", portOf(server));
    {
      await using w = w0;
      w.write(enc("x"));
      assert.equal(dec(await r.read(1)), "x");
    }
    assert.ok(w0.isClosing());
    assert.match(String(w0), /^<StreamWriter transport=/);
  });
});
