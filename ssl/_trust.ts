// A context's trust store: the CA certificates loaded with loadVerifyLocations, and
// whether the default roots (Deno's built-in store) are trusted too.

import tls from "node:tls";
import { X509Certificate } from "node:crypto";
import { fromDenoError } from "../_errors/mod.ts";
import { SSL_ERROR_SSL } from "./constants.ts";
import { DER_cert_to_PEM_cert } from "./certs.ts";
import { SSLError } from "./errors.ts";
import { readText } from "./_keys.ts";
import { derToBase64, pemBlocks } from "./_text.ts";

/** One trusted certificate. */
export interface Anchor {
  der: Uint8Array;
  pem: string;
}

let defaultRoots: Anchor[] | null = null;

/** Deno's built-in root certificates (Mozilla's set), parsed once. */
export function builtinRoots(): Anchor[] {
  defaultRoots ??= tls.rootCertificates.map((pem) => {
    const der = pemBlocks(pem)[0].der!;
    return { der, pem: DER_cert_to_PEM_cert(der) };
  });
  return defaultRoots;
}

export class TrustStore {
  /** Whether the default roots are trusted (loadDefaultCerts, setDefaultVerifyPaths). */
  defaults = false;
  readonly #anchors = new Map<string, Anchor>();
  #crls = 0;

  /** The explicitly loaded CA certificates. */
  get anchors(): Anchor[] {
    return [...this.#anchors.values()];
  }

  /** How many CRLs were loaded (they are kept count of, not used). */
  get crls(): number {
    return this.#crls;
  }

  /** Whether nothing at all is trusted. */
  get empty(): boolean {
    return !this.defaults && this.#anchors.size === 0;
  }

  /** Every trusted certificate, the default roots included. */
  all(): Anchor[] {
    return this.defaults ? [...builtinRoots(), ...this.anchors] : this.anchors;
  }

  /** Python's load_verify_locations. */
  load(
    cafile?: string | URL | null,
    capath?: string | URL | null,
    cadata?: string | ArrayBufferView | null,
  ): void {
    if (cafile == null && capath == null && cadata == null) {
      throw new TypeError("cafile, capath and cadata cannot be all omitted");
    }
    if (cafile != null) this.#loadPem(readText(cafile), true);
    if (capath != null) this.#loadDir(capath);
    if (cadata != null) {
      if (typeof cadata === "string") this.#loadPem(cadata, true);
      else if (ArrayBuffer.isView(cadata)) {
        this.#loadDer(new Uint8Array(cadata.buffer, cadata.byteOffset, cadata.byteLength));
      } else throw new TypeError("cadata should be an ASCII string or a bytes-like object");
    }
  }

  /** Python's cert_store_stats(). */
  stats(): { x509_ca: number; crl: number; x509: number } {
    const all = this.all();
    const ca = all.filter((a) => isCa(a.der)).length;
    return { x509_ca: ca, crl: this.#crls, x509: all.length };
  }

  #add(der: Uint8Array): void {
    const key = derToBase64(der);
    if (!this.#anchors.has(key)) this.#anchors.set(key, { der, pem: DER_cert_to_PEM_cert(der) });
  }

  #loadPem(text: string, strict: boolean): void {
    let found = 0;
    for (const block of pemBlocks(text)) {
      if ((block.label === "CERTIFICATE" || block.label === "TRUSTED CERTIFICATE") && block.der) {
        checkCertificate(block.der);
        this.#add(block.der);
        found++;
      } else if (block.label === "X509 CRL") {
        this.#crls++;
        found++;
      }
    }
    if (found === 0 && strict) throw noCertificate();
  }

  #loadDer(data: Uint8Array): void {
    let off = 0;
    while (off < data.length) {
      if (data[off] !== 0x30 || off + 2 > data.length) throw noCertificate();
      let len = data[off + 1];
      let head = 2;
      if (len & 0x80) {
        const n = len & 0x7f;
        len = 0;
        for (let i = 0; i < n; i++) len = len * 256 + data[off + 2 + i];
        head += n;
      }
      const der = data.slice(off, off + head + len);
      if (der.length !== head + len) throw noCertificate();
      checkCertificate(der);
      this.#add(der);
      off += head + len;
    }
    if (off === 0) throw noCertificate();
  }

  #loadDir(path: string | URL): void {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(path)];
    } catch (err) {
      throw fromDenoError(err, String(path));
    }
    const base = String(path).replace(/\/$/, "");
    for (const e of entries) {
      if (!e.isFile && !e.isSymlink) continue;
      try {
        this.#loadPem(readText(`${base}/${e.name}`), false);
      } catch {
        // OpenSSL looks certificates up by hash and skips files it cannot use.
      }
    }
  }
}

function checkCertificate(der: Uint8Array): void {
  try {
    new X509Certificate(der);
  } catch (err) {
    throw new SSLError(SSL_ERROR_SSL, "[X509: BAD_CERTIFICATE] not a valid certificate", {
      library: "X509",
      reason: "BAD_CERTIFICATE",
      cause: err,
    });
  }
}

function isCa(der: Uint8Array): boolean {
  try {
    return new X509Certificate(der).ca;
  } catch {
    return false;
  }
}

function noCertificate(): SSLError {
  return new SSLError(
    SSL_ERROR_SSL,
    "[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found",
    {
      library: "X509",
      reason: "NO_CERTIFICATE_OR_CRL_FOUND",
    },
  );
}
