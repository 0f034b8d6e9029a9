// Connecting and handing connections to transports (CPython base_events.create_connection,
// _connect_sock, _create_connection_transport and staggered.staggered_race): name
// resolution, local binding, happy eyeballs, TLS, and taking the native connection out of
// a Socket for the transport.

import type { AbstractEventLoop } from "./events.ts";
import type { ProtocolLike } from "./protocols.ts";
import type { Server } from "./server.ts";
import { ConnectionAbortedError, OSError, ValueError } from "./exceptions.ts";
import { SocketTransport } from "./_socket_transport.ts";
import { ResumedConn } from "../ssl/_resumed_conn.ts";
import { KernelConn } from "../ssl/_kernel_conn.ts";
import type { SSLContext } from "../ssl/context.ts";
import type { SSLSocket } from "../ssl/ssl_socket.ts";
import { osError } from "../_errors/mod.ts";
import { adopt } from "../socket/_adopt.ts";
import { coreOf } from "../socket/_core_access.ts";
import { SocketCore } from "../socket/_core.ts";
import { type ByteConn, StreamChannel } from "../socket/_stream.ts";
import { kWaitReady } from "../socket/readiness.ts";
import { type AddrInfo, getaddrinfo } from "../socket/getaddrinfo.ts";
import { Socket } from "../socket/socket.ts";
import { AF_INET, AF_INET6, AF_UNIX, SOCK_STREAM } from "../socket/constants.ts";
import { whenConnected } from "./_util.ts";

const EMPTY = new Uint8Array(0);
/** Python's default `ssl_handshake_timeout`. */
export const SSL_HANDSHAKE_TIMEOUT = 60;

/** Where to connect, as `createConnection` got it. */
export interface ConnectTarget {
  host: string | null;
  port: number | string | null;
  family: number;
  proto: number;
  flags: number;
  localAddr: [string, number] | null;
  happyEyeballsDelay: number | null;
  interleave: number | null;
  signal?: AbortSignal;
}

/** Resolves and connects, trying each address (or racing them, RFC 8305). */
export async function connectSocket(t: ConnectTarget): Promise<Socket> {
  let infos = await resolve(t.host, t.port, t.family, t.proto, t.flags);
  const local = t.localAddr === null
    ? null
    : await resolve(t.localAddr[0], t.localAddr[1], t.family, t.proto, t.flags);
  let interleave = t.interleave;
  if (t.happyEyeballsDelay !== null && interleave === null) interleave = 1;
  if (interleave) infos = interleaveInfos(infos, interleave);
  const errors: unknown[] = [];
  if (t.happyEyeballsDelay === null) {
    for (const info of infos) {
      try {
        return await connectOne(info, local, errors, t.signal);
      } catch (e) {
        if (!(e instanceof OSError)) throw e;
      }
    }
  } else {
    const sock = await staggered(infos, local, errors, t.happyEyeballsDelay, t.signal);
    if (sock !== null) return sock;
  }
  if (errors.length === 1) throw errors[0];
  const model = String(errors[0]);
  if (errors.every((e) => String(e) === model)) throw errors[0];
  throw new OSError(`Multiple exceptions: ${errors.map(String).join(", ")}`);
}

/** Python's `_ensure_resolved` for a stream socket. */
export async function resolve(
  host: string | null,
  port: number | string | null,
  family: number,
  proto: number,
  flags: number,
): Promise<AddrInfo[]> {
  const infos = await getaddrinfo(host, port, family, SOCK_STREAM, proto, flags);
  if (infos.length === 0) throw new OSError("getaddrinfo() returned empty list");
  return infos;
}

