// The socket module's IP constants: protocol numbers, ports, IPv4 addresses and
// the IP, IPv6, TCP and UDP-Lite options, re-exported by `constants.ts`.
// Each has the running platform's value, as CPython 3.11 has it there; a constant that Python
// lacks on the running platform is `undefined` and typed `number | undefined`, and its JSDoc
// says which platform has it. Values: `_ffi/constants_linux.ts`, `_ffi/constants_darwin.ts`.

import { both, only } from "./_constants_table.ts";

// Protocol numbers
/** Protocol: IP (a dummy; also the IPv4 option level). */
export const IPPROTO_IP: number = both("IPPROTO_IP");
/** Protocol: IPv6 hop-by-hop options. */
export const IPPROTO_HOPOPTS: number = both("IPPROTO_HOPOPTS");
/** Protocol: ICMP. */
export const IPPROTO_ICMP: number = both("IPPROTO_ICMP");
/** Protocol: IGMP group management. */
export const IPPROTO_IGMP: number = both("IPPROTO_IGMP");
/** Protocol: gateway-to-gateway (deprecated) (macOS only). */
export const IPPROTO_GGP: number | undefined = only("IPPROTO_GGP");
/** Protocol: IPv4 encapsulation (macOS only). */
export const IPPROTO_IPV4: number | undefined = only("IPPROTO_IPV4");
/** Protocol: IP-in-IP tunnelling. */
export const IPPROTO_IPIP: number = both("IPPROTO_IPIP");
/** Protocol: TCP. */
export const IPPROTO_TCP: number = both("IPPROTO_TCP");
/** Protocol: exterior gateway protocol. */
export const IPPROTO_EGP: number = both("IPPROTO_EGP");
/** Protocol: PUP. */
export const IPPROTO_PUP: number = both("IPPROTO_PUP");
/** Protocol: UDP. */
export const IPPROTO_UDP: number = both("IPPROTO_UDP");
/** Protocol: XNS IDP. */
export const IPPROTO_IDP: number = both("IPPROTO_IDP");
/** Protocol: ISO TP-4 transport. */
export const IPPROTO_TP: number = both("IPPROTO_TP");
/** Protocol: XTP (macOS only). */
export const IPPROTO_XTP: number | undefined = only("IPPROTO_XTP");
/** Protocol: IPv6 (also the IPv6 option level). */
export const IPPROTO_IPV6: number = both("IPPROTO_IPV6");
/** Protocol: IPv6 routing header. */
export const IPPROTO_ROUTING: number = both("IPPROTO_ROUTING");
/** Protocol: IPv6 fragmentation header. */
export const IPPROTO_FRAGMENT: number = both("IPPROTO_FRAGMENT");
/** Protocol: RSVP resource reservation. */
export const IPPROTO_RSVP: number = both("IPPROTO_RSVP");
/** Protocol: GRE generic routing encapsulation. */
export const IPPROTO_GRE: number = both("IPPROTO_GRE");
/** Protocol: IPsec encapsulating security payload. */
export const IPPROTO_ESP: number = both("IPPROTO_ESP");
/** Protocol: IPsec authentication header. */
export const IPPROTO_AH: number = both("IPPROTO_AH");
/** Protocol: ICMPv6. */
export const IPPROTO_ICMPV6: number = both("IPPROTO_ICMPV6");
/** Protocol: IPv6 no next header. */
export const IPPROTO_NONE: number = both("IPPROTO_NONE");
/** Protocol: IPv6 destination options. */
export const IPPROTO_DSTOPTS: number = both("IPPROTO_DSTOPTS");
/** Protocol: "hello" routing (macOS only). */
export const IPPROTO_HELLO: number | undefined = only("IPPROTO_HELLO");
/** Protocol: Sun net disk (macOS only). */
export const IPPROTO_ND: number | undefined = only("IPPROTO_ND");
/** Protocol: ISO CNLP (macOS only). */
export const IPPROTO_EON: number | undefined = only("IPPROTO_EON");
/** Protocol: PIM multicast routing. */
export const IPPROTO_PIM: number = both("IPPROTO_PIM");
/** Protocol: IP payload compression (macOS only). */
export const IPPROTO_IPCOMP: number | undefined = only("IPPROTO_IPCOMP");
/** Protocol: SCTP. */
export const IPPROTO_SCTP: number = both("IPPROTO_SCTP");
/** Protocol: UDP-Lite (Linux only). */
export const IPPROTO_UDPLITE: number | undefined = only("IPPROTO_UDPLITE");
/** Protocol: multipath TCP (Linux only). */
export const IPPROTO_MPTCP: number | undefined = only("IPPROTO_MPTCP");
/** Protocol: raw IP packets. */
export const IPPROTO_RAW: number = both("IPPROTO_RAW");
/** One more than the largest protocol number (macOS only). */
export const IPPROTO_MAX: number | undefined = only("IPPROTO_MAX");

