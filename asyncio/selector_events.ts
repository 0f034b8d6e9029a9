// The networking half of the event loop (CPython asyncio/selector_events.py and the
// network methods of base_events.py). Transports run over Deno's native resources (see
// _socket_transport.ts); kernel descriptors are watched through the shared reactor.

import { checkFactory, checkHandshakeTimeout } from "./_util.ts";
import { BaseEventLoop } from "./base_events.ts";
import { ValueError } from "./exceptions.ts";
import type { FileLike } from "./events.ts";
import type {
  ConnectAcceptedSocketOptions,
  CreateConnectionOptions,
  CreateDatagramEndpointOptions,
  CreateServerOptions,
  CreateUnixConnectionOptions,
  CreateUnixServerOptions,
  GetaddrinfoOptions,
  SendfileOptions,
  StartTlsOptions,
} from "./net_options.ts";
import type { DatagramProtocolLike, ProtocolLike } from "./protocols.ts";
import type { Server } from "./server.ts";
import type { BaseTransport, DatagramTransport, Transport } from "./transports.ts";
import { connectSocket, makeTransport } from "./_connect.ts";
import { createDatagramEndpoint } from "./_datagram_endpoint.ts";
import { FdWatcher } from "./_fd_watch.ts";
import { setLoopFactory } from "./_loop_factory.ts";
import {
  checkNotSsl,
  createServer,
  createUnixServer,
  startServing,
  stopServing,
} from "./_server_ops.ts";
import * as ops from "./_sock_ops.ts";
import { sendfile, startTls } from "./_start_tls.ts";
import type { Address, SocketAddress } from "../socket/address.ts";
import { type AddrInfo, getaddrinfo } from "../socket/getaddrinfo.ts";
import { getnameinfo } from "../socket/getnameinfo.ts";
import { type SendfileSource, Socket } from "../socket/socket.ts";
import { AF_UNIX, SOCK_STREAM } from "../socket/constants.ts";
import type { SSLContext } from "../ssl/context.ts";

/**
 * Python's `asyncio.BaseSelectorEventLoop`: the event loop with its networking methods
 * (connections, servers, datagrams, TLS, watching descriptors, socket operations).
 * `newEventLoop()` returns one (or its subclass `SelectorEventLoop`).
 *
 * @example TCP echo client protocol (18.5.4.3.1), against a local echo server
 * ```ts
 * import { type BaseTransport, Protocol, run, type Transport } from "@ipcnet/std/asyncio";
 * import { getRunningLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * class Echo extends Protocol {
 *   t!: Transport;
 *   override connectionMade(t: BaseTransport) {
 *     this.t = t as Transport;
 *   }
 *   override dataReceived(data: Uint8Array) {
 *     this.t.write(data);
 *   }
 * }
 * await run(async () => {
 *   const loop = getRunningLoop();
 *   await using server = await loop.createServer(() => new Echo(), "127.0.0.1", 0);
 *   const [, port] = server.sockets[0].getsockname() as [string, number];
 *   const got = Promise.withResolvers<string>();
 *   class Client extends Protocol {
 *     override connectionMade(t: BaseTransport) {
 *       (t as Transport).write(new TextEncoder().encode("Hello World!"));
 *     }
 *     override dataReceived(data: Uint8Array) {
 *       got.resolve(new TextDecoder().decode(data));
 *     }
 *   }
 *   const [transport] = await loop.createConnection(() => new Client(), "127.0.0.1", port);
 *   assert.equal(await got.promise, "Hello World!");
 *   transport.close();
 * });
 * ```
 */
export class BaseSelectorEventLoop extends BaseEventLoop {
  #watcher: FdWatcher | null = null;
  #serving = new Map<Socket, ReturnType<typeof startServing>>();

