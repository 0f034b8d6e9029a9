// Certificate checks done here rather than by the TLS stack: the hostname check of the
// node:tls engine (rustls's rules, so both engines agree: DNS and IP subjectAltNames only,
// a wildcard only as a whole left-most label), and a server's check of a client's chain,
// which Deno's node:tls does not do.

import { X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import { AF_INET, AF_INET6 } from "../socket/constants.ts";
import { inetPton } from "../socket/inet.ts";
import type { Anchor } from "./_trust.ts";
import { decodeCertificate } from "./_x509.ts";
import { verificationFailed } from "./_tls_errors.ts";
import { toAscii } from "./_text.ts";

/** Whether the certificate is valid for `hostname` (a DNS name or an IP address). */
export function hostnameMatches(der: Uint8Array, hostname: string): boolean {
  const facts = decodeCertificate(der);
  const family = isIP(hostname);
  if (family !== 0) {
    const ip = inetPton(family === 4 ? AF_INET : AF_INET6, hostname);
    return facts.ipAddresses.some((a) => a.length === ip.length && a.every((b, i) => b === ip[i]));
  }
  const host = toAscii(hostname).toLowerCase().replace(/\.$/, "");
  return facts.dnsNames.some((pattern) => {
    const p = pattern.toLowerCase().replace(/\.$/, "");
    if (!p.startsWith("*.")) return p === host;
    const dot = host.indexOf(".");
    return dot > 0 && host.slice(dot) === p.slice(1) && p.split(".").length > 2;
  });
}

/**
 * Checks that `leaf` chains to one of `anchors` through `intermediates`, with valid
 * signatures and dates.
 *
 * @throws {SSLCertVerificationError} with OpenSSL's code when it does not
 */
export function verifyChain(
  leaf: Uint8Array,
  intermediates: Uint8Array[],
  anchors: Anchor[],
): void {
  const now = Date.now();
  const trusted = anchors.map((a) => new X509Certificate(a.der));
  const pool = intermediates.map((d) => new X509Certificate(d));
  let cert = new X509Certificate(leaf);
  for (let depth = 0; depth < 10; depth++) {
    checkDates(cert, now);
    const anchor = trusted.find((a) => issues(a, cert));
    if (anchor) {
      checkDates(anchor, now);
      return;
    }
    if (trusted.some((a) => a.raw.equals(cert.raw))) return;
    const next = pool.find((c) => c.ca && !c.raw.equals(cert.raw) && issues(c, cert));
    if (!next) {
      const selfIssued = cert.checkIssued(cert);
      throw verificationFailed(selfIssued ? (depth === 0 ? 18 : 19) : 20);
    }
    cert = next;
  }
  throw verificationFailed(25);
}

function issues(issuer: X509Certificate, cert: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function checkDates(cert: X509Certificate, now: number): void {
  if (now < Date.parse(cert.validFrom)) throw verificationFailed(9);
  if (now > Date.parse(cert.validTo)) throw verificationFailed(10);
}
