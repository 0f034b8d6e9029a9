// StreamReader (CPython asyncio/streams.py), with a buffer that copies only when it must:
// a chunk fed to an empty reader becomes the buffer itself, reads return views of it, and
// bytes are copied only when a chunk arrives before the previous one was consumed (into a
// buffer of the reader's own that grows by doubling, as Python's bytearray does). Views
// handed out are never written again: new bytes go after them or into a new buffer.

import { RuntimeError, ValueError } from "./exceptions.ts";
import { PromiseWaiter } from "./_waiter.ts";
import { concatBytes, toBytes } from "./_bytes.ts";
import type { ReadTransport } from "./transports.ts";
import type { AbstractEventLoop } from "./events.ts";

/** The default limit of a StreamReader's buffer: 64 KiB (Python's `_DEFAULT_LIMIT`). */
export const DEFAULT_LIMIT = 64 * 1024;

const EMPTY = new Uint8Array(0);
const NEWLINE = new Uint8Array([10]);

/** Options of `new StreamReader()`. */
export interface StreamReaderOptions {
  /** The buffer limit, in bytes (`readuntil` and reading flow control). @default 65536 */
  limit?: number;
  /** Accepted for Python compatibility (3.6's `loop` argument); not needed. */
  loop?: AbstractEventLoop;
}

/**
 * Python's `asyncio.IncompleteReadError`: end of stream before `readexactly` (or
 * `readuntil`) got what it needed. `partial` holds the bytes read before the end;
 * `expected` the count asked for (`null` for `readuntil`).
 *
 * @example
 * ```ts
 * import { IncompleteReadError, run, StreamReader } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const r = new StreamReader();
 *   r.feedData(new Uint8Array([1, 2]));
 *   r.feedEof();
 *   const e = await r.readexactly(5).catch((e) => e);
 *   assert.ok(e instanceof IncompleteReadError);
 *   assert.deepEqual([...e.partial], [1, 2]);
 *   assert.equal(e.expected, 5);
 * });
 * ```
 */
export class IncompleteReadError extends Error {
  /** Python's name for the exception. */
  override name = "IncompleteReadError";
  /** The bytes read before the end of stream. */
  readonly partial: Uint8Array;
  /** How many bytes were expected (`null`: undefined). */
  readonly expected: number | null;

  /**
   * Makes the error. @param partial the bytes read @param expected the count asked for
   */
  constructor(partial: Uint8Array, expected: number | null) {
    const r = expected === null ? "undefined" : String(expected);
    super(`${partial.length} bytes read on a total of ${r} expected bytes`);
    this.partial = partial;
    this.expected = expected;
  }
}

/**
 * Python's `asyncio.LimitOverrunError`: `readuntil` went over the reader's limit before
 * (or while) finding the separator. The data stays in the buffer; `consumed` is how many
 * bytes to consume to get past what was searched.
 *
 * @example
 * ```ts
 * import { LimitOverrunError, run, StreamReader } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const r = new StreamReader({ limit: 4 });
 *   r.feedData(new TextEncoder().encode("abcdefgh\n"));
 *   const e = await r.readuntil(new Uint8Array([10])).catch((e) => e);
 *   assert.ok(e instanceof LimitOverrunError);
 *   assert.equal(e.consumed, 8);
 *   assert.equal((await r.read(100)).length, 9); // nothing was lost
 * });
 * ```
 */
export class LimitOverrunError extends Error {
  /** Python's name for the exception. */
  override name = "LimitOverrunError";
  /** Bytes to consume to get past the data searched. */
  readonly consumed: number;

  /** Makes the error. @param message what happened @param consumed see `consumed` */
  constructor(message: string, consumed: number) {
    super(message);
    this.consumed = consumed;
  }
}

