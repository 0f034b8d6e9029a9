// The socket module's address families, socket types, socket-level options,
// message flags, control message types and `shutdown` constants, re-exported by `constants.ts`.
// Each has the running platform's value, as CPython 3.11 has it there; a constant that Python
// lacks on the running platform is `undefined` and typed `number | undefined`, and its JSDoc
// says which platform has it. Values: `_ffi/constants_linux.ts`, `_ffi/constants_darwin.ts`.

import { both, only } from "./_constants_table.ts";

// Address families
/** Address family: unspecified (any family, for `getaddrinfo`). */
export const AF_UNSPEC: number = both("AF_UNSPEC");
/** Address family: unix-domain sockets (a path, or on Linux an abstract name). */
export const AF_UNIX: number = both("AF_UNIX");
/** Address family: IPv4. */
export const AF_INET: number = both("AF_INET");
/** Address family: IPv6. */
export const AF_INET6: number = both("AF_INET6");
/** Address family: the kernel crypto API (Linux only). */
export const AF_ALG: number | undefined = only("AF_ALG");
/** Address family: AppleTalk DDP. */
export const AF_APPLETALK: number = both("AF_APPLETALK");
/** Address family: Ash (Linux only). */
export const AF_ASH: number | undefined = only("AF_ASH");
/** Address family: ATM permanent virtual circuits (Linux only). */
export const AF_ATMPVC: number | undefined = only("AF_ATMPVC");
/** Address family: ATM switched virtual circuits (Linux only). */
export const AF_ATMSVC: number | undefined = only("AF_ATMSVC");
/** Address family: amateur radio AX.25 (Linux only). */
export const AF_AX25: number | undefined = only("AF_AX25");
/** Address family: multiprotocol bridge (Linux only). */
export const AF_BRIDGE: number | undefined = only("AF_BRIDGE");
/** Address family: Controller Area Network (Linux only). */
export const AF_CAN: number | undefined = only("AF_CAN");
/** Address family: DECnet (no `AddressFamily` member: its name is not all capitals). */
export const AF_DECnet: number = both("AF_DECnet");
/** Address family: Acorn Econet (Linux only). */
export const AF_ECONET: number | undefined = only("AF_ECONET");
/** Address family: Novell IPX. */
export const AF_IPX: number = both("AF_IPX");
/** Address family: IrDA infrared (Linux only). */
export const AF_IRDA: number | undefined = only("AF_IRDA");
/** Address family: PF_KEY key management (Linux only). */
export const AF_KEY: number | undefined = only("AF_KEY");
/** Address family: link-layer interface addresses (macOS only). */
export const AF_LINK: number | undefined = only("AF_LINK");
/** Address family: 802.2 LLC (Linux only). */
export const AF_LLC: number | undefined = only("AF_LLC");
/** Address family: NetBEUI (Linux only). */
export const AF_NETBEUI: number | undefined = only("AF_NETBEUI");
/** Address family: netlink, messages between the kernel and user space (Linux only). */
export const AF_NETLINK: number | undefined = only("AF_NETLINK");
/** Address family: amateur radio NET/ROM (Linux only). */
export const AF_NETROM: number | undefined = only("AF_NETROM");
/** Address family: raw link-level packets (Linux only). */
export const AF_PACKET: number | undefined = only("AF_PACKET");
/** Address family: PPP over X (Linux only). */
export const AF_PPPOX: number | undefined = only("AF_PPPOX");
/** Address family: Qualcomm IPC router (Linux only). */
export const AF_QIPCRTR: number | undefined = only("AF_QIPCRTR");
/** Address family: Reliable Datagram Sockets (Linux only). */
export const AF_RDS: number | undefined = only("AF_RDS");
/** Address family: amateur radio X.25 PLP (Linux only). */
export const AF_ROSE: number | undefined = only("AF_ROSE");
/** Address family: routing messages (on Linux the same number as `AF_NETLINK`). */
export const AF_ROUTE: number = both("AF_ROUTE");
/** Address family: security callback pseudo family (Linux only). */
export const AF_SECURITY: number | undefined = only("AF_SECURITY");
/** Address family: IBM SNA. */
export const AF_SNA: number = both("AF_SNA");
/** Address family: kernel event and kernel control sockets (macOS only). */
export const AF_SYSTEM: number | undefined = only("AF_SYSTEM");
/** Address family: TIPC cluster IPC (Linux only). */
export const AF_TIPC: number | undefined = only("AF_TIPC");
/** Address family: VM sockets, between a hypervisor and its guests (Linux only). */
export const AF_VSOCK: number | undefined = only("AF_VSOCK");
/** Address family: Sangoma WANPIPE (Linux only). */
export const AF_WANPIPE: number | undefined = only("AF_WANPIPE");
/** Address family: ITU-T X.25 (Linux only). */
export const AF_X25: number | undefined = only("AF_X25");
/** Protocol family: the same as `AF_CAN` (Linux only). */
export const PF_CAN: number | undefined = only("PF_CAN");
/** Protocol family: the same as `AF_PACKET` (Linux only). */
export const PF_PACKET: number | undefined = only("PF_PACKET");
/** Protocol family: the same as `AF_RDS` (Linux only). */
export const PF_RDS: number | undefined = only("PF_RDS");
/** Protocol family: the same as `AF_SYSTEM` (macOS only). */
export const PF_SYSTEM: number | undefined = only("PF_SYSTEM");
/** `PF_SYSTEM` protocol: kernel control sockets (macOS only). */
export const SYSPROTO_CONTROL: number | undefined = only("SYSPROTO_CONTROL");

