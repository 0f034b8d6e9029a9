// The socket module's names that the ssl module's API uses, re-exported as Python's ssl
// module re-exports them (`ssl.socket`, `ssl.create_connection`, `ssl.SOCK_STREAM`, ...),
// so that `import { Socket, createConnection } from "@ipcnet/std/ssl"` works too, and the
// types the SSLSocket API mentions are reachable from this module.

export type * from "../socket/address.ts";
export type * from "../socket/readiness.ts";
export type * from "../socket/socket_file.ts";
export { createConnection, type CreateConnectionOptions } from "../socket/create_connection.ts";
export {
  type AbortOptions,
  type OptionValue,
  type SendfileSource,
  Socket,
} from "../socket/socket.ts";
export {
  AF_INET,
  AF_INET6,
  SHUT_RDWR,
  SHUT_WR,
  SO_TYPE,
  SOCK_STREAM,
  SOL_SOCKET,
} from "../socket/constants.ts";
