// Socket.makefile: argument handling, the raw SocketIO and the buffered binary files,
// after CPython's test_socket FileObjectClassTestCase and friends. Text files are tested in
// text_io_wrapper_test.ts.

import assert from "node:assert/strict";
import {
  AF_INET,
  BlockingIOError,
  MSG_DONTWAIT,
  NotImplementedError,
  OSError,
  SHUT_WR,
  type Socket,
  socketpair,
  TimeoutError,
  ValueError,
} from "../../socket/mod.ts";
import {
  BufferedReader,
  BufferedRWPair,
  BufferedWriter,
  LookupError,
  type MakefileOptions,
  type MakefileResult,
  type SocketFile,
  SocketIO,
  TextIOWrapper,
  UnsupportedOperation,
} from "../../socket/socket_file.ts";
import { makefile } from "./_makefile.ts";
import { kWaitReady } from "../../socket/readiness.ts";
import { type Backend, BACKENDS, connectedPair } from "../_helpers/loopback.ts";

const enc = new TextEncoder();
const bytes = (s: string): Uint8Array => enc.encode(s);

/** A connected pair of TCP loopback sockets on `backend` (its listener already closed). */
async function pair(backend: Backend): Promise<[Socket, Socket]> {
  const [client, conn, server] = await connectedPair(AF_INET, undefined, backend);
  server.close();
  return [client, conn];
}

/** Resolves once `sock` has something to read (a native socket's bytes arrive later). */
async function readable(sock: Socket): Promise<void> {
  await sock[kWaitReady]("read", new AbortController().signal);
}

/** Asserts that nothing arrives at `sock` yet. */
async function assertNothingYet(sock: Socket): Promise<void> {
  await assert.rejects(sock.recv(100, MSG_DONTWAIT), BlockingIOError);
}

// Type-level checks: the tuple below only compiles if every `Is<...>` is `true`, and each
// `@ts-expect-error` line fails compilation ("unused directive") if the wrong class is
// accepted, as it would be if MakefileResult widened to SocketFile or `any`.
type Is<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _exact: [
  Is<MakefileResult<"r">, TextIOWrapper>,
  Is<MakefileResult<"rw">, TextIOWrapper>,
  Is<MakefileResult<"rb">, BufferedReader>,
  Is<MakefileResult<"b">, BufferedReader>,
  Is<MakefileResult<"wb">, BufferedWriter>,
  Is<MakefileResult<"rwb">, BufferedRWPair>,
  Is<MakefileResult<"wrb", { buffering: 8 }>, BufferedRWPair>,
  Is<MakefileResult<"rb", { buffering: 0 }>, SocketIO>,
  Is<MakefileResult<"rb", { buffering: number }>, SocketIO | BufferedReader>,
  Is<MakefileResult<"r", { buffering: 0 }>, TextIOWrapper>,
  Is<MakefileResult<string>, SocketFile>,
] = [true, true, true, true, true, true, true, true, true, true, true];
// @ts-expect-error -- a text mode is not a binary file
const _notBinary: Is<MakefileResult<"r">, BufferedReader> = true;
// @ts-expect-error -- "rwb" is a pair, not a writer
const _notWriter: Is<MakefileResult<"rwb">, BufferedWriter> = true;