// Socket types
/** Socket type: a reliable, connection-based byte stream (TCP). */
export const SOCK_STREAM: number = both("SOCK_STREAM");
/** Socket type: connectionless datagrams (UDP). */
export const SOCK_DGRAM: number = both("SOCK_DGRAM");
/** Socket type: raw network protocol access. */
export const SOCK_RAW: number = both("SOCK_RAW");
/** Socket type: reliably delivered messages. */
export const SOCK_RDM: number = both("SOCK_RDM");
/** Socket type: sequenced, reliable, connection-based datagrams. */
export const SOCK_SEQPACKET: number = both("SOCK_SEQPACKET");
/** Flag to or into the socket type: open the socket non-blocking (Linux only). */
export const SOCK_NONBLOCK: number | undefined = only("SOCK_NONBLOCK");
/** Flag to or into the socket type: close the descriptor on exec (Linux only). */
export const SOCK_CLOEXEC: number | undefined = only("SOCK_CLOEXEC");

// Option levels and socket-level options
/** Option level: the socket itself (the `SO_*` options). */
export const SOL_SOCKET: number = both("SOL_SOCKET");
/** Option level: IPv4 (the same as `IPPROTO_IP`). */
export const SOL_IP: number = both("SOL_IP");
/** Option level: TCP (the same as `IPPROTO_TCP`). */
export const SOL_TCP: number = both("SOL_TCP");
/** Option level: UDP (the same as `IPPROTO_UDP`). */
export const SOL_UDP: number = both("SOL_UDP");
/** Socket option: record debugging information. */
export const SO_DEBUG: number = both("SO_DEBUG");
/** Socket option (read-only): whether the socket is listening. */
export const SO_ACCEPTCONN: number = both("SO_ACCEPTCONN");
/** Socket option: allow reuse of local addresses. */
export const SO_REUSEADDR: number = both("SO_REUSEADDR");
/** Socket option: allow several sockets to bind the same address and port. */
export const SO_REUSEPORT: number = both("SO_REUSEPORT");
/** Socket option: send keep-alive probes on a connected socket. */
export const SO_KEEPALIVE: number = both("SO_KEEPALIVE");
/** Socket option: bypass routing, send only to directly connected hosts. */
export const SO_DONTROUTE: number = both("SO_DONTROUTE");
/** Socket option: permit sending broadcast datagrams. */
export const SO_BROADCAST: number = both("SO_BROADCAST");
/** Socket option: bypass the hardware when possible (macOS only). */
export const SO_USELOOPBACK: number | undefined = only("SO_USELOOPBACK");
/** Socket option: linger on close while unsent data remains (`struct linger`). */
export const SO_LINGER: number = both("SO_LINGER");
/** Socket option: leave received out-of-band data in line. */
export const SO_OOBINLINE: number = both("SO_OOBINLINE");
/** Socket option: send buffer size in bytes. */
export const SO_SNDBUF: number = both("SO_SNDBUF");
/** Socket option: receive buffer size in bytes. */
export const SO_RCVBUF: number = both("SO_RCVBUF");
/** Socket option: send low-water mark in bytes. */
export const SO_SNDLOWAT: number = both("SO_SNDLOWAT");
/** Socket option: receive low-water mark in bytes. */
export const SO_RCVLOWAT: number = both("SO_RCVLOWAT");
/** Socket option: send timeout (`struct timeval`). */
export const SO_SNDTIMEO: number = both("SO_SNDTIMEO");
/** Socket option: receive timeout (`struct timeval`). */
export const SO_RCVTIMEO: number = both("SO_RCVTIMEO");
/** Socket option (read-only): the pending error, cleared when read. */
export const SO_ERROR: number = both("SO_ERROR");
/** Socket option (read-only): the socket type. */
export const SO_TYPE: number = both("SO_TYPE");
/** Socket option (read-only): the address family (Linux only). */
export const SO_DOMAIN: number | undefined = only("SO_DOMAIN");
/** Socket option (read-only): the protocol (Linux only). */
export const SO_PROTOCOL: number | undefined = only("SO_PROTOCOL");
/** Socket option: bind to a network interface, by name (Linux only). */
export const SO_BINDTODEVICE: number | undefined = only("SO_BINDTODEVICE");
/** Socket option: the protocol-defined priority of outgoing packets (Linux only). */
export const SO_PRIORITY: number | undefined = only("SO_PRIORITY");
/** Socket option: the firewall mark of outgoing packets (Linux only). */
export const SO_MARK: number | undefined = only("SO_MARK");
/** Socket option: receive `SCM_CREDENTIALS` control messages (Linux only). */
export const SO_PASSCRED: number | undefined = only("SO_PASSCRED");
/** Socket option (read-only): the peer's credentials (`struct ucred`) (Linux only). */
export const SO_PEERCRED: number | undefined = only("SO_PEERCRED");
/** Socket option: receive `SCM_SECURITY` control messages (Linux only). */
export const SO_PASSSEC: number | undefined = only("SO_PASSSEC");
/** Socket option (read-only): the peer's security context (Linux only). */
export const SO_PEERSEC: number | undefined = only("SO_PEERSEC");
/** Socket option: the CPU that handles the socket's incoming packets (Linux only). */
export const SO_INCOMING_CPU: number | undefined = only("SO_INCOMING_CPU");
/** Unix-socket option (level 0): the peer's credentials (`struct xucred`) (macOS only). */
export const LOCAL_PEERCRED: number | undefined = only("LOCAL_PEERCRED");
/** The largest `listen` backlog the headers define. */
export const SOMAXCONN: number = both("SOMAXCONN");

