// Loading a certificate chain and its private key (SSLContext.loadCertChain): PEM files,
// encrypted keys decrypted at load time (so a wrong password fails here, as in Python,
// and both engines get a plain PKCS#8 key), and the key checked against the certificate.

import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { fromDenoError } from "../_errors/mod.ts";
import { ValueError } from "../_errors/python_errors.ts";
import { SSL_ERROR_SSL } from "./constants.ts";
import { SSLError } from "./errors.ts";
import { pemBlocks } from "./_text.ts";

/** A password as Python takes it: text, bytes, or a function returning either. */
export type Password = string | ArrayBufferView | (() => string | ArrayBufferView);

/** A loaded chain: PEM text for both engines, DER for inspection. */
export interface KeyChain {
  /** The certificates, leaf first, as PEM. */
  certPem: string;
  /** The private key as unencrypted PKCS#8 PEM. */
  keyPem: string;
  /** The leaf certificate's DER. */
  leafDer: Uint8Array;
}

const KEY_LABELS = new Set([
  "PRIVATE KEY",
  "ENCRYPTED PRIVATE KEY",
  "RSA PRIVATE KEY",
  "EC PRIVATE KEY",
]);
const PEM_BUFSIZE = 1024;

/** Reads a file as text, with Python's errors. */
export function readText(path: string | URL): string {
  try {
    return new TextDecoder().decode(Deno.readFileSync(path));
  } catch (err) {
    throw fromDenoError(err, String(path));
  }
}

/**
 * Loads `certfile` (and the key from `keyfile`, or from `certfile` when omitted).
 *
 * @throws {SSLError} for files without a certificate or key, a wrong password, or a key
 *   that does not match the certificate
 */
export function loadKeyChain(
  certfile: string | URL,
  keyfile: string | URL | null | undefined,
  password: Password | null | undefined,
): KeyChain {
  const certText = readText(certfile);
  const keyText = keyfile == null ? certText : readText(keyfile);
  const certs = pemBlocks(certText).filter((b) =>
    (b.label === "CERTIFICATE" || b.label === "TRUSTED CERTIFICATE") && b.der
  );
  if (certs.length === 0) throw pemLib("no certificate found");
  const keyBlock = pemBlocks(keyText).find((b) => KEY_LABELS.has(b.label));
  if (!keyBlock) throw pemLib("no private key found");
  const key = decryptKey(keyBlock.text, keyBlock.label, password);
  let certKey: KeyObject;
  try {
    certKey = createPublicKey(certs[0].text);
  } catch (err) {
    throw pemLib("the certificate cannot be read", err);
  }
  const derOf = (k: KeyObject): string =>
    new Uint8Array(k.export({ type: "spki", format: "der" })).join(",");
  if (derOf(certKey) !== derOf(createPublicKey(key))) {
    throw new SSLError(SSL_ERROR_SSL, "[X509: KEY_VALUES_MISMATCH] key values mismatch", {
      library: "X509",
      reason: "KEY_VALUES_MISMATCH",
    });
  }
  return {
    certPem: certs.map((b) => b.text).join(""),
    keyPem: key.export({ type: "pkcs8", format: "pem" }) as string,
    leafDer: certs[0].der!,
  };
}

function decryptKey(pem: string, label: string, password: Password | null | undefined): KeyObject {
  const encrypted = label === "ENCRYPTED PRIVATE KEY" || pem.includes("Proc-Type: 4,ENCRYPTED");
  let passphrase: string | Uint8Array | undefined;
  if (password != null) {
    const value = typeof password === "function" ? password() : password;
    if (typeof value === "string") {
      passphrase = value;
    } else if (ArrayBuffer.isView(value)) {
      passphrase = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    } else if (typeof password === "function") {
      throw new TypeError("password callback must return a string");
    } else {
      throw new TypeError("password should be a string or callable");
    }
    const size = typeof passphrase === "string"
      ? new TextEncoder().encode(passphrase).length
      : passphrase.length;
    if (size > PEM_BUFSIZE) {
      throw new ValueError(`password cannot be longer than ${PEM_BUFSIZE} bytes`);
    }
  }
  if (encrypted && passphrase === undefined) {
    throw pemLib("the private key is encrypted and no password was given");
  }
  try {
    return createPrivateKey(
      encrypted ? { key: pem, format: "pem", passphrase: passphrase as string } : pem,
    );
  } catch (err) {
    throw pemLib(
      encrypted ? "bad decrypt (wrong password?)" : "the private key cannot be read",
      err,
    );
  }
}

function pemLib(detail: string, cause?: unknown): SSLError {
  return new SSLError(SSL_ERROR_SSL, `[SSL] PEM lib: ${detail}`, {
    library: "SSL",
    reason: "PEM lib",
    cause,
  });
}
