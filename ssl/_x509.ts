// Decodes a DER X.509 certificate into the dict Python's getpeercert() returns
// (CPython's `_decode_certificate`): subject and issuer as tuples of RDNs, OpenSSL's long
// attribute names, OpenSSL's time and serial number formats, and the subjectAltName,
// OCSP, caIssuers and crlDistributionPoints entries when the certificate has them.

import { ValueError } from "../_errors/python_errors.ts";
import {
  children,
  content,
  expect,
  integerHex,
  isUniversal,
  oidString,
  readTlv,
  stringValue,
  T,
  timeValue,
  type Tlv,
} from "./_asn1.ts";

/** One relative distinguished name: its (attribute name, value) pairs. */
export type RDN = [string, string][];

/** A subjectAltName entry: `["DNS", "example.com"]`, `["IP Address", "127.0.0.1"]`, ... */
export type SubjectAltName = [string, string] | ["DirName", RDN[]];

/**
 * A certificate as Python's `getpeercert()` returns it (tuples are arrays). The optional
 * keys are present only when the certificate has those extensions.
 */
export interface PeerCertificate {
  /** The subject's name: a list of RDNs, each a list of `[name, value]` pairs. */
  subject: RDN[];
  /** The issuer's name, in the same shape. */
  issuer: RDN[];
  /** The X.509 version (3 for v3 certificates). */
  version: number;
  /** The serial number in upper-case hex. */
  serialNumber: string;
  /** The start of validity, such as `"Jan  5 09:34:43 2018 GMT"`. */
  notBefore: string;
  /** The end of validity, in the same format. */
  notAfter: string;
  /** The subject alternative names. */
  subjectAltName?: SubjectAltName[];
  /** OCSP responder URIs (Authority Information Access). */
  OCSP?: string[];
  /** CA issuer certificate URIs (Authority Information Access). */
  caIssuers?: string[];
  /** CRL distribution point URIs. */
  crlDistributionPoints?: string[];
}

