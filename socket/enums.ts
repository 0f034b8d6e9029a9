// Python's IntEnums and IntFlags of the socket module (`AddressFamily`, `SocketKind`,
// `MsgFlag`, `AddressInfo`) as frozen objects that map each member name to its value on the
// running platform. Like Python's `IntEnum._convert_`, each takes every constant of the running
// platform whose name starts with its prefix and is all capitals (so not `AF_DECnet`), in the
// order of Python's `__members__`: by value, then by name. `Enum[value]` is the reverse lookup,
// through non-enumerable properties, and gives Python's canonical name for the value: the first
// one in that order (`AF_NETLINK` rather than `AF_ROUTE` on Linux).

import { TABLE } from "./_constants_table.ts";

/**
 * The shape of {@linkcode AddressFamily}: its members, and reverse lookup by value.
 *
 * Members that Python has on both Linux and macOS are typed `number`; the others are
 * `number | undefined`, `undefined` where the running platform lacks them.
 */
export interface AddressFamilyMembers {
  /** Address family: unspecified (any family, for `getaddrinfo`). */
  readonly AF_UNSPEC: number;
  /** Address family: unix-domain sockets (a path, or on Linux an abstract name). */
  readonly AF_UNIX: number;
  /** Address family: IPv4. */
  readonly AF_INET: number;
  /** Address family: Novell IPX. */
  readonly AF_IPX: number;
  /** Address family: AppleTalk DDP. */
  readonly AF_APPLETALK: number;
  /** Address family: IPv6. */
  readonly AF_INET6: number;
  /** Address family: routing messages (on Linux the same number as `AF_NETLINK`). */
  readonly AF_ROUTE: number;
  /** Address family: IBM SNA. */
  readonly AF_SNA: number;
  /** Address family: the kernel crypto API (Linux only). */
  readonly AF_ALG: number | undefined;
  /** Address family: Ash (Linux only). */
  readonly AF_ASH: number | undefined;
  /** Address family: ATM permanent virtual circuits (Linux only). */
  readonly AF_ATMPVC: number | undefined;
  /** Address family: ATM switched virtual circuits (Linux only). */
  readonly AF_ATMSVC: number | undefined;
  /** Address family: amateur radio AX.25 (Linux only). */
  readonly AF_AX25: number | undefined;
  /** Address family: multiprotocol bridge (Linux only). */
  readonly AF_BRIDGE: number | undefined;
  /** Address family: Controller Area Network (Linux only). */
  readonly AF_CAN: number | undefined;
  /** Address family: Acorn Econet (Linux only). */
  readonly AF_ECONET: number | undefined;
  /** Address family: IrDA infrared (Linux only). */
  readonly AF_IRDA: number | undefined;
  /** Address family: PF_KEY key management (Linux only). */
  readonly AF_KEY: number | undefined;
  /** Address family: link-layer interface addresses (macOS only). */
  readonly AF_LINK: number | undefined;
  /** Address family: 802.2 LLC (Linux only). */
  readonly AF_LLC: number | undefined;
  /** Address family: NetBEUI (Linux only). */
  readonly AF_NETBEUI: number | undefined;
  /** Address family: netlink, messages between the kernel and user space (Linux only). */
  readonly AF_NETLINK: number | undefined;
  /** Address family: amateur radio NET/ROM (Linux only). */
  readonly AF_NETROM: number | undefined;
  /** Address family: raw link-level packets (Linux only). */
  readonly AF_PACKET: number | undefined;
  /** Address family: PPP over X (Linux only). */
  readonly AF_PPPOX: number | undefined;
  /** Address family: Qualcomm IPC router (Linux only). */
  readonly AF_QIPCRTR: number | undefined;
  /** Address family: Reliable Datagram Sockets (Linux only). */
  readonly AF_RDS: number | undefined;
  /** Address family: amateur radio X.25 PLP (Linux only). */
  readonly AF_ROSE: number | undefined;
  /** Address family: security callback pseudo family (Linux only). */
  readonly AF_SECURITY: number | undefined;
  /** Address family: kernel event and kernel control sockets (macOS only). */
  readonly AF_SYSTEM: number | undefined;
  /** Address family: TIPC cluster IPC (Linux only). */
  readonly AF_TIPC: number | undefined;
  /** Address family: VM sockets, between a hypervisor and its guests (Linux only). */
  readonly AF_VSOCK: number | undefined;
  /** Address family: Sangoma WANPIPE (Linux only). */
  readonly AF_WANPIPE: number | undefined;
  /** Address family: ITU-T X.25 (Linux only). */
  readonly AF_X25: number | undefined;
  /** Any other `AF_*` name: `undefined`, as Python has no such member. */
  readonly [member: `AF_${string}`]: number | undefined;
  /** Reverse lookup: the member name of a value, or `undefined` if no member has it. */
  readonly [value: number]: string | undefined;
}

