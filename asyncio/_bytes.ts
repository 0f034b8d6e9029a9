// Byte helpers shared by the transports and streams.

export { concatBytes } from "../socket/_io_util.ts";

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
