// The socket module's constants of the other Linux address families: AF_PACKET,
// AF_NETLINK, AF_RDS, AF_ALG, AF_TIPC and AF_VSOCK, re-exported by `constants.ts`.
// Each has the running platform's value, as CPython 3.11 has it there; a constant that Python
// lacks on the running platform is `undefined` and typed `number | undefined`, and its JSDoc
// says which platform has it. Values: `_ffi/constants_linux.ts`, `_ffi/constants_darwin.ts`.

import { only } from "./_constants_table.ts";

// AF_PACKET packet types
/** Packet type: addressed to this host (Linux only). */
export const PACKET_HOST: number | undefined = only("PACKET_HOST");
/** Packet type: link-layer broadcast (Linux only). */
export const PACKET_BROADCAST: number | undefined = only("PACKET_BROADCAST");
/** Packet type: link-layer multicast (Linux only). */
export const PACKET_MULTICAST: number | undefined = only("PACKET_MULTICAST");
/** Packet type: addressed to another host (Linux only). */
export const PACKET_OTHERHOST: number | undefined = only("PACKET_OTHERHOST");
/** Packet type: sent by this host (Linux only). */
export const PACKET_OUTGOING: number | undefined = only("PACKET_OUTGOING");
/** Packet type: looped back (Linux only). */
export const PACKET_LOOPBACK: number | undefined = only("PACKET_LOOPBACK");
/** Packet type: fast-routed (Linux only). */
export const PACKET_FASTROUTE: number | undefined = only("PACKET_FASTROUTE");

// AF_NETLINK protocols
/** Netlink protocol: routing and link updates (Linux only). */
export const NETLINK_ROUTE: number | undefined = only("NETLINK_ROUTE");
/** Netlink protocol: reserved for user-mode protocols (Linux only). */
export const NETLINK_USERSOCK: number | undefined = only("NETLINK_USERSOCK");
/** Netlink protocol: firewall packets to user space (Linux only). */
export const NETLINK_FIREWALL: number | undefined = only("NETLINK_FIREWALL");
/** Netlink protocol: netfilter logging (Linux only). */
export const NETLINK_NFLOG: number | undefined = only("NETLINK_NFLOG");
/** Netlink protocol: IPsec transformations (Linux only). */
export const NETLINK_XFRM: number | undefined = only("NETLINK_XFRM");
/** Netlink protocol: the IPv6 firewall (Linux only). */
export const NETLINK_IP6_FW: number | undefined = only("NETLINK_IP6_FW");
/** Netlink protocol: DECnet routing messages (Linux only). */
export const NETLINK_DNRTMSG: number | undefined = only("NETLINK_DNRTMSG");
/** Netlink protocol: configuration of the kernel crypto API (Linux only). */
export const NETLINK_CRYPTO: number | undefined = only("NETLINK_CRYPTO");

// AF_RDS and AF_ALG
/** Option level: Reliable Datagram Sockets (Linux only). */
export const SOL_RDS: number | undefined = only("SOL_RDS");
/** Option level: kernel crypto API sockets (Linux only). */
export const SOL_ALG: number | undefined = only("SOL_ALG");
/** AF_ALG option: set the key (Linux only). */
export const ALG_SET_KEY: number | undefined = only("ALG_SET_KEY");
/** AF_ALG control message: the initialisation vector (Linux only). */
export const ALG_SET_IV: number | undefined = only("ALG_SET_IV");
/** AF_ALG control message: the operation (`ALG_OP_*`) (Linux only). */
export const ALG_SET_OP: number | undefined = only("ALG_SET_OP");
/** AF_ALG control message: length of the AEAD associated data (Linux only). */
export const ALG_SET_AEAD_ASSOCLEN: number | undefined = only("ALG_SET_AEAD_ASSOCLEN");
/** AF_ALG option: size of the AEAD authentication tag (Linux only). */
export const ALG_SET_AEAD_AUTHSIZE: number | undefined = only("ALG_SET_AEAD_AUTHSIZE");
/** AF_ALG option: set a public key (Linux only). */
export const ALG_SET_PUBKEY: number | undefined = only("ALG_SET_PUBKEY");
/** AF_ALG operation: decrypt (Linux only). */
export const ALG_OP_DECRYPT: number | undefined = only("ALG_OP_DECRYPT");
/** AF_ALG operation: encrypt (Linux only). */
export const ALG_OP_ENCRYPT: number | undefined = only("ALG_OP_ENCRYPT");
/** AF_ALG operation: sign (Linux only). */
export const ALG_OP_SIGN: number | undefined = only("ALG_OP_SIGN");
/** AF_ALG operation: verify (Linux only). */
export const ALG_OP_VERIFY: number | undefined = only("ALG_OP_VERIFY");

