// loop.createDatagramEndpoint (CPython base_events.create_datagram_endpoint).

import type { AbstractEventLoop } from "./events.ts";
import { OSError, ValueError } from "./exceptions.ts";
import type { CreateDatagramEndpointOptions } from "./net_options.ts";
import type { DatagramProtocolLike } from "./protocols.ts";
import { DatagramSocketTransport } from "./_datagram_transport.ts";
import { checkNotSsl } from "./_server_ops.ts";
import { getaddrinfo } from "../socket/getaddrinfo.ts";
import { Socket } from "../socket/socket.ts";
import {
  AF_UNIX,
  SO_BROADCAST,
  SO_REUSEPORT,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
} from "../socket/constants.ts";
import { whenConnected } from "./_util.ts";

type Pair = [family: number, proto: number, local: unknown, remote: unknown];

export async function createDatagramEndpoint<P extends DatagramProtocolLike>(
  loop: AbstractEventLoop,
  protocolFactory: () => P,
  o: CreateDatagramEndpointOptions,
): Promise<[DatagramSocketTransport, P]> {
  if (typeof protocolFactory !== "function") {
    throw new TypeError("protocolFactory must be callable");
  }
  let sock: Socket | null = null;
  let rAddr: unknown = null;
  if (o.sock) {
    sock = o.sock;
    checkNotSsl(sock);
    if (sock.type === SOCK_STREAM) {
      throw new ValueError(`A datagram socket was expected, got ${sock}`);
    }
    const opts: Record<string, unknown> = {
      local_addr: o.localAddr,
      remote_addr: o.remoteAddr,
      family: o.family,
      proto: o.proto,
      flags: o.flags,
      reuse_port: o.reusePort,
      allow_broadcast: o.allowBroadcast,
    };
    const problems = Object.entries(opts).filter(([, v]) => v).map(([k, v]) => `${k}=${v}`);
    if (problems.length > 0) {
      throw new ValueError(
        "socket modifier keyword arguments can not be used when sock is specified. " +
          `(${problems.join(", ")})`,
      );
    }
    sock.setblocking(false);
  } else {
    const pairs = await addressPairs(o);
    const errors: unknown[] = [];
    for (const [family, proto, local, remote] of pairs) {
      let s: Socket | null = null;
      try {
        s = new Socket(family, SOCK_DGRAM, proto);
        if (o.reusePort) s.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1);
        if (o.allowBroadcast) s.setsockopt(SOL_SOCKET, SO_BROADCAST, 1);
        s.setblocking(false);
        if (local !== null) s.bind(local as [string, number]);
        if (remote !== null) {
          if (!o.allowBroadcast) {
            s.settimeout(null);
            await s.connect(remote as [string, number]);
            s.setblocking(false);
          }
          rAddr = remote;
        }
        sock = s;
        break;
      } catch (exc) {
        s?.close();
        if (!(exc instanceof OSError)) throw exc;
        errors.push(exc);
      }
    }
    if (sock === null) throw errors[0];
  }
  const protocol = protocolFactory();
  const waiter = loop.createFuture<void>();
  const transport = new DatagramSocketTransport(loop, sock, protocol, rAddr, waiter);
  return await whenConnected(transport, protocol, waiter);
}

async function addressPairs(o: CreateDatagramEndpointOptions): Promise<Pair[]> {
  const family = o.family ?? 0, proto = o.proto ?? 0;
  const local = o.localAddr ?? null, remote = o.remoteAddr ?? null;
  if (!local && !remote) {
    if (family === 0) throw new ValueError("unexpected address family");
    return [[family, proto, null, null]];
  }
  if (family === AF_UNIX) {
    for (const a of [local, remote]) {
      if (a !== null && typeof a !== "string") throw new TypeError("string is expected");
    }
    if (typeof local === "string" && local !== "" && !local.startsWith("\0")) {
      try {
        if (Deno.statSync(local).isSocket) Deno.removeSync(local);
      } catch {
        // not there
      }
    }
    return [[family, proto, local, remote]];
  }
  const byKey = new Map<string, Pair>();
  for (const [idx, addr] of [[0, local], [1, remote]] as const) {
    if (addr === null) continue;
    if (!Array.isArray(addr) || addr.length !== 2) throw new TypeError("2-tuple is expected");
    const infos = await getaddrinfo(addr[0], addr[1], family, SOCK_DGRAM, proto, o.flags ?? 0);
    if (infos.length === 0) throw new OSError("getaddrinfo() returned empty list");
    for (const [fam, , pro, , address] of infos) {
      const key = `${fam}/${pro}`;
      let pair = byKey.get(key);
      if (pair === undefined) byKey.set(key, pair = [fam, pro, null, null]);
      if (pair[2 + idx] === null) pair[2 + idx] = address;
    }
  }
  const pairs = [...byKey.values()].filter((p) =>
    !((local && p[2] === null) || (remote && p[3] === null))
  );
  if (pairs.length === 0) throw new ValueError("can not get address information");
  return pairs;
}
