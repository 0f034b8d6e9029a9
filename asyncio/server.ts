// Server (CPython asyncio/base_events.py Server and events.AbstractServer): the listening
// sockets of createServer/createUnixServer and the transports they accepted.

import { CancelledError, RuntimeError } from "./exceptions.ts";
import type { AbstractEventLoop } from "./events.ts";
import type { Future } from "./futures.ts";
import type { ProtocolLike } from "./protocols.ts";
import type { Transport } from "./transports.ts";
import type { Socket } from "../socket/socket.ts";
import type { SSLContext } from "../ssl/context.ts";

/** @internal What a Server asks of its loop (BaseSelectorEventLoop implements it). */
export interface ServingLoop extends AbstractEventLoop {
  /** Starts accepting on `sock` for `server`. */
  _startServing(server: Server, sock: Socket): void;
  /** Stops accepting on `sock` and closes it; settles when its accept loop has ended. */
  _stopServing(server: Server, sock: Socket): Promise<void>;
}

/**
 * Python's `asyncio.AbstractServer`: the interface of `Server`.
 *
 * @example
 * ```ts
 * import { AbstractServer, run, Server, startServer } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   await using server = await startServer(() => {}, "127.0.0.1", 0);
 *   assert.ok(server instanceof AbstractServer && server instanceof Server);
 * });
 * ```
 */
export abstract class AbstractServer implements AsyncDisposable {
  /** Stops listening; connections already accepted stay open. */
  abstract close(): void;
  /** The loop the server runs on. */
  abstract getLoop(): AbstractEventLoop;
  /** Whether the server is accepting connections. */
  abstract isServing(): boolean;
  /** Starts accepting (when made with `startServing: false`). */
  abstract startServing(): Promise<void>;
  /** Accepts until cancelled; cancelling closes the server. */
  abstract serveForever(): Promise<void>;
  /** Waits until the server is closed and its connections are gone. */
  abstract waitClosed(): Promise<void>;

  /** `await using server = ...`: `close()` then `waitClosed()`. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.waitClosed();
  }
}

/**
 * Python's `asyncio.Server`, returned by `loop.createServer`, `createUnixServer`,
 * `startServer` and `startUnixServer`.
 *
 * @example
 * ```ts
 * import { Protocol, run, getRunningLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const server = await getRunningLoop().createServer(() => new Protocol(), "127.0.0.1", 0);
 *   assert.ok(server.isServing());
 *   assert.equal(server.sockets.length, 1);
 *   server.close();
 *   assert.ok(!server.isServing());
 *   await server.waitClosed();
 *   assert.equal(server.sockets.length, 0);
 * });
 * ```
 */
export class Server extends AbstractServer {
  #loop: ServingLoop;
  #sockets: Socket[] | null;
  #clients = new Set<Transport>();
  #waiters: Future<void>[] | null = [];
  #serving = false;
  #servingForever: Future<void> | null = null;
  /** @internal */ readonly _protocolFactory: () => ProtocolLike;
  /** @internal */ readonly _sslContext: SSLContext | null;
  /** @internal */ readonly _backlog: number;
  /** @internal */ readonly _sslHandshakeTimeout: number | null;
  /** @internal SO_KEEPALIVE on accepted connections. */
  _keepAlive = false;
  /** @internal Remove a unix socket's file on close (Python 3.13's `cleanup_socket`). */
  _unixCleanup = false;
  #stopped: Promise<void>[] = [];

  /**
   * Made by the loop's `createServer` and `createUnixServer`.
   *
   * @param loop the loop
   * @param sockets the bound sockets
   * @param protocolFactory makes a protocol per connection
   * @param sslContext TLS for accepted connections, or null
   * @param backlog the listen backlog
   * @param sslHandshakeTimeout seconds, or null for the default
   */
  constructor(
    loop: AbstractEventLoop,
    sockets: Socket[],
    protocolFactory: () => ProtocolLike,
    sslContext: SSLContext | null,
    backlog: number,
    sslHandshakeTimeout: number | null,
  ) {
    super();
    this.#loop = loop as ServingLoop;
    this.#sockets = sockets;
    this._protocolFactory = protocolFactory;
    this._sslContext = sslContext;
    this._backlog = backlog;
    this._sslHandshakeTimeout = sslHandshakeTimeout;
  }

