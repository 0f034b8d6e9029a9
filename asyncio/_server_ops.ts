// createServer, createUnixServer and the accept loops (CPython base_events.create_server,
// unix_events.create_unix_server and selector_events._accept_connection): binding, then
// for each listening socket one accept loop that makes a transport per connection.

import type { AbstractEventLoop } from "./events.ts";
import { OSError, ValueError } from "./exceptions.ts";
import type { CreateServerOptions, CreateUnixServerOptions } from "./net_options.ts";
import { checkFactory, checkHandshakeTimeout } from "./_util.ts";
import type { ProtocolLike } from "./protocols.ts";
import { Server } from "./server.ts";
import { logger } from "./log.ts";
import { familyOf, makeTransport, socketFor } from "./_connect.ts";
import { SocketTransport } from "./_socket_transport.ts";
import { coreOf } from "../socket/_core_access.ts";
import type { ByteConn, IoMode } from "../socket/_stream.ts";
import { type AddrInfo, getaddrinfo } from "../socket/getaddrinfo.ts";
import { Socket } from "../socket/socket.ts";
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  AI_PASSIVE,
  IPPROTO_IPV6,
  IPV6_V6ONLY,
  SO_KEEPALIVE,
  SO_REUSEADDR,
  SO_REUSEPORT,
  SOCK_STREAM,
  SOL_SOCKET,
} from "../socket/constants.ts";

const BLOCKING: IoMode = { timeout: null };
const DEFAULT_BACKLOG = 100;
const ACCEPT_RETRY_DELAY = 1;
const RESOURCE_ERRORS = new Set(["EMFILE", "ENFILE", "ENOBUFS", "ENOMEM"]);

/** The accept loop of one listening socket. */
interface Serving {
  stop: AbortController;
  done: Promise<void>;
  unixPath: string | null;
  unixIno: number | null;
}

/** Python's create_server: binds the sockets and makes the Server. */
export async function createServer(
  loop: AbstractEventLoop,
  protocolFactory: () => ProtocolLike,
  host: string | string[] | null | undefined,
  port: number | string | null | undefined,
  o: CreateServerOptions,
): Promise<Server> {
  checkServerArgs(protocolFactory, o);
  let sockets: Socket[];
  if (host != null || port != null) {
    if (o.sock) throw new ValueError("host/port and sock can not be specified at the same time");
    sockets = await bindAll(host ?? null, port ?? null, o);
  } else {
    if (!o.sock) throw new ValueError("Neither host/port nor sock were specified");
    sockets = Array.isArray(o.sock) ? [...o.sock] : [o.sock];
    for (const s of sockets) {
      checkNotSsl(s);
      if (s.type !== SOCK_STREAM) throw new ValueError(`A Stream Socket was expected, got ${s}`);
    }
  }
  const backlog = o.backlog ?? DEFAULT_BACKLOG;
  for (const s of sockets) s.listen(backlog);
  const server = new Server(
    loop,
    sockets,
    protocolFactory,
    o.ssl ?? null,
    backlog,
    o.sslHandshakeTimeout ?? null,
  );
  server._keepAlive = Boolean(o.keepAlive);
  if (o.startServing ?? true) {
    server._start();
    await Promise.resolve();
  }
  if (loop.getDebug()) logger.info(`${server} is serving`);
  return server;
}

