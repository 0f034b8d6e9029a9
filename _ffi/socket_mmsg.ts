// Batched datagram I/O for the asyncio datagram transport on Linux: recvmmsg takes every
// waiting datagram (up to SLOTS) in one call, and sendmmsg sends the replies a protocol
// made while those were delivered in one call. On a loopback echo that saves a system call
// and an FFI crossing per datagram in each direction. The buffers are shared by the whole
// process: each batch is used synchronously (received datagrams are copied out before any
// is delivered; queued ones are sent or copied out before the transport returns to the loop).

import { SOCKETS_PRIVATE_LINUX as L } from "./constants_sockets_linux.ts";
import { checkAgain, libc } from "./libc.ts";
import { decodeSockaddr, type EncodedSockaddr, type SockAddr } from "./sockaddr.ts";

/** Datagrams per recvmmsg or sendmmsg call. */
export const SLOTS = 32;
// The largest UDP payload is 65,527 bytes (IPv6; 65,507 over IPv4), so no slot truncates.
const SLOT_SIZE = 65536;
const NAME_SIZE = 128; // sizeof(struct sockaddr_storage)
const MMSGHDR_SIZE = L.MSGHDR_SIZE + 8; // struct msghdr, then unsigned msg_len, padded
const MSG_LEN = L.MSGHDR_SIZE;
const SEND_ARENA = 256 * 1024;

/** Whether this C library has recvmmsg and sendmmsg (glibc on Linux). */
export function haveMmsg(): boolean {
  if (Deno.build.os !== "linux") return false;
  const lib = libc();
  return lib.recvmmsg != null && lib.sendmmsg != null;
}

function pointer(buf: Uint8Array): bigint {
  return BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buf)));
}

// SLOTS message headers, each with one iovec and a name buffer of its own.
class Headers {
  readonly hdrs = new Uint8Array(SLOTS * MMSGHDR_SIZE);
  readonly view = new DataView(this.hdrs.buffer);
  readonly iov = new Uint8Array(SLOTS * L.IOVEC_SIZE);
  readonly iovView = new DataView(this.iov.buffer);
  readonly names = new Uint8Array(SLOTS * NAME_SIZE);
  readonly namesAt = pointer(this.names);

  constructor() {
    const iovAt = pointer(this.iov);
    for (let i = 0; i < SLOTS; i++) {
      const h = i * MMSGHDR_SIZE;
      this.view.setBigUint64(h + L.MSGHDR_IOV, iovAt + BigInt(i * L.IOVEC_SIZE), true);
      this.view.setBigUint64(h + L.MSGHDR_IOVLEN, 1n, true);
      this.view.setBigUint64(h + L.MSGHDR_NAME, this.namesAt + BigInt(i * NAME_SIZE), true);
    }
  }

  setName(i: number, name: EncodedSockaddr | null): void {
    const h = i * MMSGHDR_SIZE;
    if (name === null) {
      this.view.setBigUint64(h + L.MSGHDR_NAME, 0n, true);
      this.view.setUint32(h + L.MSGHDR_NAMELEN, 0, true);
      return;
    }
    this.names.set(name, i * NAME_SIZE);
    this.view.setBigUint64(h + L.MSGHDR_NAME, this.namesAt + BigInt(i * NAME_SIZE), true);
    this.view.setUint32(h + L.MSGHDR_NAMELEN, name.length, true);
  }

  setData(i: number, at: bigint, length: number): void {
    this.iovView.setBigUint64(i * L.IOVEC_SIZE, at, true);
    this.iovView.setBigUint64(i * L.IOVEC_SIZE + 8, BigInt(length), true);
  }
}

/** Where a batch is received: each datagram copied out, with its sender's address. */
export interface Received {
  data: Uint8Array[];
  from: (SockAddr | null)[];
}

let rx: { h: Headers; data: Uint8Array } | null = null;

/**
 * Receives up to SLOTS datagrams without blocking. Returns how many (each copied out into
 * `out`), or -1 when none is waiting; an error before the first datagram throws OSError.
 */
