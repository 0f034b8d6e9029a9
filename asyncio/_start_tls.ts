// loop.startTls and loop.sendfile's fallback (CPython base_events.start_tls and
// _sendfile_fallback with _SendfileFallbackProtocol).
//
// startTls takes the connection from the transport, with any bytes it had read and the
// read it still has in flight (a peer's ClientHello may be on its way), runs the TLS
// handshake over it and returns a new transport on the TLS connection, for the same
// protocol. The old transport ends without calling `connectionLost`.

import type { AbstractEventLoop } from "./events.ts";
import { ConnectionError, RuntimeError, SendfileNotAvailableError } from "./exceptions.ts";
import type { Future } from "./futures.ts";
import type { SendfileOptions, StartTlsOptions } from "./net_options.ts";
import type { BaseTransport } from "./transports.ts";
import type { ProtocolLike } from "./protocols.ts";
import { handshake, resumedSocket, takeConn, tlsExtra } from "./_connect.ts";
import { SocketTransport } from "./_socket_transport.ts";
import type { SSLContext } from "../ssl/context.ts";
import { sendfileVia } from "../socket/_sendfile.ts";
import type { SendfileSource } from "../socket/socket.ts";

/** Python's start_tls. */
export async function startTls(
  loop: AbstractEventLoop,
  transport: BaseTransport,
  protocol: ProtocolLike,
  ctx: SSLContext,
  o: StartTlsOptions,
): Promise<SocketTransport> {
  if (!(transport instanceof SocketTransport)) {
    throw new TypeError(`transport ${transport} is not supported by start_tls()`);
  }
  if (ctx === null || typeof ctx !== "object" || typeof ctx.wrapSocket !== "function") {
    throw new TypeError(`sslcontext is expected to be an instance of ssl.SSLContext, got ${ctx}`);
  }
  const family = transport._family;
  // Python pauses first, so that no TLS record reaches the protocol as plain data, and
  // plain data written before goes out first.
  transport.pauseReading();
  while (transport.getWriteBufferSize() > 0 && !transport.isClosing()) {
    await transport._whenFlushed();
  }
  const h = transport._handOver();
  let tls;
  try {
    const sock = resumedSocket(h, h.inflightBuffer, family);
    tls = await handshake(
      sock,
      ctx,
      o.serverSide ?? false,
      o.serverHostname ?? null,
      o.sslHandshakeTimeout ?? null,
    );
  } catch (exc) {
    h.server?._detach(transport);
    try {
      h.conn.close();
    } catch {
      // closed by the failed handshake
    }
    loop.callSoon(() => protocol.connectionLost?.(exc));
    throw exc;
  }
  const { conn, leftover } = await takeConn(tls);
  const waiter = loop.createFuture<void>();
  const t = new SocketTransport({
    loop,
    conn,
    protocol,
    family,
    sock: tls,
    server: h.server,
    extra: tlsExtra(ctx, tls),
    waiter,
    leftover,
    tls: true,
    connectionMade: false,
  });
  h.server?._detach(transport);
  await waiter;
  return t;
}

/** Python's sendfile: Deno exposes no descriptors, so always the fallback. */
export async function sendfile(
  loop: AbstractEventLoop,
  transport: BaseTransport,
  file: SendfileSource,
  offset: number,
  count: number | null,
  o: SendfileOptions,
): Promise<number> {
  if (transport.isClosing()) throw new RuntimeError("Transport is closing");
  if (!(transport instanceof SocketTransport)) {
    throw new RuntimeError(`sendfile is not supported for transport ${transport}`);
  }
  if (o.fallback === false) {
    throw new SendfileNotAvailableError(
      `fallback is disabled and native sendfile is not supported for transport ${transport}`,
    );
  }
  const proto = new FallbackProtocol(loop, transport);
  try {
    return await sendfileVia(file, offset, count, async (chunk) => {
      await proto.drain();
      transport.write(chunk.slice());
    });
  } finally {
    proto.restore();
  }
}

class FallbackProtocol implements ProtocolLike {
  readonly #loop: AbstractEventLoop;
  readonly #transport: SocketTransport;
  readonly #proto: ProtocolLike;
  readonly #resumeReading: boolean;
  readonly #resumeWriting: boolean;
  #ready: Future<boolean> | null = null;

  constructor(loop: AbstractEventLoop, transport: SocketTransport) {
    this.#loop = loop;
    this.#transport = transport;
    this.#proto = transport.getProtocol();
    this.#resumeReading = transport.isReading();
    this.#resumeWriting = transport._protocolPaused;
    transport.pauseReading();
    transport.setProtocol(this);
    if (this.#resumeWriting) this.#ready = loop.createFuture<boolean>();
  }

  async drain(): Promise<void> {
    if (this.#transport.isClosing()) throw new ConnectionError("Connection closed by peer");
    if (this.#ready !== null) await this.#ready;
  }

  connectionMade(): void {
    throw new RuntimeError("Invalid state: connection should have been established already.");
  }

  connectionLost(exc: unknown): void {
    const f = this.#ready;
    if (f !== null && !f.done()) {
      f.setException(exc ?? new ConnectionError("Connection is closed by peer"));
      f.exception();
    }
    this.#proto.connectionLost?.(exc);
  }

  pauseWriting(): void {
    this.#ready ??= this.#loop.createFuture<boolean>();
  }

  resumeWriting(): void {
    const f = this.#ready;
    if (f === null) return;
    this.#ready = null;
    f.setResult(false);
  }

  dataReceived(): void {
    throw new RuntimeError("Invalid state: reading should be paused");
  }

  eofReceived(): void {
    throw new RuntimeError("Invalid state: reading should be paused");
  }

  restore(): void {
    this.#transport.setProtocol(this.#proto);
    if (this.#resumeReading) this.#transport.resumeReading();
    this.#ready?.cancel();
    if (this.#resumeWriting) this.#proto.resumeWriting?.();
  }
}
