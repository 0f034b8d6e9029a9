import assert from "node:assert/strict";
import { DispatcherWithSend, loop, type SocketMap } from "../../asyncore/mod.ts";
import { socketpair } from "../../socket/mod.ts";
import { BACKENDS, connectedPair, pattern, sha256 } from "../_helpers/loopback.ts";
import { guarded } from "../selectors/_helpers.ts";

for (const backend of BACKENDS) {
  Deno.test(
    `DispatcherWithSend: sends started together go out whole and in order (${backend})`,
    guarded(async () => {
      const [a, b] = backend === "kernel"
        ? socketpair()
        : await connectedPair().then(([c, s, l]) => (l.close(), [c, s]));
      const map: SocketMap = new Map();
      class Sender extends DispatcherWithSend {
        override readable(): boolean {
          return false;
        }
        override async handleWrite(): Promise<void> {
          await super.handleWrite();
          if (this.outBuffer.length === 0) this.close(); // all out: done
        }
      }
      const d = new Sender(a, map);
      const parts = [pattern(300_000, 1), pattern(5, 2), pattern(200_000, 3)];
      // Not awaited one by one: they must not interleave or repeat bytes.
      const counts = await Promise.all(parts.map((p) => d.send(p)));
      assert.deepEqual(counts, parts.map((p) => p.length));
      const reading = (async () => {
        const got: Uint8Array[] = [];
        let total = 0;
        for (;;) {
          const data = await b.recv(65536);
          if (data.length === 0) break;
          got.push(data);
          total += data.length;
        }
        const all = new Uint8Array(total);
        let off = 0;
        for (const g of got) {
          all.set(g, off);
          off += g.length;
        }
        return all;
      })();
      await loop({ map, timeout: 5 });
      const expected = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let off = 0;
      for (const p of parts) {
        expected.set(p, off);
        off += p.length;
      }
      const got = await reading;
      assert.equal(got.length, expected.length);
      assert.equal(await sha256(got), await sha256(expected));
      b.close();
    }),
  );
}
