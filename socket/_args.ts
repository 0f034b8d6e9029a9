// How argument errors name a value: Python's type name (CPython's messages quote
// `type(x).__name__`) and the JavaScript description the byte-order, cmsg and inet
// functions give.

/**
 * Python's type name of a JavaScript value, for messages that quote it.
 *
 * @param value the argument
 * @param views how an `ArrayBufferView` other than a `Uint8Array` is named: `"bytes"` (as
 * a `Uint8Array` is), or `"constructor"`, its constructor's name (the name-resolution
 * functions' messages)
 * @returns `"NoneType"`, `"str"`, `"int"`, `"float"`, `"bool"`, `"tuple"`, `"bytes"`,
 * `"function"` or the constructor's name
 */
export function pyTypeName(value: unknown, views: "bytes" | "constructor" = "bytes"): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "string") return "str";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "bigint") return "int";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "tuple";
  if (value instanceof Uint8Array || (views === "bytes" && ArrayBuffer.isView(value))) {
    return "bytes";
  }
  if (typeof value === "function") return "function";
  return (value as object).constructor?.name ?? "object";
}

/**
 * A JavaScript description of a value, for messages that quote it: `"null"`, a number
 * itself, the `typeof` of another primitive, or an object's constructor name.
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "number") return String(value);
  if (typeof value !== "object") return typeof value;
  return value.constructor?.name ?? "object";
}
