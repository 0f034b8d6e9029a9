// Entry points that ssl_socket.ts and ssl_object.ts register at load time, so that
// SSLContext can create their objects without a public factory (and without an import
// cycle at module evaluation).

import type { Socket } from "../socket/socket.ts";
import type { SSLContext } from "./context.ts";
import type { MemoryBIO } from "./memory_bio.ts";
import type { SSLObject } from "./ssl_object.ts";
import type { SSLSession } from "./ssl_session.ts";
import type { SSLSocket } from "./ssl_socket.ts";

/** `SSLContext.wrapSocket`'s options, checked. */
export interface WrapSocketInit {
  serverSide: boolean;
  serverHostname: string | null;
  doHandshakeOnConnect: boolean;
  suppressRaggedEofs: boolean;
  session: SSLSession | null;
}

/** `SSLContext.wrapBio`'s options, checked. */
export interface WrapBioInit {
  serverSide: boolean;
  serverHostname: string | null;
  session: SSLSession | null;
}

export const hooks: {
  wrapSocket?: (ctx: SSLContext, sock: Socket, init: WrapSocketInit) => Promise<SSLSocket>;
  wrapBio?: (
    ctx: SSLContext,
    incoming: MemoryBIO,
    outgoing: MemoryBIO,
    init: WrapBioInit,
  ) => SSLObject;
  makeSession?: (ticket: Uint8Array | null) => SSLSession;
  sessionTicket?: (session: SSLSession) => Uint8Array | null;
} = {};