// AF_TIPC
/** Option level: TIPC (Linux only). */
export const SOL_TIPC: number | undefined = only("SOL_TIPC");
/** TIPC address type: a range of service instances (Linux only). */
export const TIPC_ADDR_NAMESEQ: number | undefined = only("TIPC_ADDR_NAMESEQ");
/** TIPC address type: a service address (Linux only). */
export const TIPC_ADDR_NAME: number | undefined = only("TIPC_ADDR_NAME");
/** TIPC address type: a socket id (Linux only). */
export const TIPC_ADDR_ID: number | undefined = only("TIPC_ADDR_ID");
/** TIPC scope: zone (Linux only). */
export const TIPC_ZONE_SCOPE: number | undefined = only("TIPC_ZONE_SCOPE");
/** TIPC scope: cluster (Linux only). */
export const TIPC_CLUSTER_SCOPE: number | undefined = only("TIPC_CLUSTER_SCOPE");
/** TIPC scope: node (Linux only). */
export const TIPC_NODE_SCOPE: number | undefined = only("TIPC_NODE_SCOPE");
/** TIPC option: message importance (Linux only). */
export const TIPC_IMPORTANCE: number | undefined = only("TIPC_IMPORTANCE");
/** TIPC option: messages may be dropped on congestion (Linux only). */
export const TIPC_SRC_DROPPABLE: number | undefined = only("TIPC_SRC_DROPPABLE");
/** TIPC option: undeliverable messages are dropped, not returned (Linux only). */
export const TIPC_DEST_DROPPABLE: number | undefined = only("TIPC_DEST_DROPPABLE");
/** TIPC option: connect timeout in milliseconds (Linux only). */
export const TIPC_CONN_TIMEOUT: number | undefined = only("TIPC_CONN_TIMEOUT");
/** TIPC importance: low (Linux only). */
export const TIPC_LOW_IMPORTANCE: number | undefined = only("TIPC_LOW_IMPORTANCE");
/** TIPC importance: medium (Linux only). */
export const TIPC_MEDIUM_IMPORTANCE: number | undefined = only("TIPC_MEDIUM_IMPORTANCE");
/** TIPC importance: high (Linux only). */
export const TIPC_HIGH_IMPORTANCE: number | undefined = only("TIPC_HIGH_IMPORTANCE");
/** TIPC importance: critical (Linux only). */
export const TIPC_CRITICAL_IMPORTANCE: number | undefined = only("TIPC_CRITICAL_IMPORTANCE");
/** TIPC subscription filter: report every matching port (Linux only). */
export const TIPC_SUB_PORTS: number | undefined = only("TIPC_SUB_PORTS");
/** TIPC subscription filter: report the service only (Linux only). */
export const TIPC_SUB_SERVICE: number | undefined = only("TIPC_SUB_SERVICE");
/** TIPC subscription filter: cancel a subscription (Linux only). */
export const TIPC_SUB_CANCEL: number | undefined = only("TIPC_SUB_CANCEL");
/** TIPC subscription timeout: never expire (Linux only). */
export const TIPC_WAIT_FOREVER: number | undefined = only("TIPC_WAIT_FOREVER");
/** TIPC event: a matching service was published (Linux only). */
export const TIPC_PUBLISHED: number | undefined = only("TIPC_PUBLISHED");
/** TIPC event: a matching service was withdrawn (Linux only). */
export const TIPC_WITHDRAWN: number | undefined = only("TIPC_WITHDRAWN");
/** TIPC event: the subscription timed out (Linux only). */
export const TIPC_SUBSCR_TIMEOUT: number | undefined = only("TIPC_SUBSCR_TIMEOUT");
/** TIPC service type: the configuration service (Linux only). */
export const TIPC_CFG_SRV: number | undefined = only("TIPC_CFG_SRV");
/** TIPC service type: the topology service (Linux only). */
export const TIPC_TOP_SRV: number | undefined = only("TIPC_TOP_SRV");

// AF_VSOCK
/** AF_VSOCK option: buffer size of a stream socket (Linux only). */
export const SO_VM_SOCKETS_BUFFER_SIZE: number | undefined = only("SO_VM_SOCKETS_BUFFER_SIZE");
/** AF_VSOCK option: least buffer size (Linux only). */
export const SO_VM_SOCKETS_BUFFER_MIN_SIZE: number | undefined = only(
  "SO_VM_SOCKETS_BUFFER_MIN_SIZE",
);
/** AF_VSOCK option: largest buffer size (Linux only). */
export const SO_VM_SOCKETS_BUFFER_MAX_SIZE: number | undefined = only(
  "SO_VM_SOCKETS_BUFFER_MAX_SIZE",
);
/** AF_VSOCK address: any context id (Linux only). */
export const VMADDR_CID_ANY: number | undefined = only("VMADDR_CID_ANY");
/** AF_VSOCK address: any port (Linux only). */
export const VMADDR_PORT_ANY: number | undefined = only("VMADDR_PORT_ANY");
/** AF_VSOCK address: the host's context id (Linux only). */
export const VMADDR_CID_HOST: number | undefined = only("VMADDR_CID_HOST");
/** AF_VSOCK: the invalid-version marker (Linux only). */
export const VM_SOCKETS_INVALID_VERSION: number | undefined = only("VM_SOCKETS_INVALID_VERSION");
/** `ioctl` request on /dev/vsock: get the local context id (Linux only). */
export const IOCTL_VM_SOCKETS_GET_LOCAL_CID: number | undefined = only(
  "IOCTL_VM_SOCKETS_GET_LOCAL_CID",
);
