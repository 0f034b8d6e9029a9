import assert from "node:assert/strict";
import { SimpleProducer } from "../../asynchat/mod.ts";

Deno.test("SimpleProducer hands out chunks of bufferSize, then empty", () => {
  const p = new SimpleProducer(new Uint8Array([1, 2, 3, 4, 5]), 2);
  assert.deepEqual([p.more(), p.more(), p.more(), p.more()], [
    new Uint8Array([1, 2]),
    new Uint8Array([3, 4]),
    new Uint8Array([5]),
    new Uint8Array(0),
  ]);
  const text = new SimpleProducer("x".repeat(600));
  assert.equal(text.bufferSize, 512);
  assert.equal(text.more().length, 512);
  assert.equal(text.more().length, 88);
});
