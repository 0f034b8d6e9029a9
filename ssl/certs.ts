// Certificate handling functions of Python's ssl module: PEM/DER conversion, Python 3.6's
// match_hostname and cert_time_to_seconds, the default verify paths, and the Windows-only
// certificate store enumeration.

import { OSError, osError } from "../_errors/os_error.ts";
import { NotImplementedError, ValueError } from "../_errors/python_errors.ts";
import { AF_INET, AF_INET6 } from "../socket/constants.ts";
import { inetPton } from "../socket/inet.ts";
import { PEM_FOOTER, PEM_HEADER } from "./constants.ts";
import { CertificateError } from "./errors.ts";
import { derToBase64, pyRepr } from "./_text.ts";

export type { PeerCertificate, RDN, SubjectAltName } from "./_x509.ts";

/**
 * The part of a certificate dict that {@linkcode matchHostname} reads: `subjectAltName`
 * and `subject` in the shape `getpeercert()` returns.
 */
export interface HostnameCertificate {
  /** The subject alternative names, such as `[["DNS", "example.com"]]`. */
  subjectAltName?: readonly (readonly [string, unknown])[];
  /** The subject, as a list of RDNs of `[name, value]` pairs. */
  subject?: readonly (readonly (readonly [string, string])[])[];
}

/**
 * Python's `ssl.DER_cert_to_PEM_cert`: a DER certificate as PEM text (base64 in 64-column
 * lines between `PEM_HEADER` and `PEM_FOOTER`, with a final newline).
 *
 * @param derCertBytes the DER bytes
 * @returns the PEM text
 * @throws {TypeError} when the argument is not bytes
 *
 * @example
 * ```ts
 * import { DER_cert_to_PEM_cert, PEM_cert_to_DER_cert } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * const der = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]);
 * const pem = DER_cert_to_PEM_cert(der);
 * assert.equal(pem, "-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END CERTIFICATE-----\n");
 * assert.deepEqual(PEM_cert_to_DER_cert(pem), der);
 * ```
 */
export function DER_cert_to_PEM_cert(derCertBytes: ArrayBufferView): string {
  if (!ArrayBuffer.isView(derCertBytes)) {
    throw new TypeError("a bytes-like object is required");
  }
  const b64 = derToBase64(
    new Uint8Array(derCertBytes.buffer, derCertBytes.byteOffset, derCertBytes.byteLength),
  );
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `${PEM_HEADER}\n${lines.join("\n")}\n${PEM_FOOTER}\n`;
}

/**
 * Python's `ssl.PEM_cert_to_DER_cert`: the DER bytes of a PEM certificate.
 *
 * @param pemCertString the PEM text of one certificate
 * @returns the DER bytes
 * @throws {ValueError} when the text does not start with `PEM_HEADER` or end with
 *   `PEM_FOOTER`, or the base64 inside is invalid
 *
 * @example
 * ```ts
 * import { PEM_cert_to_DER_cert, ValueError } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => PEM_cert_to_DER_cert("not a certificate"), ValueError);
 * ```
 */
