// Argument conversions of the socket module's name-resolution functions, with the
// messages CPython's argument parser (Python/getargs.c) and the "idna" codec
// (Lib/encodings/idna.py) give.

import { domainToASCII } from "node:url";
import { OverflowError, ValueError } from "../_errors/python_errors.ts";
import { pyTypeName } from "./_args.ts";

const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);
const LONG_LIMIT = 2 ** 63;

/** Python's integer check: a JavaScript integer (or bigint), else TypeError. */
export function toInteger(value: unknown): number {
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(
      `'${pyTypeName(value, "constructor")}' object cannot be interpreted as an integer`,
    );
  }
  return value;
}

/** Python's `"i"` format: an integer that fits in a C `int`. */
export function toCInt(value: unknown): number {
  const n = toInteger(value);
  if (n >= LONG_LIMIT || n < -LONG_LIMIT) {
    throw new OverflowError("Python int too large to convert to C long");
  }
  if (n > INT_MAX) throw new OverflowError("signed integer is greater than maximum");
  if (n < INT_MIN) throw new OverflowError("signed integer is less than minimum");
  return n;
}

/** Python's `"I"` format: an integer reduced modulo 2^32, as an unsigned C `int`. */
export function toCUIntMask(value: unknown): number {
  const n = toInteger(value);
  return Number(BigInt.asUintN(32, BigInt(n)));
}

/** Python's `"s"` format: a string without NUL characters. */
export function toCString(value: unknown, fn: string, position: number): string {
  if (typeof value !== "string") {
    throw new TypeError(
      `${fn}() argument ${position} must be str, not ${pyTypeName(value, "constructor")}`,
    );
  }
  if (value.includes("\0")) throw new ValueError("embedded null character");
  if (!value.isWellFormed()) throw new ValueError(surrogateMessage(value));
  return value;
}

/** Python's `"et"` format with the "idna" encoding (gethostbyname and friends). */
export function toIdnaArg(value: unknown, fn: string): string {
  if (typeof value !== "string") {
    throw new TypeError(
      `${fn}() argument 1 must be str, bytes or bytearray, not ${pyTypeName(value, "constructor")}`,
    );
  }
  const encoded = idnaEncode(value);
  if (encoded.includes("\0")) {
    throw new TypeError(
      `${fn}() argument 1 must be encoded string without null bytes, not str`,
    );
  }
  return encoded;
}

/** The text C sees of a JavaScript string: everything before the first NUL. */
export function cTruncate(s: string): string {
  const nul = s.indexOf("\0");
  return nul < 0 ? s : s.slice(0, nul);
}

/**
 * Python's "idna" codec (IDNA 2003). ASCII names are checked exactly as Python does;
 * other labels are mapped with an approximation of nameprep (NFKC and full case folding)
 * and Punycode-encoded.
 */
export function idnaEncode(host: string): string {
  if (host === "") return "";
  if (!host.isWellFormed()) {
    const bad = [...host].find((c) => !c.isWellFormed())!;
    throw idnaError(`Invalid character '\\u${bad.charCodeAt(0).toString(16)}'`);
  }
  // deno-lint-ignore no-control-regex
  if (/^[\x00-\x7f]*$/.test(host)) {
    const labels = host.split(".");
    for (const label of labels.slice(0, -1)) {
      if (label.length === 0 || label.length >= 64) throw idnaError("label empty or too long");
    }
    if (labels[labels.length - 1].length >= 64) throw idnaError("label too long");
    return host;
  }
  const labels = host.split(/[.\u3002\uff0e\uff61]/);
  let trailingDot = "";
  if (labels.length > 0 && labels[labels.length - 1] === "") {
    trailingDot = ".";
    labels.pop();
  }
  return labels.map(toAsciiLabel).join(".") + trailingDot;
}

// ---------------------------------------------------------------------------------------

function toAsciiLabel(label: string): string {
  // deno-lint-ignore no-control-regex
  if (/^[\x00-\x7f]*$/.test(label)) {
    if (label.length === 0 || label.length >= 64) throw idnaError("label empty or too long");
    return label;
  }
  const prepped = label.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFKC");
  const ascii = domainToASCII(prepped);
  if (ascii.length === 0 || ascii.length >= 64 || ascii.includes(".")) {
    throw idnaError("label empty or too long");
  }
  return ascii;
}

function idnaError(reason: string): ValueError {
  return new ValueError(`encoding with 'idna' codec failed (UnicodeError: ${reason})`);
}

function surrogateMessage(s: string): string {
  const i = [...s].findIndex((c) => !c.isWellFormed());
  return `'utf-8' codec can't encode character at position ${i}: surrogates not allowed`;
}
