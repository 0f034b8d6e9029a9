// Python's asyncore.dispatcher_with_send: a dispatcher that buffers what `send` is given
// and writes it out as the socket becomes writable.

import type { Socket } from "../socket/socket.ts";
import { Dispatcher } from "./dispatcher.ts";
import type { SocketMap } from "./socket_map.ts";

const CHUNK = 65536;

/**
 * Python's `asyncore.dispatcher_with_send`: `send()` appends to an output buffer that is
 * written out whenever the socket is writable, so a handler never has to deal with a
 * partial send. Sends are serialised: bytes never interleave or repeat.
 *
 * @deprecated asyncore is deprecated in Python (3.6) and removed in 3.12: use
 * `@ipcnet/std/asyncio` for new code.
 *
 * @example The 18.6.2 echo handler
 * ```ts
 * import { DispatcherWithSend, loop } from "@ipcnet/std/asyncore";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * class EchoHandler extends DispatcherWithSend {
 *   override async handleRead(): Promise<void> {
 *     const data = await this.recv(8192);
 *     if (data.length) await this.send(data);
 *   }
 *   override handleClose(): void {
 *     this.close();
 *   }
 * }
 * const [a, b] = socketpair();
 * using _b = b;
 * const map = new Map();
 * new EchoHandler(a, map);
 * await b.sendall(new TextEncoder().encode("echo me"));
 * await loop({ map, timeout: 1, count: 1 });
 * assert.equal(new TextDecoder().decode(await b.recv(100)), "echo me");
 * b.close();
 * await loop({ map, timeout: 1 });
 * ```
 */
export class DispatcherWithSend extends Dispatcher {
  /** What is still to be sent. */
  outBuffer: Uint8Array = new Uint8Array(0);
  #chain: Promise<void> = Promise.resolve();

  /**
   * Wraps `sock` as {@linkcode Dispatcher} does.
   *
   * @param sock a socket, or `null`
   * @param map the map to join
   */
  constructor(sock?: Socket | null, map?: SocketMap) {
    super(sock, map);
  }

  /** Sends the start of the buffer (up to 64 KiB), once any send under way is done. */
  initiateSend(): Promise<void> {
    const next = this.#chain.then(async () => {
      if (this.outBuffer.length === 0) return;
      const sent = await Dispatcher.prototype.send.call(this, this.outBuffer.subarray(0, CHUNK));
      this.outBuffer = this.outBuffer.subarray(sent);
    });
    this.#chain = next.catch(() => {});
    return next;
  }

  /** Sends while there is something to send. */
  override handleWrite(): Promise<void> {
    return this.initiateSend();
  }

  /**
   * Writable while not connected yet, or while the buffer holds something.
   *
   * @returns whether to watch for writing
   */
  override writable(): boolean {
    return !this.connected || this.outBuffer.length > 0;
  }

  /**
   * Appends `data` to the buffer and starts sending it.
   *
   * @param data the bytes
   * @returns `data.length` (every byte is buffered), once the first send attempt is done
   */
  override async send(data: Uint8Array): Promise<number> {
    if (this.debug) this.logInfo(`sending ${JSON.stringify(new TextDecoder().decode(data))}`);
    const grown = new Uint8Array(this.outBuffer.length + data.length);
    grown.set(this.outBuffer);
    grown.set(data, this.outBuffer.length);
    this.outBuffer = grown;
    await this.initiateSend();
    return data.length;
  }
}
