import assert from "node:assert/strict";
import * as S from "../../_ffi/sockets.ts";
import {
  compactTraceback,
  Dispatcher,
  FileDispatcher,
  FileWrapper,
  loop,
  NotImplementedError,
  type SocketMap,
} from "../../asyncore/mod.ts";
import {
  AF_INET,
  MSG_OOB,
  SO_ERROR,
  SOCK_DGRAM,
  Socket,
  socketpair,
  SOL_SOCKET,
} from "../../socket/mod.ts";
import { newSocket } from "../_helpers/loopback.ts";
import { kWaitReady } from "../../socket/readiness.ts";
import { guarded } from "../selectors/_helpers.ts";

/** A dispatcher that records its log instead of printing it. */
class Logged extends Dispatcher {
  logged: string[] = [];
  override logInfo(message: string, type = "info"): void {
    if (!this.ignoreLogTypes.has(type)) this.logged.push(`${type}: ${message}`);
  }
}

Deno.test(
  "Dispatcher(sock) joins the map, is connected, non-blocking, and has a repr",
  guarded(
    () => {
      const [a, b] = socketpair();
      const map: SocketMap = new Map();
      const d = new Dispatcher(a, map);
      assert.equal(a.getblocking(), false);
      assert.equal(d.connected, true);
      assert.deepEqual([...map], [[a.fileno(), d]]);
      assert.match(String(d), /^<Dispatcher connected .* at 0x[0-9a-f]+>$/);
      d.close();
      assert.equal(map.size, 0);
      assert.ok(a.closed);
      d.close(); // twice: nothing
      const idle = new Dispatcher(null, map);
      assert.equal(idle.socket, null);
      assert.equal(map.size, 0);
      assert.throws(() => idle.listen(5), TypeError);
      const unconnected = new Socket();
      const u = new Dispatcher(unconnected, map);
      assert.equal(u.connected, false); // getpeername said ENOTCONN
      u.close();
      b.close();
    },
  ),
);

Deno.test(
  "Dispatcher.handleError() prints a compact traceback and closes",
  guarded(async () => {
    const [a, b] = socketpair();
    const map: SocketMap = new Map();
    class Faulty extends Logged {
      override handleWrite(): void {
        throw new RangeError("boom");
      }
    }
    const d = new Faulty(a, map);
    await loop({ map, timeout: 1 });
    assert.equal(map.size, 0); // closed by handleError -> handleClose
    assert.equal(d.logged.length, 1);
    const [head, tail] = d.logged[0].split(" (RangeError:boom ");
    assert.match(head, /^error: uncaptured exception, closing channel <Faulty connected .*>$/);
    assert.match(tail, /^\[.*\|Faulty\.handleWrite\|\d+\]\)$/);
    b.close();
  }),
);

Deno.test("compactTraceback() lists frames outermost first", () => {
  function inner(): never {
    throw new Error("x");
  }
  function outer(): never {
    inner();
  }
  try {
    outer();
  } catch (err) {
    const [[file, fn, line], type, value, info] = compactTraceback(err);
    assert.equal(fn, "inner");
    assert.ok(file.endsWith("dispatcher_test.ts"));
    assert.ok(Number(line) > 0);
    assert.equal(type, "Error");
    assert.equal(value, err);
    assert.ok(info.indexOf("|outer|") < info.indexOf("|inner|"));
  }
  assert.deepEqual(compactTraceback("not an error")[0], ["?", "?", "0"]);
});

Deno.test(
  "Dispatcher.connect() to a closed port: handleConnectEvent fails into handleError",
  guarded(
    async (_res, t) => {
      const closed = new Socket();
      closed.bind(["127.0.0.1", 0]);
      const address = closed.getsockname() as [string, number];
      closed.close();
      for (const backend of ["native", "kernel"] as const) {
        await t.step(backend, async () => {
          const map: SocketMap = new Map();
          const c = new Logged(null, map);
          const sock = newSocket(backend, AF_INET);
          sock.setblocking(false);
          c.setSocket(sock);
          await c.connect(address); // under way (or refused at once: then handleError too)
          await loop({ map, timeout: 5 });
          assert.equal(map.size, 0);
          assert.match(c.logged.join("\n"), /ConnectionRefusedError/);
        });
      }
    },
  ),
);

