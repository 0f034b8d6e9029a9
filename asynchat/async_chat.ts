// Python's asynchat.async_chat: an asyncore dispatcher that splits its input at a
// terminator (bytes, a byte count, or none) and writes its output from a queue of buffers
// and producers. Sends are serialised on one chain, so bytes never interleave or repeat.

import { OSError } from "../_errors/os_error.ts";
import { NotImplementedError, ValueError } from "../_errors/python_errors.ts";
import { Dispatcher, type HandlerResult } from "../asyncore/dispatcher.ts";
import { ExitNow } from "../asyncore/errors.ts";
import type { SocketMap } from "../asyncore/socket_map.ts";
import { KeyboardInterrupt } from "../signal/errors.ts";
import type { Socket } from "../socket/socket.ts";
import { findPrefixAtEnd } from "./find_prefix_at_end.ts";

/** A terminator: bytes (or a string, UTF-8 encoded), a byte count, or `null` for none. */
export type Terminator = Uint8Array | string | number | null;

/** A producer: `more()` returns the next bytes, empty when it is exhausted. */
export interface Producer {
  /** The next bytes to send; an empty array (or string) when there are no more. */
  more(): Uint8Array | string;
}

/** An item of `AsyncChat.producerFifo`: bytes, a producer, or `null` ("close when done"). */
export type FifoItem = Uint8Array | Producer | null;

const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();

/**
 * Python's `asynchat.async_chat`: subclass it, implement `collectIncomingData` and
 * `foundTerminator`, set a terminator, and `push` replies. Input is split at the
 * terminator however it arrives (a terminator split across reads is found; a byte-count
 * terminator delivers exactly that many bytes).
 *
 * @deprecated asynchat is deprecated in Python (3.6) and removed in 3.12: use
 * `@ipcnet/std/asyncio` streams for new code.
 *
 * @example A line echo
 * ```ts
 * import { AsyncChat } from "@ipcnet/std/asynchat";
 * import { loop } from "@ipcnet/std/asyncore";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * class LineEcho extends AsyncChat {
 *   #line: Uint8Array[] = [];
 *   override collectIncomingData(data: Uint8Array): void {
 *     this.#line.push(data);
 *   }
 *   override foundTerminator(): void {
 *     this.push(new Uint8Array(this.#line.flatMap((p) => [...p])));
 *     this.push("\n");
 *     this.#line = [];
 *   }
 * }
 * const [a, b] = socketpair();
 * const map = new Map();
 * const chat = new LineEcho(a, map);
 * chat.setTerminator("\n");
 * await b.sendall(new TextEncoder().encode("one\ntwo\n"));
 * await loop({ map, timeout: 1, count: 1 });
 * let echoed = "";
 * while (echoed.length < 8) echoed += new TextDecoder().decode(await b.recv(100));
 * assert.equal(echoed, "one\ntwo\n");
 * b.close();
 * await loop({ map, timeout: 1 });
 * ```
 */
export class AsyncChat extends Dispatcher {
  /** Bytes asked of `recv` at a time. */
  acInBufferSize = 65536;
  /** The largest chunk sent at a time. */
  acOutBufferSize = 65536;
  /** Python's `use_encoding`: strings are always encoded (UTF-8) here. */
  useEncoding = 0;
  /** Input received and not yet handed to `collectIncomingData`. */
  acInBuffer: Uint8Array = EMPTY;
  /** The output queue: buffers, producers, and `null` for "close when done". */
  producerFifo: FifoItem[] = [];
  #terminator: Terminator = null;
  #encoded: Uint8Array | number | null = null;
  #chain: Promise<void> = Promise.resolve();

  /**
   * Wraps `sock` as `Dispatcher` does.
   *
   * @param sock a connected socket, or `null`
   * @param map the map to join
   */
  constructor(sock?: Socket | null, map?: SocketMap) {
    super(sock, map);
  }

  /**
   * Receives a chunk of input that comes before the terminator. Must be overridden.
   *
   * @param _data the bytes
   * @throws {NotImplementedError} unless overridden
   */
  collectIncomingData(_data: Uint8Array): void {
    throw new NotImplementedError("must be implemented in subclass");
  }

  /**
   * Called when the terminator was found (or the byte count reached). Must be overridden.
   *
   * @returns nothing, or a Promise that is awaited before input goes on
   * @throws {NotImplementedError} unless overridden
   */
  foundTerminator(): HandlerResult {
    throw new NotImplementedError("must be implemented in subclass");
  }

  /**
   * Sets the terminator: bytes or a string (UTF-8) to split at, a byte count (`0` or
   * more) to deliver exactly, or `null` to take everything.
   *
   * @param term the terminator
   * @throws {ValueError} for a negative byte count
   * @throws {TypeError} for anything else
   */
  setTerminator(term: Terminator): void {
    if (typeof term === "number") {
      if (!Number.isInteger(term)) throw new TypeError("a byte count must be an integer");
      if (term < 0) throw new ValueError("the number of received bytes must be positive");
      this.#encoded = term;
    } else if (typeof term === "string") {
      this.#encoded = encoder.encode(term);
    } else if (term instanceof Uint8Array || term === null) {
      this.#encoded = term;
    } else {
      throw new TypeError("terminator must be bytes, a string, an integer or null");
    }
    this.#terminator = term;
  }

  /**
   * The current terminator (for a byte count: what is still to come).
   *
   * @returns the terminator as it was set, or the remaining count
   */
  getTerminator(): Terminator {
    return this.#terminator;
  }

