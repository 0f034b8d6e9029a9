// Python's io.TextIOWrapper over a buffered socket file: what makefile("r"), ("w") and
// ("rw") return.

import { ValueError } from "../_errors/mod.ts";
import { pyTypeName } from "./_args.ts";
import {
  checkErrors,
  checkNewline,
  type CodecName,
  codePointIndex,
  codePointLength,
  type Decoder,
  encodeText,
  type ErrorHandler,
  lookupCodec,
  makeDecoder,
  NewlineDecoder,
} from "./_codecs.ts";
import { checkInt, CLOSED, lines, Mutex, readlines } from "./_io_util.ts";
import { BufferedReader } from "./buffered_reader.ts";
import { type BufferedRWPair, BufferedWriter } from "./buffered_writer.ts";
import { UnsupportedOperation } from "./io_errors.ts";
import type { AbortOptions } from "./socket.ts";

/** Options of `new TextIOWrapper(buffer, options)`: Python's keyword arguments. */
export interface TextIOWrapperOptions {
  /**
   * `"utf-8"`, `"ascii"` or `"latin-1"` (and Python's aliases of them).
   *
   * @default {"utf-8"}
   */
  encoding?: string | null;
  /**
   * `"strict"`, `"replace"` or `"ignore"`, as in `MakefileOptions.errors`.
   *
   * @default {"strict"}
   */
  errors?: string | null;
  /**
   * `null`, `""`, `"\n"`, `"\r"` or `"\r\n"`, as in `MakefileOptions.newline`.
   *
   * @default {null}
   */
  newline?: string | null;
  /**
   * Flush after every `write` that contains "\n" or "\r".
   *
   * @default {false}
   */
  lineBuffering?: boolean;
  /**
   * The `mode` attribute (`makefile` sets the mode it was given); `undefined` gives
   * "r", "w" or "rw" after what the buffer does.
   *
   * @default {undefined}
   */
  mode?: string;
}

/** Characters `TextIOWrapper` reads per step (Python's `_CHUNK_SIZE`). */
const TEXT_CHUNK = 8192;
const LINE_END = /[\r\n]/g;

/**
 * Python's `io.TextIOWrapper` over a buffered socket file: what `makefile("r")`,
 * `makefile("w")` and `makefile("rw")` return. It decodes (UTF-8 by default) and handles
 * newlines as Python does; sizes count characters (code points), as Python's do.
 *
 * Each reading method takes a last `{ signal }` option; aborting it rejects the call with
 * `signal.reason`.
 *
 * @example Lines of text, with "\r\n" and a multi-byte character split between sends
 * ```ts
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * await using f = a.makefile("r");
 * await b.sendall(new Uint8Array([0x63, 0x61, 0x66, 0xc3])); // "caf" and half of "é"
 * await b.sendall(new Uint8Array([0xa9, 0x0d]));
 * await b.sendall(new Uint8Array([0x0a, 0x78]));
 * assert.equal(await f.readline(), "café\n");
 * assert.equal(await f.read(1), "x");
 * ```
 *
 * @example Writing text
 * ```ts
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * const f = a.makefile("w", { newline: "\r\n" });
 * assert.equal(await f.write("hé\n"), 3);
 * await f.close();
 * assert.deepEqual(await b.recv(10), new Uint8Array([0x68, 0xc3, 0xa9, 0x0d, 0x0a]));
 * ```
 */
export class TextIOWrapper implements AsyncDisposable, AsyncIterable<string> {
  /** The binary file underneath. */
  readonly buffer: BufferedReader | BufferedWriter | BufferedRWPair;
  /** The encoding's name as given (`"utf-8"` by default). */
  readonly encoding: string;
  /** The error handler's name (`"strict"` by default). */
  readonly errors: string;
  /** Whether a write containing "\n" or "\r" flushes. */
  readonly lineBuffering: boolean;
  /** The mode given to `makefile`, such as `"r"`. */
  readonly mode: string;
  readonly #codec: CodecName;
  readonly #handler: ErrorHandler;
  readonly #reader: BufferedReader | BufferedRWPair | null;
  readonly #writer: BufferedWriter | BufferedRWPair | null;
  readonly #decoder: Decoder;
  readonly #newlines: NewlineDecoder | null;
  readonly #readnl: string | null;
  readonly #writenl: string | null;
  #decoded = "";
  readonly #lock = new Mutex();

