// The transports node:tls runs over: a stream.Duplex carrying TLS records. RawBridge
// joins a socket's plain connection (any ByteConn: Deno.TcpConn, a unix connection, a
// node:net adapter, an in-memory pair) to node:tls; it can be detached again for unwrap(),
// handing back the connection, the bytes it had read but node:tls had not used, and a
// read still in flight. MemoryTransport (ssl_object.ts) is the other transport.

import { Duplex } from "node:stream";
import { setImmediate } from "node:timers";
import { fromDenoError } from "../_errors/mod.ts";
import type { ByteConn } from "../socket/_stream.ts";

/** What a TLS link needs to know about its transport. */
export interface Transport {
  /** The byte stream node:tls reads records from and writes records to. */
  readonly duplex: Duplex;
  /** Whether the input ended (without close_notify, unless TLS saw one first). */
  readonly inputEnded: boolean;
  /** While set, ending or destroying the TLS layer leaves the connection under it open. */
  unwrapping: boolean;
}

/** What unwrap() takes back from a bridge. */
export interface Detached {
  conn: ByteConn;
  /** Bytes read from the connection that TLS did not consume, in order. */
  leftover: Uint8Array[];
  /** A read on the connection still running; its result belongs after `leftover`. */
  inflight: Promise<number | null> | null;
  /** The buffer that read fills. */
  inflightBuffer: Uint8Array | null;
}

const READ_SIZE = 256 * 1024;

export class RawBridge implements Transport {
  readonly duplex: Duplex;
  readonly conn: ByteConn;
  unwrapping = false;
  #inputEnded = false;
  #pumping = false;
  #detached = false;
  #inflight: Promise<number | null> | null = null;
  #inflightBuffer: Uint8Array | null = null;
  #leftover: Uint8Array[] = [];
  #spare: Uint8Array | null = null;
  /** The first bytes received (a server's view of the ClientHello). */
  firstBytes: Uint8Array | null = null;

  /**
   * @param conn the plain connection
   * @param initial bytes already read from it (a socket's read-ahead), fed to TLS first
   */
  constructor(conn: ByteConn, initial: Uint8Array) {
    this.conn = conn;
    // node:tls writes record by record; with Nagle's algorithm on, a record that follows
    // an unacknowledged one waits for the peer's delayed ACK (about 40 ms) and bulk
    // transfers crawl. TLS stacks on top of TCP (Go's, Deno's own) turn it off.
    conn.setNoDelay?.(true);
    this.duplex = new Duplex({
      read: () => this.#pump(),
      write: (chunk: Uint8Array, _enc, cb) => {
        if (this.#detached) return cb();
        writeAll(conn, chunk).then(() => cb(), (err) => cb(asError(fromDenoError(err))));
      },
      writev: (chunks: { chunk: Uint8Array }[], cb) => {
        if (this.#detached) return cb();
        const total = chunks.reduce((n, c) => n + c.chunk.length, 0);
        const all = new Uint8Array(total);
        let off = 0;
        for (const { chunk } of chunks) {
          all.set(chunk, off);
          off += chunk.length;
        }
        writeAll(conn, all).then(() => cb(), (err) => cb(asError(fromDenoError(err))));
      },
      final: (cb) => {
        if (this.unwrapping || this.#detached) return cb();
        conn.closeWrite().then(() => cb(), () => cb());
      },
      destroy: (err, cb) => {
        if (!this.unwrapping && !this.#detached) {
          try {
            conn.close();
          } catch {
            // Already closed.
          }
        }
        cb(err);
      },
    });
    if (initial.length > 0) {
      this.firstBytes = initial.slice(0, 16 * 1024 + 5);
      this.duplex.push(initial);
    }
  }

  get inputEnded(): boolean {
    return this.#inputEnded;
  }

  /** Stops feeding TLS and hands the connection back (for unwrap). */
  detach(): Detached {
    this.#detached = true;
    const leftover = this.#leftover.splice(0);
    // Bytes pushed but not yet consumed by TLS are still in the duplex's buffer.
    const rest: Uint8Array[] = [];
    let chunk: Uint8Array | null;
    while ((chunk = this.duplex.read() as Uint8Array | null) !== null) rest.push(chunk);
    return {
      conn: this.conn,
      leftover: [...rest, ...leftover],
      inflight: this.#inflight,
      inflightBuffer: this.#inflightBuffer,
    };
  }

  #pump(): void {
    if (this.#pumping || this.#detached || this.#inputEnded) return;
    this.#pumping = true;
    void this.#loop();
  }

  async #loop(): Promise<void> {
    try {
      for (;;) {
        const buf = this.#spare ?? new Uint8Array(READ_SIZE);
        this.#spare = null;
        this.#inflightBuffer = buf;
        this.#inflight = this.conn.read(buf);
        const n = await this.#inflight;
        if (this.#detached) return;
        this.#inflight = null;
        this.#inflightBuffer = null;
        if (n === null) {
          // Let TLS handle what it was given first, so that a close_notify in it is
          // seen before the end of input (which tells a ragged EOF from a clean one).
          await settle(this.duplex);
          this.#inputEnded = true;
          this.duplex.push(null);
          return;
        }
        this.firstBytes ??= buf.slice(0, Math.min(n, 16 * 1024 + 5));
        // A short read is copied out so that its big buffer can be read into again.
        const small = n * 2 < buf.length;
        if (small) this.#spare = buf;
        if (!this.duplex.push(small ? buf.slice(0, n) : buf.subarray(0, n))) break;
      }
    } catch (err) {
      if (!this.#detached) this.duplex.destroy(asError(fromDenoError(err)));
      return;
    } finally {
      if (!this.#detached) this.#pumping = false;
    }
  }
}

/** Resolves once TLS has consumed what the duplex holds and gone quiet for a moment. */
export async function settle(duplex: Duplex, turns = 3): Promise<void> {
  let idle = 0;
  while (idle < turns) {
    const before = duplex.readableLength;
    await new Promise<void>((r) => setImmediate(r));
    idle = duplex.readableLength === 0 && before === 0 ? idle + 1 : 0;
    if (duplex.destroyed) return;
  }
}

function writeAll(conn: ByteConn, data: Uint8Array): Promise<void> {
  return conn.write(data).then((n) =>
    n < data.length ? writeAll(conn, data.subarray(n)) : undefined
  );
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