  /** Reads what arrived and hands it out, split at the terminator. */
  override async handleRead(): Promise<void> {
    let data: Uint8Array;
    try {
      data = await this.recv(this.acInBufferSize);
    } catch (err) {
      if (err instanceof OSError && (err.code === "EAGAIN" || err.code === "EWOULDBLOCK")) return;
      if (!(err instanceof OSError)) throw err;
      return void await this.handleError(err);
    }
    this.acInBuffer = concat(this.acInBuffer, data);
    while (this.acInBuffer.length > 0) {
      const buffer = this.acInBuffer;
      const lb = buffer.length;
      const term = this.#encoded;
      if (term === null || (term instanceof Uint8Array && term.length === 0) || term === 0) {
        this.acInBuffer = EMPTY; // no terminator: collect it all
        this.collectIncomingData(buffer);
      } else if (typeof term === "number") {
        if (lb < term) {
          this.acInBuffer = EMPTY;
          this.collectIncomingData(buffer);
          this.#setCount(term - lb);
        } else {
          this.acInBuffer = buffer.subarray(term);
          this.collectIncomingData(buffer.subarray(0, term));
          this.#setCount(0);
          await this.foundTerminator();
        }
      } else {
        const index = indexOf(buffer, term);
        if (index !== -1) {
          if (index > 0) this.collectIncomingData(buffer.subarray(0, index));
          this.acInBuffer = buffer.subarray(index + term.length);
          await this.foundTerminator(); // may change the terminator
        } else {
          const prefix = findPrefixAtEnd(buffer, term);
          if (prefix) {
            if (prefix !== lb) {
              this.collectIncomingData(buffer.subarray(0, lb - prefix));
              this.acInBuffer = buffer.subarray(lb - prefix);
            }
            break; // wait for the rest of a possible terminator
          }
          this.acInBuffer = EMPTY;
          this.collectIncomingData(buffer);
        }
      }
    }
  }

  /** Sends the next chunk of output. */
  override handleWrite(): Promise<void> {
    return this.initiateSend();
  }

  /** Closes (Python's default). */
  override handleClose(): HandlerResult {
    this.close();
  }

  /**
   * Queues bytes (or a string, UTF-8 encoded) to send, in chunks of at most
   * `acOutBufferSize`, and starts sending.
   *
   * @param data what to send
   * @throws {TypeError} when `data` is neither bytes nor a string
   */
  push(data: Uint8Array | string): void {
    const bytes = typeof data === "string" ? encoder.encode(data) : data;
    if (!(bytes instanceof Uint8Array)) {
      throw new TypeError(`data argument must be bytes or a string, not ${typeof data}`);
    }
    const size = this.acOutBufferSize;
    for (let i = 0; i < bytes.length; i += size) {
      this.producerFifo.push(bytes.subarray(i, i + size));
    }
    this.#kick();
  }

  /**
   * Queues a producer (an object with `more()`) and starts sending.
   *
   * @param producer the producer
   */
  pushWithProducer(producer: Producer): void {
    this.producerFifo.push(producer);
    this.#kick();
  }

  /** Closes the channel once everything queued before has been sent. */
  closeWhenDone(): void {
    this.producerFifo.push(null);
  }

  /**
   * Writable while there is output queued, or while not connected yet.
   *
   * @returns whether to watch for writing
   */
  override writable(): boolean {
    return this.producerFifo.length > 0 || !this.connected;
  }

  /**
   * Always readable (Python's choice: the terminator decides how input is consumed).
   *
   * @returns `true`
   */
  override readable(): boolean {
    return true;
  }

  /** Sends one chunk from the head of the queue, after any send under way is done. */
  initiateSend(): Promise<void> {
    const next = this.#chain.then(() => this.#sendOnce());
    this.#chain = next.catch(() => {});
    return next;
  }

  /** Drops all input and queued output (emergencies only). */
  discardBuffers(): void {
    this.acInBuffer = EMPTY;
    this.producerFifo.length = 0;
  }

  async #sendOnce(): Promise<void> {
    const fifo = this.producerFifo;
    while (fifo.length > 0 && this.connected) {
      const first = fifo[0];
      if (first === null) {
        fifo.shift();
        return void await this.handleClose();
      }
      if (!(first instanceof Uint8Array)) {
        const more = first.more();
        const data = typeof more === "string" ? encoder.encode(more) : more;
        if (data.length > 0) fifo.unshift(data);
        else fifo.splice(fifo.indexOf(first), 1);
        continue;
      }
      if (first.length === 0) {
        fifo.shift();
        continue;
      }
      const data = first.subarray(0, this.acOutBufferSize);
      let sent: number;
      try {
        sent = await this.send(data);
      } catch (err) {
        if (err instanceof ExitNow || err instanceof KeyboardInterrupt) throw err;
        return void await this.handleError(err);
      }
      if (sent > 0 && fifo[0] === first) {
        if (sent < first.length) fifo[0] = first.subarray(sent);
        else fifo.shift();
      }
      return; // one send per call, as Python
    }
  }

  // push() starts a send nobody awaits: its failures go to handleError, never unhandled.
  #kick(): void {
    this.initiateSend().catch((err) => this.handleError(err));
  }

  #setCount(n: number): void {
    this.#terminator = n;
    this.#encoded = n;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  const last = haystack.length - needle.length;
  for (let i = haystack.indexOf(first); i !== -1 && i <= last; i = haystack.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}
