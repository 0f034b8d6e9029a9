// Small text helpers: Python's repr of a string, base64 of DER, and PEM blocks.

/** Python's `repr()` of a str: single quotes unless the text has one and no double. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = "";
  for (const ch of s) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch < " " || ch === "\x7f") {
      out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;
    } else out += ch;
  }
  return quote + out + quote;
}

/** Base64 of bytes. */
export function derToBase64(der: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < der.length; i += 0x8000) {
    bin += String.fromCharCode(...der.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/** One `-----BEGIN <label>-----` block of a PEM text. */
export interface PemBlock {
  /** The label, such as `"CERTIFICATE"` or `"ENCRYPTED PRIVATE KEY"`. */
  label: string;
  /** The whole block, header to footer, with a final newline. */
  text: string;
  /** The decoded body; null when the base64 is bad or headers precede it. */
  der: Uint8Array | null;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block in `text`, in order. */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    let der: Uint8Array | null = null;
    if (!m[2].includes(":")) {
      try {
        der = Uint8Array.from(atob(m[2].replace(/\s+/g, "")), (c) => c.charCodeAt(0));
      } catch {
        der = null;
      }
    }
    out.push({ label: m[1], text: `${m[0]}\n`, der });
  }
  return out;
}

/** A host name in ASCII (IDNA): what SNI carries and certificates contain. */
export function toAscii(name: string): string {
  if ([...name].every((ch) => ch.charCodeAt(0) < 0x80)) return name;
  try {
    return new URL(`http://${name}/`).hostname;
  } catch {
    return name;
  }
}
