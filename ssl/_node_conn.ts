// A node:tls TLSSocket seen through Deno.Conn's shape (ByteConn), so that the socket layer's
// StreamChannel gives an SSLSocket every Socket behaviour (timeouts, non-blocking mode,
// readiness). It keeps the plaintext node:tls decrypted, tells a clean close (close_notify)
// from a ragged one, and maps errors to Python's SSLError family.

import type tls from "node:tls";
import type { ByteConn } from "../socket/_stream.ts";
import { SSLEOFError } from "./errors.ts";
import type { Transport } from "./_bridge.ts";
import { fromNodeTlsError } from "./_tls_errors.ts";

const PAUSE_AT = 256 * 1024;

export class TlsNodeConn implements ByteConn {
  readonly #tls: tls.TLSSocket;
  readonly #transport: Transport;
  readonly #suppressRaggedEofs: boolean;
  readonly #raw: ByteConn | null;
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  #ended = false;
  #error: unknown = undefined;
  #waiters: (() => void)[] = [];
  #endWaiters: (() => void)[] = [];
  /** Whether the peer closed the TLS layer with close_notify. */
  closeNotifyReceived = false;
  readonly localAddr: Deno.Addr;
  readonly remoteAddr: Deno.Addr;

  constructor(
    tlsSock: tls.TLSSocket,
    transport: Transport,
    raw: ByteConn | null,
    suppressRaggedEofs: boolean,
  ) {
    this.#tls = tlsSock;
    this.#transport = transport;
    this.#raw = raw;
    this.#suppressRaggedEofs = suppressRaggedEofs;
    const none: Deno.Addr = { transport: "tcp", hostname: "", port: 0 };
    this.localAddr = raw?.localAddr ?? none;
    this.remoteAddr = raw?.remoteAddr ?? none;
    tlsSock.on("data", (chunk: Uint8Array) => {
      this.#chunks.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      this.#buffered += chunk.byteLength;
      if (this.#buffered >= PAUSE_AT) tlsSock.pause();
      this.#wake();
    });
    tlsSock.on("end", () => {
      if (transport.inputEnded) {
        if (!this.#suppressRaggedEofs) this.#error ??= new SSLEOFError();
      } else {
        this.closeNotifyReceived = true;
      }
      this.#ended = true;
      for (const w of this.#endWaiters.splice(0)) w();
      this.#wake();
    });
    tlsSock.on("error", (err: Error) => {
      this.#error ??= fromNodeTlsError(err);
      this.#wake();
    });
    tlsSock.on("close", () => {
      this.#ended = true;
      for (const w of this.#endWaiters.splice(0)) w();
      this.#wake();
    });
  }

  /** Plaintext decrypted and not yet read. */
  get pending(): number {
    return this.#buffered;
  }

  /** Whether the TLS layer ended (close_notify, end of input or an error). */
  get ended(): boolean {
    return this.#ended || this.#error !== undefined;
  }

  async read(p: Uint8Array): Promise<number | null> {
    while (this.#buffered === 0) {
      if (this.#error !== undefined) throw this.#error;
      if (this.#ended) return null;
      await new Promise<void>((r) => this.#waiters.push(r));
    }
    let off = 0;
    while (off < p.length && this.#chunks.length > 0) {
      const chunk = this.#chunks[0];
      const k = Math.min(chunk.length, p.length - off);
      p.set(chunk.subarray(0, k), off);
      off += k;
      if (k === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(k);
    }
    this.#buffered -= off;
    if (this.#buffered < PAUSE_AT && this.#tls.isPaused()) this.#tls.resume();
    return off;
  }

  write(p: Uint8Array): Promise<number> {
    if (this.#error !== undefined) return Promise.reject(this.#error);
    return new Promise<number>((resolve, reject) => {
      this.#tls.write(p, (err?: Error | null) => {
        if (err) reject(this.#error ?? fromNodeTlsError(err));
        else resolve(p.length);
      });
    });
  }

  /** Sends close_notify, then half-closes the connection under it. */
  closeWrite(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#tls.end(() => {
        if (this.#transport.unwrapping || !this.#raw) return resolve();
        this.#raw.closeWrite().then(resolve, () => resolve());
      });
    });
  }

  /** Resolves when the peer's close_notify (or the end of the connection) arrives. */
  waitEnd(): Promise<void> {
    if (this.#ended || this.#error !== undefined) return Promise.resolve();
    return new Promise<void>((r) => this.#endWaiters.push(r));
  }

  close(): void {
    this.#tls.destroy();
    this.#ended = true;
    this.#wake();
  }

  setNoDelay(noDelay = true): void {
    this.#raw?.setNoDelay?.(noDelay);
  }

  setKeepAlive(keepAlive = true): void {
    this.#raw?.setKeepAlive?.(keepAlive);
  }

  #wake(): void {
    for (const w of this.#waiters.splice(0)) w();
  }
}
