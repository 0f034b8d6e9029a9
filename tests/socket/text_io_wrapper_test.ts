// Text files of Socket.makefile (TextIOWrapper and its codecs), after CPython's
// test_socket Unicode*FileObjectClassTestCase and test_io's newline tests.

import assert from "node:assert/strict";
import { MSG_DONTWAIT, SHUT_WR, type Socket, socketpair, ValueError } from "../../socket/mod.ts";
import {
  type MakefileOptions,
  TextIOWrapper,
  UnicodeDecodeError,
  UnicodeEncodeError,
  UnicodeError,
  UnsupportedOperation,
} from "../../socket/socket_file.ts";
import { makefile } from "./_makefile.ts";

const enc = new TextEncoder();

/** Sends `data` in pieces of `cut` bytes, then ends the stream. */
async function sendInPieces(sock: Socket, data: Uint8Array, cut: number): Promise<void> {
  for (let i = 0; i < data.length; i += cut) await sock.sendall(data.subarray(i, i + cut));
  await sock.shutdown(SHUT_WR);
}

/** The lines a text file reads from `data` sent in pieces of every size. */
async function linesAtEveryCut(
  data: Uint8Array,
  options: MakefileOptions,
  check: (lines: string[], f: TextIOWrapper) => void,
): Promise<void> {
  for (let cut = 1; cut <= data.length; cut++) {
    const [a, b] = socketpair();
    using _a = a, _b = b;
    await using f = makefile(a, "r", options);
    await sendInPieces(b, data, cut);
    const lines: string[] = [];
    for await (const line of f) lines.push(line);
    check(lines, f);
  }
}

const MIXED = enc.encode("a\r\nb\rc\nd\r\r\ne");

Deno.test("TextIOWrapper decodes UTF-8 split between sends at every position", async () => {
  const text = "é€😀 ascii\nü\n";
  await linesAtEveryCut(enc.encode(text), {}, (lines) => {
    assert.deepEqual(lines, ["é€😀 ascii\n", "ü\n"]);
  });
  const [a, b] = socketpair();
  using _a = a, _b = b;
  await using f = makefile(a);
  await sendInPieces(b, enc.encode(text), 1);
  // Sizes count code points, as Python's do: the emoji is one character.
  assert.equal(await f.read(3), "é€😀");
  assert.equal(await f.readline(3), " as");
  assert.equal(await f.read(), "cii\nü\n");
  assert.equal(await f.read(), "");
});

Deno.test("TextIOWrapper newline=null reads every line end as \\n", async () => {
  await linesAtEveryCut(MIXED, {}, (lines, f) => {
    assert.deepEqual(lines, ["a\n", "b\n", "c\n", "d\n", "\n", "e"]);
    assert.deepEqual(f.newlines, ["\r", "\n", "\r\n"]);
  });
});

Deno.test("TextIOWrapper newline='' splits on every line end without translating", async () => {
  await linesAtEveryCut(MIXED, { newline: "" }, (lines, f) => {
    assert.deepEqual(lines, ["a\r\n", "b\r", "c\n", "d\r", "\r\n", "e"]);
    assert.deepEqual(f.newlines, ["\r", "\n", "\r\n"]);
  });
  await linesAtEveryCut(enc.encode("x\r"), { newline: "" }, (lines) => {
    assert.deepEqual(lines, ["x\r"]);
  });
});

Deno.test("TextIOWrapper newline='\\n', '\\r' or '\\r\\n' ends lines only there", async (t) => {
  const cases: [string, string[]][] = [
    ["\n", ["a\r\n", "b\rc\n", "d\r\r\n", "e"]],
    ["\r", ["a\r", "\nb\r", "c\nd\r", "\r", "\ne"]],
    ["\r\n", ["a\r\n", "b\rc\nd\r\r\n", "e"]],
  ];
  for (const [newline, expected] of cases) {
    await t.step(JSON.stringify(newline), async () => {
      await linesAtEveryCut(MIXED, { newline }, (lines, f) => {
        assert.deepEqual(lines, expected);
        assert.equal(f.newlines, null);
      });
    });
  }
});

Deno.test("TextIOWrapper.newlines records the kinds of line end read", async () => {
  const [a, b] = socketpair();
  using _a = a, _b = b;
  await using f = makefile(a);
  assert.equal(f.newlines, null);
  await b.sendall(enc.encode("one\r\n"));
  assert.equal(await f.readline(), "one\n");
  assert.equal(f.newlines, "\r\n");
  await b.sendall(enc.encode("two\n"));
  assert.equal(await f.readline(), "two\n");
  assert.deepEqual(f.newlines, ["\n", "\r\n"]);
});

