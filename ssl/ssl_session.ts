// Python's ssl.SSLSession: what a client knows about a TLS session after a handshake.
// Resumption itself does not happen on this stack (see ssl/README.md), so a session can be
// given to a later connection but `sessionReused` stays false.

import { hooks } from "./_hooks.ts";

interface SessionData {
  id: Uint8Array;
  time: number;
  ticket: Uint8Array | null;
}

const DATA = new WeakMap<SSLSession, SessionData>();
let pending: SessionData | null = null;

/**
 * Python's `ssl.SSLSession`, as far as the TLS stack allows: a client's `session` after
 * its handshake. Deno's TLS stack never resumes sessions, so passing one to a new
 * connection is accepted and that connection's `sessionReused` is `false`.
 *
 * @example
 * ```ts
 * import { SSLSession } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => new SSLSession(), TypeError);
 * ```
 */
export class SSLSession {
  /**
   * Sessions come from `SSLSocket.session` and `SSLObject.session` only.
   *
   * @throws {TypeError} when called directly
   */
  constructor() {
    const data = pending;
    pending = null;
    if (data === null) throw new TypeError("cannot create 'ssl.SSLSession' instances");
    DATA.set(this, data);
  }

  /** The session id (empty: the stack does not report it). */
  get id(): Uint8Array {
    return DATA.get(this)!.id.slice();
  }

  /** When the session was established, in seconds since the epoch. */
  get time(): number {
    return DATA.get(this)!.time;
  }

  /** How long the session may be resumed, in seconds (OpenSSL's default, 7200). */
  get timeout(): number {
    return 7200;
  }

  /** The ticket lifetime hint the server sent, in seconds (0: the stack does not say). */
  get ticketLifetimeHint(): number {
    return 0;
  }

  /** Whether the stack handed over a serialized session (a ticket) for later use. */
  get hasTicket(): boolean {
    const ticket = DATA.get(this)!.ticket;
    return ticket !== null && ticket.length > 0;
  }
}

hooks.makeSession = (ticket: Uint8Array | null): SSLSession => {
  pending = { id: new Uint8Array(0), time: Math.floor(Date.now() / 1000), ticket };
  return new SSLSession();
};
hooks.sessionTicket = (session: SSLSession): Uint8Array | null => DATA.get(session)?.ticket ?? null;
