// Linux-only address families that Python's socket module understands: AF_NETLINK
// `(pid, groups)`, AF_PACKET `(ifname, proto[, pkttype[, hatype[, addr]]])` and AF_CAN
// `(ifname,)` / `(ifname, rx_id, tx_id)` (ISO-TP). Layouts from <linux/netlink.h>,
// <linux/if_packet.h> and <linux/can.h>; all little-endian fields except sll_protocol.

import { OSError, OverflowError } from "../_errors/mod.ts";
import { ERRNO } from "./errno.ts";
import { ifIndextonameFfi, ifNametoindexFfi } from "./netdb.ts";

/** AF_* numbers of the families this file encodes (Linux values). */
export const AF_NETLINK = 16;
export const AF_PACKET = 17;
export const AF_CAN = 29;

const SOCKADDR_NL_SIZE = 12;
const SOCKADDR_LL_SIZE = 20;
const SOCKADDR_CAN_SIZE = 24;

/** Encodes a Linux-only family's address, or returns null for another family. */
export function encodeLinuxSockaddr(
  family: number,
  address: unknown,
): Uint8Array<ArrayBuffer> | null {
  if (family === AF_NETLINK) return encodeNetlink(tuple(address, 2, 2, "AF_NETLINK"));
  if (family === AF_PACKET) return encodePacket(tuple(address, 2, 5, "AF_PACKET"));
  if (family === AF_CAN) return encodeCan(tuple(address, 1, 3, "AF_CAN"));
  return null;
}

/** Decodes a Linux-only family's address, or returns null for another family. */
export function decodeLinuxSockaddr(
  buf: Uint8Array,
  length: number,
  family: number,
): unknown[] | null {
  const view = new DataView(buf.buffer, buf.byteOffset, length);
  if (family === AF_NETLINK && length >= SOCKADDR_NL_SIZE) {
    return [view.getUint32(4, true), view.getUint32(8, true)];
  }
  if (family === AF_PACKET && length >= 12) {
    const halen = buf[11];
    return [
      nameOf(view.getInt32(4, true)),
      view.getUint16(2, false),
      buf[10],
      view.getUint16(8, true),
      buf.slice(12, 12 + Math.min(halen, 8)),
    ];
  }
  if (family === AF_CAN && length >= 8) {
    const rx = length >= 16 ? view.getUint32(8, true) : 0;
    const tx = length >= 16 ? view.getUint32(12, true) : 0;
    const name = nameOf(view.getInt32(4, true));
    return rx === 0 && tx === 0 ? [name] : [name, rx, tx];
  }
  return null;
}

function encodeNetlink([pid, groups]: unknown[]): Uint8Array<ArrayBuffer> {
  const buf = new Uint8Array(SOCKADDR_NL_SIZE);
  const view = new DataView(buf.buffer);
  view.setUint16(0, AF_NETLINK, true);
  view.setUint32(4, uint32(pid), true);
  view.setUint32(8, uint32(groups), true);
  return buf;
}

function encodePacket(
  [ifname, proto, pkttype = 0, hatype = 0, addr]: unknown[],
): Uint8Array<ArrayBuffer> {
  const buf = new Uint8Array(SOCKADDR_LL_SIZE);
  const view = new DataView(buf.buffer);
  view.setUint16(0, AF_PACKET, true);
  view.setUint16(2, int(proto, 0xffff, "protoNumber"), false);
  view.setInt32(4, indexOf(ifname), true);
  view.setUint16(8, int(hatype, 0xffff, "hatype"), true);
  buf[10] = int(pkttype, 0xff, "pkttype");
  if (addr !== undefined) {
    if (!(addr instanceof Uint8Array)) throw new TypeError("a bytes-like object is required");
    if (addr.length > 8) throw new OSError("Hardware address must be 8 bytes or less");
    buf[11] = addr.length;
    buf.set(addr, 12);
  }
  return buf;
}

function encodeCan([ifname, rx = 0, tx = 0]: unknown[]): Uint8Array<ArrayBuffer> {
  const buf = new Uint8Array(SOCKADDR_CAN_SIZE);
  const view = new DataView(buf.buffer);
  view.setUint16(0, AF_CAN, true);
  view.setInt32(4, ifname === "" ? 0 : indexOf(ifname), true);
  view.setUint32(8, uint32(rx), true);
  view.setUint32(12, uint32(tx), true);
  return buf;
}

function tuple(address: unknown, min: number, max: number, family: string): unknown[] {
  if (!Array.isArray(address) || address.length < min || address.length > max) {
    throw new TypeError(`${family} address must be a tuple of ${min} to ${max} items`);
  }
  return address;
}

function indexOf(ifname: unknown): number {
  if (typeof ifname !== "string") {
    throw new TypeError(`interface name must be a str, not ${typeof ifname}`);
  }
  const index = ifNametoindexFfi(ifname);
  if (index === 0) throw new OSError(ERRNO.ENODEV, undefined, ifname);
  return index;
}

function nameOf(index: number): string {
  if (index === 0) return "";
  try {
    return ifIndextonameFfi(index);
  } catch {
    return "";
  }
}

function uint32(value: unknown): number {
  return int(value, 0xffffffff, "value");
}

function int(value: unknown, max: number, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`'${typeof value}' object cannot be interpreted as an integer`);
  }
  if (value < 0 || value > max) throw new OverflowError(`${what} out of range`);
  return value;
}