// Message flags
/** Message flag: send or receive out-of-band data. */
export const MSG_OOB: number = both("MSG_OOB");
/** Message flag: look at incoming data without removing it. */
export const MSG_PEEK: number = both("MSG_PEEK");
/** Message flag: send without using routing tables. */
export const MSG_DONTROUTE: number = both("MSG_DONTROUTE");
/** Message flag: do not block for this call. */
export const MSG_DONTWAIT: number = both("MSG_DONTWAIT");
/** Message flag: end of record. */
export const MSG_EOR: number = both("MSG_EOR");
/** Message flag: the datagram was longer than the buffer and was truncated. */
export const MSG_TRUNC: number = both("MSG_TRUNC");
/** Message flag: control data was truncated. */
export const MSG_CTRUNC: number = both("MSG_CTRUNC");
/** Message flag: wait for the full amount requested. */
export const MSG_WAITALL: number = both("MSG_WAITALL");
/** Message flag: do not raise SIGPIPE when the peer has gone. */
export const MSG_NOSIGNAL: number = both("MSG_NOSIGNAL");
/** Message flag: the data completes the connection (macOS only). */
export const MSG_EOF: number | undefined = only("MSG_EOF");
/** Message flag: received `SCM_RIGHTS` descriptors close on exec (Linux only). */
export const MSG_CMSG_CLOEXEC: number | undefined = only("MSG_CMSG_CLOEXEC");
/** Message flag: confirm that the link-layer neighbour is reachable (Linux only). */
export const MSG_CONFIRM: number | undefined = only("MSG_CONFIRM");
/** Message flag: receive queued errors from the error queue (Linux only). */
export const MSG_ERRQUEUE: number | undefined = only("MSG_ERRQUEUE");
/** Message flag: more data follows, hold this data back (Linux only). */
export const MSG_MORE: number | undefined = only("MSG_MORE");
/** Message flag: send the data in the SYN (TCP Fast Open) (Linux only). */
export const MSG_FASTOPEN: number | undefined = only("MSG_FASTOPEN");

// Control messages and shutdown
/** Control message type: pass file descriptors over a unix socket. */
export const SCM_RIGHTS: number = both("SCM_RIGHTS");
/** Control message type: process credentials (`struct ucred`) (Linux only). */
export const SCM_CREDENTIALS: number | undefined = only("SCM_CREDENTIALS");
/** Control message type: process credentials (`struct cmsgcred`) (macOS only). */
export const SCM_CREDS: number | undefined = only("SCM_CREDS");
/** `shutdown` how: no more receptions. */
export const SHUT_RD: number = both("SHUT_RD");
/** `shutdown` how: no more transmissions. */
export const SHUT_WR: number = both("SHUT_WR");
/** `shutdown` how: neither receptions nor transmissions. */
export const SHUT_RDWR: number = both("SHUT_RDWR");