async function bindAll(
  host: string | string[] | null,
  port: number | string | null,
  o: CreateServerOptions,
): Promise<Socket[]> {
  const reuseAddress = o.reuseAddress ?? true;
  const hosts = host === "" || host === null ? [null] : typeof host === "string" ? [host] : host;
  const flags = o.flags ?? AI_PASSIVE;
  const lists = await Promise.all(hosts.map(async (h) => {
    const infos = await getaddrinfo(h, port, o.family ?? 0, SOCK_STREAM, 0, flags);
    if (infos.length === 0) {
      throw new OSError(`getaddrinfo(${JSON.stringify(h)}) returned empty list`);
    }
    return infos;
  }));
  const seen = new Set<string>();
  const infos: AddrInfo[] = [];
  for (const info of lists.flat()) {
    const key = JSON.stringify(info);
    if (!seen.has(key)) {
      seen.add(key);
      infos.push(info);
    }
  }
  const sockets: Socket[] = [];
  let completed = false;
  try {
    for (const [af, type, proto, , sa] of infos) {
      const sock = new Socket(af, type, proto);
      sockets.push(sock);
      if (reuseAddress) sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
      if (o.reusePort) sock.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1);
      if (o.keepAlive) sock.setsockopt(SOL_SOCKET, SO_KEEPALIVE, 1);
      let v6only = af !== AF_INET6;
      if (af === AF_INET6) {
        try {
          sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 1);
          v6only = true;
        } catch {
          // A native socket is always dual-stack (see the README).
        }
      }
      try {
        sock.bind(sa);
      } catch (err) {
        if (!(err instanceof OSError)) throw err;
        const msg = `error while attempting to bind on address ${JSON.stringify(sa)}: ` +
          err.message.toLowerCase();
        const dualStackClash = !v6only && err.code === "EADDRINUSE" &&
          sockets.some((s) => s !== sock && s.family === AF_INET);
        if (err.code === "EADDRNOTAVAIL" || dualStackClash) {
          // The family is not enabled (bpo-30945), or IPv4 is already served on this port.
          sockets.pop();
          sock.close();
          continue;
        }
        throw err.errno === null ? new OSError(msg) : new OSError(err.errno, msg);
      }
    }
    if (sockets.length === 0) {
      throw new OSError(
        `could not bind on any address out of ${JSON.stringify(infos.map((i) => i[4]))}`,
      );
    }
    completed = true;
  } finally {
    if (!completed) { for (const s of sockets) s.close(); }
  }
  return sockets;
}

/** Python's create_unix_server. */
export async function createUnixServer(
  loop: AbstractEventLoop,
  protocolFactory: () => ProtocolLike,
  path: string | null | undefined,
  o: CreateUnixServerOptions,
): Promise<Server> {
  checkServerArgs(protocolFactory, o);
  let sock: Socket;
  if (path != null) {
    if (o.sock) throw new ValueError("path and sock can not be specified at the same time");
    sock = new Socket(AF_UNIX, SOCK_STREAM);
    if (!path.startsWith("\0")) removeStaleSocket(path);
    try {
      sock.bind(path);
    } catch (err) {
      sock.close();
      if (err instanceof OSError && err.code === "EADDRINUSE") {
        throw new OSError(err.errno!, `Address ${JSON.stringify(path)} is already in use`);
      }
      throw err;
    }
  } else {
    if (!o.sock) throw new ValueError("path was not specified, and no sock specified");
    sock = o.sock;
    if (sock.family !== AF_UNIX || sock.type !== SOCK_STREAM) {
      throw new ValueError(`A UNIX Domain Stream Socket was expected, got ${sock}`);
    }
  }
  const backlog = o.backlog ?? DEFAULT_BACKLOG;
  sock.listen(backlog);
  const server = new Server(
    loop,
    [sock],
    protocolFactory,
    o.ssl ?? null,
    backlog,
    o.sslHandshakeTimeout ?? null,
  );
  if (o.cleanup ?? true) server._unixCleanup = true;
  if (o.startServing ?? true) {
    server._start();
    await Promise.resolve();
  }
  return server;
}

function removeStaleSocket(path: string): void {
  try {
    if (Deno.statSync(path).isSocket) Deno.removeSync(path);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) {
      logger.error(`Unable to check or remove stale UNIX socket ${JSON.stringify(path)}: ${err}`);
    }
  }
}

/** Starts the accept loop of `sock`. */
export function startServing(loop: AbstractEventLoop, server: Server, sock: Socket): Serving {
  const stop = new AbortController();
  let unixPath: string | null = null, unixIno: number | null = null;
  if (sock.family === AF_UNIX && server._unixCleanup) {
    const name = sock.getsockname();
    if (typeof name === "string" && name !== "" && !name.startsWith("\0")) {
      unixPath = name;
      unixIno = inode(name);
    }
  }
  const serving: Serving = { stop, done: Promise.resolve(), unixPath, unixIno };
  serving.done = acceptLoop(loop, server, sock, stop.signal);
  return serving;
}

