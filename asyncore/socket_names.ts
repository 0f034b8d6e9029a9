// The socket module's types that the asyncore API mentions (a dispatcher's `socket`,
// `addr`, what `accept` returns), re-exported so that they are reachable from here.

export type * from "../socket/address.ts";
export type * from "../socket/readiness.ts";
export type * from "../socket/socket_file.ts";
export type { AbortOptions, OptionValue, SendfileSource, Socket } from "../socket/socket.ts";
