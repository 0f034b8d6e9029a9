// The socket module's constants, with Python's names and the running platform's values: every
// integer constant that CPython 3.11's `socket` module has on Linux or on macOS (the `AF_*`,
// `PF_*`, `SOCK_*`, `SOL_*`, `SO_*`, `SOMAXCONN`, `MSG_*`, `SCM_*`, `SHUT_*`, `IPPROTO_*`,
// `IPPORT_*`, `INADDR_*`, `IP_*`, `IPV6_*`, `TCP_*`, `EAI_*`, `AI_*`, `NI_*` families of the
// docs' "Constants" section, and the CAN, J1939, packet, netlink, RDS, ALG, TIPC and VSOCK
// constants of Linux), plus `has_ipv6`.
//
// A constant that Python has on only one of the two platforms is typed `number | undefined` and
// is `undefined` on the other one, where Python lacks the attribute; its JSDoc says
// "(Linux only)" or "(macOS only)". The values come from `_ffi/constants_linux.ts` (generated
// from CPython) and `_ffi/constants_darwin.ts` (the macOS SDK headers). The families live in
// `_constants_<family>.ts` files to keep each file short.

export * from "./_constants_socket.ts";
export * from "./_constants_ip.ts";
export * from "./_constants_netdb.ts";
export * from "./_constants_can.ts";
export * from "./_constants_families.ts";

/**
 * Whether IPv6 is supported: always `true`, since Deno supports IPv6 on every platform.
 *
 * Python spells this constant in lower case, so it keeps that spelling here.
 */
export const has_ipv6: boolean = true;
