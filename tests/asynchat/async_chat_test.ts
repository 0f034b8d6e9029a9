import assert from "node:assert/strict";
import { AsyncChat, SimpleProducer, type Terminator } from "../../asynchat/mod.ts";
import { loop, type SocketMap } from "../../asyncore/mod.ts";
import { type Socket, socketpair } from "../../socket/mod.ts";
import { BACKENDS, connectedPair, pattern } from "../_helpers/loopback.ts";
import { guarded } from "../selectors/_helpers.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

// A protocol that exercises every kind of terminator in turn: a header line ended by
// "\r\n\r\n", a body of the length the header names (a byte count), a line ended by "\n",
// then everything else (null terminator).
class Parser extends AsyncChat {
  records: Array<[string, Uint8Array]> = [];
  #parts: Uint8Array[] = [];
  #stage = 0;
  readSizes: (() => number) | null = null;

  override collectIncomingData(data: Uint8Array): void {
    assert.ok(data.length > 0, "collectIncomingData never gets empty data");
    this.#parts.push(data.slice());
  }

  override foundTerminator(): void {
    const data = join(this.#parts);
    this.#parts = [];
    const stage = ["header", "body", "line"][this.#stage++];
    this.records.push([stage, data]);
    const next: Terminator[] = [Number(dec.decode(data).split(":")[1]), enc.encode("\n"), null];
    this.setTerminator(next[this.#stage - 1]);
  }

  rest(): Uint8Array {
    return join(this.#parts);
  }

  override async handleRead(): Promise<void> {
    if (this.readSizes) this.acInBufferSize = this.readSizes();
    await super.handleRead();
  }

  override handleClose(): void {
    this.close();
  }
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

function message(bodySize: number): [Uint8Array, Uint8Array, Uint8Array] {
  const body = pattern(bodySize, 3);
  // The body holds "\r\n\r\n" and "\n" bytes on purpose: a count terminator ignores them.
  body.set(enc.encode("\r\n\r\n\n"), Math.floor(bodySize / 2));
  const header = enc.encode(`length:${bodySize}`);
  const tail = enc.encode("the rest, with no terminator\r\n\r");
  const wire = join([header, enc.encode("\r\n\r\n"), body, enc.encode("a line\n"), tail]);
  return [wire, body, tail];
}

async function feed(
  sock: Socket,
  peer: Socket,
  wire: Uint8Array,
  readSizes: () => number,
): Promise<Parser> {
  const map: SocketMap = new Map();
  const chat = new Parser(sock, map);
  chat.setTerminator("\r\n\r\n");
  chat.readSizes = readSizes;
  await peer.sendall(wire);
  peer.close();
  await loop({ map, timeout: 5 });
  return chat;
}

for (const backend of BACKENDS) {
  Deno.test(
    `AsyncChat finds every terminator across read splits, no byte lost (${backend})`,
    guarded(async (_res, t) => {
      const [wire, body, tail] = message(700);
      let seed = 12345;
      const random = (max: number) => () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return 1 + (seed % max);
      };
      const splits: Array<[string, () => number]> = [
        ["1-byte reads", () => 1],
        ["2-byte reads", () => 2],
        ["3-byte reads", () => 3],
        ["random 1-5", random(5)],
        ["random 1-40", random(40)],
        ["64 KiB reads", () => 65536],
      ];
      for (const [label, sizes] of splits) {
        await t.step(label, async () => {
          const [a, b] = backend === "kernel"
            ? socketpair()
            : await connectedPair().then(([c, s, l]) => (l.close(), [c, s]));
          const chat = await feed(a, b, wire, sizes);
          assert.deepEqual(chat.records.map(([k]) => k), ["header", "body", "line"]);
          assert.equal(dec.decode(chat.records[0][1]), "length:700");
          assert.deepEqual(chat.records[1][1], body);
          assert.equal(dec.decode(chat.records[2][1]), "a line");
          assert.deepEqual(chat.rest(), tail);
          assert.equal(chat.getTerminator(), null);
        });
      }
    }),
  );
}

Deno.test(
  "AsyncChat: a count terminator delivers exactly that many bytes",
  guarded(async () => {
    const [a, b] = socketpair();
    const map: SocketMap = new Map();
    const sizes: number[] = [];
    let current: Uint8Array[] = [];
    class Fixed extends AsyncChat {
      override collectIncomingData(data: Uint8Array): void {
        current.push(data);
      }
      override foundTerminator(): void {
        sizes.push(join(current).length);
        current = [];
        this.setTerminator(sizes.length === 1 ? 5 : 0);
      }
    }
    const chat = new Fixed(a, map);
    chat.setTerminator(3);
    assert.equal(chat.getTerminator(), 3);
    chat.acInBufferSize = 2;
    await b.sendall(enc.encode("abcdefghXY"));
    b.close();
    await loop({ map, timeout: 5 });
    assert.deepEqual(sizes, [3, 5]);
    assert.equal(dec.decode(join(current)), "XY"); // 0: collect everything after
  }),
);

Deno.test("AsyncChat.setTerminator() rejects bad terminators", () => {
  const chat = new AsyncChat(null, new Map());
  assert.throws(() => chat.setTerminator(-1), {
    name: "ValueError",
    message: "the number of received bytes must be positive",
  });
  assert.throws(() => chat.setTerminator(1.5), TypeError);
  assert.throws(() => chat.setTerminator({} as Uint8Array), TypeError);
  chat.setTerminator(enc.encode("END"));
  assert.deepEqual(chat.getTerminator(), enc.encode("END"));
  chat.setTerminator("\n");
  assert.equal(chat.getTerminator(), "\n");
});

Deno.test(
  "AsyncChat without collectIncomingData fails into handleError",
  guarded(async () => {
    const [a, b] = socketpair();
    const map: SocketMap = new Map();
    const logged: string[] = [];
    class Bare extends AsyncChat {
      override logInfo(msg: string, type = "info"): void {
        logged.push(`${type}: ${msg}`);
      }
    }
    new Bare(a, map).setTerminator("\n");
    await b.sendall(enc.encode("x\n"));
    await loop({ map, timeout: 5 });
    assert.match(logged.join("\n"), /NotImplementedError:must be implemented in subclass/);
    b.close();
  }),
);

for (const backend of BACKENDS) {
  Deno.test(
    `AsyncChat.push(), pushWithProducer() and closeWhenDone() (${backend})`,
    guarded(
      async () => {
        const [a, b] = backend === "kernel"
          ? socketpair()
          : await connectedPair().then(([c, s, l]) => (l.close(), [c, s]));
        const map: SocketMap = new Map();
        class Sender extends AsyncChat {
          override readable(): boolean {
            return false;
          }
        }
        const chat = new Sender(a, map);
        chat.acOutBufferSize = 1000;
        const big = pattern(10_500, 9);
        chat.push("text, ");
        chat.push(big);
        chat.pushWithProducer(new SimpleProducer("produced", 3));
        chat.push(new Uint8Array(0));
        chat.closeWhenDone();
        assert.throws(() => chat.push(42 as unknown as string), TypeError);
        const reading = (async () => {
          const parts: Uint8Array[] = [];
          for (;;) {
            const data = await b.recv(65536);
            if (data.length === 0) return join(parts);
            parts.push(data);
          }
        })();
        await loop({ map, timeout: 5 });
        const got = await reading;
        assert.deepEqual(got, join([enc.encode("text, "), big, enc.encode("produced")]));
        assert.equal(map.size, 0); // closed when done
        b.close();
      },
    ),
  );
}

Deno.test("AsyncChat.discardBuffers() drops queued output and buffered input", () => {
  const chat = new AsyncChat(null, new Map());
  chat.push("queued"); // not connected: nothing is sent
  chat.acInBuffer = enc.encode("partial");
  assert.equal(chat.writable(), true);
  chat.discardBuffers();
  assert.equal(chat.producerFifo.length, 0);
  assert.equal(chat.acInBuffer.length, 0);
  assert.equal(chat.readable(), true);
});
