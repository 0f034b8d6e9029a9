// The shapes of socket addresses, as Python writes them.

/**
 * An IPv4 address as Python writes it: `[host, port]`.
 *
 * @example
 * ```ts
 * import type { Inet4Address } from "@ipcnet/std/socket";
 *
 * const address: Inet4Address = ["127.0.0.1", 8080];
 * ```
 */
export type Inet4Address = [host: string, port: number];
/** An IPv6 address as Python writes it: `[host, port, flowinfo, scopeId]`. */
export type Inet6Address = [host: string, port: number, flowinfo: number, scopeId: number];
/**
 * A socket address in any of Python's shapes: `[host, port]` for IPv4,
 * `[host, port, flowinfo?, scopeId?]` for IPv6, and a path (a string, or bytes; a
 * leading NUL byte names Linux's abstract namespace) for unix sockets.
 */
export type Address =
  | Inet4Address
  | [host: string, port: number, flowinfo?: number, scopeId?: number]
  | string
  | Uint8Array
  | NetlinkAddress
  | InterfaceAddress;

/** An `AF_NETLINK` address (Linux): `[pid, groups]`. */
export type NetlinkAddress = [pid: number, groups: number];

/**
 * An address naming a network interface (Linux): `AF_PACKET`'s
 * `[ifname, proto, pkttype?, hatype?, addr?]`, `AF_CAN`'s `[ifname]` or
 * `[ifname, rxId, txId]`.
 */
export type InterfaceAddress = [ifname: string, ...rest: (number | Uint8Array)[]];

/**
 * An address a socket returns (`getsockname`, `getpeername`, `accept`, `recvfrom`): the
 * IPv4 pair, the IPv6 four-tuple, a unix path, bytes for a Linux abstract unix name
 * (leading NUL), or the netlink and interface shapes, as Python gives them.
 */
export type SocketAddress =
  | Inet4Address
  | Inet6Address
  | string
  | Uint8Array
  | NetlinkAddress
  | InterfaceAddress;
