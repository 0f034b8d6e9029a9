// A minimal DER reader: enough of ASN.1 to decode X.509 certificates into Python's dict
// shape (ssl/_x509.ts). Every read is bounds-checked and throws ValueError on bad input.

import { ValueError } from "../_errors/python_errors.ts";

/** One DER element: its tag and where its content lies in `buf`. */
export interface Tlv {
  /** The buffer the element is in. */
  readonly buf: Uint8Array;
  /** The tag class: 0 universal, 1 application, 2 context-specific, 3 private. */
  readonly cls: number;
  /** Whether the element is constructed (contains elements). */
  readonly constructed: boolean;
  /** The tag number. */
  readonly tag: number;
  /** Where the content starts. */
  readonly start: number;
  /** Where the element ends. */
  readonly end: number;
}

/** Universal tag numbers. */
export const T = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  UTF8: 12,
  SEQUENCE: 16,
  SET: 17,
  PRINTABLE: 19,
  T61: 20,
  IA5: 22,
  UTC_TIME: 23,
  GENERALIZED_TIME: 24,
  VISIBLE: 26,
  UNIVERSAL: 28,
  BMP: 30,
} as const;

/** Reads the element at `off`. */
export function readTlv(buf: Uint8Array, off: number, limit = buf.length): Tlv {
  if (off + 2 > limit) throw bad("truncated element");
  const first = buf[off];
  let tag = first & 0x1f;
  let p = off + 1;
  if (tag === 0x1f) {
    tag = 0;
    for (;;) {
      if (p >= limit) throw bad("truncated tag");
      const b = buf[p++];
      tag = tag * 128 + (b & 0x7f);
      if (!(b & 0x80)) break;
      if (tag > 0xffffff) throw bad("tag too large");
    }
  }
  if (p >= limit) throw bad("truncated length");
  let len = buf[p++];
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4) throw bad("unsupported length");
    len = 0;
    for (let i = 0; i < count; i++) {
      if (p >= limit) throw bad("truncated length");
      len = len * 256 + buf[p++];
    }
  }
  if (p + len > limit) throw bad("element runs past its container");
  return { buf, cls: first >> 6, constructed: (first & 0x20) !== 0, tag, start: p, end: p + len };
}

/** The elements inside a constructed element. */
export function children(tlv: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let off = tlv.start;
  while (off < tlv.end) {
    const child = readTlv(tlv.buf, off, tlv.end);
    out.push(child);
    off = child.end;
  }
  return out;
}

/** The content bytes of an element (a view). */
export function content(tlv: Tlv): Uint8Array {
  return tlv.buf.subarray(tlv.start, tlv.end);
}

/** Whether the element is a universal one with tag `tag`. */
export function isUniversal(tlv: Tlv, tag: number): boolean {
  return tlv.cls === 0 && tlv.tag === tag;
}

/** Checks that the element is universal `tag` and returns it. */
export function expect(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (tlv === undefined || !isUniversal(tlv, tag)) throw bad(`expected ${what}`);
  return tlv;
}

/** Decodes an OBJECT IDENTIFIER to its dotted form. */
export function oidString(tlv: Tlv): string {
  const bytes = content(tlv);
  if (bytes.length === 0) throw bad("empty object identifier");
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        parts.push(first, value - first * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join(".");
}

/** Decodes a string type (UTF8, Printable, IA5, T61, BMP, Universal, ...) to text. */
export function stringValue(tlv: Tlv): string {
  const bytes = content(tlv);
  switch (tlv.tag) {
    case T.BMP:
      return new TextDecoder("utf-16be").decode(bytes);
    case T.UNIVERSAL: {
      let s = "";
      for (let i = 0; i + 3 < bytes.length; i += 4) {
        s += String.fromCodePoint(
          ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0,
        );
      }
      return s;
    }
    case T.T61:
      return String.fromCharCode(...bytes);
    default:
      return new TextDecoder().decode(bytes);
  }
}

/** An INTEGER as OpenSSL's i2a_ASN1_INTEGER prints it: upper-case hex, two digits a byte. */
export function integerHex(tlv: Tlv): string {
  let bytes = content(tlv);
  if (bytes.length === 0) return "00";
  const negative = (bytes[0] & 0x80) !== 0;
  if (negative) {
    // Two's complement to magnitude.
    const mag = new Uint8Array(bytes.length);
    let carry = 1;
    for (let i = bytes.length - 1; i >= 0; i--) {
      const v = (~bytes[i] & 0xff) + carry;
      mag[i] = v & 0xff;
      carry = v >> 8;
    }
    bytes = mag;
  }
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const hex = Array.from(bytes.subarray(i), (b) => b.toString(16).padStart(2, "0")).join("");
  return (negative ? "-" : "") + hex.toUpperCase();
}

/** Decodes UTCTime or GeneralizedTime to a Date (seconds precision). */
export function timeValue(tlv: Tlv): Date {
  const s = new TextDecoder().decode(content(tlv));
  const m = tlv.tag === T.UTC_TIME
    ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s)
    : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s);
  if (!m) throw bad(`bad time ${JSON.stringify(s)}`);
  let year = Number(m[1]);
  if (tlv.tag === T.UTC_TIME) year += year < 50 ? 2000 : 1900;
  return new Date(
    Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)),
  );
}

function bad(what: string): ValueError {
  return new ValueError(`invalid DER: ${what}`);
}
