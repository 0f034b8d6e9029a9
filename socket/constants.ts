// The socket module's constants, with Python's names and the running platform's values.
// A constant that the running OS lacks (as Python lacks it there) is `undefined`.

import { SOCKET_DARWIN } from "../_ffi/constants_darwin.ts";
import { SOCKET_LINUX } from "../_ffi/constants_linux.ts";

type Name = keyof typeof SOCKET_LINUX | keyof typeof SOCKET_DARWIN;
const C: Partial<Record<Name, number>> = Deno.build.os === "darwin" ? SOCKET_DARWIN : SOCKET_LINUX;

/** Address family: unspecified (any family). */
export const AF_UNSPEC: number = C.AF_UNSPEC!;
/** Address family: unix-domain sockets (a path or an abstract name). */
export const AF_UNIX: number = C.AF_UNIX!;
/** Address family: IPv4. */
export const AF_INET: number = C.AF_INET!;
/** Address family: IPv6. */
export const AF_INET6: number = C.AF_INET6!;
/** Socket type: a reliable byte stream (TCP). */
export const SOCK_STREAM: number = C.SOCK_STREAM!;
/** Socket type: datagrams (UDP). */
export const SOCK_DGRAM: number = C.SOCK_DGRAM!;
/** Socket type: raw network protocol access. */
export const SOCK_RAW: number = C.SOCK_RAW!;
/** Socket type: reliable datagrams. */
export const SOCK_RDM: number = C.SOCK_RDM!;
/** Socket type: sequenced, reliable, connection-based datagrams. */
export const SOCK_SEQPACKET: number = C.SOCK_SEQPACKET!;
/** Flag for the socket type: open the socket in non-blocking mode (Linux only). */
export const SOCK_NONBLOCK: number | undefined = C.SOCK_NONBLOCK;
/** Flag for the socket type: close the descriptor on exec (Linux only). */
export const SOCK_CLOEXEC: number | undefined = C.SOCK_CLOEXEC;
/** Option level: the socket itself. */
export const SOL_SOCKET: number = C.SOL_SOCKET!;
/** Socket option: allow reuse of local addresses. */
export const SO_REUSEADDR: number = C.SO_REUSEADDR!;
/** Socket option: allow several sockets to bind the same port. */
export const SO_REUSEPORT: number = C.SO_REUSEPORT!;
/** Socket option: send keep-alive probes. */
export const SO_KEEPALIVE: number = C.SO_KEEPALIVE!;
/** Socket option: permit sending broadcast datagrams. */
export const SO_BROADCAST: number = C.SO_BROADCAST!;
/** Socket option: receive buffer size. */
export const SO_RCVBUF: number = C.SO_RCVBUF!;
/** Socket option: send buffer size. */
export const SO_SNDBUF: number = C.SO_SNDBUF!;
/** Socket option (read-only): the socket type. */
export const SO_TYPE: number = C.SO_TYPE!;
/** Socket option (read-only): the pending error, cleared when read. */
export const SO_ERROR: number = C.SO_ERROR!;
/** Socket option (read-only): whether the socket is listening. */
export const SO_ACCEPTCONN: number = C.SO_ACCEPTCONN!;
/** Socket option: linger on close (`struct linger`). */
export const SO_LINGER: number = C.SO_LINGER!;
/** Socket option (read-only): the address family (Linux only). */
export const SO_DOMAIN: number | undefined = C.SO_DOMAIN;
/** Socket option (read-only): the protocol (Linux only). */
export const SO_PROTOCOL: number | undefined = C.SO_PROTOCOL;
/** Protocol: IP. */
export const IPPROTO_IP: number = C.IPPROTO_IP!;
/** Protocol: ICMP. */
export const IPPROTO_ICMP: number = C.IPPROTO_ICMP!;
/** Protocol: TCP. */
export const IPPROTO_TCP: number = C.IPPROTO_TCP!;
/** Protocol: UDP. */
export const IPPROTO_UDP: number = C.IPPROTO_UDP!;
/** Protocol: IPv6. */
export const IPPROTO_IPV6: number = C.IPPROTO_IPV6!;
/** Protocol: raw IP packets. */
export const IPPROTO_RAW: number = C.IPPROTO_RAW!;
/** IP option: time to live. */
export const IP_TTL: number = C.IP_TTL!;
/** IP option: outgoing multicast interface (4 address bytes). */
export const IP_MULTICAST_IF: number = C.IP_MULTICAST_IF!;
/** IP option: multicast time to live. */
export const IP_MULTICAST_TTL: number = C.IP_MULTICAST_TTL!;
/** IP option: loop multicast back to local listeners. */
export const IP_MULTICAST_LOOP: number = C.IP_MULTICAST_LOOP!;
/** IP option: join a multicast group (`struct ip_mreq`, 8 bytes). */
export const IP_ADD_MEMBERSHIP: number = C.IP_ADD_MEMBERSHIP!;
/** IP option: leave a multicast group (`struct ip_mreq`, 8 bytes). */
export const IP_DROP_MEMBERSHIP: number = C.IP_DROP_MEMBERSHIP!;
/** IPv6 option: unicast hop limit. */
export const IPV6_UNICAST_HOPS: number = C.IPV6_UNICAST_HOPS!;
/** IPv6 option: outgoing multicast interface index. */
export const IPV6_MULTICAST_IF: number = C.IPV6_MULTICAST_IF!;
/** IPv6 option: multicast hop limit. */
export const IPV6_MULTICAST_HOPS: number = C.IPV6_MULTICAST_HOPS!;
/** IPv6 option: loop multicast back to local listeners. */
export const IPV6_MULTICAST_LOOP: number = C.IPV6_MULTICAST_LOOP!;
/** IPv6 option: join a multicast group (`struct ipv6_mreq`, 20 bytes). */
export const IPV6_JOIN_GROUP: number = C.IPV6_JOIN_GROUP!;
/** IPv6 option: leave a multicast group (`struct ipv6_mreq`, 20 bytes). */
export const IPV6_LEAVE_GROUP: number = C.IPV6_LEAVE_GROUP!;
/** IPv6 option: restrict an IPv6 socket to IPv6 traffic only. */
export const IPV6_V6ONLY: number = C.IPV6_V6ONLY!;
/** TCP option: disable Nagle's algorithm. */
export const TCP_NODELAY: number = C.TCP_NODELAY!;
/** Message flag: out-of-band data. */
export const MSG_OOB: number = C.MSG_OOB!;
/** Message flag: look at incoming data without removing it. */
export const MSG_PEEK: number = C.MSG_PEEK!;
/** Message flag: datagram was truncated. */
export const MSG_TRUNC: number = C.MSG_TRUNC!;
/** Message flag: wait for the full amount requested. */
export const MSG_WAITALL: number = C.MSG_WAITALL!;
/** Message flag: do not block for this call. */
export const MSG_DONTWAIT: number = C.MSG_DONTWAIT!;
/** Message flag: do not raise SIGPIPE. */
export const MSG_NOSIGNAL: number | undefined = C.MSG_NOSIGNAL;
/** `shutdown` how: no more receptions. */
export const SHUT_RD: number = C.SHUT_RD!;
/** `shutdown` how: no more transmissions. */
export const SHUT_WR: number = C.SHUT_WR!;
/** `shutdown` how: neither. */
export const SHUT_RDWR: number = C.SHUT_RDWR!;
/** The largest listen backlog the headers define. */
export const SOMAXCONN: number = C.SOMAXCONN!;
/** `getaddrinfo` flag: addresses for `bind` (the wildcard address when host is null). */
export const AI_PASSIVE: number = C.AI_PASSIVE!;
/** `getaddrinfo` flag: return the canonical name. */
export const AI_CANONNAME: number = C.AI_CANONNAME!;
/** `getaddrinfo` flag: the host must be a numeric address. */
export const AI_NUMERICHOST: number = C.AI_NUMERICHOST!;
/** `getaddrinfo` flag: the port must be numeric. */
export const AI_NUMERICSERV: number = C.AI_NUMERICSERV!;
/** `getnameinfo` flag: numeric host. */
export const NI_NUMERICHOST: number = C.NI_NUMERICHOST!;
/** `getnameinfo` flag: numeric port. */
export const NI_NUMERICSERV: number = C.NI_NUMERICSERV!;
/** `getnameinfo` flag: fail if the host has no name. */
export const NI_NAMEREQD: number = C.NI_NAMEREQD!;
/** `getnameinfo` flag: look up the service as UDP. */
export const NI_DGRAM: number = C.NI_DGRAM!;