  /**
   * Wraps a buffered binary file for text.
   *
   * @param buffer the buffered binary file to read and write through
   * @param options encoding, errors, newline, line buffering and mode
   * @throws {LookupError} for an unknown encoding or error handler
   * @throws {ValueError} for a bad `newline`
   */
  constructor(
    buffer: BufferedReader | BufferedWriter | BufferedRWPair,
    options: TextIOWrapperOptions = {},
  ) {
    const { encoding = null, errors = null, newline = null, lineBuffering = false } = options;
    this.#codec = lookupCodec(encoding ?? "utf-8");
    this.#handler = checkErrors(errors ?? "strict");
    checkNewline(newline);
    this.buffer = buffer;
    this.encoding = encoding ?? "utf-8";
    this.errors = errors ?? "strict";
    this.lineBuffering = lineBuffering;
    this.#reader = buffer instanceof BufferedWriter ? null : buffer;
    this.#writer = buffer instanceof BufferedReader ? null : buffer;
    this.mode = options.mode ?? (this.#reader ? "r" : "") + (this.#writer ? "w" : "");
    this.#decoder = makeDecoder(this.#codec, this.#handler);
    this.#newlines = newline === null || newline === ""
      ? new NewlineDecoder(newline === null)
      : null;
    this.#readnl = newline;
    const writenl = newline || (Deno.build.os === "windows" ? "\r\n" : "\n");
    this.#writenl = newline !== "" && writenl !== "\n" ? writenl : null;
  }

  /** Whether the file is closed. */
  get closed(): boolean {
    return this.buffer.closed;
  }

  /** The buffer's name (the descriptor, or -1). */
  get name(): number {
    return this.buffer.name;
  }

  /**
   * Python's `newlines`: the kinds of line end read so far (`"\n"`, `"\r"`, `"\r\n"`, an
   * array of several, or `null`), tracked when `newline` is `null` or `""`.
   */
  get newlines(): string | string[] | null {
    return this.#newlines?.newlines ?? null;
  }

  /** Whether the file reads. @throws {ValueError} when closed */
  readable(): boolean {
    return this.buffer.readable();
  }

  /** Whether the file writes. @throws {ValueError} when closed */
  writable(): boolean {
    return this.buffer.writable();
  }

  /** Always false. @throws {ValueError} when closed */
  seekable(): boolean {
    this.#checkOpen();
    return false;
  }

  /** Always false. @throws {ValueError} when closed */
  isatty(): boolean {
    return this.buffer.isatty();
  }

  /** The socket's descriptor. @throws {NotImplementedError} for a native socket */
  fileno(): number {
    return this.buffer.fileno();
  }

  /**
   * Reads `size` characters, fewer only at end of stream; with a negative `size`, until
   * end of stream.
   *
   * @throws {ValueError} when closed
   * @throws {UnsupportedOperation} when the file does not read
   * @throws {UnicodeDecodeError} for bytes invalid in the encoding (errors "strict")
   * @throws {TimeoutError} when the socket's timeout passes
   */
  read(size = -1, options?: AbortOptions): Promise<string> {
    return this.#run(async (reader) => {
      checkInt(size);
      if (size < 0) {
        while (await this.#readChunk(reader, options));
        return this.#take(this.#decoded.length);
      }
      for (let eof = false;;) {
        const cut = codePointIndex(this.#decoded, size);
        if (cut >= 0 || eof) return this.#take(cut >= 0 ? cut : this.#decoded.length);
        eof = !await this.#readChunk(reader, options);
      }
    }, options);
  }

  /**
   * Reads one line, with its line end (see `newline`), or at most `size` characters when
   * `size` is not negative. An empty string means end of stream.
   */
  readline(size = -1, options?: AbortOptions): Promise<string> {
    return this.#run(async (reader) => {
      checkInt(size);
      for (let start = 0, eof = false;;) {
        const [end, resume] = this.#lineEnd(start, eof);
        const cut = size < 0 ? -1 : codePointIndex(this.#decoded, size);
        if (end >= 0 && (cut < 0 || end <= cut)) return this.#take(end);
        if (cut >= 0 || eof) return this.#take(cut >= 0 ? cut : this.#decoded.length);
        start = resume;
        eof = !await this.#readChunk(reader, options);
      }
    }, options);
  }

