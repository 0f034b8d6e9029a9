// The cipher suites rustls offers, described as OpenSSL describes them (for getCiphers and
// cipher()), and OpenSSL's cipher-string language reduced to what can select among them.
// As in OpenSSL, a cipher string chooses TLS 1.2 suites only; TLS 1.3 suites are always on.

import { SSLError } from "./errors.ts";
import { SSL_ERROR_SSL } from "./constants.ts";

/** One cipher suite, with the keys of Python's `get_ciphers()` dicts. */
export interface CipherInfo {
  /** OpenSSL's id: 0x03000000 plus the IANA number. */
  id: number;
  /** OpenSSL's name (`ECDHE-RSA-AES128-GCM-SHA256`, `TLS_AES_256_GCM_SHA384`). */
  name: string;
  /** The protocol version that introduced the suite (`"TLSv1.2"`, `"TLSv1.3"`). */
  protocol: string;
  /** OpenSSL's one-line description. */
  description: string;
  /** The strength in bits. */
  strength_bits: number;
  /** The bits of the symmetric algorithm. */
  alg_bits: number;
  /** Whether the suite is an AEAD (always, for rustls's suites). */
  aead: boolean;
  /** The symmetric cipher (`"aes-256-gcm"`, `"chacha20-poly1305"`). */
  symmetric: string;
  /** The MAC digest, null for AEAD suites. */
  digest: string | null;
  /** The key exchange (`"kx-ecdhe"`, `"kx-any"` for TLS 1.3). */
  kea: string;
  /** The authentication (`"auth-rsa"`, `"auth-ecdsa"`, `"auth-any"`). */
  auth: string;
}

interface Suite {
  name: string;
  iana: string;
  id: number;
  tls13: boolean;
  bits: number;
  enc: "AESGCM" | "CHACHA20";
  auth: "RSA" | "ECDSA" | "any";
}

// rustls's suites in OpenSSL's default order.
const SUITES: readonly Suite[] = [
  s("TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", 0x03001302, true, 256, "AESGCM", "any"),
  s(
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_CHACHA20_POLY1305_SHA256",
    0x03001303,
    true,
    256,
    "CHACHA20",
    "any",
  ),
  s("TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", 0x03001301, true, 128, "AESGCM", "any"),
  s(
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    0x0300c02c,
    false,
    256,
    "AESGCM",
    "ECDSA",
  ),
  s(
    "ECDHE-RSA-AES256-GCM-SHA384",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    0x0300c030,
    false,
    256,
    "AESGCM",
    "RSA",
  ),
  s(
    "ECDHE-ECDSA-CHACHA20-POLY1305",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    0x0300cca9,
    false,
    256,
    "CHACHA20",
    "ECDSA",
  ),
  s(
    "ECDHE-RSA-CHACHA20-POLY1305",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    0x0300cca8,
    false,
    256,
    "CHACHA20",
    "RSA",
  ),
  s(
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    0x0300c02b,
    false,
    128,
    "AESGCM",
    "ECDSA",
  ),
  s(
    "ECDHE-RSA-AES128-GCM-SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    0x0300c02f,
    false,
    128,
    "AESGCM",
    "RSA",
  ),
];

/** The names of every TLS 1.2 suite, the default selection. */
export const ALL_TLS12: readonly string[] = SUITES.filter((x) => !x.tls13).map((x) => x.name);

/** Python's dict for a suite name (OpenSSL or IANA spelling), or null when unknown. */
export function cipherInfo(name: string): CipherInfo | null {
  const suite = SUITES.find((x) => x.name === name || x.iana === name);
  if (!suite) return null;
  const enc = suite.enc === "AESGCM" ? `AESGCM(${suite.bits})` : "CHACHA20/POLY1305(256)";
  const protocol = suite.tls13 ? "TLSv1.3" : "TLSv1.2";
  const kx = suite.tls13 ? "any" : "ECDH";
  return {
    id: suite.id,
    name: suite.name,
    protocol,
    description: `${suite.name.padEnd(30)} ${protocol} Kx=${kx.padEnd(8)} Au=${
      suite.auth.padEnd(5)
    } Enc=${enc.padEnd(22)} Mac=AEAD`,
    strength_bits: suite.bits,
    alg_bits: suite.bits,
    aead: true,
    symmetric: suite.enc === "AESGCM" ? `aes-${suite.bits}-gcm` : "chacha20-poly1305",
    digest: null,
    kea: suite.tls13 ? "kx-any" : "kx-ecdhe",
    auth: `auth-${suite.auth.toLowerCase()}`,
  };
}

