import assert from "node:assert/strict";
import { findPrefixAtEnd } from "../../asynchat/mod.ts";

const b = (s: string) => new TextEncoder().encode(s);

Deno.test("findPrefixAtEnd() as CPython's test_asynchat", () => {
  assert.equal(findPrefixAtEnd(b("qwerty\r"), b("\r\n")), 1);
  assert.equal(findPrefixAtEnd(b("qwertydkjf"), b("\r\n")), 0);
  assert.equal(findPrefixAtEnd(b("qwerty\r\n\r"), b("\r\n\r\n")), 3);
  assert.equal(findPrefixAtEnd(b("abc\r\n\r"), b("\r\n\r\n")), 3);
  assert.equal(findPrefixAtEnd(b(""), b("\r\n")), 0);
  assert.equal(findPrefixAtEnd(b("\r\n"), b("\r\n")), 0); // only proper prefixes count
  assert.equal(findPrefixAtEnd(b("x"), b("")), 0);
});