// OpenSSL's long names (OBJ_nid2ln) of the attributes certificates use.
const NAMES: Readonly<Record<string, string>> = {
  "2.5.4.3": "commonName",
  "2.5.4.4": "surname",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "countryName",
  "2.5.4.7": "localityName",
  "2.5.4.8": "stateOrProvinceName",
  "2.5.4.9": "streetAddress",
  "2.5.4.10": "organizationName",
  "2.5.4.11": "organizationalUnitName",
  "2.5.4.12": "title",
  "2.5.4.13": "description",
  "2.5.4.15": "businessCategory",
  "2.5.4.17": "postalCode",
  "2.5.4.18": "postOfficeBox",
  "2.5.4.41": "name",
  "2.5.4.42": "givenName",
  "2.5.4.43": "initials",
  "2.5.4.44": "generationQualifier",
  "2.5.4.45": "x500UniqueIdentifier",
  "2.5.4.46": "dnQualifier",
  "2.5.4.65": "pseudonym",
  "2.5.4.97": "organizationIdentifier",
  "1.2.840.113549.1.9.1": "emailAddress",
  "1.2.840.113549.1.9.2": "unstructuredName",
  "0.9.2342.19200300.100.1.1": "userId",
  "0.9.2342.19200300.100.1.25": "domainComponent",
  "1.3.6.1.4.1.311.60.2.1.1": "jurisdictionLocalityName",
  "1.3.6.1.4.1.311.60.2.1.2": "jurisdictionStateOrProvinceName",
  "1.3.6.1.4.1.311.60.2.1.3": "jurisdictionCountryName",
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const EXT_SAN = "2.5.29.17";
const EXT_AIA = "1.3.6.1.5.5.7.1.1";
const EXT_CRL_DP = "2.5.29.31";
const AD_OCSP = "1.3.6.1.5.5.7.48.1";
const AD_CA_ISSUERS = "1.3.6.1.5.5.7.48.2";

/** The parts of a certificate other code needs besides Python's dict. */
export interface CertificateFacts {
  /** Python's dict. */
  dict: PeerCertificate;
  /** Start and end of validity. */
  notBefore: Date;
  notAfter: Date;
  /** DNS names and IP addresses (raw bytes) of the subjectAltName. */
  dnsNames: string[];
  ipAddresses: Uint8Array[];
}

/**
 * Decodes a DER certificate.
 *
 * @throws {ValueError} when the bytes are not a certificate
 */
export function decodeCertificate(der: Uint8Array): CertificateFacts {
  const cert = readTlv(der, 0);
  const [tbs] = children(expect(cert, T.SEQUENCE, "a certificate"));
  const fields = children(expect(tbs, T.SEQUENCE, "the certificate body"));
  let i = 0;
  let version = 1;
  if (fields[0]?.cls === 2 && fields[0].tag === 0) {
    const [v] = children(fields[0]);
    version = Number(`0x${integerHex(expect(v, T.INTEGER, "a version"))}`) + 1;
    i = 1;
  }
  const serialNumber = integerHex(expect(fields[i], T.INTEGER, "a serial number"));
  const issuer = decodeName(fields[i + 2]);
  const [from, to] = children(expect(fields[i + 3], T.SEQUENCE, "a validity period"));
  const subject = decodeName(fields[i + 4]);
  const notBefore = timeValue(from);
  const notAfter = timeValue(to);
  const dict: PeerCertificate = {
    subject,
    issuer,
    version,
    serialNumber,
    notBefore: formatTime(notBefore),
    notAfter: formatTime(notAfter),
  };
  const facts: CertificateFacts = { dict, notBefore, notAfter, dnsNames: [], ipAddresses: [] };
  const extensions = fields.slice(i + 6).find((f) => f.cls === 2 && f.tag === 3);
  if (extensions) decodeExtensions(children(extensions)[0], facts);
  return facts;
}

/** OpenSSL's ASN1_TIME_print format: `"Jan  5 09:34:43 2018 GMT"`. */
export function formatTime(d: Date): string {
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ` +
    `${d.getUTCFullYear()} GMT`;
}

/** An IP address as OpenSSL prints it in a subjectAltName (IPv6: eight `%X` groups). */
export function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join(".");
  if (bytes.length === 16) {
    const groups: string[] = [];
    for (let j = 0; j < 16; j += 2) groups.push(((bytes[j] << 8) | bytes[j + 1]).toString(16));
    return groups.join(":").toUpperCase();
  }
  return "<invalid>";
}

function decodeName(tlv: Tlv | undefined): RDN[] {
  const rdns: RDN[] = [];
  for (const set of children(expect(tlv, T.SEQUENCE, "a name"))) {
    const rdn: RDN = [];
    for (const atv of children(expect(set, T.SET, "a relative distinguished name"))) {
      const [type, value] = children(expect(atv, T.SEQUENCE, "an attribute"));
      const oid = oidString(expect(type, T.OID, "an attribute type"));
      if (value === undefined) throw new ValueError("invalid DER: attribute without a value");
      rdn.push([NAMES[oid] ?? oid, stringValue(value)]);
    }
    rdns.push(rdn);
  }
  return rdns;
}

function decodeExtensions(seq: Tlv | undefined, facts: CertificateFacts): void {
  for (const ext of children(expect(seq, T.SEQUENCE, "extensions"))) {
    const parts = children(expect(ext, T.SEQUENCE, "an extension"));
    const oid = oidString(expect(parts[0], T.OID, "an extension id"));
    const value = parts[parts.length - 1];
    if (!isUniversal(value, T.OCTET_STRING)) continue;
    const inner = readTlv(value.buf, value.start, value.end);
    if (oid === EXT_SAN) {
      facts.dict.subjectAltName = children(inner).map((gn) => generalName(gn, facts));
    } else if (oid === EXT_AIA) {
      for (const desc of children(inner)) {
        const [method, location] = children(desc);
        const uri = location && location.cls === 2 && location.tag === 6
          ? stringValue(location)
          : null;
        if (uri === null) continue;
        const key = oidString(method);
        if (key === AD_OCSP) (facts.dict.OCSP ??= []).push(uri);
        else if (key === AD_CA_ISSUERS) (facts.dict.caIssuers ??= []).push(uri);
      }
    } else if (oid === EXT_CRL_DP) {
      for (const dp of children(inner)) {
        const name = children(dp).find((t) => t.cls === 2 && t.tag === 0);
        const full = name ? children(name).find((t) => t.cls === 2 && t.tag === 0) : undefined;
        for (const gn of full ? children(full) : []) {
          if (gn.cls === 2 && gn.tag === 6) {
            (facts.dict.crlDistributionPoints ??= []).push(stringValue(gn));
          }
        }
      }
    }
  }
}

function generalName(gn: Tlv, facts: CertificateFacts): SubjectAltName {
  if (gn.cls !== 2) return ["othername", "<unsupported>"];
  switch (gn.tag) {
    case 1:
      return ["email", stringValue(gn)];
    case 2: {
      const name = stringValue(gn);
      facts.dnsNames.push(name);
      return ["DNS", name];
    }
    case 3:
      return ["X400Name", "<unsupported>"];
    case 4:
      return ["DirName", decodeName(children(gn)[0])];
    case 5:
      return ["EdiPartyName", "<unsupported>"];
    case 6:
      return ["URI", stringValue(gn)];
    case 7: {
      const bytes = content(gn).slice();
      facts.ipAddresses.push(bytes);
      return ["IP Address", formatIp(bytes)];
    }
    case 8: {
      const oid = oidString(gn);
      return ["Registered ID", NAMES[oid] ?? oid];
    }
    default:
      return ["othername", "<unsupported>"];
  }
}