/** The suites a selection enables, TLS 1.3 first, in OpenSSL's order. */
export function enabledCiphers(tls12: readonly string[]): CipherInfo[] {
  const names = [...SUITES.filter((x) => x.tls13).map((x) => x.name), ...tls12];
  return names.map((n) => cipherInfo(n)!);
}

/**
 * Applies an OpenSSL cipher string to the TLS 1.2 suites: `:`-, `,`- or space-separated
 * items, each a name or alias (`HIGH`, `ECDHE`, `aRSA`, `AESGCM`, ...) or several joined by
 * `+`, optionally prefixed by `!` (ban), `-` (remove) or `+` (move to the end), and the
 * `@STRENGTH` / `@SECLEVEL=n` commands.
 *
 * @throws {SSLError} "No cipher can be selected." when no TLS 1.2 suite remains
 */
export function parseCipherString(text: string): string[] {
  let list: Suite[] = [];
  const banned = new Set<string>();
  for (const raw of text.split(/[:, ]+/)) {
    const item = raw.trim();
    if (!item) continue;
    if (item === "@STRENGTH") {
      list = [...list].sort((a, b) => b.bits - a.bits);
      continue;
    }
    if (item.startsWith("@")) continue;
    const op = "!-+".includes(item[0]) ? item[0] : "";
    const matched = SUITES.filter((x) => !x.tls13 && matches(x, op ? item.slice(1) : item));
    if (op === "!") {
      for (const x of matched) banned.add(x.name);
      list = list.filter((x) => !matched.includes(x));
    } else if (op === "-") {
      list = list.filter((x) => !matched.includes(x));
    } else if (op === "+") {
      const moved = list.filter((x) => matched.includes(x));
      list = [...list.filter((x) => !matched.includes(x)), ...moved];
    } else {
      for (const x of matched) if (!banned.has(x.name) && !list.includes(x)) list.push(x);
    }
  }
  if (list.length === 0) {
    throw new SSLError(SSL_ERROR_SSL, "No cipher can be selected.");
  }
  return list.map((x) => x.name);
}

function matches(suite: Suite, expr: string): boolean {
  return expr.split("+").every((word) => word !== "" && matchesWord(suite, word));
}

function matchesWord(suite: Suite, word: string): boolean {
  if (word === suite.name || word === suite.iana) return true;
  switch (word) {
    case "ALL":
    case "DEFAULT":
    case "HIGH":
    case "TLSv1.2":
    case "AEAD":
    case "kECDHE":
    case "kEECDH":
    case "ECDHE":
    case "EECDH":
    case "ECDH":
      return true;
    case "aRSA":
      return suite.auth === "RSA";
    case "aECDSA":
    case "ECDSA":
      return suite.auth === "ECDSA";
    case "AES":
    case "AESGCM":
      return suite.enc === "AESGCM";
    case "AES128":
      return suite.enc === "AESGCM" && suite.bits === 128;
    case "AES256":
      return suite.enc === "AESGCM" && suite.bits === 256;
    case "CHACHA20":
      return suite.enc === "CHACHA20";
    default:
      return false;
  }
}

function s(
  name: string,
  iana: string,
  id: number,
  tls13: boolean,
  bits: number,
  enc: Suite["enc"],
  auth: Suite["auth"],
): Suite {
  return { name, iana, id, tls13, bits, enc, auth };
}

/**
 * The suites a ClientHello offered that this side has enabled, as Python's
 * `shared_ciphers()` tuples, in this side's order.
 */
export function sharedCiphers(
  offered: readonly number[],
  tls12: readonly string[],
): [string, string, number][] {
  const ids = new Set(offered);
  return enabledCiphers(tls12)
    .filter((c) => ids.has(c.id & 0xffff))
    .map((c) => [c.name, c.protocol, c.strength_bits]);
}

/** The cipher suite ids a TLS ClientHello record offers, or null if it is not one. */
export function clientHelloSuites(bytes: Uint8Array): number[] | null {
  // Record: type 22 (handshake), version, length; message: type 1 (ClientHello), length,
  // client version, random, session id, cipher suites.
  if (bytes.length < 5 + 4 + 2 + 32 + 1 || bytes[0] !== 22 || bytes[5] !== 1) return null;
  let p = 5 + 4 + 2 + 32;
  p += 1 + bytes[p];
  if (p + 2 > bytes.length) return null;
  const len = (bytes[p] << 8) | bytes[p + 1];
  p += 2;
  if (p + len > bytes.length) return null;
  const out: number[] = [];
  for (let i = 0; i + 1 < len; i += 2) out.push((bytes[p + i] << 8) | bytes[p + i + 1]);
  return out;
}
