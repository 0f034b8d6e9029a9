// The settings of an SSLContext, shared with the engines (ssl/_node_link.ts,
// ssl/_deno_link.ts) without making them public: SSLContext registers its state here.

import type { SSLContext } from "./context.ts";
import type { SSLObject } from "./ssl_object.ts";
import type { SSLSocket } from "./ssl_socket.ts";
import {
  CERT_NONE,
  OP_NO_TLSv1_2,
  OP_NO_TLSv1_3,
  PROTOCOL_TLS_CLIENT,
  PROTOCOL_TLS_SERVER,
  PROTOCOL_TLSv1_2,
  TLSVersion,
} from "./constants.ts";
import type { KeyChain } from "./_keys.ts";
import { TrustStore } from "./_trust.ts";
import { ALL_TLS12 } from "./_ciphers.ts";

/** Which TLS engine a context uses: chosen per connection, or forced. */
export type Engine = "auto" | "deno" | "node";

/** A server name callback as Python calls it: `(sslObject, serverName, context)`. */
export type ServernameCallback = (
  sslObject: SSLSocket | SSLObject,
  serverName: string | null,
  context: SSLContext,
) => number | null | undefined | void;

/** Python's session_stats() counters that this library can count. */
export interface SessionCounters {
  connect: number;
  connect_good: number;
  accept: number;
  accept_good: number;
}

export class ContextState {
  readonly protocol: number;
  verifyMode: number = CERT_NONE;
  checkHostname = false;
  options: number;
  verifyFlags: number;
  minimumVersion: TLSVersion = TLSVersion.MINIMUM_SUPPORTED;
  maximumVersion: TLSVersion = TLSVersion.MAXIMUM_SUPPORTED;
  readonly trust: TrustStore = new TrustStore();
  chain: KeyChain | null = null;
  /** The TLS 1.2 suites set with setCiphers (all of them by default). */
  ciphers: readonly string[] = ALL_TLS12;
  alpn: string[] | null = null;
  sniCallback: ServernameCallback | null = null;
  engine: Engine = "auto";
  dhParams: string | null = null;
  ecdhCurve: string | null = null;
  readonly counters: SessionCounters = { connect: 0, connect_good: 0, accept: 0, accept_good: 0 };
  /** Bumped on every change, so that engines can cache what they derive. */
  generation = 0;

  constructor(protocol: number, options: number, verifyFlags: number) {
    this.protocol = protocol;
    this.options = options;
    this.verifyFlags = verifyFlags;
  }

  get clientOnly(): boolean {
    return this.protocol === PROTOCOL_TLS_CLIENT;
  }

  get serverOnly(): boolean {
    return this.protocol === PROTOCOL_TLS_SERVER;
  }

  /** The versions this context may negotiate, or null when none is left. */
  versions(): { min: "TLSv1.2" | "TLSv1.3"; max: "TLSv1.2" | "TLSv1.3" } | null {
    let lo = 0x303;
    let hi = 0x304;
    if (this.protocol === PROTOCOL_TLSv1_2) hi = 0x303;
    if (this.minimumVersion > 0) lo = Math.max(lo, this.minimumVersion);
    if (this.maximumVersion > 0) hi = Math.min(hi, this.maximumVersion);
    if (this.options & OP_NO_TLSv1_2 && lo === 0x303) lo = 0x304;
    if (this.options & OP_NO_TLSv1_3 && hi === 0x304) hi = 0x303;
    if (lo > hi) return null;
    const name = (v: number): "TLSv1.2" | "TLSv1.3" => v === 0x303 ? "TLSv1.2" : "TLSv1.3";
    return { min: name(lo), max: name(hi) };
  }

  /** Whether the versions or the TLS 1.2 suites are narrower than the stack's. */
  get restricted(): boolean {
    const v = this.versions();
    return v === null || v.min !== "TLSv1.2" || v.max !== "TLSv1.3" ||
      this.ciphers.length !== ALL_TLS12.length;
  }
}

const STATES = new WeakMap<SSLContext, ContextState>();

/** Registers a context's state (called by the SSLContext constructor). */
export function registerState(ctx: SSLContext, state: ContextState): void {
  STATES.set(ctx, state);
}

/** The state of a context. */
export function stateOf(ctx: SSLContext): ContextState {
  const state = STATES.get(ctx);
  if (!state) throw new TypeError("not an SSLContext");
  return state;
}
