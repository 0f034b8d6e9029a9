// A node:tls TLSSocket seen through Deno.Conn's shape (ByteConn), so that the socket layer's
// StreamChannel gives an SSLSocket every Socket behaviour (timeouts, non-blocking mode,
// readiness). The reading, writing and flow control are socket/_net_conn.ts's NodeConn;
// this adds what TLS changes: errors map to Python's SSLError family, a clean close
// (close_notify) is told from a ragged one, and a half-close goes down to the connection
// under TLS.

import type tls from "node:tls";
import { NodeConn } from "../socket/_net_conn.ts";
import type { ByteConn } from "../socket/_stream.ts";
import { SSLEOFError } from "./errors.ts";
import type { Transport } from "./_bridge.ts";
import { fromNodeTlsError } from "./_tls_errors.ts";

export class TlsNodeConn extends NodeConn {
  readonly #tls: tls.TLSSocket;
  readonly #transport: Transport;
  readonly #suppressRaggedEofs: boolean;
  readonly #raw: ByteConn | null;
  /** Whether the peer closed the TLS layer with close_notify. */
  closeNotifyReceived = false;

  constructor(
    tlsSock: tls.TLSSocket,
    transport: Transport,
    raw: ByteConn | null,
    suppressRaggedEofs: boolean,
  ) {
    super(tlsSock, addressesOf(raw));
    this.#tls = tlsSock;
    this.#transport = transport;
    this.#raw = raw;
    this.#suppressRaggedEofs = suppressRaggedEofs;
  }

  /** Sends close_notify, then half-closes the connection under it. */
  override closeWrite(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#tls.end(() => {
        if (this.#transport.unwrapping || !this.#raw) return resolve();
        this.#raw.closeWrite().then(resolve, () => resolve());
      });
    });
  }

  override setNoDelay(noDelay = true): void {
    this.#raw?.setNoDelay?.(noDelay);
  }

  override setKeepAlive(keepAlive = true): void {
    this.#raw?.setKeepAlive?.(keepAlive);
  }

  protected override mapError(err: Error): unknown {
    return fromNodeTlsError(err);
  }

  protected override writeError(err: Error, first: unknown): unknown {
    return first ?? fromNodeTlsError(err);
  }

  // The end of the TLS stream: close_notify, unless the input under it ended first (a
  // ragged EOF, an SSLEOFError unless suppressed).
  protected override endError(): unknown {
    if (!this.#transport.inputEnded) {
      this.closeNotifyReceived = true;
      return undefined;
    }
    return this.#suppressRaggedEofs ? undefined : new SSLEOFError();
  }
}

// The connection's addresses; an SSLObject's memory transport has none.
function addressesOf(raw: ByteConn | null): { localAddr: Deno.Addr; remoteAddr: Deno.Addr } {
  const none: Deno.Addr = { transport: "tcp", hostname: "", port: 0 };
  return { localAddr: raw?.localAddr ?? none, remoteAddr: raw?.remoteAddr ?? none };
}
