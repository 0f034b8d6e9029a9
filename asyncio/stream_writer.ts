// StreamWriter and the protocol side of streams (CPython asyncio/streams.py:
// FlowControlMixin, StreamReaderProtocol, StreamWriter).

import { ConnectionResetError } from "./exceptions.ts";
import type { AbstractEventLoop } from "./events.ts";
import type { Future } from "./futures.ts";
import { Protocol } from "./protocols.ts";
import type { StreamReader } from "./stream_reader.ts";
import type { BaseTransport, Transport } from "./transports.ts";
import type { SSLContext } from "../ssl/context.ts";
import { defaultLoop } from "./_util.ts";
import { PromiseWaiter, RESOLVED_VOID } from "./_waiter.ts";
import { sleep } from "./tasks.ts";

/** What `startServer` calls for each connection: `(reader, writer)`, maybe async. */
export type ClientConnectedCallback = (
  reader: StreamReader,
  writer: StreamWriter,
) => void | PromiseLike<void>;

/** Options of `StreamWriter.startTls`. */
export interface StreamStartTlsOptions {
  /** The name the server certificate must match. @default none */
  serverHostname?: string | null;
  /** Seconds the handshake may take. @default 60 */
  sslHandshakeTimeout?: number | null;
  /** Accepted for Python compatibility. */
  sslShutdownTimeout?: number | null;
}

/**
 * Python's `asyncio.StreamReaderProtocol`: adapts a `StreamReader` (and, for servers, a
 * client-connected callback) to the protocol interface. `openConnection` and
 * `startServer` make one for you.
 *
 * @example
 * ```ts
 * import { run, StreamReader, StreamReaderProtocol } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const reader = new StreamReader();
 *   const protocol = new StreamReaderProtocol(reader);
 *   protocol.dataReceived(new Uint8Array([104, 105]));
 *   protocol.eofReceived();
 *   assert.deepEqual(await reader.read(), new Uint8Array([104, 105]));
 * });
 * ```
 */
export class StreamReaderProtocol extends Protocol {
  #loop: AbstractEventLoop;
  #reader: StreamReader | null;
  #clientConnected: ClientConnectedCallback | null;
  #writer: StreamWriter | null = null;
  #transport: BaseTransport | null = null;
  #overSsl = false;
  #closed: Future<void>;
  #paused = false;
  #drainWaiters: PromiseWaiter<void>[] = [];
  #connectionLost = false;
  #lostError: unknown = null;
  /** @internal The task running the client-connected callback. */
  _task: Future<unknown> | null = null;

  /**
   * Makes the protocol.
   *
   * @param reader the reader fed with the data received
   * @param clientConnected for servers: called with `(reader, writer)` on connection
   * @param loop the loop (the running one when omitted)
   */
  constructor(
    reader: StreamReader | null,
    clientConnected?: ClientConnectedCallback | null,
    loop?: AbstractEventLoop,
  ) {
    super();
    this.#loop = loop ?? defaultLoop();
    this.#reader = reader;
    this.#clientConnected = clientConnected ?? null;
    this.#closed = this.#loop.createFuture<void>();
  }

  /** @internal Whether this is a server-side protocol (Python's `_client_connected_cb`). */
  get _serverSide(): boolean {
    return this.#clientConnected !== null;
  }