/**
 * Python's `asyncio.StreamReader`: buffered reading from a transport, fed by a
 * `StreamReaderProtocol` (or by hand with `feedData`/`feedEof`). A read that is cancelled
 * consumes nothing: the next read gets every byte. `for await (const line of reader)`
 * iterates by line.
 *
 * `feedData` keeps the buffer it is given (no copy) until it is read: do not change it
 * afterwards. Reads return views of the reader's buffers, never written again.
 *
 * @example
 * ```ts
 * import { run, StreamReader } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const r = new StreamReader();
 *   r.feedData(new TextEncoder().encode("one\ntwo\nthree"));
 *   r.feedEof();
 *   const lines: string[] = [];
 *   for await (const line of r) lines.push(new TextDecoder().decode(line));
 *   assert.deepEqual(lines, ["one\n", "two\n", "three"]);
 *   assert.ok(r.atEof());
 * });
 * ```
 */
export class StreamReader implements AsyncIterable<Uint8Array> {
  #limit: number;
  #buf: Uint8Array = EMPTY;
  #start = 0;
  #end = 0;
  /** Whether `#buf` is the reader's own (so bytes may be appended after `#end`). */
  #owned = false;
  #eof = false;
  #waiter: PromiseWaiter<void> | null = null;
  #exception: unknown = null;
  #transport: ReadTransport | null = null;
  #paused = false;

  /**
   * Makes an empty reader.
   *
   * @param options `limit` (bytes)
   * @throws {ValueError} "Limit cannot be <= 0"
   */
  constructor(options?: StreamReaderOptions) {
    const limit = options?.limit ?? DEFAULT_LIMIT;
    if (typeof limit !== "number" || Number.isNaN(limit)) {
      throw new TypeError(`limit must be a number, not ${typeof limit}`);
    }
    if (limit <= 0) throw new ValueError("Limit cannot be <= 0");
    this.#limit = limit;
  }

  /** The buffer limit, in bytes. */
  get limit(): number {
    return this.#limit;
  }

  /** The exception set with `setException`, or `null`. */
  exception(): unknown {
    return this.#exception;
  }

  /** Makes every read (and the one waiting) throw `exc`. */
  setException(exc: unknown): void {
    this.#exception = exc;
    const w = this.#waiter;
    if (w !== null) {
      this.#waiter = null;
      w.fail(exc);
    }
  }