  /** Reads lines until end of stream, or until they hold `hint` characters when `hint` > 0. */
  readlines(hint = -1, options?: AbortOptions): Promise<string[]> {
    return readlines((o) => this.readline(-1, o), hint, options);
  }

  /**
   * Encodes `s` (turning "\n" into the `newline` given) and writes it to the buffer.
   *
   * @returns the number of characters (code points) of `s`
   * @throws {TypeError} when `s` is not a string
   * @throws {ValueError} when closed
   * @throws {UnsupportedOperation} when the file does not write
   * @throws {UnicodeEncodeError} for characters the encoding lacks (errors "strict")
   */
  write(s: string): Promise<number> {
    try {
      if (typeof s !== "string") {
        throw new TypeError(`write() argument must be str, not ${pyTypeName(s)}`);
      }
      const writer = this.#checkOpen().#writer;
      if (writer === null) throw new UnsupportedOperation("not writable");
      const text = this.#writenl === null ? s : s.replaceAll("\n", this.#writenl);
      const written = writer.write(encodeText(text, this.#codec, this.#handler));
      const flush = this.lineBuffering && (s.includes("\n") || s.includes("\r"));
      return (flush ? Promise.all([written, writer.flush()]) : written).then(() =>
        codePointLength(s)
      );
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Writes each of `lines`. */
  async writelines(lines: Iterable<string>): Promise<void> {
    for (const line of lines) await this.write(line);
  }

  /** Sends what the buffer holds. @throws {ValueError} when closed */
  async flush(): Promise<void> {
    this.#checkOpen();
    await this.buffer.flush();
  }

  /**
   * Flushes, then closes the buffer (and so the file's handle on the socket; the socket
   * stays open). Closing twice does nothing.
   */
  async close(): Promise<void> {
    if (this.buffer.closed) return;
    this.#decoded = "";
    await this.buffer.close();
  }

  /** Flushes and closes the file (`await using f = sock.makefile("r")`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Yields lines until end of stream. */
  [Symbol.asyncIterator](): AsyncIterator<string> {
    return lines(() => this.readline());
  }

  #checkOpen(): this {
    if (this.buffer.closed) throw new ValueError(CLOSED);
    return this;
  }

  #run<T>(
    fn: (reader: BufferedReader | BufferedRWPair) => Promise<T>,
    options: AbortOptions | undefined,
  ): Promise<T> {
    return this.#lock.run(() => {
      const reader = this.#checkOpen().#reader;
      if (reader === null) throw new UnsupportedOperation("not readable");
      return fn(reader);
    }, options?.signal);
  }

  async #readChunk(
    reader: BufferedReader | BufferedRWPair,
    options: AbortOptions | undefined,
  ): Promise<boolean> {
    const bytes = await reader.read1(TEXT_CHUNK, options);
    this.#decoded += this.#decode(bytes, bytes.length === 0);
    return bytes.length > 0;
  }

  #decode(bytes: Uint8Array, final: boolean): string {
    const text = this.#decoder.decode(bytes, final);
    return this.#newlines === null ? text : this.#newlines.decode(text, final);
  }

  #take(n: number): string {
    const out = this.#decoded.slice(0, n);
    this.#decoded = this.#decoded.slice(n);
    return out;
  }

  // Where the first line of the decoded text ends (-1 when it does not yet), and where
  // to search again once more text is decoded.
  #lineEnd(start: number, eof: boolean): [number, number] {
    const s = this.#decoded;
    const nl = this.#readnl;
    if (nl === null) {
      const i = s.indexOf("\n", start);
      return [i < 0 ? -1 : i + 1, s.length];
    }
    if (nl !== "") {
      const i = s.indexOf(nl, start);
      return [i < 0 ? -1 : i + nl.length, Math.max(start, s.length - nl.length + 1)];
    }
    LINE_END.lastIndex = start;
    const i = LINE_END.exec(s)?.index ?? -1;
    if (i < 0) return [-1, s.length];
    if (s[i] === "\n") return [i + 1, 0];
    if (i + 1 < s.length) return [s[i + 1] === "\n" ? i + 2 : i + 1, 0];
    return eof ? [i + 1, 0] : [-1, i];
  }
}