  /** Sets up the reader and, on a server, calls the client-connected callback. */
  override connectionMade(transport: BaseTransport): void {
    this.#transport = transport;
    const reader = this.#reader;
    if (reader !== null) reader.setTransport(transport as Transport);
    this.#overSsl = transport.getExtraInfo("sslcontext") !== null;
    const cb = this.#clientConnected;
    if (cb === null) return;
    const writer = new StreamWriter(transport as Transport, this, reader, this.#loop);
    this.#writer = writer;
    const res = cb(reader!, writer);
    if (res !== null && typeof (res as PromiseLike<void>)?.then === "function") {
      const loop = this.#loop;
      const task = loop.createTask(res as PromiseLike<void>);
      this._task = task;
      task.addDoneCallback((t) => {
        if (t.cancelled()) {
          transport.close();
          return;
        }
        const exc = t.exception();
        if (exc !== null) {
          loop.callExceptionHandler({
            message: "Unhandled exception in client_connected_cb",
            exception: exc,
            transport,
          });
          transport.close();
        }
      });
    }
  }

  /** Feeds the end (or the error) to the reader and settles `waitClosed`. */
  override connectionLost(exc: unknown): void {
    const reader = this.#reader;
    if (reader !== null) {
      if (exc === null || exc === undefined) reader.feedEof();
      else reader.setException(exc);
    }
    const closed = this.#closed;
    if (!closed.done()) {
      if (exc === null || exc === undefined) closed.setResult(undefined);
      else {
        closed.setException(exc);
        closed.exception(); // retrieved: waitClosed still throws it (Python's __del__)
      }
    }
    this.#connectionLost = true;
    this.#lostError = exc ?? null;
    if (this.#paused) this.#wakeDrainers();
    this.#reader = null;
    this.#writer = null;
    this._task = null;
    this.#transport = null;
  }

  /** Feeds the reader. */
  override dataReceived(data: Uint8Array): void {
    this.#reader?.feedData(data);
  }

  /** Feeds the end to the reader; keeps the transport open (half close) unless TLS. */
  override eofReceived(): boolean {
    this.#reader?.feedEof();
    return !this.#overSsl;
  }

  /** Flow control: `drain()` waits from now on. */
  override pauseWriting(): void {
    this.#paused = true;
  }

  /** Flow control: wakes `drain()`. */
  override resumeWriting(): void {
    this.#paused = false;
    this.#wakeDrainers();
  }

  /** @internal Python's `_drain_helper`. */
  _drainHelper(): Promise<void> {
    if (this.#connectionLost) {
      return Promise.reject(new ConnectionResetError("Connection lost"));
    }
    if (!this.#paused) return RESOLVED_VOID;
    return this.#waitDrain();
  }

  /** @internal The future `waitClosed` awaits. */
  _closeWaiter(): Future<void> {
    return this.#closed;
  }

  /** @internal After `startTls`: the writer's new transport. */
  _replaceWriter(writer: StreamWriter): void {
    const transport = writer.transport;
    this.#writer = writer;
    this.#transport = transport;
    this.#overSsl = transport.getExtraInfo("sslcontext") !== null;
  }

  async #waitDrain(): Promise<void> {
    const w = new PromiseWaiter<void>();
    this.#drainWaiters.push(w);
    try {
      await w.promise;
      w.resumed();
    } finally {
      const i = this.#drainWaiters.indexOf(w);
      if (i >= 0) this.#drainWaiters.splice(i, 1);
    }
    if (this.#connectionLost && this.#lostError !== null) throw this.#lostError;
  }

  #wakeDrainers(): void {
    for (const w of this.#drainWaiters) w.wake();
  }
}

/**
 * Python's `asyncio.StreamWriter`: writes to a transport, with `drain()` for flow
 * control and `waitClosed()` for the end.
 *
 * @example
 * ```ts
 * import { openConnection, run, startServer, type StreamReader, type StreamWriter }
 *   from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const server = await startServer(async (r: StreamReader, w: StreamWriter) => {
 *     w.write(await r.readline());
 *     await w.drain();
 *     w.close();
 *   }, "127.0.0.1", 0);
 *   const [, port] = server.sockets[0].getsockname() as [string, number];
 *   const [reader, writer] = await openConnection("127.0.0.1", port);
 *   writer.write(new TextEncoder().encode("ping\n"));
 *   await writer.drain();
 *   assert.equal(new TextDecoder().decode(await reader.readline()), "ping\n");
 *   writer.close();
 *   await writer.waitClosed();
 *   server.close();
 *   await server.waitClosed();
 * });
 * ```
 */
export class StreamWriter {
  #transport: Transport;
  #protocol: StreamReaderProtocol;
  #reader: StreamReader | null;
  #loop: AbstractEventLoop;

  /**
   * Makes a writer (`openConnection` and `startServer` do this).
   *
   * @param transport the transport written to
   * @param protocol its StreamReaderProtocol
   * @param reader the reader of the same connection, or null
   * @param loop the loop
   */
  constructor(
    transport: Transport,
    protocol: StreamReaderProtocol,
    reader: StreamReader | null,
    loop: AbstractEventLoop,
  ) {
    this.#transport = transport;
    this.#protocol = protocol;
    this.#reader = reader;
    this.#loop = loop;
  }

  /** The transport. */
  get transport(): Transport {
    return this.#transport;
  }

  /** Writes `data` (buffered by the transport; `drain()` waits for room). */
  write(data: Uint8Array): void {
    this.#transport.write(data);
  }

  /** Writes every buffer of `list`. */
  writelines(list: Iterable<Uint8Array>): void {
    this.#transport.writelines(list);
  }

  /** Closes the write end once the buffer is flushed. */
  writeEof(): void {
    this.#transport.writeEof();
  }

  /** Whether `writeEof()` is supported. */
  canWriteEof(): boolean {
    return this.#transport.canWriteEof();
  }

  /** Closes the transport (after flushing). */
  close(): void {
    this.#transport.close();
  }

  /** Whether the transport is closing or closed. */
  isClosing(): boolean {
    return this.#transport.isClosing();
  }

  /** Waits until the connection is closed; throws the error that closed it, if any. */
  async waitClosed(): Promise<void> {
    await this.#protocol._closeWaiter();
  }

  /** The transport's extra information (`peername`, `sockname`, `socket`, ...). */
  getExtraInfo(name: string, defaultValue: unknown = null): unknown {
    return this.#transport.getExtraInfo(name, defaultValue);
  }

  /**
   * Waits until the transport's buffer is under its low-water mark. Resolves at once
   * when writing is not paused.
   *
   * @throws the reader's exception, or ConnectionResetError once the connection is lost
   */
  drain(): Promise<void> {
    const exc = this.#reader?.exception() ?? null;
    if (exc !== null) return Promise.reject(exc);
    if (this.#transport.isClosing()) {
      // Let connectionLost run first, so that a closed connection is reported.
      return sleep(0).then(() => this.#protocol._drainHelper());
    }
    return this.#protocol._drainHelper();
  }

  /**
   * Upgrades the connection to TLS (client side, unless this writer came from
   * `startServer`).
   *
   * @param sslcontext the TLS settings
   * @param options `serverHostname`, `sslHandshakeTimeout`
   */
  async startTls(sslcontext: SSLContext, options?: StreamStartTlsOptions): Promise<void> {
    const protocol = this.#protocol;
    await this.drain();
    const t = await this.#loop.startTls(this.#transport, protocol, sslcontext, {
      serverSide: protocol._serverSide,
      serverHostname: options?.serverHostname,
      sslHandshakeTimeout: options?.sslHandshakeTimeout,
    });
    this.#transport = t;
    protocol._replaceWriter(this);
  }

  /** `await using w = writer`: closes and waits for the end. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (!this.#transport.isClosing()) this.close();
    try {
      await this.waitClosed();
    } catch {
      // The error was the connection's; disposal only ends it.
    }
  }

  /** Python's repr. */
  toString(): string {
    return `<StreamWriter transport=${this.#transport}${
      this.#reader ? ` reader=${this.#reader}` : ""
    }>`;
  }
}
