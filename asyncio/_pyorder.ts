// Python's ordering (`a < b`) for PriorityQueue items.

/**
 * Python's `a < b` for the values a priority queue holds.
 *
 * @throws {TypeError} "'<' not supported between instances of ..." for mixed kinds
 */
export function pythonLess(a: unknown, b: unknown): boolean {
  const ta = kind(a), tb = kind(b);
  if (ta === "number" && tb === "number") return (a as number) < (b as number);
  if (ta === "str" && tb === "str") return compareCodePoints(a as string, b as string) < 0;
  if (ta === "list" && tb === "list") {
    const x = a as unknown[], y = b as unknown[];
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      if (pythonEqual(x[i], y[i])) continue;
      return pythonLess(x[i], y[i]);
    }
    return x.length < y.length;
  }
  if (ta === "object" && typeof (a as { __lt__?: unknown }).__lt__ === "function") {
    return Boolean((a as { __lt__(o: unknown): unknown }).__lt__(b));
  }
  throw new TypeError(`'<' not supported between instances of '${ta}' and '${tb}'`);
}

function pythonEqual(a: unknown, b: unknown): boolean {
  const ta = kind(a);
  if (ta === "number" && kind(b) === "number") return Number(a) === Number(b) || a == b;
  if (ta === "list" && kind(b) === "list") {
    const x = a as unknown[], y = b as unknown[];
    return x.length === y.length && x.every((v, i) => pythonEqual(v, y[i]));
  }
  return a === b;
}

function kind(v: unknown): string {
  switch (typeof v) {
    case "number":
    case "bigint":
    case "boolean":
      return "number";
    case "string":
      return "str";
    case "undefined":
      return "NoneType";
    case "object":
      if (v === null) return "NoneType";
      if (Array.isArray(v)) return "list";
      if (v instanceof Date) return "number";
      return "object";
    default:
      return typeof v;
  }
}

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!, y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