/** A value of {@linkcode AddressFamily}: an `AF_*` number of the running platform. */
export type AddressFamily = number;

/**
 * Python's `socket.AddressFamily` IntEnum: the address families (`AF_*`) of the running
 * platform, by name. They are what `new Socket()` takes first, and the `family` of a socket and
 * of a `getaddrinfo` result.
 *
 * `AddressFamily.NAME` is a member's value, and `AddressFamily[value]` the name of the member with
 * that value (`undefined` if none), as Python's `AddressFamily(value).name`.
 * `Object.keys(AddressFamily)` lists the member names in the order of Python's
 * `AddressFamily.__members__`. The object is frozen.
 *
 * @example Look a family up by name and by value
 * ```ts
 * import { AddressFamily, AF_INET } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(AddressFamily.AF_INET, AF_INET);
 * assert.equal(AddressFamily[AF_INET], "AF_INET");
 * assert.ok(Object.keys(AddressFamily).includes("AF_INET6"));
 * assert.equal(AddressFamily[-1], undefined);
 * ```
 */
export const AddressFamily: AddressFamilyMembers = intEnum<AddressFamilyMembers>("AF_");

/**
 * The shape of {@linkcode SocketKind}: its members, and reverse lookup by value.
 *
 * Members that Python has on both Linux and macOS are typed `number`; the others are
 * `number | undefined`, `undefined` where the running platform lacks them.
 */
export interface SocketKindMembers {
  /** Socket type: a reliable, connection-based byte stream (TCP). */
  readonly SOCK_STREAM: number;
  /** Socket type: connectionless datagrams (UDP). */
  readonly SOCK_DGRAM: number;
  /** Socket type: raw network protocol access. */
  readonly SOCK_RAW: number;
  /** Socket type: reliably delivered messages. */
  readonly SOCK_RDM: number;
  /** Socket type: sequenced, reliable, connection-based datagrams. */
  readonly SOCK_SEQPACKET: number;
  /** Flag to or into the socket type: close the descriptor on exec (Linux only). */
  readonly SOCK_CLOEXEC: number | undefined;
  /** Flag to or into the socket type: open the socket non-blocking (Linux only). */
  readonly SOCK_NONBLOCK: number | undefined;
  /** Any other `SOCK_*` name: `undefined`, as Python has no such member. */
  readonly [member: `SOCK_${string}`]: number | undefined;
  /** Reverse lookup: the member name of a value, or `undefined` if no member has it. */
  readonly [value: number]: string | undefined;
}

/** A value of {@linkcode SocketKind}: an `SOCK_*` number of the running platform. */
export type SocketKind = number;