Deno.test(
  "Dispatcher.connect(): a failure at once rejects, or goes to handleError unawaited",
  guarded(
    async () => {
      const dir = await Deno.makeTempDir();
      try {
        const map: SocketMap = new Map();
        const awaited = new Logged(null, map);
        awaited.createSocket(1 /* AF_UNIX */);
        await assert.rejects(awaited.connect(`${dir}/nobody.sock`), { name: "FileNotFoundError" });
        awaited.close();
        assert.deepEqual(awaited.logged, []);
        const unawaited = new Logged(null, map);
        unawaited.createSocket(1);
        void unawaited.connect(`${dir}/nobody.sock`);
        await loop({ map, timeout: 1 });
        assert.match(unawaited.logged.join("\n"), /FileNotFoundError/);
        assert.equal(map.size, 0);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  ),
);

for (const usePoll of [false, true]) {
  Deno.test(
    `out-of-band data makes the loop call handleExpt, as test_asyncore's test_handle_expt ` +
      `[${usePoll ? "poll" : "select"}]`,
    guarded(async () => {
      // MSG_OOB needs kernel TCP sockets; select() reports urgent data in its exceptional
      // set, poll() as POLLPRI, and both reach handleExptEvent.
      const map: SocketMap = new Map();
      let accepted: Socket | null = null;
      class Server extends Dispatcher {
        override async handleAccepted(sock: Socket): Promise<void> {
          accepted = sock;
          assert.equal(await sock.send(new Uint8Array([244]), MSG_OOB), 1);
          this.close();
        }
      }
      class Client extends Logged {
        urgent: Uint8Array | null = null;
        override writable(): boolean {
          return !this.connected;
        }
        override handleConnect(): void {}
        override async handleExpt(): Promise<void> {
          this.urgent = await (this.socket as Socket).recv(1024, MSG_OOB);
          this.close();
        }
      }
      const listening = newSocket("kernel");
      const server = new Server(listening, map);
      server.setReuseAddr();
      server.bind(["127.0.0.1", 0]);
      server.listen(5);
      const client = new Client(newSocket("kernel"), map);
      await client.connect(listening.getsockname());
      // Each poll waits for an event: the accept, the connect, then the urgent byte.
      await loop({ map, usePoll, timeout: 5, count: 10 });
      try {
        assert.deepEqual(client.urgent, new Uint8Array([244]));
        assert.equal(map.size, 0);
        assert.deepEqual(client.logged, []);
      } finally {
        client.close();
        (accepted as Socket | null)?.close();
      }
    }),
  );
}

Deno.test(
  "Dispatcher.handleExptEvent() closes on a pending socket error instead",
  guarded(async () => {
    // A connected kernel UDP socket learns of a closed port from ICMP, as SO_ERROR.
    const probe = newSocket("kernel", AF_INET, SOCK_DGRAM);
    probe.bind(["127.0.0.1", 0]);
    const deadAddress = probe.getsockname();
    probe.close();
    const udp = newSocket("kernel", AF_INET, SOCK_DGRAM);
    await udp.connect(deadAddress);
    await udp.send(new Uint8Array([1]));
    await udp[kWaitReady]("read", new AbortController().signal);
    const events: string[] = [];
    class Watcher extends Dispatcher {
      override handleExpt(): void {
        events.push("expt");
      }
      override handleClose(): void {
        events.push("close");
        this.close();
      }
    }
    const d = new Watcher(udp, new Map());
    await d.handleExptEvent();
    assert.deepEqual(events, ["close"]);
    assert.ok(udp.closed);
  }),
);

Deno.test(
  "Dispatcher.recv() at end of stream calls handleClose and returns empty",
  guarded(
    async () => {
      const [a, b] = socketpair();
      let closes = 0;
      class Rec extends Dispatcher {
        override handleClose(): void {
          closes++;
          this.close();
        }
      }
      const d = new Rec(a, new Map());
      b.close();
      assert.deepEqual(await d.recv(10), new Uint8Array(0));
      assert.equal(closes, 1);
      // send() on a dead peer: 0, and handleClose again
      const [c, e] = socketpair();
      const d2 = new Rec(c, new Map());
      e.close();
      assert.equal(await d2.send(new Uint8Array(10)), 0);
      assert.equal(closes, 2);
    },
  ),
);

Deno.test(
  "FileWrapper and FileDispatcher over a kernel pipe",
  guarded(async (res) => {
    const [r, w] = res.pipe();
    const f = new FileWrapper(r);
    assert.notEqual(f.fileno(), r);
    S.write(w, new Uint8Array([7, 8]));
    assert.deepEqual(await f.read(10), new Uint8Array([7, 8]));
    await assert.rejects(f.recv(10), { name: "BlockingIOError" });
    assert.equal(f.getsockopt(SOL_SOCKET, SO_ERROR), 0);
    assert.throws(() => f.getsockopt(SOL_SOCKET, SO_ERROR, 4), NotImplementedError);
    f.close();
    f.close();
    assert.equal(f.fileno(), -1);
    await assert.rejects(f.recv(1), { name: "OSError", code: "EBADF" });

    const map: SocketMap = new Map();
    const chunks: number[] = [];
    class Reader extends FileDispatcher {
      override writable(): boolean {
        return false;
      }
      override async handleRead(): Promise<void> {
        const data = await this.recv(4);
        chunks.push(data.length);
      }
      override handleClose(): void {
        this.close();
      }
    }
    new Reader({ fileno: () => r }, map);
    S.write(w, new Uint8Array(10));
    S.close(w);
    await loop({ map, timeout: 1 });
    assert.equal(chunks.reduce((x, y) => x + y, 0), 10);
    assert.equal(map.size, 0);
  }),
);
