// The ssl module's types, for the asyncio API that mentions SSLContext (type-only: asyncio
// loads the ssl module only when TLS is used). Its exception classes, which asyncio
// exports itself, are left out.

export type * from "../ssl/certs.ts";
export type * from "../ssl/constants.ts";
export type * from "../ssl/context.ts";
export type * from "../ssl/memory_bio.ts";
export type * from "../ssl/ssl_object.ts";
export type * from "../ssl/ssl_session.ts";
export type * from "../ssl/ssl_socket.ts";
