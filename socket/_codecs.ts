// The text codecs of TextIOWrapper, with Python's exact results: UTF-8 (one error per
// maximal invalid subpart, as CPython and WHATWG agree), ASCII and Latin-1, each with the
// strict / replace / ignore error handlers; and io.IncrementalNewlineDecoder.

import { ValueError } from "../_errors/mod.ts";
import { pyTypeName } from "./_args.ts";
import { concatBytes } from "./_io_util.ts";
import { LookupError, UnicodeDecodeError, UnicodeEncodeError } from "./io_errors.ts";

/** The codecs a text file supports, by Python's canonical name. */
export type CodecName = "utf-8" | "ascii" | "latin-1";
/** Python's error handlers that the codecs implement. */
export type ErrorHandler = "strict" | "replace" | "ignore";

const ALIASES: Record<string, CodecName> = {
  utf8: "utf-8",
  u8: "utf-8",
  utf: "utf-8",
  cp65001: "utf-8",
  ascii: "ascii",
  usascii: "ascii",
  us: "ascii",
  "646": "ascii",
  latin1: "latin-1",
  latin: "latin-1",
  l1: "latin-1",
  iso88591: "latin-1",
  "8859": "latin-1",
  cp819: "latin-1",
  ibm819: "latin-1",
  isoir100: "latin-1",
  csisolatin1: "latin-1",
};

/** Python's codec lookup for the supported codecs. @throws {LookupError} for others */
export function lookupCodec(encoding: string): CodecName {
  if (typeof encoding !== "string") {
    throw new TypeError(`encoding must be str, not ${pyTypeName(encoding)}`);
  }
  const codec = ALIASES[encoding.toLowerCase().replace(/[-_ ]/g, "")];
  if (codec === undefined) throw new LookupError(`unknown encoding: ${encoding}`);
  return codec;
}

/** Checks an error handler name. @throws {LookupError} for an unknown one */
export function checkErrors(errors: string): ErrorHandler {
  if (typeof errors !== "string") {
    throw new TypeError(`errors must be str, not ${pyTypeName(errors)}`);
  }
  if (errors === "strict" || errors === "replace" || errors === "ignore") return errors;
  throw new LookupError(`unknown error handler name '${errors}'`);
}

/** Checks `newline` as `TextIOWrapper` does. @throws {ValueError} for a bad value */
export function checkNewline(newline: string | null): void {
  if (newline === null || newline === undefined) return;
  if (typeof newline !== "string") {
    throw new TypeError(`illegal newline type: ${pyTypeName(newline)}`);
  }
  if (!["", "\n", "\r", "\r\n"].includes(newline)) {
    throw new ValueError(`illegal newline value: ${newline}`);
  }
}

/** An incremental decoder: call with `final` true once, at end of input. */
export interface Decoder {
  decode(input: Uint8Array, final: boolean): string;
}

/** Python's incremental decoder of `codec` with the `errors` handler. */
export function makeDecoder(codec: CodecName, errors: ErrorHandler): Decoder {
  if (codec === "utf-8") return new Utf8Decoder(errors);
  const limit = codec === "ascii" ? 0x80 : 0x100;
  return {
    decode(input: Uint8Array): string {
      let out = "";
      let run = 0;
      for (let i = 0; i <= input.length; i++) {
        if (i < input.length && input[i] < limit) continue;
        out += latin1(input.subarray(run, i));
        run = i + 1;
        if (i === input.length) break;
        if (errors === "strict") {
          throw new UnicodeDecodeError(codec, input, i, i + 1, "ordinal not in range(128)");
        }
        if (errors === "replace") out += "\ufffd";
      }
      return out;
    },
  };
}

const FATAL = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const LENIENT = new TextDecoder("utf-8", { ignoreBOM: true });
const ENCODER = new TextEncoder();

class Utf8Decoder implements Decoder {
  readonly #errors: ErrorHandler;
  #pending: Uint8Array | null = null;

  constructor(errors: ErrorHandler) {
    this.#errors = errors;
  }

