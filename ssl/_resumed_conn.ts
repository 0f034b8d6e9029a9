// The plain connection unwrap() hands back: the bytes the TLS bridge had read past the
// peer's close_notify come first, then the result of a read it still had running, then
// the connection itself.

import type { ByteConn } from "../socket/_stream.ts";
import type { Detached } from "./_bridge.ts";

export class ResumedConn implements ByteConn {
  readonly #conn: ByteConn;
  readonly #leftover: Uint8Array[];
  #inflight: Promise<number | null> | null;
  readonly #inflightBuffer: Uint8Array | null;
  #eof = false;
  readonly localAddr: Deno.Addr;
  readonly remoteAddr: Deno.Addr;

  constructor(detached: Detached) {
    this.#conn = detached.conn;
    this.#leftover = detached.leftover.filter((c) => c.length > 0);
    this.#inflight = detached.inflight;
    this.#inflightBuffer = detached.inflightBuffer;
    this.localAddr = detached.conn.localAddr;
    this.remoteAddr = detached.conn.remoteAddr;
  }

  async read(p: Uint8Array): Promise<number | null> {
    if (this.#leftover.length === 0 && this.#inflight) {
      const pending = this.#inflight;
      this.#inflight = null;
      const n = await pending;
      if (n === null) this.#eof = true;
      else if (n > 0) this.#leftover.push(this.#inflightBuffer!.slice(0, n));
    }
    if (this.#leftover.length > 0) {
      const chunk = this.#leftover[0];
      const k = Math.min(chunk.length, p.length);
      p.set(chunk.subarray(0, k));
      if (k === chunk.length) this.#leftover.shift();
      else this.#leftover[0] = chunk.subarray(k);
      return k;
    }
    if (this.#eof) return null;
    return await this.#conn.read(p);
  }

  write(p: Uint8Array): Promise<number> {
    return this.#conn.write(p);
  }

  closeWrite(): Promise<void> {
    return this.#conn.closeWrite();
  }

  close(): void {
    this.#conn.close();
  }

  setNoDelay(noDelay = true): void {
    this.#conn.setNoDelay?.(noDelay);
  }

  setKeepAlive(keepAlive = true): void {
    this.#conn.setKeepAlive?.(keepAlive);
  }
}