/**
 * Python's `socket.SocketKind` IntEnum: the socket types (`SOCK_*`) of the running platform,
 * by name. They are what `new Socket()` takes second, and the `type` of a socket and of a
 * `getaddrinfo` result.
 *
 * `SocketKind.NAME` is a member's value, and `SocketKind[value]` the name of the member with that
 * value (`undefined` if none), as Python's `SocketKind(value).name`. `Object.keys(SocketKind)`
 * lists the member names in the order of Python's `SocketKind.__members__`. The object is frozen.
 *
 * @example Look a socket type up by name and by value
 * ```ts
 * import { SOCK_DGRAM, SocketKind } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * assert.equal(SocketKind.SOCK_DGRAM, SOCK_DGRAM);
 * assert.equal(SocketKind[SOCK_DGRAM], "SOCK_DGRAM");
 * // SOCK_NONBLOCK is a member on Linux only, as in Python.
 * assert.equal(SocketKind.SOCK_NONBLOCK !== undefined, Deno.build.os === "linux");
 * ```
 */
export const SocketKind: SocketKindMembers = intEnum<SocketKindMembers>("SOCK_");

/**
 * The shape of {@linkcode MsgFlag}: its members, and reverse lookup by value.
 *
 * Members that Python has on both Linux and macOS are typed `number`; the others are
 * `number | undefined`, `undefined` where the running platform lacks them.
 */
export interface MsgFlagMembers {
  /** Message flag: send or receive out-of-band data. */
  readonly MSG_OOB: number;
  /** Message flag: look at incoming data without removing it. */
  readonly MSG_PEEK: number;
  /** Message flag: send without using routing tables. */
  readonly MSG_DONTROUTE: number;
  /** Message flag: control data was truncated. */
  readonly MSG_CTRUNC: number;
  /** Message flag: the datagram was longer than the buffer and was truncated. */
  readonly MSG_TRUNC: number;
  /** Message flag: do not block for this call. */
  readonly MSG_DONTWAIT: number;
  /** Message flag: end of record. */
  readonly MSG_EOR: number;
  /** Message flag: wait for the full amount requested. */
  readonly MSG_WAITALL: number;
  /** Message flag: do not raise SIGPIPE when the peer has gone. */
  readonly MSG_NOSIGNAL: number;
  /** Message flag: received `SCM_RIGHTS` descriptors close on exec (Linux only). */
  readonly MSG_CMSG_CLOEXEC: number | undefined;
  /** Message flag: confirm that the link-layer neighbour is reachable (Linux only). */
  readonly MSG_CONFIRM: number | undefined;
  /** Message flag: the data completes the connection (macOS only). */
  readonly MSG_EOF: number | undefined;
  /** Message flag: receive queued errors from the error queue (Linux only). */
  readonly MSG_ERRQUEUE: number | undefined;
  /** Message flag: send the data in the SYN (TCP Fast Open) (Linux only). */
  readonly MSG_FASTOPEN: number | undefined;
  /** Message flag: more data follows, hold this data back (Linux only). */
  readonly MSG_MORE: number | undefined;
  /** Any other `MSG_*` name: `undefined`, as Python has no such member. */
  readonly [member: `MSG_${string}`]: number | undefined;
  /** Reverse lookup: the member name of a value, or `undefined` if no member has it. */
  readonly [value: number]: string | undefined;
}

/** A value of {@linkcode MsgFlag}: an `MSG_*` number of the running platform. */
export type MsgFlag = number;

/**
 * Python's `socket.MsgFlag` IntFlag: the message flags (`MSG_*`) of the running platform, by
 * name. They are the `flags` of `send`, `recv` and their relatives, or-ed together.
 *
 * `MsgFlag.NAME` is a member's value, and `MsgFlag[value]` the name of the member with that value
 * (`undefined` if none), as Python's `MsgFlag(value).name`. `Object.keys(MsgFlag)` lists the
 * member names in the order of Python's `MsgFlag.__members__`. The object is frozen.
 *
 * @example Combine message flags
 * ```ts
 * import { MsgFlag } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const flags = MsgFlag.MSG_PEEK | MsgFlag.MSG_DONTWAIT;
 * assert.ok((flags & MsgFlag.MSG_PEEK) !== 0);
 * assert.equal(MsgFlag[MsgFlag.MSG_PEEK], "MSG_PEEK");
 * ```
 */