// Ports and IPv4 addresses
/** Ports below this one are reserved for privileged processes. */
export const IPPORT_RESERVED: number = both("IPPORT_RESERVED");
/** Ports above this one are for servers, not necessarily privileged. */
export const IPPORT_USERRESERVED: number = both("IPPORT_USERRESERVED");
/** IPv4 wildcard address 0.0.0.0, as a host-order integer. */
export const INADDR_ANY: number = both("INADDR_ANY");
/** IPv4 broadcast address 255.255.255.255, as a host-order integer. */
export const INADDR_BROADCAST: number = both("INADDR_BROADCAST");
/** IPv4 loopback address 127.0.0.1, as a host-order integer. */
export const INADDR_LOOPBACK: number = both("INADDR_LOOPBACK");
/** IPv4 "no address" (0xffffffff), what `inet_addr` returns on error. */
export const INADDR_NONE: number = both("INADDR_NONE");
/** IPv4 multicast base address 224.0.0.0, as a host-order integer. */
export const INADDR_UNSPEC_GROUP: number = both("INADDR_UNSPEC_GROUP");
/** IPv4 all-hosts multicast group 224.0.0.1, as a host-order integer. */
export const INADDR_ALLHOSTS_GROUP: number = both("INADDR_ALLHOSTS_GROUP");
/** IPv4 last local multicast group 224.0.0.255, as a host-order integer. */
export const INADDR_MAX_LOCAL_GROUP: number = both("INADDR_MAX_LOCAL_GROUP");

// IPv4 options (level IPPROTO_IP)
/** IP option: IP header options. */
export const IP_OPTIONS: number = both("IP_OPTIONS");
/** IP option: the application supplies the IP header (raw sockets). */
export const IP_HDRINCL: number = both("IP_HDRINCL");
/** IP option: type of service. */
export const IP_TOS: number = both("IP_TOS");
/** IP option: time to live. */
export const IP_TTL: number = both("IP_TTL");
/** IP option: receive all IP options with datagrams. */
export const IP_RECVOPTS: number = both("IP_RECVOPTS");
/** IP option: receive the IP options to use in a response. */
export const IP_RECVRETOPTS: number = both("IP_RECVRETOPTS");
/** IP option: receive the destination address with datagrams (macOS only). */
export const IP_RECVDSTADDR: number | undefined = only("IP_RECVDSTADDR");
/** IP option: receive the type of service with datagrams. */
export const IP_RECVTOS: number = both("IP_RECVTOS");
/** IP option: the IP options to send. */
export const IP_RETOPTS: number = both("IP_RETOPTS");
/** IP option: outgoing multicast interface (4 address bytes). */
export const IP_MULTICAST_IF: number = both("IP_MULTICAST_IF");
/** IP option: multicast time to live. */
export const IP_MULTICAST_TTL: number = both("IP_MULTICAST_TTL");
/** IP option: loop multicast back to local listeners. */
export const IP_MULTICAST_LOOP: number = both("IP_MULTICAST_LOOP");
/** IP option: join a multicast group (`struct ip_mreq`, 8 bytes). */
export const IP_ADD_MEMBERSHIP: number = both("IP_ADD_MEMBERSHIP");
/** IP option: leave a multicast group (`struct ip_mreq`, 8 bytes). */
export const IP_DROP_MEMBERSHIP: number = both("IP_DROP_MEMBERSHIP");
/** The default multicast time to live (1 hop). */
export const IP_DEFAULT_MULTICAST_TTL: number = both("IP_DEFAULT_MULTICAST_TTL");
/** The default of multicast loopback (on). */
export const IP_DEFAULT_MULTICAST_LOOP: number = both("IP_DEFAULT_MULTICAST_LOOP");
/** The most multicast groups one socket may join. */
export const IP_MAX_MEMBERSHIPS: number = both("IP_MAX_MEMBERSHIPS");
/** IP option: transparent proxying, bind to non-local addresses (Linux only). */
export const IP_TRANSPARENT: number | undefined = only("IP_TRANSPARENT");
/** IP option: `bind` leaves the port to choose to `connect` (Linux only). */
export const IP_BIND_ADDRESS_NO_PORT: number | undefined = only("IP_BIND_ADDRESS_NO_PORT");

