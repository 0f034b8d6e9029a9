import assert from "node:assert/strict";
import {
  AF_INET,
  AF_UNIX,
  ConnectionResetError,
  NotImplementedError,
  OSError,
  SHUT_WR,
  SOCK_DGRAM,
  SOCK_STREAM,
  socketpair,
  TimeoutError,
} from "../../socket/mod.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import { setMemoryPairOnly } from "../../socket/_memory_pair.ts";
import { pattern, sha256 } from "../_helpers/loopback.ts";
import { fdGuard } from "../_helpers/fd_guard.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

Deno.test(
  "socketpair() gives two connected AF_UNIX stream sockets",
  fdGuard(async () => {
    const [a, b] = socketpair();
    using _a = a, _b = b;
    assert.equal(a.family, AF_UNIX);
    assert.equal(a.type, SOCK_STREAM);
    assert.equal(a.getsockname(), "");
    assert.equal(a.getpeername(), "");
    await a.sendall(enc.encode("ping"));
    assert.equal(dec.decode(await b.recv(10)), "ping");
    await b.sendall(enc.encode("pong"));
    assert.equal(dec.decode(await a.recv(10)), "pong");
  }),
);

Deno.test(
  "socketpair() half close and EOF",
  fdGuard(async () => {
    const [a, b] = socketpair();
    using _a = a, _b = b;
    await a.shutdown(SHUT_WR);
    assert.equal((await b.recv(10)).length, 0);
    await b.sendall(enc.encode("still open"));
    assert.equal(dec.decode(await a.recv(100)), "still open");
    await assert.rejects(a.sendall(enc.encode("x")), { name: "BrokenPipeError" });
  }),
);

Deno.test(
  "socketpair() carries 8 MiB through its bounded buffer intact",
  fdGuard(async () => {
    const [a, b] = socketpair();
    using _a = a, _b = b;
    const data = pattern(8 * 1024 * 1024, 3);
    const out = new Uint8Array(data.length);
    const sending = a.sendall(data);
    let got = 0;
    while (got < out.length) got += await b.recvInto(out.subarray(got));
    await sending;
    assert.equal(await sha256(out), await sha256(data));
  }),
);

Deno.test(
  "socketpair() peer closing with unread data resets, then EOF",
  fdGuard(async () => {
    const [a, b] = socketpair();
    using _a = a;
    await a.sendall(enc.encode("unread"));
    b.close();
    await assert.rejects(a.recv(10), ConnectionResetError);
    assert.equal((await a.recv(10)).length, 0);
    await assert.rejects(a.sendall(enc.encode("x")), { name: "BrokenPipeError" });
  }),
);

Deno.test(
  "socketpair() timeouts keep the data for the next recv",
  fdGuard(async () => {
    const [a, b] = socketpair();
    using _a = a, _b = b;
    a.settimeout(0.02);
    await assert.rejects(a.recv(4), TimeoutError);
    await b.sendall(enc.encode("data"));
    assert.equal(dec.decode(await a.recv(4)), "data");
  }),
);

Deno.test(
  "socketpair() rejects other families, as Linux does",
  fdGuard(() => {
    assert.throws(() => socketpair(AF_INET), (e: unknown) => {
      assert.ok(e instanceof OSError);
      assert.equal(e.errno, ERRNO.EOPNOTSUPP);
      return true;
    });
  }),
);

Deno.test(
  "socketpair() with FFI gives kernel sockets of any type the kernel allows",
  fdGuard(async () => {
    const [a, b] = socketpair(AF_UNIX, SOCK_DGRAM);
    using _a = a, _b = b;
    assert.ok(a.fileno() >= 0);
    await a.send(enc.encode("one"));
    await a.send(enc.encode("two"));
    assert.equal(dec.decode(await b.recv(100)), "one");
    assert.equal(dec.decode(await b.recv(100)), "two");
  }),
);

Deno.test(
  "the in-memory socketpair() needs no permission and only does streams",
  fdGuard(async () => {
    setMemoryPairOnly(true);
    try {
      const [a, b] = socketpair();
      using _a = a, _b = b;
      assert.throws(() => a.fileno(), NotImplementedError);
      await a.sendall(enc.encode("in memory"));
      assert.equal(dec.decode(await b.recv(100)), "in memory");
      assert.throws(() => socketpair(AF_UNIX, SOCK_DGRAM), NotImplementedError);
    } finally {
      setMemoryPairOnly(false);
    }
  }),
);