  /**
   * Python's `loop.create_connection`: connects to `host`:`port` (every address
   * getaddrinfo gives, in order, or raced with `happyEyeballsDelay`), or takes
   * `options.sock`, then makes the transport and the protocol.
   *
   * @param protocolFactory makes the protocol (called once connected)
   * @param host the host, or `null` with `options.sock` (an options object may come here)
   * @param port the port
   * @param options Python's keyword arguments
   * @returns `[transport, protocol]` once `connectionMade` has run
   * @throws {ValueError} for contradictory options
   * @throws {OSError} what connecting raised (several: "Multiple exceptions: ...")
   */
  override async createConnection<P extends ProtocolLike>(
    protocolFactory: () => P,
    host?: string | null | CreateConnectionOptions,
    port?: number | string | null,
    options?: CreateConnectionOptions,
  ): Promise<[Transport, P]> {
    const [h, o] = isOptions(host) ? [null, host] : [host ?? null, options ?? {}];
    if (isOptions(host)) port = null;
    checkFactory(protocolFactory);
    let serverHostname = o.serverHostname ?? null;
    const ssl = o.ssl ?? null;
    if (serverHostname !== null && !ssl) {
      throw new ValueError("server_hostname is only meaningful with ssl");
    }
    if (serverHostname === null && ssl) {
      if (!h) throw new ValueError("You must set server_hostname when using ssl without a host");
      serverHostname = h;
    }
    checkHandshakeTimeout(ssl, o.sslHandshakeTimeout);
    if (o.sock) checkNotSsl(o.sock);
    let sock: Socket;
    if (h !== null || port != null) {
      if (o.sock) throw new ValueError("host/port and sock can not be specified at the same time");
      sock = await connectSocket({
        host: h,
        port: port ?? null,
        family: o.family ?? 0,
        proto: o.proto ?? 0,
        flags: o.flags ?? 0,
        localAddr: o.localAddr ?? null,
        happyEyeballsDelay: o.happyEyeballsDelay ?? null,
        interleave: o.interleave ?? null,
        signal: o.signal,
      });
    } else {
      if (!o.sock) throw new ValueError("host and port was not specified and no sock specified");
      sock = o.sock;
      if (sock.type !== SOCK_STREAM) {
        throw new ValueError(`A Stream Socket was expected, got ${sock}`);
      }
    }
    const [t, p] = await makeTransport(this, sock, protocolFactory, {
      ssl: await contextFor(ssl, serverHostname),
      serverSide: false,
      serverHostname,
      sslHandshakeTimeout: o.sslHandshakeTimeout ?? null,
    });
    return [t, p as P];
  }

  /**
   * Python's `loop.create_unix_connection`.
   *
   * @param protocolFactory makes the protocol
   * @param path the socket's path, or `null` with `options.sock`
   * @param options `ssl`, `sock`, `serverHostname`, `sslHandshakeTimeout`
   * @returns `[transport, protocol]`
   */
  override async createUnixConnection<P extends ProtocolLike>(
    protocolFactory: () => P,
    path?: string | null | CreateUnixConnectionOptions,
    options?: CreateUnixConnectionOptions,
  ): Promise<[Transport, P]> {
    const [p0, o] = isOptions(path) ? [null, path] : [path ?? null, options ?? {}];
    checkFactory(protocolFactory);
    const ssl = o.ssl ?? null;
    if (ssl) {
      if (o.serverHostname == null) {
        throw new ValueError("you have to pass server_hostname when using ssl");
      }
    } else {
      if (o.serverHostname != null) {
        throw new ValueError("server_hostname is only meaningful with ssl");
      }
      checkHandshakeTimeout(ssl, o.sslHandshakeTimeout);
    }
    let sock: Socket;
    if (p0 !== null) {
      if (o.sock) throw new ValueError("path and sock can not be specified at the same time");
      sock = new Socket(AF_UNIX, SOCK_STREAM, 0);
      try {
        await sock.connect(p0);
      } catch (e) {
        sock.close();
        throw e;
      }
    } else {
      if (!o.sock) throw new ValueError("no path and sock were specified");
      sock = o.sock;
      if (sock.family !== AF_UNIX || sock.type !== SOCK_STREAM) {
        throw new ValueError(`A UNIX Domain Stream Socket was expected, got ${sock}`);
      }
    }
    const [t, p] = await makeTransport(this, sock, protocolFactory, {
      ssl: await contextFor(ssl, o.serverHostname ?? null),
      serverSide: false,
      serverHostname: o.serverHostname ?? null,
      sslHandshakeTimeout: o.sslHandshakeTimeout ?? null,
    });
    return [t, p as P];
  }

  /**
   * Python's `loop.create_server`: listens on every address of `host` (a name, several,
   * or `null`/`""` for every interface) at `port` (0 picks a free one).
   *
   * @param protocolFactory makes a protocol per connection
   * @param host the host(s) (an options object may come here)
   * @param port the port
   * @param options Python's keyword arguments
   * @returns the Server, already accepting unless `startServing: false`
   */
  override createServer(
    protocolFactory: () => ProtocolLike,
    host?: string | string[] | null | CreateServerOptions,
    port?: number | string | null,
    options?: CreateServerOptions,
  ): Promise<Server> {
    if (isOptions(host)) return createServer(this, protocolFactory, null, null, host);
    return createServer(this, protocolFactory, host, port, options ?? {});
  }