/** Stops an accept loop and closes its socket (removing a unix socket's file). */
export function stopServing(sock: Socket, serving: Serving | undefined): Promise<void> {
  serving?.stop.abort();
  sock.close();
  if (
    serving?.unixPath != null && serving.unixIno !== null &&
    inode(serving.unixPath) === serving.unixIno
  ) {
    try {
      Deno.removeSync(serving.unixPath);
    } catch {
      // gone already
    }
  }
  return serving?.done ?? Promise.resolve();
}

function inode(path: string): number | null {
  try {
    return Deno.statSync(path).ino;
  } catch {
    return null;
  }
}

async function acceptLoop(
  loop: AbstractEventLoop,
  server: Server,
  sock: Socket,
  signal: AbortSignal,
): Promise<void> {
  const core = coreOf(sock);
  const native = core !== null && core.kernel === null && core.listener !== null;
  while (!signal.aborted) {
    let conn: ByteConn | null = null, accepted: Socket | null = null;
    try {
      if (native) conn = await core!.listener!.accept(BLOCKING);
      else [accepted] = await sock.accept({ signal });
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof OSError && RESOURCE_ERRORS.has(err.code ?? "")) {
        loop.callExceptionHandler({
          message: "socket.accept() out of system resource",
          exception: err,
          socket: sock,
        });
        await new Promise((r) => setTimeout(r, ACCEPT_RETRY_DELAY * 1000));
        continue;
      }
      if (
        err instanceof OSError &&
        ["EWOULDBLOCK", "EAGAIN", "ECONNABORTED", "EINTR"].includes(err.code ?? "")
      ) continue;
      if (err instanceof OSError && err.code === "EBADF") return;
      loop.callExceptionHandler({ message: "Error in accept loop", exception: err, socket: sock });
      return;
    }
    if (signal.aborted) {
      conn?.close();
      accepted?.close();
      return;
    }
    accept(loop, server, sock.family, conn, accepted);
  }
}

// Makes the transport of one accepted connection (Python's _accept_connection2).
function accept(
  loop: AbstractEventLoop,
  server: Server,
  family: number,
  conn: ByteConn | null,
  accepted: Socket | null,
): void {
  const ssl = server._sslContext;
  if (conn !== null && ssl === null) {
    // The fast path: the Deno connection itself, its Socket made only if asked for.
    const fam = familyOf(conn, family);
    let protocol: ProtocolLike;
    try {
      protocol = server._protocolFactory();
    } catch (exc) {
      conn.close();
      reportDebug(loop, exc);
      return;
    }
    if (fam !== AF_UNIX) conn.setNoDelay?.(true);
    if (server._keepAlive) conn.setKeepAlive?.(true);
    new SocketTransport({
      loop,
      conn,
      protocol,
      family: fam,
      sock: () => socketFor(conn, fam),
      server,
    });
    return;
  }
  const sock = accepted ?? socketFor(conn!, familyOf(conn!, family));
  makeTransport(loop, sock, server._protocolFactory, {
    ssl,
    serverSide: true,
    serverHostname: null,
    sslHandshakeTimeout: server._sslHandshakeTimeout,
    server,
    keepAlive: server._keepAlive,
  }).catch((exc) => reportDebug(loop, exc));
}

function reportDebug(loop: AbstractEventLoop, exception: unknown): void {
  if (!loop.getDebug()) return;
  loop.callExceptionHandler({
    message: "Error on transport creation for incoming connection",
    exception,
  });
}

/** Python's `_check_ssl_socket`. */
export function checkNotSsl(sock: Socket): void {
  if ((sock.constructor as { name?: string }).name === "SSLSocket") {
    throw new TypeError("Socket cannot be of type SSLSocket");
  }
}

function checkServerArgs(
  protocolFactory: unknown,
  o: Pick<CreateUnixServerOptions, "ssl" | "sslHandshakeTimeout">,
): void {
  checkFactory(protocolFactory);
  if (typeof o.ssl === "boolean") throw new TypeError("ssl argument must be an SSLContext or None");
  checkHandshakeTimeout(o.ssl, o.sslHandshakeTimeout);
}