Deno.test("TextIOWrapper.write() encodes, translates \\n and returns characters", async (t) => {
  const cases: [string | null, string][] = [
    [null, Deno.build.os === "windows" ? "a\r\nb€😀" : "a\nb€😀"],
    ["", "a\nb€😀"],
    ["\n", "a\nb€😀"],
    ["\r", "a\rb€😀"],
    ["\r\n", "a\r\nb€😀"],
  ];
  for (const [newline, sent] of cases) {
    await t.step(JSON.stringify(newline), async () => {
      const [a, b] = socketpair();
      using _a = a, _b = b;
      const f = makefile(a, "w", { newline });
      assert.equal(await f.write("a\nb€😀"), 5);
      await f.close();
      assert.deepEqual(await b.recv(100), enc.encode(sent));
    });
  }
});

Deno.test("TextIOWrapper writes are sent on flush, or per line with buffering 1", async () => {
  const [a, b] = socketpair();
  using _a = a, _b = b;
  await using f = makefile(a, "w");
  await f.write("buffered\n");
  await assert.rejects(b.recv(100, MSG_DONTWAIT), { name: "BlockingIOError" });
  await f.flush();
  assert.deepEqual(await b.recv(100), enc.encode("buffered\n"));

  await using lf = makefile(a, "w", { buffering: 1 });
  assert.equal(lf.lineBuffering, true);
  await lf.write("no end yet");
  await assert.rejects(b.recv(100, MSG_DONTWAIT), { name: "BlockingIOError" });
  await lf.write(", now\n");
  assert.deepEqual(await b.recv(100), enc.encode("no end yet, now\n"));
  await lf.write("cr\r");
  assert.deepEqual(await b.recv(100), enc.encode("cr\r"));
  await lf.writelines(["x", "y\n"]);
  assert.deepEqual(await b.recv(100), enc.encode("xy\n"));
});

Deno.test("TextIOWrapper 'rw' reads and writes", async () => {
  const [a, b] = socketpair();
  using _a = a, _b = b;
  await using f = makefile(a, "rw");
  assert.ok(f.readable() && f.writable() && !f.seekable() && !f.isatty());
  await f.write("hello\n");
  await f.flush();
  assert.deepEqual(await b.recv(100), enc.encode("hello\n"));
  await b.sendall(enc.encode("1\n22\n333\n"));
  await b.shutdown(SHUT_WR);
  assert.deepEqual(await f.readlines(3), ["1\n", "22\n"]);
  assert.deepEqual(await f.readlines(), ["333\n"]);
});

Deno.test("TextIOWrapper strict decoding throws UnicodeDecodeError as Python does", async (t) => {
  const cases: [number[], string, number, number][] = [
    [
      [0x61, 0xff, 0x0a],
      "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte",
      1,
      2,
    ],
    [
      [0xe2, 0x82, 0x41],
      "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte",
      0,
      2,
    ],
    [
      [0xed, 0xa0, 0x80],
      "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte",
      0,
      1,
    ],
    [
      [0xf0, 0x90],
      "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data",
      0,
      2,
    ],
  ];
  for (const [data, message, start, end] of cases) {
    await t.step(message, async () => {
      const [a, b] = socketpair();
      using _a = a, _b = b;
      await using f = makefile(a);
      await b.sendall(new Uint8Array(data));
      await b.shutdown(SHUT_WR);
      await assert.rejects(f.read(), (e: unknown) => {
        assert.ok(e instanceof UnicodeDecodeError && e instanceof UnicodeError);
        assert.ok(e instanceof ValueError);
        assert.equal(e.message, message);
        assert.equal(e.encoding, "utf-8");
        assert.deepEqual([e.start, e.end], [start, end]);
        return true;
      });
    });
  }
});

Deno.test("TextIOWrapper errors 'replace' and 'ignore' match Python", async (t) => {
  const data = [0x61, 0xe0, 0x80, 0x41, 0xed, 0xa0, 0x80, 0xf0, 0x90, 0x41, 0xc3, 0xa9, 0xf0, 0x9f];
  const cases: [string, string][] = [
    ["replace", "a\ufffd\ufffdA\ufffd\ufffd\ufffd\ufffdAé\ufffd"],
    ["ignore", "aAAé"],
  ];
  for (const [errors, expected] of cases) {
    await t.step(errors, async () => {
      for (let cut = 1; cut <= data.length; cut++) {
        const [a, b] = socketpair();
        using _a = a, _b = b;
        await using f = makefile(a, "r", { errors });
        await sendInPieces(b, new Uint8Array(data), cut);
        assert.equal(await f.read(), expected);
      }
    });
  }
});

Deno.test("TextIOWrapper keeps a byte order mark, as Python's utf-8 codec does", async () => {
  const [a, b] = socketpair();
  using _a = a, _b = b;
  await using f = makefile(a);
  await b.sendall(new Uint8Array([0xef, 0xbb, 0xbf, 0x78, 0x0a]));
  assert.equal(await f.readline(), "\ufeffx\n");
});