export function recvBatch(fd: number, out: Received): number {
  if (rx === null) {
    const h = new Headers(), data = new Uint8Array(SLOTS * SLOT_SIZE);
    const at = pointer(data);
    for (let i = 0; i < SLOTS; i++) h.setData(i, at + BigInt(i * SLOT_SIZE), SLOT_SIZE);
    rx = { h, data };
  }
  const { h, data } = rx;
  for (let i = 0; i < SLOTS; i++) {
    h.view.setUint32(i * MMSGHDR_SIZE + L.MSGHDR_NAMELEN, NAME_SIZE, true);
  }
  const lib = libc();
  const count = checkAgain(() => lib.recvmmsg!(fd, h.hdrs, SLOTS, L.MSG_DONTWAIT, null));
  if (count < 0) return -1;
  // One allocation for the batch: each datagram gets its own view of it.
  let total = 0;
  for (let i = 0; i < count; i++) total += h.view.getUint32(i * MMSGHDR_SIZE + MSG_LEN, true);
  const owned = new Uint8Array(total);
  for (let i = 0, at = 0; i < count; i++) {
    const hdr = i * MMSGHDR_SIZE;
    const n = h.view.getUint32(hdr + MSG_LEN, true);
    const namelen = h.view.getUint32(hdr + L.MSGHDR_NAMELEN, true);
    owned.set(data.subarray(i * SLOT_SIZE, i * SLOT_SIZE + n), at);
    out.data[i] = owned.subarray(at, at += n);
    out.from[i] = namelen === 0
      ? null
      : decodeSockaddr(h.names.subarray(i * NAME_SIZE, (i + 1) * NAME_SIZE), namelen);
  }
  return count;
}

/**
 * Datagrams queued for one sendmmsg, each with a tag (the caller's address). Each is
 * copied into the arena when queued, so the caller may reuse its buffer at once, as after
 * a real send.
 */
export class SendBatch<Tag> {
  #h: Headers | null = null;
  #arena: Uint8Array | null = null;
  #arenaAt = 0n;
  #used = 0;
  #sizes: number[] = [];
  #tags: Tag[] = [];
  #sent = 0;
  /** Whose datagrams are queued (`add`'s `owner`); null once the batch is empty. */
  owner: unknown = null;

  /** Queued datagrams not yet sent. */
  get length(): number {
    return this.#sizes.length - this.#sent;
  }

  /** Queues a datagram; false when the batch is full (send it first) or `data` too big. */
  add(owner: unknown, data: Uint8Array, name: EncodedSockaddr | null, tag: Tag): boolean {
    const i = this.#sizes.length;
    if (i === SLOTS || this.#used + data.length > SEND_ARENA) return false;
    if (this.#h === null) {
      this.#h = new Headers();
      this.#arena = new Uint8Array(SEND_ARENA);
      this.#arenaAt = pointer(this.#arena);
    }
    this.#arena!.set(data, this.#used);
    this.#h.setData(i, this.#arenaAt + BigInt(this.#used), data.length);
    this.#h.setName(i, name);
    this.#used += data.length;
    this.#sizes.push(data.length);
    this.#tags.push(tag);
    this.owner = owner;
    return true;
  }

  /**
   * Sends what is queued, until all went out or the kernel's buffer is full (what is left
   * stays queued: see `takeRest`). Throws the OSError of the first datagram that failed,
   * which is dropped, as Python drops a datagram whose sendto failed; call again for the rest.
   */
  send(fd: number): void {
    const lib = libc();
    const h = this.#h!;
    while (this.#sent < this.#sizes.length) {
      const from = this.#sent * MMSGHDR_SIZE;
      const k = this.#sizes.length - this.#sent;
      let n: number;
      try {
        n = checkAgain(() =>
          lib.sendmmsg!(fd, h.hdrs.subarray(from), k, L.MSG_DONTWAIT | L.MSG_NOSIGNAL)
        );
      } catch (exc) {
        this.#sent++;
        if (this.#sent === this.#sizes.length) this.clear();
        throw exc;
      }
      if (n < 0) return;
      this.#sent += n;
    }
    this.clear();
  }

  /** Takes the datagrams left unsent (copies, with their addresses) and empties the batch. */
  takeRest(): [Uint8Array, Tag][] {
    const rest: [Uint8Array, Tag][] = [];
    let at = 0;
    for (let i = 0; i < this.#sizes.length; i++) {
      if (i >= this.#sent) rest.push([this.#arena!.slice(at, at + this.#sizes[i]), this.#tags[i]]);
      at += this.#sizes[i];
    }
    this.clear();
    return rest;
  }

  /** Drops whatever is queued. */
  clear(): void {
    this.owner = null;
    this.#used = 0;
    this.#sent = 0;
    this.#sizes.length = 0;
    this.#tags.length = 0;
  }
}