  /**
   * The transport to pause when the buffer is over twice the limit (and to resume when it
   * is back under the limit).
   *
   * @throws {RuntimeError} when a transport was already set
   */
  setTransport(transport: ReadTransport): void {
    if (this.#transport !== null) throw new RuntimeError("Transport already set");
    this.#transport = transport;
  }

  /** Marks the end of stream: waiting reads get what is left. */
  feedEof(): void {
    this.#eof = true;
    this.#wakeup();
  }

  /** Whether the stream ended and the buffer is empty. */
  atEof(): boolean {
    return this.#eof && this.#end === this.#start;
  }

  /**
   * Appends `data` to the buffer (keeping it, not copying it, when the buffer is empty).
   *
   * @throws {RuntimeError} after `feedEof()`
   * @throws {TypeError} when `data` is not an ArrayBufferView
   */
  feedData(chunk: Uint8Array | ArrayBufferView): void {
    if (this.#eof) throw new RuntimeError("feedData after feedEof");
    const data = chunk instanceof Uint8Array ? chunk : toBytes(chunk, "feedData");
    const n = data.length;
    if (n === 0) return;
    const size = this.#end - this.#start;
    if (size === 0) {
      this.#buf = data;
      this.#start = 0;
      this.#end = n;
      this.#owned = false;
    } else if (this.#owned && this.#buf.length - this.#end >= n) {
      this.#buf.set(data, this.#end);
      this.#end += n;
    } else {
      const grown = new Uint8Array(Math.max(2 * (size + n), 4096));
      grown.set(this.#buf.subarray(this.#start, this.#end));
      grown.set(data, size);
      this.#buf = grown;
      this.#start = 0;
      this.#end = size + n;
      this.#owned = true;
    }
    this.#wakeup();
    const t = this.#transport;
    if (t !== null && !this.#paused && this.#end - this.#start > 2 * this.#limit) {
      try {
        t.pauseReading();
        this.#paused = true;
      } catch (e) {
        if ((e as Error)?.name !== "NotImplementedError") throw e;
        this.#transport = null;
      }
    }
  }

  /**
   * Up to `n` bytes (`n` < 0: everything until end of stream); empty at end of stream.
   *
   * @throws the exception set with `setException`
   * @throws {RuntimeError} when another read is already waiting
   */
  async read(n = -1): Promise<Uint8Array> {
    if (this.#exception !== null) throw this.#exception;
    if (n === 0) return EMPTY;
    if (n < 0) {
      const blocks: Uint8Array[] = [];
      for (;;) {
        const block = await this.read(this.#limit);
        if (block.length === 0) break;
        blocks.push(block);
      }
      return concatBytes(blocks);
    }
    if (this.#end === this.#start && !this.#eof) {
      const w = this.#waitForData("read");
      await w.promise;
      w.resumed();
    }
    return this.#take(Math.min(n, this.#end - this.#start));
  }

  /**
   * One line, up to and including `\n`; at end of stream the rest (empty when none).
   *
   * @throws {ValueError} when the line is longer than the limit (the line is dropped)
   */
  async readline(): Promise<Uint8Array> {
    try {
      return await this.readuntil(NEWLINE);
    } catch (e) {
      if (e instanceof IncompleteReadError) return e.partial;
      if (e instanceof LimitOverrunError) {
        const b = this.#buf, at = this.#start + e.consumed;
        if (at < this.#end && b[at] === 10) this.#start = at + 1;
        else this.#start = this.#end;
        this.#maybeResume();
        throw new ValueError(e.message);
      }
      throw e;
    }
  }

  /**
   * Bytes up to and including `separator` (or the first of several, Python 3.13).
   *
   * @throws {IncompleteReadError} at end of stream before the separator (`partial` has
   *   everything, which is consumed)
   * @throws {LimitOverrunError} when the limit is reached first; the data stays buffered
   * @throws {ValueError} for an empty separator
   */
  async readuntil(separator: Uint8Array | readonly Uint8Array[] = NEWLINE): Promise<Uint8Array> {
    const seps = separator instanceof Uint8Array
      ? [separator]
      : [...separator].sort((a, b) => a.length - b.length);
    if (seps.length === 0) throw new ValueError("Separator should contain at least one element");
    for (const s of seps) {
      if (!(s instanceof Uint8Array)) throw new TypeError("separator must be a Uint8Array");
    }
    const minLen = seps[0].length, maxLen = seps[seps.length - 1].length;
    if (minLen === 0) throw new ValueError("Separator should be at least one-byte string");
    if (this.#exception !== null) throw this.#exception;
    let offset = 0, matchStart = -1, matchEnd = -1;
    for (;;) {
      const buflen = this.#end - this.#start;
      if (buflen - offset >= minLen) {
        for (const s of seps) {
          const i = find(this.#buf, this.#start + offset, this.#end, s);
          if (i !== -1) {
            const end = i - this.#start + s.length;
            if (matchEnd === -1 || end < matchEnd) {
              matchEnd = end;
              matchStart = i - this.#start;
            }
          }
        }
        if (matchEnd !== -1) break;
        offset = Math.max(0, buflen + 1 - maxLen);
        if (offset > this.#limit) {
          throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
        }
      }
      if (this.#eof) {
        const chunk = this.#take(buflen);
        throw new IncompleteReadError(chunk, null);
      }
      const w = this.#waitForData("readuntil");
      await w.promise;
      w.resumed();
      if (this.#exception !== null) throw this.#exception;
    }
    if (matchStart > this.#limit) {
      throw new LimitOverrunError("Separator is found, but chunk is longer than limit", matchStart);
    }
    return this.#take(matchEnd);
  }

  /**
   * Exactly `n` bytes.
   *
   * @throws {IncompleteReadError} at end of stream first (`partial` has what was read,
   *   which is consumed; `expected` is `n`)
   * @throws {ValueError} when `n` < 0
   */
  async readexactly(n: number): Promise<Uint8Array> {
    if (n < 0) throw new ValueError("readexactly size can not be less than zero");
    if (this.#exception !== null) throw this.#exception;
    if (n === 0) return EMPTY;
    while (this.#end - this.#start < n) {
      if (this.#eof) throw new IncompleteReadError(this.#take(this.#end - this.#start), n);
      const w = this.#waitForData("readexactly");
      await w.promise;
      w.resumed();
      if (this.#exception !== null) throw this.#exception;
    }
    return this.#take(n);
  }

  /** Iterates by line until end of stream (Python's `async for line in reader`). */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: async (): Promise<IteratorResult<Uint8Array>> => {
        const line = await this.readline();
        return line.length === 0 ? { done: true, value: undefined } : { done: false, value: line };
      },
    };
  }

  /** Python's repr. */
  toString(): string {
    const info = ["StreamReader"];
    const size = this.#end - this.#start;
    if (size > 0) info.push(`${size} bytes`);
    if (this.#eof) info.push("eof");
    if (this.#limit !== DEFAULT_LIMIT) info.push(`limit=${this.#limit}`);
    if (this.#waiter !== null && !this.#waiter.done()) info.push("waiter");
    if (this.#exception !== null) info.push(`exception=${this.#exception}`);
    if (this.#transport !== null) info.push(`transport=${this.#transport}`);
    if (this.#paused) info.push("paused");
    return `<${info.join(" ")}>`;
  }

  /** @internal Bytes buffered (for StreamWriter and tests). */
  get _buffered(): number {
    return this.#end - this.#start;
  }

  #take(n: number): Uint8Array {
    if (n === 0) return EMPTY;
    const s = this.#start;
    const out = this.#buf.subarray(s, s + n);
    this.#start = s + n;
    if (this.#start === this.#end) {
      // Drop the reference, so that the next chunk fed is kept as it is.
      this.#buf = EMPTY;
      this.#start = this.#end = 0;
      this.#owned = false;
    }
    if (this.#paused) this.#maybeResume();
    return out;
  }

  #maybeResume(): void {
    if (this.#paused && this.#end - this.#start <= this.#limit) {
      this.#paused = false;
      this.#transport!.resumeReading();
    }
  }

  #wakeup(): void {
    const w = this.#waiter;
    if (w !== null) {
      this.#waiter = null;
      w.wake();
    }
  }

  // The caller awaits the waiter's promise itself and then calls `resumed()`: one async
  // frame and one microtask fewer per wait than an async helper. A waiter that was
  // cancelled stays in `#waiter`, done, until the next wait replaces it.
  #waitForData(name: string): PromiseWaiter<void> {
    if (this.#waiter !== null && !this.#waiter.done()) {
      throw new RuntimeError(
        `${name}() called while another coroutine is already waiting for incoming data`,
      );
    }
    if (this.#paused) {
      this.#paused = false;
      this.#transport!.resumeReading();
    }
    return this.#waiter = new PromiseWaiter<void>();
  }
}

/** Index of `sep` in `buf[from, to)`, or -1. */
function find(buf: Uint8Array, from: number, to: number, sep: Uint8Array): number {
  const first = sep[0], m = sep.length, last = to - m;
  let i = from;
  while (i <= last) {
    i = buf.indexOf(first, i);
    if (i === -1 || i > last) return -1;
    let k = 1;
    while (k < m && buf[i + k] === sep[k]) k++;
    if (k === m) return i;
    i++;
  }
  return -1;
}
