// A node:net connection (or any net.Socket, such as a tls.TLSSocket) seen through
// Deno.Conn's shape. Deno.connect cannot bind a
// local address before connecting; node:net can (`localAddress`, `localPort`), so a
// TCP socket that was bound before `connect` uses this. Reading is paused whenever
// enough is buffered, so the kernel applies flow control as with Deno.Conn. ssl's
// TlsNodeConn (ssl/_node_conn.ts) subclasses it: the hooks at the end of the class are
// what it changes (error mapping, close_notify and ragged EOFs).

import net from "node:net";
import { fromDenoError } from "../_errors/mod.ts";
import type { ByteConn } from "./_stream.ts";

const PAUSE_AT = 256 * 1024;

/** Options of a bound-before-connect TCP connection. */
export interface NetConnectOptions {
  host: string;
  port: number;
  localAddress: string;
  localPort: number;
  signal?: AbortSignal;
}

/** Connects with node:net from a fixed local address. */
export function netConnect(options: NetConnectOptions): Promise<ByteConn> {
  return new Promise<ByteConn>((resolve, reject) => {
    const sock = net.connect({
      host: options.host,
      port: options.port,
      localAddress: options.localAddress,
      localPort: options.localPort,
      autoSelectFamily: false,
    });
    const onAbort = (): void => {
      sock.destroy();
      cleanup();
      reject(options.signal!.reason);
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(fromDenoError(err));
    };
    const onConnect = (): void => {
      cleanup();
      resolve(new NodeConn(sock));
    };
    const cleanup = (): void => {
      sock.removeListener("error", onError);
      sock.removeListener("connect", onConnect);
      options.signal?.removeEventListener("abort", onAbort);
    };
    sock.once("error", onError);
    sock.once("connect", onConnect);
    options.signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Adapts a `net.Socket` (or `tls.TLSSocket`) that is already connected. */
export class NodeConn implements ByteConn {
  readonly #sock: net.Socket;
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  #ended = false;
  #error: unknown = undefined;
  #waiters: (() => void)[] = [];
  #endWaiters: (() => void)[] = [];
  readonly localAddr: Deno.Addr;
  readonly remoteAddr: Deno.Addr;

  /**
   * @param sock the connected Node socket
   * @param addrs the addresses to report, when `sock` has none of its own (a TLS socket
   *   over a stream that is not a net.Socket)
   */
  constructor(sock: net.Socket, addrs?: { localAddr: Deno.Addr; remoteAddr: Deno.Addr }) {
    this.#sock = sock;
    this.localAddr = addrs?.localAddr ??
      { transport: "tcp", hostname: sock.localAddress!, port: sock.localPort! };
    this.remoteAddr = addrs?.remoteAddr ??
      { transport: "tcp", hostname: sock.remoteAddress!, port: sock.remotePort! };
    sock.on("data", (chunk: Uint8Array) => {
      this.#chunks.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      this.#buffered += chunk.byteLength;
      if (this.#buffered >= PAUSE_AT) sock.pause();
      this.#wake();
    });
    sock.on("end", () => {
      const err = this.endError();
      if (err !== undefined) this.#error ??= err;
      this.#ended = true;
      this.#wakeEnd();
      this.#wake();
    });
    sock.on("error", (err: Error) => {
      this.#error ??= this.mapError(err);
      this.#wake();
    });
    sock.on("close", () => {
      this.#ended = true;
      this.#wakeEnd();
      this.#wake();
    });
  }

  /** Bytes received and not yet read. */
  get pending(): number {
    return this.#buffered;
  }

  /** Whether the stream ended (end of input, close or an error). */
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
    if (this.#buffered < PAUSE_AT && this.#sock.isPaused()) this.#sock.resume();
    return off;
  }

  write(p: Uint8Array): Promise<number> {
    if (this.#error !== undefined) return Promise.reject(this.#error);
    return new Promise<number>((resolve, reject) => {
      this.#sock.write(
        p,
        (err?: Error | null) => err ? reject(this.writeError(err, this.#error)) : resolve(p.length),
      );
    });
  }

  closeWrite(): Promise<void> {
    return new Promise<void>((resolve) => this.#sock.end(resolve));
  }

  /** Resolves when the stream ends (end of input, close or an error). */
  waitEnd(): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise<void>((r) => this.#endWaiters.push(r));
  }

  close(): void {
    this.#sock.destroy();
    this.#ended = true;
    this.#wake();
  }

  setNoDelay(noDelay = true): void {
    this.#sock.setNoDelay(noDelay);
  }

  setKeepAlive(keepAlive = true): void {
    this.#sock.setKeepAlive(keepAlive);
  }

  /** The error that an `"error"` event of the socket reports. */
  protected mapError(err: Error): unknown {
    return fromDenoError(err);
  }

  /**
   * The error that a failed write rejects with.
   *
   * @param err the socket's error for the write
   * @param _first the error the connection already reports, if any
   */
  protected writeError(err: Error, _first: unknown): unknown {
    return fromDenoError(err);
  }

  /** Runs when the peer ends the stream; returns an error to report in place of EOF. */
  protected endError(): unknown {
    return undefined;
  }

  #wake(): void {
    for (const w of this.#waiters.splice(0)) w();
  }

  #wakeEnd(): void {
    for (const w of this.#endWaiters.splice(0)) w();
  }
}