export function PEM_cert_to_DER_cert(pemCertString: string): Uint8Array {
  if (typeof pemCertString !== "string") {
    throw new TypeError("PEM_cert_to_DER_cert() argument must be str");
  }
  if (!pemCertString.startsWith(PEM_HEADER)) {
    throw new ValueError(`Invalid PEM encoding; must start with ${PEM_HEADER}`);
  }
  const trimmed = pemCertString.trim();
  if (!trimmed.endsWith(PEM_FOOTER)) {
    throw new ValueError(`Invalid PEM encoding; must end with ${PEM_FOOTER}`);
  }
  const body = trimmed.slice(PEM_HEADER.length, -PEM_FOOTER.length).replace(/[^A-Za-z0-9+/=]/g, "");
  try {
    const bin = atob(body);
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch (err) {
    throw new ValueError("Incorrect padding", { cause: err });
  }
}

/**
 * Python 3.6's `ssl.match_hostname(cert, hostname)`: checks that a certificate dict (as
 * `getpeercert()` returns it) is valid for `hostname`, by RFC 6125's rules: DNS names of
 * the subjectAltName (one wildcard at most, in the left-most label), IP addresses for an
 * IP `hostname`, and the subject's commonName when the certificate has no DNS or IP
 * names.
 *
 * @param cert the certificate dict
 * @param hostname the name or IP address the connection was meant for
 * @throws {CertificateError} when it does not match (the message lists the names)
 * @throws {ValueError} when `cert` is empty
 *
 * @example
 * ```ts
 * import { CertificateError, matchHostname } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * const cert = {
 *   subjectAltName: [["DNS", "*.example.com"], ["IP Address", "10.0.0.1"]] as [string, string][],
 * };
 * matchHostname(cert, "www.example.com");
 * matchHostname(cert, "10.0.0.1");
 * assert.throws(() => matchHostname(cert, "example.com"), CertificateError);
 * ```
 */
export function matchHostname(
  cert: HostnameCertificate | null | undefined,
  hostname: string,
): void {
  if (!cert || Object.keys(cert).length === 0) {
    throw new ValueError(
      "empty or no certificate, match_hostname needs a SSL socket or SSL context with " +
        "either CERT_OPTIONAL or CERT_REQUIRED",
    );
  }
  const hostIp = parseIp(hostname);
  const names: string[] = [];
  for (const [key, value] of cert.subjectAltName ?? []) {
    if (key === "DNS" && typeof value === "string") {
      if (hostIp === null && dnsnameMatch(value, hostname)) return;
      names.push(value);
    } else if (key === "IP Address" && typeof value === "string") {
      if (hostIp !== null && sameIp(parseIp(value.trimEnd()), hostIp)) return;
      names.push(value);
    }
  }
  if (names.length === 0) {
    for (const rdn of cert.subject ?? []) {
      for (const [key, value] of rdn) {
        if (key !== "commonName") continue;
        if (dnsnameMatch(value, hostname)) return;
        names.push(value);
      }
    }
  }
  if (names.length > 1) {
    throw new CertificateError(
      `hostname ${pyRepr(hostname)} doesn't match either of ${names.map(pyRepr).join(", ")}`,
    );
  }
  if (names.length === 1) {
    throw new CertificateError(`hostname ${pyRepr(hostname)} doesn't match ${pyRepr(names[0])}`);
  }
  throw new CertificateError("no appropriate commonName or subjectAltName fields were found");
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Python's `ssl.cert_time_to_seconds`: seconds since the epoch of a certificate time
 * such as `"May  9 00:00:00 2007 GMT"` (the format of `notBefore`/`notAfter`).
 *
 * @param certTime the time text
 * @returns seconds since the epoch (UTC)
 * @throws {ValueError} when the text is not in that format
 *
 * @example
 * ```ts
 * import { certTimeToSeconds } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * assert.equal(certTimeToSeconds("Jan  5 09:34:43 2018 GMT"), 1515144883);
 * ```
 */
export function certTimeToSeconds(certTime: string): number {
  if (typeof certTime !== "string") throw new TypeError("cert_time must be str");
  const format = " %d %H:%M:%S %Y GMT";
  const month = MONTHS.indexOf(titleCase(certTime.slice(0, 3)));
  if (month < 0) {
    throw new ValueError(`time data ${pyRepr(certTime)} does not match format "%b${format}"`);
  }
  const rest = certTime.slice(3);
  const m = /^\s+(\d{1,2})\s+(\d{1,2}):(\d{1,2}):(\d{1,2})\s+(\d{4})\s+GMT$/i.exec(rest);
  const [day, h, min, s, y] = m ? m.slice(1).map(Number) : [];
  if (!m || day < 1 || day > 31 || h > 23 || min > 59 || s > 61) {
    throw new ValueError(`time data ${pyRepr(rest)} does not match format '${format}'`);
  }
  return Date.UTC(y, month, day, h, min, s) / 1000;
}

/**
 * Python's `ssl.DefaultVerifyPaths` (a named tuple): where a default trust store would be
 * read from. Field names follow the camelCase rule.
 */
export interface DefaultVerifyPaths {
  /** `opensslCafile` (or the file `SSL_CERT_FILE` names) when it exists, else `null`. */
  readonly cafile: string | null;
  /** `opensslCapath` (or the directory `SSL_CERT_DIR` names) when it exists, else `null`. */
  readonly capath: string | null;
  /** The environment variable naming a CA file: `"SSL_CERT_FILE"`. */
  readonly opensslCafileEnv: string;
  /** The system's CA bundle file. */
  readonly opensslCafile: string;
  /** The environment variable naming a CA directory: `"SSL_CERT_DIR"`. */
  readonly opensslCapathEnv: string;
  /** The system's CA directory. */
  readonly opensslCapath: string;
}

/**
 * Python's `ssl.get_default_verify_paths()`. The TLS stack here (rustls) does not read
 * these files itself: `SSLContext.loadDefaultCerts` trusts Deno's root store, built in
 * (Mozilla's) or, with `DENO_TLS_CA_STORE=system`, the operating system's (which is where
 * `SSL_CERT_FILE` and `SSL_CERT_DIR` count). The paths are reported for programs that read
 * them themselves. Without `--allow-env` or `--allow-read`, the environment and the files
 * count as absent.
 *
 * @returns the paths
 *
 * @example
 * ```ts
 * import { getDefaultVerifyPaths } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * const paths = getDefaultVerifyPaths();
 * assert.equal(paths.opensslCafileEnv, "SSL_CERT_FILE");
 * ```
 */
export function getDefaultVerifyPaths(): DefaultVerifyPaths {
  const opensslCafile = Deno.build.os === "darwin"
    ? "/etc/ssl/cert.pem"
    : "/etc/ssl/certs/ca-certificates.crt";
  const opensslCapath = "/etc/ssl/certs";
  const cafile = envOr("SSL_CERT_FILE", opensslCafile);
  const capath = envOr("SSL_CERT_DIR", opensslCapath);
  return Object.freeze({
    cafile: isKind(cafile, "file") ? cafile : null,
    capath: isKind(capath, "dir") ? capath : null,
    opensslCafileEnv: "SSL_CERT_FILE",
    opensslCafile,
    opensslCapathEnv: "SSL_CERT_DIR",
    opensslCapath,
  });
}

/**
 * Python's `ssl.enum_certificates(store_name)`, which reads a Windows certificate store.
 *
 * @param storeName `"CA"`, `"ROOT"` or `"MY"`
 * @returns never: see the throws
 * @throws {OSError} ENOSYS on Linux and macOS, which have no such stores (Python lacks the
 *   function there)
 * @throws {NotImplementedError} on Windows: the store API needs FFI bindings to crypt32
 *   that this library does not have
 *
 * @example
 * ```ts
 * import { enumCertificates, OSError } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os !== "windows") assert.throws(() => enumCertificates("CA"), OSError);
 * ```
 */
export function enumCertificates(storeName: string): [Uint8Array, string, boolean | string[]][] {
  throw windowsOnly("enum_certificates", storeName);
}

/**
 * Python's `ssl.enum_crls(store_name)`, which reads the CRLs of a Windows certificate
 * store.
 *
 * @param storeName `"CA"`, `"ROOT"` or `"MY"`
 * @returns never: see the throws
 * @throws {OSError} ENOSYS on Linux and macOS
 * @throws {NotImplementedError} on Windows
 *
 * @example
 * ```ts
 * import { enumCrls, OSError } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os !== "windows") assert.throws(() => enumCrls("CA"), OSError);
 * ```
 */
export function enumCrls(storeName: string): [Uint8Array, string][] {
  throw windowsOnly("enum_crls", storeName);
}

function windowsOnly(name: string, storeName: string): Error {
  if (typeof storeName !== "string") throw new TypeError(`${name}() argument must be str`);
  if (Deno.build.os !== "windows") {
    const err = osError("ENOSYS");
    err.message = `${name}() is only available on Windows, not on "${Deno.build.os}"`;
    return err;
  }
  return new NotImplementedError(
    `${name}(): reading the Windows certificate store needs crypt32 bindings, which this ` +
      "library does not have",
  );
}

// Python's _dnsname_match (3.6): one wildcard at most, in the left-most label; a lone "*"
// matches one whole label; IDNA labels are matched literally.
function dnsnameMatch(dn: string, hostname: string): boolean {
  if (!dn) return false;
  const [leftmost, ...remainder] = dn.split(".");
  const wildcards = leftmost.split("*").length - 1;
  if (wildcards > 1) {
    throw new CertificateError(`too many wildcards in certificate DNS name: ${pyRepr(dn)}`);
  }
  if (wildcards === 0) return dn.toLowerCase() === hostname.toLowerCase();
  const pats: string[] = [];
  if (leftmost === "*") pats.push("[^.]+");
  else if (leftmost.startsWith("xn--") || hostname.startsWith("xn--")) pats.push(escape(leftmost));
  else pats.push(escape(leftmost).replace("\\*", "[^.]*"));
  for (const frag of remainder) pats.push(escape(frag));
  return new RegExp(`^${pats.join("\\.")}$`, "i").test(hostname);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function parseIp(text: string): Uint8Array | null {
  for (const family of [AF_INET, AF_INET6]) {
    try {
      return inetPton(family, text);
    } catch (err) {
      if (!(err instanceof OSError) && !(err instanceof ValueError)) throw err;
    }
  }
  return null;
}

function sameIp(a: Uint8Array | null, b: Uint8Array): boolean {
  return a !== null && a.length === b.length && a.every((v, i) => v === b[i]);
}

function titleCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
}

function envOr(name: string, fallback: string): string {
  try {
    return Deno.env.get(name) ?? fallback;
  } catch {
    return fallback;
  }
}

function isKind(path: string, kind: "file" | "dir"): boolean {
  try {
    const info = Deno.statSync(path);
    return kind === "file" ? info.isFile : info.isDirectory;
  } catch {
    return false;
  }
}
