// Python's ssl.SSLObject: TLS over two MemoryBIOs (18.2.7), for any transport. The engine
// is node:tls over an in-memory duplex. It works asynchronously, so the calls that drive it
// return Promises: each feeds what `incoming` holds, lets the engine run until it has
// nothing more to do, and settles with everything it produced already in `outgoing`; a
// call that needs more input rejects with SSLWantReadError.

import { Duplex } from "node:stream";
import { setImmediate } from "node:timers";
import { ValueError } from "../_errors/python_errors.ts";
import { CHANNEL_BINDING_TYPES } from "./constants.ts";
import { SSLContext } from "./context.ts";
import { SSLEOFError, SSLWantReadError } from "./errors.ts";
import type { MemoryBIO } from "./memory_bio.ts";
import type { SSLSession } from "./ssl_session.ts";
import type { Transport } from "./_bridge.ts";
import { clientHelloSuites, sharedCiphers as shared } from "./_ciphers.ts";
import { stateOf } from "./_context_state.ts";
import { hooks, type WrapBioInit } from "./_hooks.ts";
import { TlsNodeConn } from "./_node_conn.ts";
import { type CipherTuple, NodeLink } from "./_node_link.ts";
import { decodeCertificate, type PeerCertificate } from "./_x509.ts";

const IDLE_TURNS = 3;
let pendingInit: ObjectInit | null = null;

interface ObjectInit {
  ctx: SSLContext;
  incoming: MemoryBIO;
  outgoing: MemoryBIO;
  init: WrapBioInit;
}

/**
 * Python's `ssl.SSLObject`: the TLS protocol over two `MemoryBIO`s, without any socket.
 * Made by `SSLContext.wrapBio`. The program carries `outgoing`'s bytes to the peer and
 * writes the peer's bytes into `incoming`; `doHandshake`, `read`, `write` and `unwrap`
 * reject with `SSLWantReadError` until enough has arrived. Call `close()` (or `using`)
 * to release the engine when done.
 *
 * @example Two objects talking through memory only
 * ```ts
 * import { MemoryBIO, PROTOCOL_TLS, SSLContext, SSLWantReadError } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * const ctx = new SSLContext(PROTOCOL_TLS);
 * const incoming = new MemoryBIO(), outgoing = new MemoryBIO();
 * using client = ctx.wrapBio(incoming, outgoing);
 * await assert.rejects(client.doHandshake(), SSLWantReadError);
 * assert.ok(outgoing.pending > 0); // the ClientHello, for the peer
 * ```
 */
export class SSLObject implements Disposable {
  #ctx: SSLContext;
  readonly #incoming: MemoryBIO;
  readonly #outgoing: MemoryBIO;
  readonly #init: WrapBioInit;
  #transport: MemoryTransport | null = null;
  #link: NodeLink | null = null;
  #conn: TlsNodeConn | null = null;
  #closeSent = false;

  /**
   * SSLObjects come from `SSLContext.wrapBio` only.
   *
   * @throws {TypeError} when called directly
   */
  constructor() {
    const init = pendingInit;
    pendingInit = null;
    if (init === null) {
      throw new TypeError(
        "SSLObject does not have a public constructor. Instances are returned by " +
          "SSLContext.wrapBio().",
      );
    }
    this.#ctx = init.ctx;
    this.#incoming = init.incoming;
    this.#outgoing = init.outgoing;
    this.#init = init.init;
  }

  /** The context; the server name callback may switch it to another. */
  get context(): SSLContext {
    return this.#ctx;
  }

  /** Replaces the context. */
  set context(ctx: SSLContext) {
    if (!(ctx instanceof SSLContext)) throw new TypeError("The value must be a SSLContext");
    this.#ctx = ctx;
  }

  /** Whether this is the server side of the handshake. */
  get serverSide(): boolean {
    return this.#init.serverSide;
  }

  /** The server name given to `wrapBio`, or null. */
  get serverHostname(): string | null {
    return this.#init.serverHostname;
  }

  /** The client's session after the handshake (never resumed on this stack). */
  get session(): SSLSession | null {
    return this.#link?.session() ?? this.#init.session;
  }

  /** Whether the handshake resumed a session: always false on this stack. */
  get sessionReused(): boolean {
    return false;
  }

