// The socket module's `getaddrinfo` and `getnameinfo` constants (`EAI_*`,
// `AI_*`, `NI_*`), re-exported by `constants.ts`.
// Each has the running platform's value, as CPython 3.11 has it there; a constant that Python
// lacks on the running platform is `undefined` and typed `number | undefined`, and its JSDoc
// says which platform has it. Values: `_ffi/constants_linux.ts`, `_ffi/constants_darwin.ts`.

import { both, only } from "./_constants_table.ts";

// getaddrinfo() and getnameinfo() errors
/** `getaddrinfo` error: the host has no address in the requested family. */
export const EAI_ADDRFAMILY: number = both("EAI_ADDRFAMILY");
/** `getaddrinfo` error: temporary failure in name resolution. */
export const EAI_AGAIN: number = both("EAI_AGAIN");
/** `getaddrinfo` error: invalid flags. */
export const EAI_BADFLAGS: number = both("EAI_BADFLAGS");
/** `getaddrinfo` error: non-recoverable failure in name resolution. */
export const EAI_FAIL: number = both("EAI_FAIL");
/** `getaddrinfo` error: address family not supported. */
export const EAI_FAMILY: number = both("EAI_FAMILY");
/** `getaddrinfo` error: memory allocation failure. */
export const EAI_MEMORY: number = both("EAI_MEMORY");
/** `getaddrinfo` error: no address associated with the name. */
export const EAI_NODATA: number = both("EAI_NODATA");
/** `getaddrinfo` error: name or service not known. */
export const EAI_NONAME: number = both("EAI_NONAME");
/** `getnameinfo` error: argument buffer overflow. */
export const EAI_OVERFLOW: number = both("EAI_OVERFLOW");
/** `getaddrinfo` error: service not supported for the socket type. */
export const EAI_SERVICE: number = both("EAI_SERVICE");
/** `getaddrinfo` error: socket type not supported. */
export const EAI_SOCKTYPE: number = both("EAI_SOCKTYPE");
/** `getaddrinfo` error: system error, see `errno`. */
export const EAI_SYSTEM: number = both("EAI_SYSTEM");
/** `getaddrinfo` error: invalid hints (macOS only). */
export const EAI_BADHINTS: number | undefined = only("EAI_BADHINTS");
/** `getaddrinfo` error: the resolved protocol is unknown (macOS only). */
export const EAI_PROTOCOL: number | undefined = only("EAI_PROTOCOL");
/** One more than the largest `EAI_*` error (macOS only). */
export const EAI_MAX: number | undefined = only("EAI_MAX");

// getaddrinfo() flags
/** `getaddrinfo` flag: addresses for `bind` (the wildcard address when host is null). */
export const AI_PASSIVE: number = both("AI_PASSIVE");
/** `getaddrinfo` flag: return the canonical name. */
export const AI_CANONNAME: number = both("AI_CANONNAME");
/** `getaddrinfo` flag: the host must be a numeric address. */
export const AI_NUMERICHOST: number = both("AI_NUMERICHOST");
/** `getaddrinfo` flag: the port must be numeric. */
export const AI_NUMERICSERV: number = both("AI_NUMERICSERV");
/** `getaddrinfo` flag: IPv4-mapped IPv6 addresses when there are no IPv6 ones. */
export const AI_V4MAPPED: number = both("AI_V4MAPPED");
/** `getaddrinfo` flag: with `AI_V4MAPPED`, both IPv6 and IPv4-mapped addresses. */
export const AI_ALL: number = both("AI_ALL");
/** `getaddrinfo` flag: only families the host has an address configured in. */
export const AI_ADDRCONFIG: number = both("AI_ADDRCONFIG");
/** `getaddrinfo` flag: IPv4-mapped addresses if the kernel supports them (macOS only). */
export const AI_V4MAPPED_CFG: number | undefined = only("AI_V4MAPPED_CFG");
/** `getaddrinfo` flags: `AI_V4MAPPED_CFG | AI_ADDRCONFIG` (macOS only). */
export const AI_DEFAULT: number | undefined = only("AI_DEFAULT");
/** `getaddrinfo` flags: every valid flag, or-ed together (macOS only). */
export const AI_MASK: number | undefined = only("AI_MASK");

// getnameinfo() flags and sizes
/** Size of a host buffer big enough for any `getnameinfo` result. */
export const NI_MAXHOST: number = both("NI_MAXHOST");
/** Size of a service buffer big enough for any `getnameinfo` result. */
export const NI_MAXSERV: number = both("NI_MAXSERV");
/** `getnameinfo` flag: only the host part of local names. */
export const NI_NOFQDN: number = both("NI_NOFQDN");
/** `getnameinfo` flag: numeric host. */
export const NI_NUMERICHOST: number = both("NI_NUMERICHOST");
/** `getnameinfo` flag: fail if the host has no name. */
export const NI_NAMEREQD: number = both("NI_NAMEREQD");
/** `getnameinfo` flag: numeric port. */
export const NI_NUMERICSERV: number = both("NI_NUMERICSERV");
/** `getnameinfo` flag: look the service up as UDP. */
export const NI_DGRAM: number = both("NI_DGRAM");
