// `struct pollfd` arrays and synchronous poll(2), for select(), Poll and the reactor (which
// parks a copy of such arrays on Deno's FFI thread pool). POLL* bits are the platform's.

import { OSError } from "../_errors/os_error.ts";
import { SELECT_PRIVATE_LINUX } from "./constants_select_linux.ts";
import { check, errno, libc } from "./libc.ts";

const POLLFD_SIZE = SELECT_PRIVATE_LINUX.POLLFD_SIZE; // 8 on Linux and macOS
const EINTR = 4;

/** A growable array of `struct pollfd` records, in insertion order. */
export class PollSet {
  #bytes: Uint8Array<ArrayBuffer>;
  #view: DataView;
  #length = 0;

  /** Creates an empty set with room for `capacity` records before it grows. */
  constructor(capacity = 8) {
    this.#bytes = new Uint8Array(Math.max(capacity, 1) * POLLFD_SIZE);
    this.#view = new DataView(this.#bytes.buffer);
  }

  /** Number of records. */
  get length(): number {
    return this.#length;
  }

  /** The records as bytes (a view; valid until the set changes). */
  get bytes(): Uint8Array<ArrayBuffer> {
    return this.#bytes.subarray(0, this.#length * POLLFD_SIZE);
  }

  /** Removes every record. */
  clear(): void {
    this.#length = 0;
  }

  /** Appends a record; returns its index. */
  add(fd: number, events: number): number {
    if ((this.#length + 1) * POLLFD_SIZE > this.#bytes.length) {
      const grown = new Uint8Array(this.#bytes.length * 2);
      grown.set(this.#bytes);
      this.#bytes = grown;
      this.#view = new DataView(grown.buffer);
    }
    const i = this.#length++;
    this.#view.setInt32(i * POLLFD_SIZE, fd, true);
    this.#view.setInt16(i * POLLFD_SIZE + 4, events, true);
    this.#view.setInt16(i * POLLFD_SIZE + 6, 0, true);
    return i;
  }

  /** The descriptor of record `i`. */
  fd(i: number): number {
    return this.#view.getInt32(i * POLLFD_SIZE, true);
  }

  /** The requested events of record `i`. */
  events(i: number): number {
    return this.#view.getUint16(i * POLLFD_SIZE + 4, true);
  }

  /** Replaces the requested events of record `i`. */
  setEvents(i: number, events: number): void {
    this.#view.setInt16(i * POLLFD_SIZE + 4, events, true);
  }

  /** The returned events of record `i` after a poll. */
  revents(i: number): number {
    return this.#view.getUint16(i * POLLFD_SIZE + 6, true);
  }

  /**
   * Polls every record once without waiting (or for `timeoutMs`, which blocks the calling
   * thread: use only 0 on the JS thread). Returns the number of records with events; EINTR
   * is retried.
   */
  pollNow(timeoutMs = 0): number {
    if (this.#length === 0) return 0;
    const lib = libc();
    const bytes = this.#bytes;
    const n = BigInt(this.#length);
    return check(() => lib.poll(bytes, n, timeoutMs));
  }
}

/** Polls one descriptor without waiting; returns its revents (POLLNVAL when closed). */
export function pollOnce(fd: number, events: number): number {
  const lib = libc();
  ONE_VIEW.setInt32(0, fd, true);
  ONE_VIEW.setInt16(4, events, true);
  ONE_VIEW.setInt16(6, 0, true);
  for (;;) {
    if (lib.poll(ONE, 1n, 0) >= 0) return ONE_VIEW.getUint16(6, true);
    const e = errno();
    if (e !== EINTR) throw new OSError(e);
  }
}

const ONE = new Uint8Array(POLLFD_SIZE);
const ONE_VIEW = new DataView(ONE.buffer);