  /**
   * Python's `loop.create_unix_server`. A stale socket file at `path` is removed first;
   * closing the server removes the file it made (Python 3.13's `cleanup_socket`).
   *
   * @param protocolFactory makes a protocol per connection
   * @param path the socket's path, or `null` with `options.sock`
   * @param options Python's keyword arguments
   * @returns the Server
   */
  override createUnixServer(
    protocolFactory: () => ProtocolLike,
    path?: string | null | CreateUnixServerOptions,
    options?: CreateUnixServerOptions,
  ): Promise<Server> {
    if (isOptions(path)) return createUnixServer(this, protocolFactory, null, path);
    return createUnixServer(this, protocolFactory, path, options ?? {});
  }

  /**
   * Python's `loop.connect_accepted_socket`: a transport for a connection accepted
   * elsewhere (server side for TLS).
   *
   * @param protocolFactory makes the protocol
   * @param sock the connected stream socket
   * @param options `ssl`, `sslHandshakeTimeout`
   * @returns `[transport, protocol]`
   */
  override async connectAcceptedSocket<P extends ProtocolLike>(
    protocolFactory: () => P,
    sock: Socket,
    options?: ConnectAcceptedSocketOptions,
  ): Promise<[Transport, P]> {
    const o = options ?? {};
    checkFactory(protocolFactory);
    if (!(sock instanceof Socket)) throw new TypeError("connectAcceptedSocket() needs a Socket");
    if (sock.type !== SOCK_STREAM) {
      throw new ValueError(`A Stream Socket was expected, got ${sock}`);
    }
    checkHandshakeTimeout(o.ssl, o.sslHandshakeTimeout);
    checkNotSsl(sock);
    const [t, p] = await makeTransport(this, sock, protocolFactory, {
      ssl: o.ssl ?? null,
      serverSide: true,
      serverHostname: null,
      sslHandshakeTimeout: o.sslHandshakeTimeout ?? null,
    });
    return [t, p as P];
  }

  /**
   * Python's `loop.create_datagram_endpoint`.
   *
   * @param protocolFactory makes the protocol
   * @param options `localAddr`, `remoteAddr`, `family`, `proto`, `flags`, `reusePort`,
   *   `allowBroadcast`, `sock`
   * @returns `[transport, protocol]`
   * @throws {ValueError} "unexpected address family" with no address and no family
   */
  override createDatagramEndpoint<P extends DatagramProtocolLike>(
    protocolFactory: () => P,
    options?: CreateDatagramEndpointOptions,
  ): Promise<[DatagramTransport, P]> {
    return createDatagramEndpoint(this, protocolFactory, options ?? {});
  }

  /**
   * Python's `loop.start_tls`: upgrades the connection of `transport` to TLS and returns
   * the new transport (the old one must not be used again). `protocol` keeps receiving.
   *
   * @param transport a transport from createConnection, createServer, ...
   * @param protocol its protocol
   * @param sslcontext the TLS settings
   * @param options `serverSide`, `serverHostname`, `sslHandshakeTimeout`
   * @returns the TLS transport
   * @throws {TypeError} for a transport of another kind
   */
  override startTls(
    transport: BaseTransport,
    protocol: ProtocolLike,
    sslcontext: SSLContext,
    options?: StartTlsOptions,
  ): Promise<Transport> {
    return startTls(this, transport, protocol, sslcontext, options ?? {});
  }

  /**
   * Python's `loop.sendfile`: sends `count` bytes (or the rest) of `file` from `offset`
   * through the transport, honouring its flow control.
   *
   * @returns the number of bytes sent
   * @throws {SendfileNotAvailableError} with `fallback: false` (Deno has no zero-copy path)
   */
  override sendfile(
    transport: BaseTransport,
    file: SendfileSource,
    offset = 0,
    count: number | null = null,
    options?: SendfileOptions,
  ): Promise<number> {
    return sendfile(this, transport, file, offset, count, options ?? {});
  }

  /**
   * Python's `loop.add_reader`: calls `callback(...args)` whenever `fd` is readable (a
   * descriptor, an object with `fileno()`, or a Socket), once per loop iteration while it
   * stays readable. Replaces an earlier reader of the same descriptor.
   *
   * @throws {ValueError} for a negative descriptor
   */
  override addReader<A extends unknown[]>(
    fd: FileLike,
    callback: (...args: A) => unknown,
    ...args: A
  ): void {
    this.#fds().add("read", fd, callback as (...a: never[]) => unknown, args);
  }

  /** Python's `loop.remove_reader`: true when a reader was removed. */
  override removeReader(fd: FileLike): boolean {
    return this.#watcher?.remove("read", fd) ?? false;
  }

  /** Python's `loop.add_writer`, for writability. */
  override addWriter<A extends unknown[]>(
    fd: FileLike,
    callback: (...args: A) => unknown,
    ...args: A
  ): void {
    this.#fds().add("write", fd, callback as (...a: never[]) => unknown, args);
  }