  /** The listening sockets (empty once closed). */
  get sockets(): Socket[] {
    return this.#sockets === null ? [] : [...this.#sockets];
  }

  /** The loop the server runs on. */
  getLoop(): AbstractEventLoop {
    return this.#loop;
  }

  /** Whether the server is accepting connections. */
  isServing(): boolean {
    return this.#serving;
  }

  /**
   * Stops listening and closes the listening sockets. Connections already accepted stay
   * open (`closeClients`/`abortClients` end them); `waitClosed` waits for them.
   */
  close(): void {
    const sockets = this.#sockets;
    if (sockets === null) return;
    this.#sockets = null;
    for (const sock of sockets) this.#stopped.push(this.#loop._stopServing(this, sock));
    this.#serving = false;
    const f = this.#servingForever;
    if (f !== null && !f.done()) {
      f.cancel();
      this.#servingForever = null;
    }
    if (this.#clients.size === 0) this.#wakeup();
  }

  /** Closes every connection the server accepted (Python 3.13). */
  closeClients(): void {
    for (const t of [...this.#clients]) t.close();
  }

  /** Aborts every connection the server accepted (Python 3.13). */
  abortClients(): void {
    for (const t of [...this.#clients]) t.abort();
  }

  /** Starts accepting connections (after `startServing: false`). */
  async startServing(): Promise<void> {
    this.#startServing();
    await Promise.resolve();
  }

  /**
   * Accepts connections until the task is cancelled, then closes the server and waits
   * for it.
   *
   * @throws {RuntimeError} when already serving forever, or closed
   */
  async serveForever(): Promise<void> {
    if (this.#servingForever !== null) {
      throw new RuntimeError(`server ${this} is already being awaited on serveForever()`);
    }
    if (this.#sockets === null) throw new RuntimeError(`server ${this} is closed`);
    this.#startServing();
    const f = this.#servingForever = this.#loop.createFuture<void>();
    try {
      await f;
    } catch (e) {
      if (e instanceof CancelledError) {
        this.close();
        await this.waitClosed();
      }
      throw e;
    } finally {
      if (this.#servingForever === f) this.#servingForever = null;
    }
  }

  /** Waits until the server is closed and every connection it accepted is gone. */
  async waitClosed(): Promise<void> {
    if (this.#waiters !== null) {
      const w = this.#loop.createFuture<void>();
      this.#waiters.push(w);
      await w;
    }
    // The accept loops have ended too, so that no accept is left pending.
    await Promise.all(this.#stopped);
  }

  /** Python's repr. */
  override toString(): string {
    return `<Server sockets=${this.#sockets?.map(String).join(",") ?? "()"}>`;
  }

  /** @internal Starts accepting; the loop calls it for `startServing: true`. */
  _start(): void {
    this.#startServing();
  }

  /** @internal A transport of an accepted connection was made. */
  _attach(transport: Transport): void {
    this.#clients.add(transport);
  }

  /** @internal A transport of an accepted connection ended. */
  _detach(transport: Transport): void {
    this.#clients.delete(transport);
    if (this.#clients.size === 0 && this.#sockets === null) this.#wakeup();
  }

  #startServing(): void {
    if (this.#serving || this.#sockets === null) return;
    this.#serving = true;
    for (const sock of this.#sockets) this.#loop._startServing(this, sock);
  }

  #wakeup(): void {
    const waiters = this.#waiters;
    this.#waiters = null;
    for (const w of waiters ?? []) if (!w.done()) w.setResult(undefined);
  }
}
