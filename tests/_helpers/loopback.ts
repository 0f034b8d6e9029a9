// Loopback helpers for tests: connected socket pairs over real TCP, and checks of what
// the machine's loopback supports.

import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  SOCK_STREAM,
  Socket,
  type SocketAddress,
} from "../../socket/mod.ts";
import { coreOf } from "../../socket/_core_access.ts";

/** The two substrates a socket runs on; conformance tests run against both. */
export const BACKENDS = ["native", "kernel"] as const;
/** One of `BACKENDS`. */
export type Backend = typeof BACKENDS[number];

/**
 * A new socket on `backend`: a kernel socket is forced by asking for its descriptor
 * before anything native is opened; a native one is kept native (UDP and unix sockets
 * would otherwise be kernel sockets whenever FFI is granted).
 */
export function newSocket(
  backend: Backend,
  family: number = AF_INET,
  type: number = SOCK_STREAM,
  proto = 0,
): Socket {
  const sock = new Socket(family, type, proto);
  if (backend === "kernel") sock.fileno();
  else coreOf(sock)!.nativeOnly = true;
  return sock;
}

/** A listening server socket on an ephemeral loopback port. */
export function listener(
  family: number = AF_INET,
  path?: string,
  backend: Backend = "native",
): Socket {
  const server = newSocket(backend, family, SOCK_STREAM);
  if (family === AF_UNIX) server.bind(path!);
  else server.bind([family === AF_INET6 ? "::1" : "127.0.0.1", 0]);
  server.listen();
  return server;
}

/** A connected [client, server-side] pair of TCP (or unix) sockets. */
export async function connectedPair(
  family: number = AF_INET,
  path?: string,
  backend: Backend = "native",
): Promise<[Socket, Socket, Socket]> {
  const server = listener(family, path, backend);
  const client = newSocket(backend, family, SOCK_STREAM);
  const accepting = server.accept();
  await client.connect(server.getsockname() as SocketAddress);
  const [conn] = await accepting;
  return [client, conn, server];
}

/** Whether this machine has an IPv6 loopback (`::1`) to test against. */
export function hasIpv6Loopback(): boolean {
  try {
    const l = Deno.listen({ hostname: "::1", port: 0 });
    l.close();
    return true;
  } catch {
    return false;
  }
}

/** A stable pseudo-random buffer (xorshift) for data-integrity tests. */
export function pattern(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** SHA-256 of bytes, as hex, for comparing large transfers. */
export async function sha256(data: Uint8Array): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>),
  );
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