  /** Python's `loop.remove_writer`: true when a writer was removed. */
  override removeWriter(fd: FileLike): boolean {
    return this.#watcher?.remove("write", fd) ?? false;
  }

  /**
   * Python's `loop.sock_recv` (the socket must be non-blocking). A cancelled call
   * consumes nothing.
   *
   * @throws {ValueError} "the socket must be non-blocking"
   */
  override sockRecv(sock: Socket, nbytes: number): Promise<Uint8Array> {
    return ops.sockRecv(this, sock, nbytes);
  }

  /** Python's `loop.sock_recv_into`. */
  override sockRecvInto(sock: Socket, buf: Uint8Array): Promise<number> {
    return ops.sockRecvInto(this, sock, buf);
  }

  /** Python's `loop.sock_recvfrom`. */
  override sockRecvfrom(sock: Socket, bufsize: number): Promise<[Uint8Array, SocketAddress]> {
    return ops.sockRecvfrom(this, sock, bufsize);
  }

  /** Python's `loop.sock_recvfrom_into`. */
  override sockRecvfromInto(
    sock: Socket,
    buf: Uint8Array,
    nbytes = 0,
  ): Promise<[number, SocketAddress]> {
    return ops.sockRecvfromInto(this, sock, buf, nbytes);
  }

  /** Python's `loop.sock_sendall`. */
  override sockSendall(sock: Socket, data: Uint8Array): Promise<void> {
    return ops.sockSendall(this, sock, data);
  }

  /** Python's `loop.sock_sendto`. */
  override sockSendto(sock: Socket, data: Uint8Array, address: Address): Promise<number> {
    return ops.sockSendto(this, sock, data, address);
  }

  /** Python's `loop.sock_connect` (a host name is resolved first). */
  override sockConnect(sock: Socket, address: Address): Promise<void> {
    return ops.sockConnect(this, sock, address);
  }

  /** Python's `loop.sock_accept`: the connection is non-blocking too. */
  override sockAccept(sock: Socket): Promise<[Socket, SocketAddress]> {
    return ops.sockAccept(this, sock);
  }

  /** Python's `loop.sock_sendfile` (always the read-and-send fallback here). */
  override sockSendfile(
    sock: Socket,
    file: SendfileSource,
    offset = 0,
    count: number | null = null,
    options?: SendfileOptions,
  ): Promise<number> {
    return ops.sockSendfile(this, sock, file, offset, count, options);
  }

  /** Python's `loop.getaddrinfo`: `socket.getaddrinfo` without blocking. */
  override getaddrinfo(
    host: string | null,
    port: number | string | null,
    options?: GetaddrinfoOptions,
  ): Promise<AddrInfo[]> {
    const o = options ?? {};
    return getaddrinfo(host, port, o.family ?? 0, o.type ?? 0, o.proto ?? 0, o.flags ?? 0);
  }

  /** Python's `loop.getnameinfo`. */
  override getnameinfo(
    sockaddr: [host: string, port: number, flowinfo?: number, scopeId?: number],
    flags = 0,
  ): Promise<[host: string, port: string]> {
    return getnameinfo(sockaddr, flags);
  }

  /** Closes the loop and stops watching every descriptor. */
  override close(): void {
    super.close();
    this.#watcher?.clear();
  }

  /** Python's repr. */
  override toString(): string {
    return `<${this.constructor.name} running=${this.isRunning()} closed=${this.isClosed()} ` +
      `debug=${this.getDebug()}>`;
  }

  /** @internal Server: start accepting on `sock`. */
  _startServing(server: Server, sock: Socket): void {
    if (!this.#serving.has(sock)) this.#serving.set(sock, startServing(this, server, sock));
  }

  /** @internal Server: stop accepting on `sock` and close it. */
  _stopServing(_server: Server, sock: Socket): Promise<void> {
    const serving = this.#serving.get(sock);
    this.#serving.delete(sock);
    return stopServing(sock, serving);
  }

  #fds(): FdWatcher {
    return this.#watcher ??= new FdWatcher(this);
  }
}

setLoopFactory(() => new BaseSelectorEventLoop());

function isOptions<T extends object>(v: T | string | string[] | null | undefined): v is T {
  return typeof v === "object" && v !== null && !Array.isArray(v) &&
    Object.getPrototypeOf(v) === Object.prototype;
}

// `ssl: true` is Python's `ssl.create_default_context()` (no hostname check without a name).
async function contextFor(
  ssl: SSLContext | boolean | null,
  serverHostname: string | null,
): Promise<SSLContext | null> {
  if (!ssl) return null;
  if (ssl !== true) return ssl;
  const { createDefaultContext } = await import("../ssl/create_default_context.ts");
  const ctx = createDefaultContext();
  if (!serverHostname) ctx.checkHostname = false;
  return ctx;
}