Deno.test("MakefileResult gives the precise class of a literal mode", async () => {
  const [a, b] = socketpair();
  using _a = a, _b = b;
  const buffering = Number("0"); // a number the compiler cannot see
  const text = a.makefile("r");
  const text2 = a.makefile("rw");
  const reader = a.makefile("rb");
  const reader2 = a.makefile("b");
  const writer = a.makefile("wb");
  const rwPair = a.makefile("rwb");
  const rwPair2 = a.makefile("wrb", { buffering: 8 });
  const raw = a.makefile("rb", { buffering: 0 });
  const maybeRaw = a.makefile("rb", { buffering });
  // Each result is assignable to its class...
  const typed: [
    TextIOWrapper,
    TextIOWrapper,
    BufferedReader,
    BufferedReader,
    BufferedWriter,
    BufferedRWPair,
    BufferedRWPair,
    SocketIO,
    SocketIO | BufferedReader,
  ] = [text, text2, reader, reader2, writer, rwPair, rwPair2, raw, maybeRaw];
  // ...and not to another one.
  // @ts-expect-error -- a text file is no BufferedReader
  const _e1: BufferedReader = text;
  // @ts-expect-error -- a BufferedReader is no TextIOWrapper
  const _e2: TextIOWrapper = reader;
  // @ts-expect-error -- a BufferedReader is no BufferedWriter
  const _e3: BufferedWriter = reader;
  // @ts-expect-error -- a BufferedWriter is no BufferedReader
  const _e4: BufferedReader = writer;
  // @ts-expect-error -- a BufferedRWPair is no BufferedWriter
  const _e5: BufferedWriter = rwPair;
  // @ts-expect-error -- buffering 0 gives the raw SocketIO, no BufferedReader
  const _e6: BufferedReader = raw;
  // @ts-expect-error -- a non-literal buffering may be 0: the result may be a SocketIO
  const _e7: BufferedReader = maybeRaw;
  // The objects makefile returns are of those classes.
  const classes = [
    TextIOWrapper,
    TextIOWrapper,
    BufferedReader,
    BufferedReader,
    BufferedWriter,
    BufferedRWPair,
    BufferedRWPair,
    SocketIO, // buffering: 0
    SocketIO, // buffering: 0, as a number
  ];
  assert.equal(typed.length, classes.length);
  for (const [i, f] of typed.entries()) {
    assert.ok(f instanceof classes[i], `result ${i} is a ${f.constructor.name}`);
    assert.equal(f.constructor, classes[i]);
  }
  for (const f of typed) await f.close();
  // A text mode stays typed TextIOWrapper with buffering 0, which Python refuses at run time.
  assert.throws(() => {
    // @ts-expect-error -- buffering does not change a text mode's class
    const _e8: SocketIO = a.makefile("r", { buffering: 0 });
  }, { name: "ValueError", message: "unbuffered streams must be binary" });
});