  /**
   * Runs the handshake as far as the input allows.
   *
   * @throws {SSLWantReadError} when more input is needed (send `outgoing`'s bytes first)
   * @throws {SSLCertVerificationError} when the peer's certificate does not verify
   * @throws {SSLError} when the handshake fails otherwise
   */
  async doHandshake(): Promise<void> {
    const link = this.#start();
    if (link === null) throw new SSLWantReadError();
    if (link.done) return;
    await this.#run(() => link.settled);
    if (link.settled) return await link.handshake();
    throw new SSLWantReadError();
  }

  /**
   * Reads up to `len` decrypted bytes (into `buffer`, when given, resolving to the
   * count). An empty result means the peer closed TLS with close_notify.
   *
   * @throws {SSLWantReadError} when nothing can be read until more input arrives
   * @throws {SSLEOFError} when `incoming` ended without close_notify
   * @throws {ValueError} for a negative `len`
   */
  async read(len?: number): Promise<Uint8Array>;
  /** Reads into `buffer`, resolving to the count. */
  async read(len: number, buffer: ArrayBufferView): Promise<number>;
  async read(len = 1024, buffer?: ArrayBufferView): Promise<Uint8Array | number> {
    if (!Number.isInteger(len)) throw new TypeError("an integer is required");
    if (len < 0) throw new ValueError("size should not be negative");
    const target = buffer
      ? new Uint8Array(
        buffer.buffer,
        buffer.byteOffset,
        Math.min(buffer.byteLength, len || buffer.byteLength),
      )
      : new Uint8Array(len);
    await this.doHandshake();
    const conn = this.#conn!;
    if (target.length === 0) return buffer ? 0 : new Uint8Array(0);
    await this.#run(() => conn.pending > 0 || conn.ended);
    if (conn.pending === 0 && !conn.ended) throw new SSLWantReadError();
    const n = (await conn.read(target)) ?? 0;
    return buffer ? n : target.slice(0, n);
  }

  /**
   * Encrypts `data` into `outgoing`.
   *
   * @returns the number of bytes taken (all of them)
   * @throws {SSLWantReadError} while the handshake still needs input
   */
  async write(data: ArrayBufferView): Promise<number> {
    if (!ArrayBuffer.isView(data)) throw new TypeError("a bytes-like object is required");
    await this.doHandshake();
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    if (bytes.length === 0) return 0;
    let written = false;
    let failure: unknown = undefined;
    this.#conn!.write(bytes).then(() => written = true, (err) => failure = err);
    await this.#run(() => written || failure !== undefined);
    if (failure !== undefined) throw failure;
    if (!written) throw new SSLWantReadError();
    return bytes.length;
  }

  /**
   * Sends close_notify and waits for the peer's (Python's `unwrap`).
   *
   * @throws {SSLWantReadError} until the peer's close_notify arrives
   * @throws {SSLEOFError} when `incoming` ended without it
   */
  async unwrap(): Promise<void> {
    await this.doHandshake();
    const conn = this.#conn!;
    if (!this.#closeSent) {
      this.#closeSent = true;
      this.#transport!.unwrapping = true;
      this.#link!.tls.end();
    }
    await this.#run(() => conn.closeNotifyReceived || conn.ended);
    if (conn.closeNotifyReceived) return;
    if (conn.ended) throw new SSLEOFError();
    throw new SSLWantReadError();
  }

  /**
   * The peer's certificate, as `SSLSocket.getpeercert` gives it.
   *
   * @throws {ValueError} before the handshake
   */
  getpeercert(binaryForm?: false): PeerCertificate | Record<string, never> | null;
  /** The peer's certificate as DER bytes, or null. */
  getpeercert(binaryForm: true): Uint8Array | null;
  getpeercert(binaryForm = false): PeerCertificate | Record<string, never> | Uint8Array | null {
    const link = this.#link;
    if (!link?.done) throw new ValueError("handshake not done yet");
    const der = link.peerCertificate();
    if (der === null) return null;
    if (binaryForm) return der;
    return link.verified ? decodeCertificate(der).dict : {};
  }

  /** The negotiated cipher `[name, protocol, secretBits]`, or null. */
  cipher(): CipherTuple | null {
    return this.#link?.done ? this.#link.cipher() : null;
  }

