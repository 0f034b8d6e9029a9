// loop.connectReadPipe / connectWritePipe (18.5.1.11) over real kernel pipes, a child
// process's pipes (Deno.Command's streams, and a kernel pipe given to the child as its
// stdout), and a child Deno program's own stdin and stdout, with and without --allow-ffi.

import assert from "node:assert/strict";
import {
  type BaseTransport,
  BrokenPipeError,
  BufferedProtocol,
  createSubprocessExec,
  getRunningLoop,
  Protocol,
  type ReadTransport,
  run,
  sleep,
  ValueError,
  type WriteTransport,
} from "../../asyncio/mod.ts";
import { pipe, write } from "../../_ffi/fd.ts";
import { libc } from "../../_ffi/libc.ts";
import { openDescriptor } from "../../_ffi/mman.ts";
import { FD_READ, waitFd } from "../../_ffi/reactor.ts";
import { fdGuard } from "../_helpers/fd_guard.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();
const CHILD = new URL("./_pipe_child.ts", import.meta.url).pathname;

/** A protocol that records its callbacks and settles `lost` on connectionLost. */
class Recorder extends Protocol {
  events: string[] = [];
  chunks: Uint8Array[] = [];
  transport: BaseTransport | null = null;
  lost = Promise.withResolvers<unknown>();
  override connectionMade(t: BaseTransport): void {
    this.transport = t;
    this.events.push("made");
  }
  override dataReceived(data: Uint8Array): void {
    this.events.push("data");
    this.chunks.push(data);
  }
  override eofReceived(): void {
    this.events.push("eof");
  }
  override pauseWriting(): void {
    this.events.push("pause");
  }
  override resumeWriting(): void {
    this.events.push("resume");
  }
  override connectionLost(exc: unknown): void {
    this.events.push(`lost:${exc === null ? "null" : (exc as Error).name}`);
    this.lost.resolve(exc);
  }
  text(): string {
    return dec.decode(concat(this.chunks));
  }
}

Deno.test(
  "connectReadPipe over a kernel pipe: data in order, then eofReceived, then connectionLost",
  fdGuard(async () => {
    await run(async () => {
      const loop = getRunningLoop();
      const [r, w] = pipe();
      const [t, p] = await loop.connectReadPipe(() => new Recorder(), r);
      assert.equal(p.events[0], "made");
      assert.equal(t.getExtraInfo("pipe"), r);
      assert.ok(t.isReading() && !t.isClosing());
      write(w, enc.encode("one "));
      write(w, enc.encode("two"));
      libc().close(w);
      assert.equal(await p.lost.promise, null);
      assert.equal(p.text(), "one two");
      assert.deepEqual(p.events.filter((e) => e !== "data"), ["made", "eof", "lost:null"]);
      assert.ok(t.isClosing());
    });
  }),
);

Deno.test(
  "pauseReading stops dataReceived until resumeReading; nothing is lost",
  fdGuard(async () => {
    await run(async () => {
      const loop = getRunningLoop();
      const [r, w] = pipe();
      const [t, p] = await loop.connectReadPipe(() => new Recorder(), r);
      t.pauseReading();
      assert.equal(t.isReading(), false);
      write(w, enc.encode("held"));
      await waitFd(r, FD_READ); // the bytes are in the pipe
      for (let i = 0; i < 20; i++) await sleep(0);
      assert.deepEqual(p.chunks, []);
      t.resumeReading();
      libc().close(w);
      await p.lost.promise;
      assert.equal(p.text(), "held");
    });
  }),
);

Deno.test(
  "connectWritePipe: pauseWriting over the high-water mark, resumeWriting at the low one",
  fdGuard(async () => {
    await run(async () => {
      const loop = getRunningLoop();
      const [r, w] = pipe();
      const [wt, wp] = await loop.connectWritePipe(() => new Recorder(), w);
      wt.setWriteBufferLimits({ high: 4096 });
      assert.deepEqual(wt.getWriteBufferLimits(), [1024, 4096]);
      const big = new Uint8Array(1 << 20).map((_, i) => i % 251);
      wt.write(big); // the pipe takes 64 KiB at once; the rest is buffered
      assert.ok(wt.getWriteBufferSize() > 4096);
      assert.deepEqual(wp.events, ["made", "pause"]);
      big.fill(0); // the transport copied what it kept
      const [, rp] = await loop.connectReadPipe(() => new Recorder(), r);
      wt.close();
      assert.equal(await wp.lost.promise, null);
      await rp.lost.promise;
      assert.deepEqual(wp.events, ["made", "pause", "resume", "lost:null"]);
      const got = concat(rp.chunks);
      assert.equal(got.length, 1 << 20);
      assert.ok(got.every((v, i) => v === i % 251));
    });
  }),
);

