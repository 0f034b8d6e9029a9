// MemoryBIO: Python's synchronous byte queue.

import assert from "node:assert/strict";
import { MemoryBIO, SSLError } from "../../ssl/mod.ts";

Deno.test("MemoryBIO queues bytes in order and reads them in any split", () => {
  const bio = new MemoryBIO();
  assert.equal(bio.pending, 0);
  assert.equal(bio.write(new Uint8Array([1, 2, 3])), 3);
  assert.equal(bio.write(new Uint16Array([0x0504])), 2);
  assert.equal(bio.pending, 5);
  assert.deepEqual(bio.read(2), new Uint8Array([1, 2]));
  assert.deepEqual(bio.read(2), new Uint8Array([3, 4]));
  assert.deepEqual(bio.read(), new Uint8Array([5]));
  assert.deepEqual(bio.read(), new Uint8Array(0));
});

Deno.test("MemoryBIO.write copies, so later changes to the source do not leak in", () => {
  const bio = new MemoryBIO();
  const src = new Uint8Array([7, 7]);
  bio.write(src);
  src[0] = 0;
  assert.deepEqual(bio.read(), new Uint8Array([7, 7]));
});

Deno.test("MemoryBIO.eof is true once writeEof was called and everything was read", () => {
  const bio = new MemoryBIO();
  bio.write(new Uint8Array([1]));
  bio.writeEof();
  assert.equal(bio.eof, false);
  assert.deepEqual(bio.read(-1), new Uint8Array([1]));
  assert.equal(bio.eof, true);
});

Deno.test("MemoryBIO.write after writeEof throws SSLError; bad input throws TypeError", () => {
  const bio = new MemoryBIO();
  bio.writeEof();
  assert.throws(() => bio.write(new Uint8Array([1])), SSLError);
  assert.throws(() => new MemoryBIO().write("text" as unknown as Uint8Array), TypeError);
  assert.throws(() => new MemoryBIO().read(1.5), TypeError);
});