  /** The cipher suites the client offered that this server also has, or null. */
  sharedCiphers(): CipherTuple[] | null {
    const first = this.#transport?.firstBytes;
    if (!this.#link?.done || !this.#init.serverSide || !first) return null;
    const suites = clientHelloSuites(first);
    return suites ? shared(suites, stateOf(this.#ctx).ciphers) : null;
  }

  /** The compression in use: always null. */
  compression(): string | null {
    return null;
  }

  /** The protocol ALPN selected, or null. */
  selectedAlpnProtocol(): string | null {
    return this.#link?.done ? this.#link.alpn() : null;
  }

  /** The protocol NPN selected: always null (NPN is not supported). */
  selectedNpnProtocol(): string | null {
    return null;
  }

  /** The negotiated version, or null before the handshake. */
  version(): string | null {
    return this.#link?.done ? this.#link.version() : null;
  }

  /** Decrypted bytes ready to be read. */
  pending(): number {
    return this.#conn?.pending ?? 0;
  }

  /**
   * The channel binding data for `cbType` (`"tls-unique"`), or null.
   *
   * @throws {ValueError} for another type
   */
  getChannelBinding(cbType = "tls-unique"): Uint8Array | null {
    if (!CHANNEL_BINDING_TYPES.includes(cbType)) {
      throw new ValueError(`${cbType} channel binding type not implemented`);
    }
    return this.#link?.done ? this.#link.channelBinding() : null;
  }

  /** Releases the TLS engine. Not in Python, whose objects are freed by the collector. */
  close(): void {
    this.#link?.tls.destroy();
    this.#transport?.duplex.destroy();
  }

  /** Releases the TLS engine (`using obj = ctx.wrapBio(...)`). */
  [Symbol.dispose](): void {
    this.close();
  }

  // Creates the engine on first use (so that nothing is written before the first call).
  #start(): NodeLink | null {
    if (this.#link) return this.#link;
    const transport = this.#transport ??= new MemoryTransport(this.#incoming, this.#outgoing);
    try {
      this.#link = new NodeLink(this.#ctx, { ...this.#init, owner: this }, transport);
    } catch (err) {
      // A server without a certificate fails only once a ClientHello arrives.
      if (this.#incoming.pending === 0 && !this.#incoming.eof) return null;
      throw err;
    }
    this.#conn = new TlsNodeConn(this.#link.tls, transport, null, false);
    this.#link.tls.on("data", () => transport.activity++);
    this.#link.tls.on("end", () => transport.activity++);
    this.#link.tls.on("error", () => transport.activity++);
    return this.#link;
  }

  // Feeds input and lets the engine run until `done()` or until it has been idle a while.
  async #run(done: () => boolean): Promise<void> {
    const t = this.#transport!;
    let idle = 0;
    for (;;) {
      t.feed();
      if (done()) return;
      const before = t.activity;
      await new Promise<void>((r) => setImmediate(r));
      if (t.activity !== before || t.duplex.readableLength > 0) idle = 0;
      else if (++idle >= IDLE_TURNS) {
        if (!t.endInput()) return;
        idle = 0;
      }
    }
  }
}

// The in-memory transport: incoming BIO -> node:tls -> outgoing BIO.
class MemoryTransport implements Transport {
  readonly duplex: Duplex;
  unwrapping = false;
  activity = 0;
  /** The first bytes received (a server's view of the ClientHello). */
  firstBytes: Uint8Array | null = null;
  #inputEnded = false;
  readonly #incoming: MemoryBIO;

  constructor(incoming: MemoryBIO, outgoing: MemoryBIO) {
    this.#incoming = incoming;
    this.duplex = new Duplex({
      read(): void {},
      write: (chunk: Uint8Array, _enc, cb) => {
        outgoing.write(chunk);
        this.activity++;
        cb();
      },
      final: (cb) => cb(),
    });
  }

  get inputEnded(): boolean {
    return this.#inputEnded;
  }

  /** Moves what `incoming` holds into the engine. */
  feed(): void {
    if (this.#inputEnded || this.duplex.destroyed) return;
    const data = this.#incoming.read();
    if (data.length > 0) {
      this.firstBytes ??= data.slice(0, 16 * 1024 + 5);
      this.duplex.push(data);
      this.activity++;
    }
  }

  /** Once the engine is idle, passes on the end of `incoming`; whether it did. */
  endInput(): boolean {
    if (this.#inputEnded || !this.#incoming.eof || this.duplex.destroyed) return false;
    this.#inputEnded = true;
    this.duplex.push(null);
    this.activity++;
    return true;
  }
}

hooks.wrapBio = (ctx, incoming, outgoing, init): SSLObject => {
  pendingInit = { ctx, incoming, outgoing, init };
  return new SSLObject();
};