async function connectOne(
  [family, type, proto, , address]: AddrInfo,
  local: AddrInfo[] | null,
  errors: unknown[],
  signal?: AbortSignal,
): Promise<Socket> {
  const sock = new Socket(family, type, proto);
  try {
    if (local !== null) {
      let bound = false;
      const mine: OSError[] = [];
      for (const [lfamily, , , , laddr] of local) {
        if (lfamily !== family) continue;
        try {
          sock.bind(laddr);
          bound = true;
          break;
        } catch (exc) {
          if (!(exc instanceof OSError)) throw exc;
          const msg = `error while attempting to bind on address ${JSON.stringify(laddr)}: ` +
            String(exc.message).toLowerCase();
          mine.push(exc.errno === null ? new OSError(msg) : new OSError(exc.errno, msg));
        }
      }
      if (!bound) {
        throw mine.pop() ?? new OSError(`no matching local address with family=${family} found`);
      }
    }
    await sock.connect(address, { signal });
    return sock;
  } catch (exc) {
    sock.close();
    if (exc instanceof OSError) errors.push(exc);
    throw exc;
  }
}

// Python's staggered_race: start the next attempt when the previous one fails or after
// `delay` seconds, whichever comes first; the first connection wins, the rest are aborted.
function staggered(
  infos: AddrInfo[],
  local: AddrInfo[] | null,
  errors: unknown[],
  delay: number,
  signal?: AbortSignal,
): Promise<Socket | null> {
  return new Promise((resolve, reject) => {
    const aborts: AbortController[] = [];
    let next = 0, running = 0, won = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (sock: Socket | null, err?: unknown): void => {
      if (won) {
        sock?.close();
        return;
      }
      won = true;
      clearTimeout(timer);
      for (const a of aborts) a.abort(new ConnectionAbortedError("lost the race"));
      if (err !== undefined) reject(err);
      else resolve(sock);
    };
    const start = (): void => {
      clearTimeout(timer);
      if (won || next >= infos.length) return;
      const ctl = new AbortController();
      aborts.push(ctl);
      const onAbort = (): void => ctl.abort(signal!.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      running++;
      connectOne(infos[next++], local, errors, ctl.signal).then(
        (sock) => finish(sock),
        (err) => {
          running--;
          if (!(err instanceof OSError) && !won && !ctl.signal.aborted) return finish(null, err);
          if (signal?.aborted) return finish(null, signal.reason);
          if (next < infos.length) start();
          else if (running === 0) finish(null);
        },
      ).finally(() => signal?.removeEventListener("abort", onAbort));
      if (next < infos.length) timer = setTimeout(start, delay * 1000);
    };
    start();
  });
}

/** Python's `_interleave_addrinfos`: alternate families, `first` of the first family. */
export function interleaveInfos(infos: AddrInfo[], first = 1): AddrInfo[] {
  const byFamily = new Map<number, AddrInfo[]>();
  for (const info of infos) {
    const list = byFamily.get(info[0]);
    if (list) list.push(info);
    else byFamily.set(info[0], [info]);
  }
  const lists = [...byFamily.values()];
  const out: AddrInfo[] = [];
  if (first > 1) out.push(...lists[0].splice(0, first - 1));
  for (let i = 0; lists.some((l) => i < l.length); i++) {
    for (const l of lists) if (i < l.length) out.push(l[i]);
  }
  return out;
}

/**
 * Takes the native connection out of `sock` for a transport: the Socket keeps a fresh
 * channel over the same connection (so it stays open and `getExtraInfo("socket")` works),
 * and the bytes it had read ahead come back as `leftover`.
 */
export async function takeConn(sock: Socket): Promise<{ conn: ByteConn; leftover: Uint8Array }> {
  const core = coreOf(sock);
  if (core === null) throw osError("EBADF");
  for (;;) {
    const ch = core.stream;
    if (ch !== null) {
      try {
        const { conn, buffered } = await ch.detach();
        core.stream = new StreamChannel(conn);
        return { conn, leftover: buffered };
      } catch (e) {
        // A read-ahead (select() on the socket) is in flight: wait for it, then retry.
        if (!(e instanceof ValueError)) throw e;
        await ch[kWaitReady]("read", new AbortController().signal);
        continue;
      }
    }
    if (core.kernel !== null) return { conn: new KernelConn(core.kernel), leftover: EMPTY };
    throw osError("ENOTCONN");
  }
}

/** A Socket around a connection that has none yet (made when the user asks for it). */
export function socketFor(conn: ByteConn, family: number): Socket {
  const core = SocketCore.connected(conn, family, SOCK_STREAM, 0);
  return adopt(core, () => new Socket(family, SOCK_STREAM, 0));
}

/** The family of an accepted or connected Deno connection. */
export function familyOf(conn: ByteConn, fallback: number): number {
  const a = conn.remoteAddr;
  if (a.transport === "unix") return AF_UNIX;
  if ("hostname" in a) return a.hostname.includes(":") ? AF_INET6 : AF_INET;
  return fallback;
}

/** Options of `makeTransport`. */
export interface MakeTransportOptions {
  ssl: SSLContext | null;
  serverSide: boolean;
  serverHostname: string | null;
  sslHandshakeTimeout: number | null;
  server?: Server | null;
  keepAlive?: boolean;
}

/**
 * Python's `_create_connection_transport`: TLS first if asked, then the transport; the
 * Promise settles once `connectionMade` has run. Closes `sock` on failure.
 */
export async function makeTransport(
  loop: AbstractEventLoop,
  sock: Socket,
  protocolFactory: () => ProtocolLike,
  o: MakeTransportOptions,
): Promise<[SocketTransport, ProtocolLike]> {
  let wrapped: Socket = sock;
  let extra: Record<string, unknown> | undefined;
  try {
    if (o.ssl !== null) {
      wrapped = await handshake(sock, o.ssl, o.serverSide, o.serverHostname, o.sslHandshakeTimeout);
      extra = tlsExtra(o.ssl, wrapped as SSLSocket);
    }
    const { conn, leftover } = await takeConn(wrapped);
    if (o.ssl === null && sock.family !== AF_UNIX) conn.setNoDelay?.(true);
    if (o.keepAlive) conn.setKeepAlive?.(true);
    const protocol = protocolFactory();
    const waiter = loop.createFuture<void>();
    const transport = new SocketTransport({
      loop,
      conn,
      protocol,
      family: sock.family,
      sock: wrapped,
      server: o.server,
      extra,
      waiter,
      leftover,
      tls: o.ssl !== null,
    });
    return await whenConnected(transport, protocol, waiter);
  } catch (e) {
    wrapped.close();
    if (wrapped !== sock) sock.close();
    throw e;
  }
}

/** TLS over a connected socket, within the handshake timeout. */
export async function handshake(
  sock: Socket,
  ctx: SSLContext,
  serverSide: boolean,
  serverHostname: string | null,
  timeout: number | null,
): Promise<SSLSocket> {
  const seconds = timeout ?? SSL_HANDSHAKE_TIMEOUT;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new ConnectionAbortedError(
          `SSL handshake is taking longer than ${seconds} seconds: aborting the connection`,
        ),
      );
    }, seconds * 1000);
  });
  const work = (async () => {
    const tls = await ctx.wrapSocket(sock, {
      serverSide,
      serverHostname: serverSide ? null : serverHostname,
      doHandshakeOnConnect: false,
    });
    await tls.doHandshake();
    return tls;
  })();
  try {
    return await Promise.race([work, expired]);
  } catch (e) {
    // A handshake that lost the race closes its socket when it ends.
    work.then((tls) => tls.close(), () => {});
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** Python's TLS keys of `getExtraInfo`. */
export function tlsExtra(ctx: SSLContext, tls: SSLSocket): Record<string, unknown> {
  return {
    sslcontext: ctx,
    ssl_object: tls,
    peercert: quiet(() => tls.getpeercert()),
    cipher: quiet(() => tls.cipher()),
    compression: quiet(() => tls.compression()),
  };
}

/** The connection a transport hands to startTls, as a Socket for `wrapSocket`. */
export function resumedSocket(
  h: { conn: ByteConn; leftover: Uint8Array[]; inflight: Promise<number | null> | null },
  inflightBuffer: Uint8Array | null,
  family: number,
): Socket {
  const conn = new ResumedConn({
    conn: h.conn,
    leftover: h.leftover,
    inflight: h.inflight,
    inflightBuffer,
  });
  return socketFor(conn, family);
}

function quiet<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}
