// RAND_* on the Web Crypto CSPRNG.

import assert from "node:assert/strict";
import { RAND_add, RAND_bytes, RAND_pseudo_bytes, RAND_status, ValueError } from "../../ssl/mod.ts";

Deno.test("RAND_bytes returns n random bytes, more than one getRandomValues call allows", () => {
  assert.equal(RAND_bytes(0).length, 0);
  const big = RAND_bytes(200_000);
  assert.equal(big.length, 200_000);
  assert.notDeepEqual(big.subarray(0, 32), big.subarray(100_000, 100_032));
  assert.notDeepEqual(RAND_bytes(16), RAND_bytes(16));
});

Deno.test("RAND_bytes rejects a negative or non-integer count", () => {
  assert.throws(() => RAND_bytes(-1), ValueError);
  assert.throws(() => RAND_bytes(1.5), TypeError);
});

Deno.test("RAND_pseudo_bytes, RAND_status and RAND_add", () => {
  const [bytes, strong] = RAND_pseudo_bytes(12);
  assert.equal(bytes.length, 12);
  assert.equal(strong, true);
  assert.equal(RAND_status(), true);
  RAND_add("entropy", 1.5);
  RAND_add(new Uint8Array(8), 0);
  assert.throws(() => RAND_add(42 as unknown as string, 1), TypeError);
  assert.throws(() => RAND_add("x", "1" as unknown as number), TypeError);
});
