import assert from "node:assert/strict";
import * as S from "../../_ffi/sockets.ts";
import {
  closeAll,
  Dispatcher,
  ExitNow,
  loop,
  poll,
  readwrite,
  type SocketMap,
  socketMap,
} from "../../asyncore/mod.ts";
import { POLLHUP, POLLIN } from "../../select/mod.ts";
import { AF_INET, AF_INET6, AF_UNIX, socketpair } from "../../socket/mod.ts";
import { BACKENDS, hasIpv6Loopback, pattern, sha256 } from "../_helpers/loopback.ts";
import { guarded } from "../selectors/_helpers.ts";
import { echoRoundTrip } from "./_echo.ts";

const families = [
  ["IPv4", AF_INET, true],
  ["IPv6", AF_INET6, hasIpv6Loopback()],
  ["unix", AF_UNIX, true],
] as const;

for (const [label, family, available] of families) {
  for (const usePoll of [false, true]) {
    Deno.test({
      name: `asyncore.loop(): the 18.6.2 echo over ${label} under ${usePoll ? "poll" : "select"}`,
      ignore: !available,
      fn: guarded(async (_res, t) => {
        for (const backend of BACKENDS) {
          await t.step(`${backend} sockets`, async () => {
            const dir = family === AF_UNIX ? await Deno.makeTempDir() : null;
            try {
              const address = dir !== null
                ? `${dir}/echo.sock`
                : [family === AF_INET6 ? "::1" : "127.0.0.1", 0] as [string, number];
              const payload = pattern(300_000, family + (usePoll ? 7 : 0));
              const result = await echoRoundTrip({ family, backend, usePoll, address, payload });
              assert.equal(result.received.length, payload.length);
              assert.equal(await sha256(result.received), await sha256(payload));
              // Kernel sockets are keyed by their descriptor, native ones synthetically.
              const synthetic = result.clientKey >= 2 ** 31;
              assert.equal(synthetic, backend === "native");
            } finally {
              if (dir !== null) await Deno.remove(dir, { recursive: true });
            }
          });
        }
      }),
    });
  }
}

Deno.test(
  "asyncore.loop() ends on ExitNow from a handler, which it rethrows",
  guarded(async () => {
    const [a, b] = socketpair();
    const map: SocketMap = new Map();
    class Quit extends Dispatcher {
      override handleWrite(): void {
        throw new ExitNow("stop");
      }
    }
    const d = new Quit(a, map);
    await assert.rejects(loop({ map, timeout: 1 }), { name: "ExitNow", message: "stop" });
    assert.equal(map.size, 1);
    d.close();
    b.close();
  }),
);

Deno.test(
  "asyncore.loop() with count polls at most that many times",
  guarded(async () => {
    const [a, b] = socketpair();
    const map: SocketMap = new Map();
    let writes = 0;
    class Counter extends Dispatcher {
      override handleWrite(): void {
        writes++;
      }
    }
    new Counter(a, map);
    await loop({ map, timeout: 1, count: 3 });
    assert.equal(writes, 3);
    await loop({ map, timeout: 1, count: 2, usePoll: true });
    assert.equal(writes, 5);
    closeAll(map);
    b.close();
  }),
);

Deno.test(
  "asyncore.loop() uses socketMap by default, and closeAll() empties it",
  guarded(
    async () => {
      const [a, b] = socketpair();
      let closed = false;
      class Once extends Dispatcher {
        override handleWrite(): void {
          closed = true;
          this.close();
        }
      }
      new Once(a);
      assert.equal(socketMap.size, 1);
      await loop();
      assert.ok(closed);
      assert.equal(socketMap.size, 0);
      new Dispatcher(b);
      closeAll();
      assert.ok(b.closed);
      assert.equal(socketMap.size, 0);
    },
  ),
);

Deno.test(
  "asyncore.poll() sleeps its timeout when nothing is readable or writable",
  guarded(
    async () => {
      const [a, b] = socketpair();
      const map: SocketMap = new Map();
      class Idle extends Dispatcher {
        override readable(): boolean {
          return false;
        }
        override writable(): boolean {
          return false;
        }
      }
      const d = new Idle(a, map);
      const start = performance.now();
      await poll(0.05, map);
      assert.ok(performance.now() - start >= 45);
      d.close();
      b.close();
    },
  ),
);

Deno.test(
  "asyncore.readwrite() maps POLL flags to handlers; a hang-up closes",
  guarded(
    async () => {
      const [a, b] = socketpair();
      const calls: string[] = [];
      class Rec extends Dispatcher {
        override handleRead(): void {
          calls.push("read");
        }
        override handleClose(): void {
          calls.push("close");
          this.close();
        }
      }
      const d = new Rec(a, new Map());
      await readwrite(d, POLLIN | POLLHUP);
      assert.deepEqual(calls, ["read", "close"]);
      b.close();
    },
  ),
);

Deno.test(
  "asyncore.loop() under poll reports a hang-up of a pipe through handleClose",
  guarded(
    async (res) => {
      const [r, w] = res.pipe();
      const map: SocketMap = new Map();
      const { FileDispatcher } = await import("../../asyncore/mod.ts");
      let closes = 0;
      class Pipe extends FileDispatcher {
        override writable(): boolean {
          return false;
        }
        override async handleRead(): Promise<void> {
          await this.recv(10);
        }
        override handleClose(): void {
          closes++;
          this.close();
        }
      }
      new Pipe(r, map);
      S.close(w);
      await loop({ map, usePoll: true, timeout: 1 });
      assert.ok(closes >= 1);
    },
  ),
);