for (const backend of BACKENDS) {
  Deno.test(`makefile() picks Python's class for each mode [${backend}]`, async (t) => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    const cases: [string, MakefileOptions, unknown, string][] = [
      ["r", {}, TextIOWrapper, "r"],
      ["", {}, TextIOWrapper, ""],
      ["w", {}, TextIOWrapper, "w"],
      ["rw", {}, TextIOWrapper, "rw"],
      ["rb", {}, BufferedReader, "rb"],
      ["b", {}, BufferedReader, "rb"],
      ["wb", {}, BufferedWriter, "wb"],
      ["rwb", {}, BufferedRWPair, "rwb"],
      ["bwr", {}, BufferedRWPair, "rwb"],
      ["rb", { buffering: 0 }, SocketIO, "rb"],
      ["wb", { buffering: 0 }, SocketIO, "wb"],
      ["rwb", { buffering: 0 }, SocketIO, "rwb"],
      ["rb", { buffering: -1 }, BufferedReader, "rb"],
    ];
    for (const [mode, options, cls, fileMode] of cases) {
      await t.step(`${JSON.stringify(mode)} ${JSON.stringify(options)}`, async () => {
        const f = a.makefile(mode, options);
        assert.equal(f.constructor, cls);
        assert.equal(f.mode, fileMode);
        assert.equal(f.closed, false);
        await f.close();
        assert.equal(f.closed, true);
      });
    }
    await t.step("the text file's buffer is the binary file", async () => {
      const f = makefile(a, "rw");
      assert.ok(f.buffer instanceof BufferedRWPair);
      assert.equal(f.encoding, "utf-8");
      assert.equal(f.errors, "strict");
      assert.equal(f.lineBuffering, false);
      await f.close();
      assert.equal(f.buffer.closed, true);
    });
  });

  Deno.test(`makefile() throws Python's errors for bad arguments, leaking no handle [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _b = b;
    assert.throws(() => a.makefile("rx"), {
      name: "ValueError",
      message: "invalid mode 'rx' (only r, w, b allowed)",
    });
    assert.throws(() => a.makefile("r+"), ValueError);
    assert.throws(() => a.makefile("r", { buffering: 0 }), {
      name: "ValueError",
      message: "unbuffered streams must be binary",
    });
    assert.throws(() => a.makefile("r", { encoding: "klingon" }), {
      name: "LookupError",
      message: "unknown encoding: klingon",
    });
    assert.throws(() => a.makefile("w", { errors: "nope" }), LookupError);
    assert.throws(() => a.makefile("r", { newline: "x" }), {
      name: "ValueError",
      message: "illegal newline value: x",
    });
    assert.throws(() => a.makefile("rb", { buffering: 1.5 }), TypeError);
    // Binary files ignore the text options, as Python's do.
    await makefile(a, "rb", { encoding: "klingon", newline: "x" }).close();
    // No file kept a handle: closing the socket ends the stream for the peer.
    a.close();
    assert.deepEqual(await b.recv(10), new Uint8Array());
    assert.throws(() => a.makefile("rb"), { name: "OSError", code: "EBADF" });
  });

  Deno.test(`BufferedReader.readline() reassembles lines split at every position [${backend}]`, async () => {
    const data = "first line\nsecond\n\nlast without end";
    for (let cut = 1; cut < data.length; cut++) {
      const [a, b] = await pair(backend);
      using _a = a, _b = b;
      using f = makefile(a, "rb");
      for (let i = 0; i < data.length; i += cut) await b.sendall(bytes(data.slice(i, i + cut)));
      await b.shutdown(SHUT_WR);
      const lines: Uint8Array[] = [];
      for await (const line of f) lines.push(line);
      assert.deepEqual(lines, ["first line\n", "second\n", "\n", "last without end"].map(bytes));
    }
  });

  Deno.test(`BufferedReader.readline() stops at the size limit [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    using f = makefile(a, "rb");
    await b.sendall(bytes("abcdef\ngh"));
    await b.shutdown(SHUT_WR);
    assert.deepEqual(await f.readline(0), new Uint8Array());
    assert.deepEqual(await f.readline(4), bytes("abcd"));
    assert.deepEqual(await f.readline(10), bytes("ef\n"));
    assert.deepEqual(await f.readline(10), bytes("gh"));
    assert.deepEqual(await f.readline(), new Uint8Array());
  });

  Deno.test(`BufferedReader.read(n) resolves to exactly n bytes unless the stream ends [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    using f = makefile(a, "rb", { buffering: 4 });
    const reading = f.read(10);
    for (const piece of ["ab", "cde", "f", "ghijkl"]) await b.sendall(bytes(piece));
    assert.deepEqual(await reading, bytes("abcdefghij"));
    assert.deepEqual(await f.read(0), new Uint8Array());
    assert.deepEqual(await f.read(1), bytes("k"));
    await b.sendall(bytes("mnop"));
    await b.shutdown(SHUT_WR);
    assert.deepEqual(await f.read(100), bytes("lmnop"));
    assert.deepEqual(await f.read(100), new Uint8Array());
  });

  Deno.test(`BufferedReader.read() reads to end of stream after the peer's SHUT_WR [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    using f = makefile(a, "rb");
    const big = new Uint8Array(300_000).map((_, i) => i % 251);
    const reading = f.read();
    await b.sendall(big.subarray(0, 1000));
    await b.sendall(big.subarray(1000));
    await b.shutdown(SHUT_WR);
    assert.deepEqual(await reading, big);
    assert.deepEqual(await f.read(), new Uint8Array());
  });

  Deno.test(`BufferedReader read1, peek, readinto, readinto1 and readlines [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    using f = makefile(a, "rb");
    await b.sendall(bytes("hello"));
    assert.deepEqual(await f.peek(), bytes("hello"));
    assert.deepEqual(await f.peek(1), bytes("hello"));
    assert.deepEqual(await f.read1(2), bytes("he"));
    assert.deepEqual(await f.read1(), bytes("llo"));
    await b.sendall(bytes("world"));
    const buf = new Uint8Array(3);
    assert.equal(await f.readinto(buf), 3);
    assert.deepEqual(buf, bytes("wor"));
    assert.equal(await f.readinto1(new Uint16Array(4)), 2);
    await b.sendall(bytes("1\n22\n333\n4444\n"));
    await b.shutdown(SHUT_WR);
    assert.deepEqual(await f.readlines(4), [bytes("1\n"), bytes("22\n")]);
    assert.deepEqual(await f.readlines(), [bytes("333\n"), bytes("4444\n")]);
    assert.deepEqual(await f.peek(), new Uint8Array());
    assert.deepEqual(await f.read1(5), new Uint8Array());
    assert.equal(await f.readinto(buf), 0);
  });

  Deno.test(`BufferedWriter.write() is visible to the peer only after flush() [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    const f = makefile(a, "wb", { buffering: 8 });
    assert.equal(await f.write(bytes("abc")), 3);
    assert.equal(await f.write(new Uint16Array([0x6564])), 2);
    await assertNothingYet(b);
    await f.flush();
    assert.deepEqual(await b.recv(100), bytes("abcde"));
    // Overflowing the buffer sends it.
    await f.writelines([bytes("12345"), bytes("6789")]);
    assert.deepEqual(await b.recv(100), bytes("12345"));
    await assertNothingYet(b);
    // close() flushes.
    await f.close();
    assert.deepEqual(await b.recv(100), bytes("6789"));
    assert.equal(a.closed, false);
  });

  Deno.test(`BufferedWriter.write() copies its argument and keeps call order [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    await using f = makefile(a, "wb", { buffering: 4 });
    const data = bytes("xy");
    const writes = [f.write(data), f.write(bytes("123456")), f.write(bytes("z"))];
    data.fill(0);
    assert.deepEqual(await Promise.all(writes), [2, 6, 1]);
    await f.flush();
    assert.deepEqual(await b.recv(100), bytes("xy123456z"));
  });

  Deno.test(`BufferedRWPair reads and writes through one handle [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    await using f = makefile(a, "rwb");
    assert.ok(f.readable() && f.writable() && !f.seekable());
    await f.write(bytes("question\n"));
    await assertNothingYet(b);
    await f.flush();
    assert.deepEqual(await b.recv(100), bytes("question\n"));
    await b.sendall(bytes("answer\nmore"));
    assert.deepEqual(await f.readline(), bytes("answer\n"));
    assert.deepEqual(await f.peek(), bytes("more"));
    assert.deepEqual(await f.read1(2), bytes("mo"));
    assert.equal(await f.readinto(new Uint8Array(2)), 2);
  });

  Deno.test(`SocketIO reads and writes unbuffered [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    using f = makefile(a, "rwb", { buffering: 0 });
    assert.equal(await f.write(bytes("now")), 3);
    assert.deepEqual(await b.recv(10), bytes("now"));
    await b.sendall(bytes("ab\ncd\nrest"));
    assert.deepEqual(await f.readline(), bytes("ab\n"));
    assert.deepEqual(await f.readline(1), bytes("c"));
    assert.deepEqual(await f.read(3), bytes("d\nr"));
    const buf = new Uint8Array(10);
    assert.equal(await f.readinto(buf), 3);
    assert.deepEqual(buf.subarray(0, 3), bytes("est"));
    await b.sendall(bytes("x\ny"));
    await b.shutdown(SHUT_WR);
    assert.deepEqual(await f.readlines(), [bytes("x\n"), bytes("y")]);
    assert.deepEqual(await f.readall(), new Uint8Array());
    assert.equal(await f.readinto(buf), 0);
  });

  Deno.test(`makefile() keeps the connection open until the file is closed too [${backend}]`, async (t) => {
    await t.step("closing the socket first", async () => {
      const [a, b] = await pair(backend);
      using _b = b;
      const f = makefile(a, "rb");
      a.close();
      await b.sendall(bytes("still there"));
      await b.shutdown(SHUT_WR);
      assert.deepEqual(await f.read(), bytes("still there"));
      f.close();
      assert.deepEqual(await b.recv(10), new Uint8Array());
    });
    await t.step("closing the file does not close the socket", async () => {
      const [a, b] = await pair(backend);
      using _a = a, _b = b;
      const f = makefile(a, "rwb");
      await f.close();
      assert.equal(a.closed, false);
      await b.sendall(bytes("direct"));
      assert.deepEqual(await a.recv(10), bytes("direct"));
      // A second file after the first one closed works too.
      using g = makefile(a, "rb");
      await b.sendall(bytes("again\n"));
      assert.deepEqual(await g.readline(), bytes("again\n"));
    });
    await t.step("writer and socket both closed: pending bytes are flushed first", async () => {
      const [a, b] = await pair(backend);
      using _b = b;
      const f = makefile(a, "wb");
      await f.write(bytes("late"));
      a.close();
      await f.close();
      assert.deepEqual(await b.recv(10), bytes("late"));
      assert.deepEqual(await b.recv(10), new Uint8Array());
    });
  });

  Deno.test(`A closed file throws ValueError for every operation [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    const closed = { name: "ValueError", message: "I/O operation on closed file." };
    const r = makefile(a, "rb");
    const w = makefile(a, "wb");
    const raw = makefile(a, "rwb", { buffering: 0 });
    r.close();
    await w.close();
    await w.close();
    raw.close();
    assert.equal(r.name, -1);
    for (const f of [r, w, raw]) {
      assert.throws(() => f.readable(), closed);
      assert.throws(() => f.writable(), closed);
      assert.throws(() => f.seekable(), closed);
      assert.throws(() => f.isatty(), closed);
      assert.throws(() => f.fileno(), closed);
      await assert.rejects(f.read(1), closed);
      await assert.rejects(f.readline(), closed);
      await assert.rejects(f.write(bytes("x")), closed);
      await assert.rejects(Promise.resolve().then(() => f.flush()), closed);
    }
    await assert.rejects(r.peek(), closed);
    await assert.rejects(r.read1(), closed);
    await assert.rejects(r.readinto(new Uint8Array(1)), closed);
    await assert.rejects(r.readlines(), closed);
    await assert.rejects(r[Symbol.asyncIterator]().next(), closed);
    await assert.rejects(w.writelines([bytes("x")]), closed);
  });

  Deno.test(`Reading a write-only file or writing a read-only one throws UnsupportedOperation [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    using r = makefile(a, "rb");
    await using w = makefile(a, "wb");
    using rawR = makefile(a, "rb", { buffering: 0 });
    using rawW = makefile(a, "wb", { buffering: 0 });
    await assert.rejects(r.write(bytes("x")), UnsupportedOperation);
    await assert.rejects(w.read(), { name: "UnsupportedOperation", message: "read" });
    await assert.rejects(w.readline(), UnsupportedOperation);
    await assert.rejects(rawR.write(bytes("x")), UnsupportedOperation);
    await assert.rejects(rawW.read(1), UnsupportedOperation);
    assert.equal(r.writable(), false);
    assert.equal(w.readable(), false);
    assert.ok(new UnsupportedOperation("x") instanceof OSError);
    assert.equal(new UnsupportedOperation("x").errno, null);
  });

  Deno.test(`Binary files reject what is not bytes [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    await using w = makefile(a, "wb");
    using r = makefile(a, "rb");
    // @ts-expect-error: a string is not bytes
    await assert.rejects(w.write("text"), {
      name: "TypeError",
      message: "a bytes-like object is required, not 'str'",
    });
    // @ts-expect-error: a number is not a buffer
    await assert.rejects(r.readinto(3), TypeError);
    await assert.rejects(r.read(1.5), TypeError);
  });

  Deno.test(`A read that times out makes the file refuse later reads [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    using f = makefile(a, "rb");
    await b.sendall(bytes("abc"));
    // The socket's timeout applies to the file even when set after makefile(), as in Python.
    a.settimeout(0.02);
    assert.deepEqual(await f.read(3), bytes("abc"));
    await assert.rejects(f.read(1), TimeoutError);
    await assert.rejects(f.read(1), (e: unknown) => {
      assert.ok(e instanceof OSError && !(e instanceof TimeoutError));
      assert.equal(e.message, "cannot read from timed out object");
      return true;
    });
    // The socket itself is still usable.
    await b.sendall(bytes("d"));
    assert.deepEqual(await a.recv(10), bytes("d"));
  });

  Deno.test(`Non-blocking files: the raw file resolves to null, buffered ones throw [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    a.setblocking(false);
    using raw = makefile(a, "rb", { buffering: 0 });
    using f = makefile(a, "rb");
    assert.equal(await raw.read(10), null);
    assert.equal(await raw.readinto(new Uint8Array(1)), null);
    await assert.rejects(f.read(10), BlockingIOError);
    await assert.rejects(f.readline(), BlockingIOError);
    await b.sendall(bytes("par"));
    await readable(a);
    // What arrived is returned, short of the size asked.
    assert.deepEqual(await f.read(10), bytes("par"));
    await b.sendall(bytes("tial"));
    await readable(a);
    assert.deepEqual(await f.readline(), bytes("tial"));
  });

  Deno.test(`Reading methods honour an AbortSignal and lose no byte [${backend}]`, async (t) => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    using f = makefile(a, "rb");
    await t.step("an already-aborted signal rejects at once", async () => {
      const signal = AbortSignal.abort(new Error("custom reason"));
      await assert.rejects(f.read(1, { signal }), { message: "custom reason" });
      await assert.rejects(f.readline(-1, { signal }), { message: "custom reason" });
    });
    await t.step("an abort mid-wait rejects with its reason", async () => {
      const controller = new AbortController();
      await b.sendall(bytes("par"));
      const reading = f.readline(-1, { signal: controller.signal });
      const peeking = f.peek(); // queued behind the readline: runs once it gave up
      controller.abort(new Error("stop"));
      await assert.rejects(reading, { message: "stop" });
      assert.deepEqual(await peeking, bytes("par"));
      await b.sendall(bytes("tial\n"));
      assert.deepEqual(await f.readline(), bytes("partial\n"));
    });
    await t.step("an abort while waiting for the lock", async () => {
      const controller = new AbortController();
      const first = f.read(3);
      const second = f.read(1, { signal: controller.signal });
      controller.abort();
      await assert.rejects(second, { name: "AbortError" });
      await b.sendall(bytes("xyz"));
      assert.deepEqual(await first, bytes("xyz"));
    });
  });

  Deno.test(`Concurrent calls on one file run in call order [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    using f = makefile(a, "rb");
    const reads = [f.readline(), f.read(2), f.readline()];
    await b.sendall(bytes("one\n"));
    await b.sendall(bytes("twothree\n"));
    assert.deepEqual(await Promise.all(reads), [bytes("one\n"), bytes("tw"), bytes("othree\n")]);
  });

  Deno.test(`fileno() and name of a file [${backend}]`, async () => {
    const [a, b] = await pair(backend);
    using _a = a, _b = b;
    using f = makefile(a, "rb");
    if (backend === "kernel") {
      assert.equal(f.fileno(), a.fileno());
      assert.equal(f.name, a.fileno());
    } else {
      // A native connection has no descriptor (a documented difference from Python).
      assert.throws(() => f.fileno(), NotImplementedError);
      assert.equal(f.name, -1);
    }
    assert.equal(f.isatty(), false);
    assert.equal(f.seekable(), false);
    f.flush();
  });

  Deno.test(`makefile() over TCP loopback: a line protocol [${backend}]`, async () => {
    const [client, conn] = await pair(backend);
    using _client = client, _conn = conn;
    await using cf = makefile(client, "rwb");
    await using sf = makefile(conn, "rwb");
    for (let i = 0; i < 50; i++) await cf.write(bytes(`line ${i}\n`));
    await cf.flush();
    for (let i = 0; i < 50; i++) assert.deepEqual(await sf.readline(), bytes(`line ${i}\n`));
    await sf.write(bytes("bye\n"));
    await sf.flush();
    assert.deepEqual(await cf.readline(), bytes("bye\n"));
  });
}
