// A UDP socket on node:dgram, which works under plain --allow-net (Deno.listenDatagram
// needs --unstable-net). node:dgram binds asynchronously after a name lookup; giving it
// a lookup that answers synchronously makes `bind` synchronous, as Python's is, and its
// bind errors arrive synchronously too. Incoming datagrams queue up to the receive
// buffer size and are dropped beyond it, as the kernel drops them.

import dgram from "node:dgram";
import { BlockingIOError, fromDenoError, type OSError, osError } from "../_errors/mod.ts";
import { ERRNO } from "../_ffi/errno.ts";
import { inetAddress } from "./_address.ts";
import type { SocketAddress } from "./address.ts";
import { kReadyNow, kWaitReady, type NativeReadiness, type ReadinessKind } from "./readiness.ts";
import type { IoMode } from "./_stream.ts";
import { deadlineOf, remaining, waitFor } from "./_wait.ts";
import { AF_INET6, MSG_DONTWAIT, MSG_PEEK } from "./constants.ts";

interface Datagram {
  data: Uint8Array;
  from: SocketAddress;
}

type LookupCallback = (err: Error | null, address: string, family: number) => void;

/** Options applied when the node:dgram socket is created. */
export interface DgramCreateOptions {
  reuseAddr?: boolean;
  recvBufferSize?: number;
  sendBufferSize?: number;
}

export class DgramChannel implements NativeReadiness {
  /** Sockets sharing this channel (`dup`). */
  refs = 1;
  readonly sock: dgram.Socket;
  readonly family: number;
  #queue: Datagram[] = [];
  #queuedBytes = 0;
  #limit: number;
  #waiters: (() => void)[] = [];
  #error: unknown = undefined;
  #closed = false;
  #connected = false;

  private constructor(sock: dgram.Socket, family: number) {
    this.sock = sock;
    this.family = family;
    this.#limit = sock.getRecvBufferSize();
    sock.on("message", (msg: Uint8Array, rinfo: dgram.RemoteInfo) => this.#onMessage(msg, rinfo));
    sock.on("error", (err: Error) => {
      this.#error ??= fromDenoError(err);
      this.#wake();
    });
  }

  /** Creates the socket and binds it synchronously, throwing Python's OSError. */
  static bind(
    family: number,
    host: string,
    port: number,
    options: DgramCreateOptions,
  ): DgramChannel {
    const sock = dgram.createSocket({
      type: family === AF_INET6 ? "udp6" : "udp4",
      reuseAddr: options.reuseAddr ?? false,
      recvBufferSize: options.recvBufferSize,
      sendBufferSize: options.sendBufferSize,
      lookup: (address: string, _opts: unknown, cb: LookupCallback) =>
        cb(null, address, family === AF_INET6 ? 6 : 4),
    } as dgram.SocketOptions);
    let bindError: unknown;
    const onError = (err: unknown): void => {
      bindError = err;
    };
    sock.on("error", onError);
    sock.bind(port, host);
    sock.removeListener("error", onError);
    if (bindError !== undefined) {
      sock.close();
      throw fromDenoError(bindError);
    }
    return new DgramChannel(sock, family);
  }

  /** Connects to a peer, so that `send` needs no address and only its datagrams arrive. */
  async connect(host: string, port: number): Promise<void> {
    if (this.#connected) this.sock.disconnect();
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => reject(fromDenoError(err));
      this.sock.once("error", onError);
      this.sock.connect(port, host, () => {
        this.sock.removeListener("error", onError);
        resolve();
      });
    });
    this.#connected = true;
    // Datagrams from other senders, queued before connect, are no longer for us.
    this.#queue.length = 0;
    this.#queuedBytes = 0;
  }

  /** Whether `connect` has been called. */
  get connected(): boolean {
    return this.#connected;
  }

  /** Python's recvfrom: one datagram, cut to `n` bytes, and its sender. */
  async recvfrom(n: number, flags: number, mode: IoMode): Promise<[Uint8Array, SocketAddress]> {
    const nonblocking = mode.timeout === 0 || (flags & MSG_DONTWAIT) !== 0;
    if (!this.#ready()) {
      if (nonblocking) throw new BlockingIOError(ERRNO.EAGAIN);
      const deadline = deadlineOf(mode.timeout);
      do {
        await waitFor(
          new Promise<void>((r) => this.#waiters.push(r)),
          remaining(deadline),
          mode.signal,
        );
      } while (!this.#ready());
    }
    if (this.#closed) throw osError("EBADF");
    if (this.#queue.length === 0) {
      const err = this.#error;
      this.#error = undefined;
      throw err;
    }
    const dgramItem = (flags & MSG_PEEK) ? this.#queue[0] : this.#queue.shift()!;
    if (!(flags & MSG_PEEK)) this.#queuedBytes -= dgramItem.data.length;
    const data = dgramItem.data.length > n ? dgramItem.data.slice(0, n) : dgramItem.data;
    return [data, dgramItem.from];
  }

  /** Sends one datagram; `host` null sends to the connected peer. */
  sendto(data: Uint8Array, host: string | null, port: number): Promise<number> {
    if (this.#closed) return Promise.reject(osError("EBADF"));
    if (this.#error !== undefined) {
      const err = this.#error;
      this.#error = undefined;
      return Promise.reject(err);
    }
    return new Promise<number>((resolve, reject) => {
      const done = (err: Error | null, bytes?: number): void => {
        if (err) reject(fromDenoError(err));
        else resolve(bytes ?? data.length);
      };
      if (host === null) this.sock.send(data, done);
      else this.sock.send(data, port, host, done);
    });
  }

  /** The bound address, in Python's shape. */
  sockname(): SocketAddress {
    const a = this.sock.address();
    return inetAddress(this.family, a.address, a.port);
  }

  /** The connected peer, in Python's shape. */
  peername(): SocketAddress {
    if (!this.#connected) throw osError("ENOTCONN");
    const a = this.sock.remoteAddress();
    return inetAddress(this.family, a.address, a.port);
  }

  /** Drops one reference; the last closes the socket. */
  release(): void {
    if (--this.refs > 0 || this.#closed) return;
    this.#closed = true;
    this.sock.close();
    this.#wake();
  }

  [kReadyNow](kind: ReadinessKind): boolean {
    return kind === "write" ? !this.#closed : this.#ready();
  }

  async [kWaitReady](kind: ReadinessKind, signal: AbortSignal): Promise<void> {
    if (kind === "write") return;
    while (!this.#ready()) {
      await waitFor(new Promise<void>((r) => this.#waiters.push(r)), null, signal);
    }
  }

  #ready(): boolean {
    return this.#queue.length > 0 || this.#error !== undefined || this.#closed;
  }

  #onMessage(msg: Uint8Array, rinfo: dgram.RemoteInfo): void {
    if (this.#queuedBytes + msg.length > this.#limit && this.#queue.length > 0) return;
    const data = new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength);
    this.#queue.push({ data, from: inetAddress(this.family, rinfo.address, rinfo.port) });
    this.#queuedBytes += data.length;
    this.#wake();
  }

  #wake(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }
}

/** Python's error for `send` on a datagram socket with no peer. */
export function noDestination(): OSError {
  return osError("EDESTADDRREQ");
}