  decode(input: Uint8Array, final: boolean): string {
    if (this.#pending) input = concatBytes([this.#pending, input]);
    this.#pending = null;
    const keep = final ? 0 : incompleteTail(input);
    if (keep > 0) this.#pending = input.slice(input.length - keep);
    const whole = input.subarray(0, input.length - keep);
    try {
      return FATAL.decode(whole);
    } catch {
      return this.#slow(input, whole.length);
    }
  }

  // Python's UTF-8 decoder: one error per maximal invalid subpart (as WHATWG's).
  #slow(input: Uint8Array, end: number): string {
    let out = "";
    let run = 0;
    let i = 0;
    while (i < end) {
      const step = utf8Step(input, i, end);
      if (step > 0) {
        i += step;
        continue;
      }
      const len = step === 0 ? end - i : -step;
      const reason = step === 0
        ? "unexpected end of data"
        : LEAD_NEED[input[i]] < 0
        ? "invalid start byte"
        : "invalid continuation byte";
      out += LENIENT.decode(input.subarray(run, i));
      if (this.#errors === "strict") {
        throw new UnicodeDecodeError("utf-8", input, i, i + len, reason);
      }
      if (this.#errors === "replace") out += "\ufffd";
      i += len;
      run = i;
    }
    return out + LENIENT.decode(input.subarray(run, end));
  }
}

// Continuation bytes each lead byte needs; -1 for bytes that cannot start a sequence.
const LEAD_NEED = new Int8Array(256).map((_, b) =>
  b < 0x80 ? 0 : b < 0xc2 ? -1 : b < 0xe0 ? 1 : b < 0xf0 ? 2 : b < 0xf5 ? 3 : -1
);

/**
 * The UTF-8 sequence at `i`: its length when valid, minus the length of its maximal
 * invalid subpart, or 0 when `end` cuts a valid prefix short.
 */
function utf8Step(b: Uint8Array, i: number, end: number): number {
  const lead = b[i];
  const need = LEAD_NEED[lead];
  if (need <= 0) return need === 0 ? 1 : -1;
  for (let k = 1; k <= need; k++) {
    if (i + k >= end) return 0;
    const c = b[i + k];
    let lo = 0x80, hi = 0xbf;
    if (k === 1) {
      if (lead === 0xe0) lo = 0xa0;
      else if (lead === 0xed) hi = 0x9f;
      else if (lead === 0xf0) lo = 0x90;
      else if (lead === 0xf4) hi = 0x8f;
    }
    if (c < lo || c > hi) return -k;
  }
  return need + 1;
}

/** How many trailing bytes form a valid but unfinished sequence (kept for more input). */
function incompleteTail(b: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= b.length; k++) {
    if ((b[b.length - k] & 0xc0) === 0x80) continue;
    return utf8Step(b, b.length - k, b.length) === 0 ? k : 0;
  }
  return 0;
}

/** Python's `str.encode(codec, errors)`. */
export function encodeText(text: string, codec: CodecName, errors: ErrorHandler): Uint8Array {
  if (codec === "utf-8" && text.isWellFormed()) return ENCODER.encode(text);
  const limit = codec === "ascii" ? 0x80 : codec === "latin-1" ? 0x100 : Infinity;
  const bad = (cp: number): boolean => cp >= limit || (cp >= 0xd800 && cp <= 0xdfff);
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const cp = chars[i].codePointAt(0)!;
    if (!bad(cp)) {
      out.push(chars[i]);
      continue;
    }
    if (errors === "strict") {
      let end = i + 1;
      while (end < chars.length && bad(chars[end].codePointAt(0)!)) end++;
      const reason = codec === "utf-8"
        ? "surrogates not allowed"
        : `ordinal not in range(${limit})`;
      throw new UnicodeEncodeError(codec, text, i, end, reason);
    }
    if (errors === "replace") out.push("?");
  }
  const clean = out.join("");
  if (codec === "utf-8") return ENCODER.encode(clean);
  const bytes = new Uint8Array(clean.length);
  for (let i = 0; i < clean.length; i++) bytes[i] = clean.charCodeAt(i);
  return bytes;
}

const SEEN_LF = 1, SEEN_CR = 2, SEEN_CRLF = 4;
const NEWLINES: (string | string[] | null)[] = [
  null,
  "\n",
  "\r",
  ["\r", "\n"],
  "\r\n",
  ["\n", "\r\n"],
  ["\r", "\r\n"],
  ["\r", "\n", "\r\n"],
];

/**
 * Python's `io.IncrementalNewlineDecoder` after the codec: holds back a final "\r" until
 * the next input shows whether "\n" follows, records the kinds of newline seen and, when
 * `translate` is set, turns "\r\n" and "\r" into "\n".
 */
export class NewlineDecoder {
  readonly #translate: boolean;
  #pendingCR = false;
  #seen = 0;

  constructor(translate: boolean) {
    this.#translate = translate;
  }

  /** Python's `newlines`: the kinds seen so far. */
  get newlines(): string | string[] | null {
    const value = NEWLINES[this.#seen];
    return Array.isArray(value) ? [...value] : value;
  }

  decode(output: string, final: boolean): string {
    if (this.#pendingCR && (output.length > 0 || final)) {
      output = "\r" + output;
      this.#pendingCR = false;
    }
    if (!final && output.endsWith("\r")) {
      output = output.slice(0, -1);
      this.#pendingCR = true;
    }
    const cr = output.includes("\r");
    if (!cr) {
      if (output.includes("\n")) this.#seen |= SEEN_LF;
      return output;
    }
    const crlf = output.split("\r\n").length - 1;
    const crs = output.split("\r").length - 1;
    const lfs = output.split("\n").length - 1;
    if (crlf > 0) this.#seen |= SEEN_CRLF;
    if (crs > crlf) this.#seen |= SEEN_CR;
    if (lfs > crlf) this.#seen |= SEEN_LF;
    return this.#translate ? output.replaceAll("\r\n", "\n").replaceAll("\r", "\n") : output;
  }
}

/** The UTF-16 index just after the first `count` code points of `s`, or -1 if it is shorter. */
export function codePointIndex(s: string, count: number): number {
  let i = 0;
  for (let n = 0; n < count; n++) {
    if (i >= s.length) return -1;
    const c = s.charCodeAt(i);
    const d = s.charCodeAt(i + 1);
    i += c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
  }
  return i;
}

/** The number of code points in `s`. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}