export const MsgFlag: MsgFlagMembers = intEnum<MsgFlagMembers>("MSG_");

/**
 * The shape of {@linkcode AddressInfo}: its members, and reverse lookup by value.
 *
 * Members that Python has on both Linux and macOS are typed `number`; the others are
 * `number | undefined`, `undefined` where the running platform lacks them.
 */
export interface AddressInfoMembers {
  /** `getaddrinfo` flag: addresses for `bind` (the wildcard address when host is null). */
  readonly AI_PASSIVE: number;
  /** `getaddrinfo` flag: return the canonical name. */
  readonly AI_CANONNAME: number;
  /** `getaddrinfo` flag: the host must be a numeric address. */
  readonly AI_NUMERICHOST: number;
  /** `getaddrinfo` flag: IPv4-mapped IPv6 addresses when there are no IPv6 ones. */
  readonly AI_V4MAPPED: number;
  /** `getaddrinfo` flag: with `AI_V4MAPPED`, both IPv6 and IPv4-mapped addresses. */
  readonly AI_ALL: number;
  /** `getaddrinfo` flag: only families the host has an address configured in. */
  readonly AI_ADDRCONFIG: number;
  /** `getaddrinfo` flag: the port must be numeric. */
  readonly AI_NUMERICSERV: number;
  /** `getaddrinfo` flags: `AI_V4MAPPED_CFG | AI_ADDRCONFIG` (macOS only). */
  readonly AI_DEFAULT: number | undefined;
  /** `getaddrinfo` flags: every valid flag, or-ed together (macOS only). */
  readonly AI_MASK: number | undefined;
  /** `getaddrinfo` flag: IPv4-mapped addresses if the kernel supports them (macOS only). */
  readonly AI_V4MAPPED_CFG: number | undefined;
  /** Any other `AI_*` name: `undefined`, as Python has no such member. */
  readonly [member: `AI_${string}`]: number | undefined;
  /** Reverse lookup: the member name of a value, or `undefined` if no member has it. */
  readonly [value: number]: string | undefined;
}

/** A value of {@linkcode AddressInfo}: an `AI_*` number of the running platform. */
export type AddressInfo = number;

/**
 * Python's `socket.AddressInfo` IntFlag: the `getaddrinfo` flags (`AI_*`) of the running
 * platform, by name. They are the `flags` argument of `getaddrinfo`, or-ed together.
 *
 * `AddressInfo.NAME` is a member's value, and `AddressInfo[value]` the name of the member with
 * that value (`undefined` if none), as Python's `AddressInfo(value).name`.
 * `Object.keys(AddressInfo)` lists the member names in the order of Python's
 * `AddressInfo.__members__`. The object is frozen.
 *
 * @example Name the flags of a `getaddrinfo` call
 * ```ts
 * import { AddressInfo } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const flags = AddressInfo.AI_PASSIVE | AddressInfo.AI_NUMERICHOST;
 * const names = Object.entries(AddressInfo)
 *   .filter(([, value]) => value !== undefined && (value & (value - 1)) === 0)
 *   .filter(([, value]) => (flags & value!) !== 0)
 *   .map(([name]) => name);
 * assert.deepEqual(names.sort(), ["AI_NUMERICHOST", "AI_PASSIVE"]);
 * ```
 */
export const AddressInfo: AddressInfoMembers = intEnum<AddressInfoMembers>("AI_");

function intEnum<T>(prefix: string): T {
  const members: [string, number][] = [];
  for (const [name, value] of Object.entries(TABLE)) {
    if (name.startsWith(prefix) && name === name.toUpperCase() && value !== undefined) {
      members.push([name, value]);
    }
  }
  members.sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0));
  const object: Record<string, number> = {};
  for (const [name, value] of members) object[name] = value;
  for (const [name, value] of members) {
    if (!Object.hasOwn(object, value)) {
      Object.defineProperty(object, value, { value: name, enumerable: false });
    }
  }
  return Object.freeze(object) as unknown as T;
}
