// Byte helpers shared by the transports and streams.

/** Joins buffers into one (the single buffer itself when there is one). */
export function concatBytes(list: readonly Uint8Array[]): Uint8Array {
  if (list.length === 1) return list[0];
  let n = 0;
  for (const b of list) n += b.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const b of list) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** A `Uint8Array` view of any `ArrayBufferView`, or a TypeError naming `what`. */
export function toBytes(data: unknown, what: string): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  throw new TypeError(
    `${what}: data argument must be a bytes-like object (Uint8Array), not ${typeName(data)}`,
  );
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return typeof v;
}