// IPv6 options (level IPPROTO_IPV6)
/** IPv6 option: unicast hop limit. */
export const IPV6_UNICAST_HOPS: number = both("IPV6_UNICAST_HOPS");
/** IPv6 option: outgoing multicast interface index. */
export const IPV6_MULTICAST_IF: number = both("IPV6_MULTICAST_IF");
/** IPv6 option: multicast hop limit. */
export const IPV6_MULTICAST_HOPS: number = both("IPV6_MULTICAST_HOPS");
/** IPv6 option: loop multicast back to local listeners. */
export const IPV6_MULTICAST_LOOP: number = both("IPV6_MULTICAST_LOOP");
/** IPv6 option: join a multicast group (`struct ipv6_mreq`, 20 bytes). */
export const IPV6_JOIN_GROUP: number = both("IPV6_JOIN_GROUP");
/** IPv6 option: leave a multicast group (`struct ipv6_mreq`, 20 bytes). */
export const IPV6_LEAVE_GROUP: number = both("IPV6_LEAVE_GROUP");
/** IPv6 option: restrict an IPv6 socket to IPv6 traffic only. */
export const IPV6_V6ONLY: number = both("IPV6_V6ONLY");
/** IPv6 option: offset of the checksum, for raw sockets. */
export const IPV6_CHECKSUM: number = both("IPV6_CHECKSUM");
/** IPv6 option: do not fragment outgoing packets. */
export const IPV6_DONTFRAG: number = both("IPV6_DONTFRAG");
/** IPv6 option and control message: destination options header. */
export const IPV6_DSTOPTS: number = both("IPV6_DSTOPTS");
/** IPv6 control message: the hop limit of a packet. */
export const IPV6_HOPLIMIT: number = both("IPV6_HOPLIMIT");
/** IPv6 option and control message: hop-by-hop options header. */
export const IPV6_HOPOPTS: number = both("IPV6_HOPOPTS");
/** IPv6 option and control message: next-hop address. */
export const IPV6_NEXTHOP: number = both("IPV6_NEXTHOP");
/** IPv6 option and control message: the current path MTU. */
export const IPV6_PATHMTU: number = both("IPV6_PATHMTU");
/** IPv6 option and control message: packet information (`struct in6_pktinfo`). */
export const IPV6_PKTINFO: number = both("IPV6_PKTINFO");
/** IPv6 option: receive destination options headers. */
export const IPV6_RECVDSTOPTS: number = both("IPV6_RECVDSTOPTS");
/** IPv6 option: receive the hop limit of packets. */
export const IPV6_RECVHOPLIMIT: number = both("IPV6_RECVHOPLIMIT");
/** IPv6 option: receive hop-by-hop options headers. */
export const IPV6_RECVHOPOPTS: number = both("IPV6_RECVHOPOPTS");
/** IPv6 option: receive path MTU notifications. */
export const IPV6_RECVPATHMTU: number = both("IPV6_RECVPATHMTU");
/** IPv6 option: receive packet information. */
export const IPV6_RECVPKTINFO: number = both("IPV6_RECVPKTINFO");
/** IPv6 option: receive routing headers. */
export const IPV6_RECVRTHDR: number = both("IPV6_RECVRTHDR");
/** IPv6 option: receive the traffic class of packets. */
export const IPV6_RECVTCLASS: number = both("IPV6_RECVTCLASS");
/** IPv6 option and control message: routing header. */
export const IPV6_RTHDR: number = both("IPV6_RTHDR");
/** IPv6 option and control message: destination options before a routing header. */
export const IPV6_RTHDRDSTOPTS: number = both("IPV6_RTHDRDSTOPTS");
/** IPv6 routing header type 0. */
export const IPV6_RTHDR_TYPE_0: number = both("IPV6_RTHDR_TYPE_0");
/** IPv6 option and control message: traffic class. */
export const IPV6_TCLASS: number = both("IPV6_TCLASS");
/** IPv6 option: send packets at the minimum IPv6 MTU (macOS only). */
export const IPV6_USE_MIN_MTU: number | undefined = only("IPV6_USE_MIN_MTU");

