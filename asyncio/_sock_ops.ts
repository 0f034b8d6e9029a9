// The loop's low-level socket operations (CPython selector_events sock_recv, sock_sendall,
// ...): Python's shape, try the non-blocking call, and when it would block wait for
// readiness (cancellable: a cancelled wait consumes nothing) and try again.

import type { AbstractEventLoop } from "./events.ts";
import { BlockingIOError, OSError, SendfileNotAvailableError, ValueError } from "./exceptions.ts";
import type { Future } from "./futures.ts";
import type { SendfileOptions } from "./net_options.ts";
import { coreOf } from "../socket/_core_access.ts";
import { sendfileVia } from "../socket/_sendfile.ts";
import type { Address, SocketAddress } from "../socket/address.ts";
import { kWaitReady, type ReadinessKind } from "../socket/readiness.ts";
import { type SendfileSource, Socket } from "../socket/socket.ts";
import { SO_ERROR, SOCK_STREAM, SOL_SOCKET } from "../socket/constants.ts";
import { getaddrinfo } from "../socket/getaddrinfo.ts";

/** Checks Python's preconditions of every `sock*` method. */
export function checkSock(sock: unknown, name: string): Socket {
  if (!(sock instanceof Socket)) throw new TypeError(`${name}() needs a socket.Socket`);
  if ((sock.constructor as { name?: string }).name === "SSLSocket") {
    throw new TypeError("Socket cannot be of type SSLSocket");
  }
  if (sock.gettimeout() !== 0) throw new ValueError("the socket must be non-blocking");
  return sock;
}

/** A Future that resolves when `sock` is ready for `kind`; cancelling it stops the wait. */
export function readyFuture(
  loop: AbstractEventLoop,
  sock: Socket,
  kind: ReadinessKind,
): Future<void> {
  const fut = loop.createFuture<void>();
  const ctl = new AbortController();
  sock[kWaitReady](kind, ctl.signal).then(
    () => fut.done() || fut.setResult(undefined),
    (err) => fut.done() || fut.setException(err),
  );
  fut.addDoneCallback(() => ctl.abort());
  return fut;
}

// Retries `op` until it stops raising BlockingIOError, waiting for `kind` in between.
async function retry<T>(
  loop: AbstractEventLoop,
  sock: Socket,
  kind: ReadinessKind,
  op: () => Promise<T>,
): Promise<T> {
  for (;;) {
    try {
      return await op();
    } catch (e) {
      if (!(e instanceof BlockingIOError)) throw e;
    }
    await readyFuture(loop, sock, kind);
  }
}

export function sockRecv(loop: AbstractEventLoop, sock: Socket, n: number): Promise<Uint8Array> {
  checkSock(sock, "sockRecv");
  return retry(loop, sock, "read", () => sock.recv(n));
}

export function sockRecvInto(
  loop: AbstractEventLoop,
  sock: Socket,
  buf: Uint8Array,
): Promise<number> {
  checkSock(sock, "sockRecvInto");
  return retry(loop, sock, "read", () => sock.recvInto(buf));
}

export function sockRecvfrom(
  loop: AbstractEventLoop,
  sock: Socket,
  bufsize: number,
): Promise<[Uint8Array, SocketAddress]> {
  checkSock(sock, "sockRecvfrom");
  return retry(loop, sock, "read", () => sock.recvfrom(bufsize)) as Promise<
    [Uint8Array, SocketAddress]
  >;
}

export function sockRecvfromInto(
  loop: AbstractEventLoop,
  sock: Socket,
  buf: Uint8Array,
  nbytes = 0,
): Promise<[number, SocketAddress]> {
  checkSock(sock, "sockRecvfromInto");
  return retry(loop, sock, "read", () => sock.recvfromInto(buf, nbytes)) as Promise<
    [number, SocketAddress]
  >;
}

export async function sockSendall(
  loop: AbstractEventLoop,
  sock: Socket,
  data: Uint8Array,
): Promise<void> {
  checkSock(sock, "sockSendall");
  let view = data;
  while (view.length > 0) {
    const n = await retry(loop, sock, "write", () => sock.send(view));
    view = view.subarray(n);
  }
}

export function sockSendto(
  loop: AbstractEventLoop,
  sock: Socket,
  data: Uint8Array,
  address: Address,
): Promise<number> {
  checkSock(sock, "sockSendto");
  return retry(loop, sock, "write", () => sock.sendto(data, address));
}

export async function sockConnect(
  loop: AbstractEventLoop,
  sock: Socket,
  address: Address,
): Promise<void> {
  checkSock(sock, "sockConnect");
  if (Array.isArray(address) && sock.family !== 1) {
    // Python's _ensure_resolved: a name is resolved first, without blocking the loop.
    const [host, port] = address as [string, number];
    const infos = await getaddrinfo(host, port, sock.family, sock.type & 0xf, sock.proto);
    if (infos.length === 0) throw new OSError("getaddrinfo() returned empty list");
    address = infos[0][4];
  }
  try {
    await sock.connect(address);
    return;
  } catch (e) {
    if (!(e instanceof BlockingIOError)) throw e;
  }
  await readyFuture(loop, sock, "write");
  const err = sock.getsockopt(SOL_SOCKET, SO_ERROR) as number;
  if (err !== 0) throw new OSError(err, `Connect call failed ${JSON.stringify(address)}`);
}

export async function sockAccept(
  loop: AbstractEventLoop,
  sock: Socket,
): Promise<[Socket, SocketAddress]> {
  checkSock(sock, "sockAccept");
  const [conn, address] = await retry(loop, sock, "read", () => sock.accept());
  conn.setblocking(false);
  return [conn, address];
}

export async function sockSendfile(
  loop: AbstractEventLoop,
  sock: Socket,
  file: SendfileSource,
  offset = 0,
  count: number | null = null,
  options?: SendfileOptions,
): Promise<number> {
  checkSock(sock, "sockSendfile");
  if (sock.type !== SOCK_STREAM) {
    throw new ValueError("only SOCK_STREAM type sockets are supported");
  }
  if (options?.fallback === false) {
    throw new SendfileNotAvailableError(
      "sendfile is not available: Deno exposes no file descriptor for zero-copy sendfile",
    );
  }
  if (coreOf(sock) === null) throw new OSError(9, "Bad file descriptor");
  return await sendfileVia(file, offset, count, (chunk) => sockSendall(loop, sock, chunk));
}
