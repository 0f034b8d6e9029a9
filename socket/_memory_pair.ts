// Two connected in-memory stream ends: the native emulation of socketpair(AF_UNIX,
// SOCK_STREAM). It needs no permission and behaves as a unix socket pair does: a
// bounded buffer each way (writes wait when it is full), half close, EPIPE after the
// peer is gone, and ECONNRESET for a peer that closed with unread data.

import { osError } from "../_errors/mod.ts";
import type { ByteConn } from "./_stream.ts";

// Linux's default unix stream buffer (net.core.wmem_default).
const CAPACITY = 212992;
const UNNAMED: Deno.UnixAddr = { transport: "unix", path: "" };

let onlyMemory = false;

/** Whether `socketpair` must use the in-memory pair even when FFI is granted (tests). */
export function memoryPairOnly(): boolean {
  return onlyMemory;
}

/** Makes `socketpair` use (or stop using) the in-memory pair whatever the permissions. */
export function setMemoryPairOnly(on: boolean): void {
  onlyMemory = on;
}

/** Makes two connected in-memory ends. */
export function memoryPair(): [ByteConn, ByteConn] {
  const a = new MemoryEnd();
  const b = new MemoryEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class MemoryEnd implements ByteConn {
  peer!: MemoryEnd;
  readonly localAddr: Deno.Addr = UNNAMED;
  readonly remoteAddr: Deno.Addr = UNNAMED;
  #inbox: Uint8Array[] = [];
  #inboxBytes = 0;
  #eof = false;
  #reset = false;
  #closed = false;
  #writeClosed = false;
  #readWaiters: (() => void)[] = [];
  #roomWaiters: (() => void)[] = [];

  async read(p: Uint8Array): Promise<number | null> {
    for (;;) {
      if (this.#closed) throw osError("EBADF");
      if (this.#inboxBytes > 0) return this.#drain(p);
      if (this.#reset) {
        this.#reset = false;
        this.#eof = true;
        throw osError("ECONNRESET");
      }
      if (this.#eof) return null;
      await new Promise<void>((r) => this.#readWaiters.push(r));
    }
  }

  async write(p: Uint8Array): Promise<number> {
    for (;;) {
      if (this.#closed) throw osError("EBADF");
      if (this.#writeClosed || this.peer.#closed) throw osError("EPIPE");
      const room = CAPACITY - this.peer.#inboxBytes;
      if (room > 0 || p.length === 0) return this.peer.#deliver(p.subarray(0, room));
      await new Promise<void>((r) => this.peer.#roomWaiters.push(r));
    }
  }

  closeWrite(): Promise<void> {
    if (this.#closed) return Promise.reject(osError("EBADF"));
    this.#writeClosed = true;
    this.peer.#eof = true;
    wake(this.peer.#readWaiters);
    return Promise.resolve();
  }

  close(): void {
    if (this.#closed) throw osError("EBADF");
    this.#closed = true;
    if (this.#inboxBytes > 0) this.peer.#reset = true;
    this.#inbox = [];
    this.#inboxBytes = 0;
    this.peer.#eof = true;
    wake(this.#readWaiters);
    wake(this.#roomWaiters);
    wake(this.peer.#readWaiters);
    wake(this.peer.#roomWaiters);
  }

  #deliver(p: Uint8Array): number {
    if (p.length > 0) {
      this.#inbox.push(p.slice());
      this.#inboxBytes += p.length;
      wake(this.#readWaiters);
    }
    return p.length;
  }

  #drain(p: Uint8Array): number {
    let off = 0;
    while (off < p.length && this.#inbox.length > 0) {
      const chunk = this.#inbox[0];
      const k = Math.min(chunk.length, p.length - off);
      p.set(chunk.subarray(0, k), off);
      off += k;
      if (k === chunk.length) this.#inbox.shift();
      else this.#inbox[0] = chunk.subarray(k);
    }
    this.#inboxBytes -= off;
    wake(this.#roomWaiters);
    return off;
  }
}

function wake(waiters: (() => void)[]): void {
  for (const w of waiters.splice(0)) w();
}