// TCP and UDP-Lite options
/** TCP option: disable Nagle's algorithm. */
export const TCP_NODELAY: number = both("TCP_NODELAY");
/** TCP option: maximum segment size. */
export const TCP_MAXSEG: number = both("TCP_MAXSEG");
/** TCP option: idle seconds before keep-alive probes (Linux only; macOS: `TCP_KEEPALIVE`). */
export const TCP_KEEPIDLE: number | undefined = only("TCP_KEEPIDLE");
/** TCP option: idle seconds before keep-alive probes (macOS only; Linux: `TCP_KEEPIDLE`). */
export const TCP_KEEPALIVE: number | undefined = only("TCP_KEEPALIVE");
/** TCP option: seconds between keep-alive probes. */
export const TCP_KEEPINTVL: number = both("TCP_KEEPINTVL");
/** TCP option: unanswered keep-alive probes before the connection drops. */
export const TCP_KEEPCNT: number = both("TCP_KEEPCNT");
/** TCP option: enable TCP Fast Open (on Linux, the pending fast-open queue length). */
export const TCP_FASTOPEN: number = both("TCP_FASTOPEN");
/** TCP option: low-water mark of unsent data. */
export const TCP_NOTSENT_LOWAT: number = both("TCP_NOTSENT_LOWAT");
/** TCP option (read-only): `struct tcp_connection_info` (macOS only). */
export const TCP_CONNECTION_INFO: number | undefined = only("TCP_CONNECTION_INFO");
/** TCP option: hold back partial frames until uncorked (Linux only). */
export const TCP_CORK: number | undefined = only("TCP_CORK");
/** TCP option: wake a listener only when data arrives (seconds) (Linux only). */
export const TCP_DEFER_ACCEPT: number | undefined = only("TCP_DEFER_ACCEPT");
/** TCP option (read-only): `struct tcp_info` (Linux only). */
export const TCP_INFO: number | undefined = only("TCP_INFO");
/** TCP option: lifetime of orphaned FIN_WAIT2 sockets (seconds) (Linux only). */
export const TCP_LINGER2: number | undefined = only("TCP_LINGER2");
/** TCP option: send ACKs at once instead of delaying them (Linux only). */
export const TCP_QUICKACK: number | undefined = only("TCP_QUICKACK");
/** TCP option: SYN retransmits before a connect gives up (Linux only). */
export const TCP_SYNCNT: number | undefined = only("TCP_SYNCNT");
/** TCP option: bound the advertised window size (Linux only). */
export const TCP_WINDOW_CLAMP: number | undefined = only("TCP_WINDOW_CLAMP");
/** TCP option: the congestion control algorithm, by name (Linux only). */
export const TCP_CONGESTION: number | undefined = only("TCP_CONGESTION");
/** TCP option: milliseconds data may stay unacknowledged before a drop (Linux only). */
export const TCP_USER_TIMEOUT: number | undefined = only("TCP_USER_TIMEOUT");
/** UDP-Lite option: checksum coverage of sent datagrams (Linux only). */
export const UDPLITE_SEND_CSCOV: number | undefined = only("UDPLITE_SEND_CSCOV");
/** UDP-Lite option: least checksum coverage of received datagrams (Linux only). */
export const UDPLITE_RECV_CSCOV: number | undefined = only("UDPLITE_RECV_CSCOV");