Deno.test(
  "the reader going away ends the write transport: quietly, or BrokenPipeError with data",
  fdGuard(async () => {
    await run(async () => {
      const loop = getRunningLoop();
      const [r1, w1] = pipe();
      const [t1, p1] = await loop.connectWritePipe(() => new Recorder(), w1);
      libc().close(r1);
      assert.equal(await p1.lost.promise, null);
      t1.write(enc.encode("dropped")); // after the end: ignored, as in Python
      assert.equal(t1.isClosing(), true);

      const [r2, w2] = pipe();
      const [t2, p2] = await loop.connectWritePipe(() => new Recorder(), w2);
      t2.write(new Uint8Array(256 * 1024));
      assert.ok(t2.getWriteBufferSize() > 0);
      libc().close(r2);
      assert.ok((await p2.lost.promise) instanceof BrokenPipeError);
      assert.equal(t2.getWriteBufferSize(), 0);
    });
  }),
);

Deno.test(
  "pipe transports over a child process's pipes (Deno.Command streams)",
  async () => {
    await run(async () => {
      const loop = getRunningLoop();
      const child = new Deno.Command("cat", { stdin: "piped", stdout: "piped" }).spawn();
      const [, rp] = await loop.connectReadPipe(() => new Recorder(), child.stdout);
      const [wt, wp] = await loop.connectWritePipe(() => new Recorder(), child.stdin);
      assert.equal(wt.canWriteEof(), true);
      wt.writelines([enc.encode("through "), enc.encode("cat")]);
      wt.writeEof();
      assert.equal(await wp.lost.promise, null);
      assert.equal(await rp.lost.promise, null);
      assert.equal(rp.text(), "through cat");
      assert.equal((await child.status).code, 0);
    });
  },
);

Deno.test(
  "a kernel pipe given to a child as its stdout, read with connectReadPipe",
  fdGuard(async () => {
    await run(async () => {
      const loop = getRunningLoop();
      const [r, w] = pipe();
      const proc = await createSubprocessExec("sh", "-c", "echo from the child", { stdout: w });
      libc().close(w);
      const [, p] = await loop.connectReadPipe(() => new Recorder(), r);
      await p.lost.promise;
      assert.equal(p.text(), "from the child\n");
      assert.equal(await proc.wait(), 0);
    });
  }),
);

for (const ffi of [true, false]) {
  Deno.test(`a child's stdin and stdout as pipes (${ffi ? "fds 0, 1" : "streams"})`, async () => {
    const flags = ffi ? ["-A"] : ["--allow-read", "--allow-env"];
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", ...flags, CHILD],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const w = child.stdin.getWriter();
    await w.write(enc.encode("hello "));
    await w.write(enc.encode("pipes"));
    await w.close();
    const out = await child.output();
    assert.equal(out.code, 0, dec.decode(out.stderr));
    assert.equal(dec.decode(out.stdout), "HELLO PIPES");
    assert.equal(dec.decode(out.stderr).trim(), `ffi=${ffi ? "granted" : "prompt"}`);
  });
}

Deno.test(
  "a BufferedProtocol reads a pipe through getBuffer/bufferUpdated",
  fdGuard(async () => {
    await run(async () => {
      const loop = getRunningLoop();
      const [r, w] = pipe();
      const got: number[] = [];
      const lost = Promise.withResolvers<void>();
      class Small extends BufferedProtocol {
        buf = new Uint8Array(3);
        override getBuffer(_hint: number): Uint8Array {
          return this.buf;
        }
        override bufferUpdated(n: number): void {
          got.push(...this.buf.subarray(0, n));
        }
        override connectionLost(): void {
          lost.resolve();
        }
      }
      await loop.connectReadPipe(() => new Small(), r);
      write(w, new Uint8Array([1, 2, 3, 4, 5, 6, 7]));
      libc().close(w);
      await lost.promise;
      assert.deepEqual(got, [1, 2, 3, 4, 5, 6, 7]);
    });
  }),
);

Deno.test(
  "what is not a pipe is refused: TypeError, ValueError; the object's close() is used",
  fdGuard(async () => {
    await run(async () => {
      const loop = getRunningLoop();
      await assert.rejects(loop.connectReadPipe(() => new Recorder(), "0" as never), TypeError);
      await assert.rejects(loop.connectWritePipe(() => new Recorder(), -1), ValueError);
      const file = openDescriptor("/etc/hostname", { read: true, write: false, truncate: false });
      try {
        await assert.rejects(loop.connectReadPipe(() => new Recorder(), file), {
          name: "ValueError",
          message: "Pipe transport is for pipes/sockets only.",
        });
      } finally {
        libc().close(file);
      }
      const [r, w] = pipe();
      let closed = 0;
      const obj = {
        fileno: () => w,
        close: () => {
          closed++;
          libc().close(w);
        },
      };
      const [t, p] = await loop.connectWritePipe(() => new Recorder(), obj);
      assert.equal(t.getExtraInfo("pipe"), obj);
      assert.throws(() => t.write("text" as never), TypeError);
      (t as WriteTransport).abort();
      await p.lost.promise;
      assert.equal(closed, 1);
      libc().close(r);
      const [r2, w2] = pipe();
      const [rt, rp] = await loop.connectReadPipe(() => new Recorder(), r2);
      (rt as ReadTransport).close();
      assert.equal(await rp.lost.promise, null);
      libc().close(w2);
    });
  }),
);

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