Deno.test("TextIOWrapper encodes ASCII and Latin-1 with Python's error handlers", async (t) => {
  await t.step("strict", async () => {
    const [a, b] = socketpair();
    using _a = a, _b = b;
    await using f = makefile(a, "w", { encoding: "US-ASCII" });
    await assert.rejects(f.write("aéêb"), (e: unknown) => {
      assert.ok(e instanceof UnicodeEncodeError);
      assert.equal(
        e.message,
        "'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)",
      );
      return true;
    });
    await using l = makefile(a, "w", { encoding: "latin1" });
    await assert.rejects(l.write("x😀"), {
      message: "'latin-1' codec can't encode character '\\U0001f600' in position 1: " +
        "ordinal not in range(256)",
    });
    await using u = makefile(a, "w");
    await assert.rejects(u.write("a\udc80\udc81b"), {
      message: "'utf-8' codec can't encode characters in position 1-2: surrogates not allowed",
    });
  });
  await t.step("replace and ignore", async () => {
    const [a, b] = socketpair();
    using _a = a, _b = b;
    const cases: [string, string, number[]][] = [
      ["ascii", "replace", [0x61, 0x3f, 0x3f, 0x62]],
      ["ascii", "ignore", [0x61, 0x62]],
      ["latin-1", "replace", [0x61, 0xe9, 0x3f, 0x62]],
      ["utf-8", "replace", [0x61, 0x3f, 0x3f, 0x62]],
    ];
    for (const [encoding, errors, expected] of cases) {
      const f = makefile(a, "w", { encoding, errors });
      const text = encoding === "utf-8" ? "a\udfff\ud800b" : "aé😀b";
      assert.equal(await f.write(text), 4);
      await f.close();
      assert.deepEqual(await b.recv(100), new Uint8Array(expected));
    }
  });
  await t.step("Latin-1 is ISO-8859-1, not windows-1252", async () => {
    const [a, b] = socketpair();
    using _a = a, _b = b;
    await using f = makefile(a, "r", { encoding: "iso-8859-1" });
    await b.sendall(new Uint8Array([0x80, 0x9f, 0xe9, 0xff]));
    assert.equal(await f.read(4), "\x80\x9f\xe9\xff");
    await using g = makefile(a, "r", { encoding: "ascii" });
    await b.sendall(new Uint8Array([0x61, 0x80]));
    await assert.rejects(g.read(2), {
      message: "'ascii' codec can't decode byte 0x80 in position 1: ordinal not in range(128)",
    });
  });
});

Deno.test("TextIOWrapper throws for unsupported, closed and ill-typed calls", async () => {
  const [a, b] = socketpair();
  using _a = a, _b = b;
  const r = makefile(a, "r");
  const w = makefile(a, "w");
  await assert.rejects(r.write("x"), { name: "UnsupportedOperation", message: "not writable" });
  await assert.rejects(w.read(), { name: "UnsupportedOperation", message: "not readable" });
  await assert.rejects(w.readline(), UnsupportedOperation);
  // @ts-expect-error: bytes are not text
  await assert.rejects(w.write(new Uint8Array(1)), {
    name: "TypeError",
    message: "write() argument must be str, not bytes",
  });
  await r.close();
  await w.close();
  await w.close();
  assert.equal(a.closed, false);
  const closed = { name: "ValueError", message: "I/O operation on closed file." };
  for (const f of [r, w]) {
    await assert.rejects(f.read(), closed);
    await assert.rejects(f.readline(), closed);
    await assert.rejects(f.write("x"), closed);
    await assert.rejects(f.flush(), closed);
    await assert.rejects(f.readlines(), closed);
    await assert.rejects(f.writelines(["x"]), closed);
    assert.throws(() => f.readable(), closed);
    assert.throws(() => f.seekable(), closed);
    assert.equal(f.name, -1);
  }
});

Deno.test("TextIOWrapper reading methods honour an AbortSignal", async () => {
  const [a, b] = socketpair();
  using _a = a, _b = b;
  await using f = makefile(a);
  await assert.rejects(f.read(1, { signal: AbortSignal.abort(new Error("early")) }), {
    message: "early",
  });
  const controller = new AbortController();
  await b.sendall(enc.encode("hal"));
  const reading = f.readline(-1, { signal: controller.signal });
  const rest = f.read(2);
  controller.abort(new Error("stop"));
  await assert.rejects(reading, { message: "stop" });
  assert.equal(await rest, "ha");
  await b.sendall(enc.encode("f\n"));
  assert.equal(await f.readline(), "lf\n");
});

Deno.test("TextIOWrapper can be built over a buffered file directly", async () => {
  const [a, b] = socketpair();
  using _a = a, _b = b;
  const f = new TextIOWrapper(makefile(a, "rwb"), { encoding: "utf8", newline: "\r\n" });
  assert.equal(f.mode, "rw");
  assert.equal(f.encoding, "utf8");
  await f.write("x\n");
  await f.close();
  assert.deepEqual(await b.recv(10), enc.encode("x\r\n"));
  using reader = makefile(a, "rb");
  assert.throws(() => new TextIOWrapper(reader, { errors: "bogus" }), {
    name: "LookupError",
    message: "unknown error handler name 'bogus'",
  });
});
