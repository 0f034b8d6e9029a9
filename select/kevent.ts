// Python's select.kevent: one kqueue event (a change to apply, or an event returned), with
// Python's fields, defaults, equality and ordering. Pure data: usable on every platform.

import { OverflowError } from "../_errors/python_errors.ts";
import { pyTypeName, toInt } from "./_args.ts";
import type { FileDescriptorLike } from "./select.ts";
import { KQ_EV_ADD, KQ_FILTER_READ } from "./constants.ts";

/**
 * Python's `select.kevent(ident, filter, flags, fflags, data, udata)`: the fields of a
 * `struct kevent`. Instances compare like Python's: `equals()` field by field, `compare()`
 * in the order `ident, filter, flags, fflags, data, udata`.
 *
 * @example
 * ```ts
 * import { Kevent, KQ_EV_ADD, KQ_FILTER_READ, KQ_FILTER_WRITE } from "@ipcnet/std/select";
 * import assert from "node:assert/strict";
 *
 * const ev = new Kevent(5);
 * assert.equal(ev.filter, KQ_FILTER_READ);
 * assert.equal(ev.flags, KQ_EV_ADD);
 * assert.ok(ev.equals(new Kevent(5, KQ_FILTER_READ, KQ_EV_ADD)));
 * assert.equal(new Kevent(5, KQ_FILTER_WRITE).compare(ev), -1); // -2 < -1
 * ```
 */
export class Kevent {
  /** The value used to identify the event: usually a descriptor. */
  ident: number;
  /** The kernel filter (`KQ_FILTER_*`). */
  filter: number;
  /** The filter action (`KQ_EV_*`). */
  flags: number;
  /** Filter-specific flags (`KQ_NOTE_*`). */
  fflags: number;
  /** Filter-specific data. */
  data: number;
  /** User-defined value. */
  udata: number;

  /**
   * Creates an event.
   *
   * @param ident a descriptor, an object with `fileno()`, or another identifier
   * @param filter a `KQ_FILTER_*` value; default `KQ_FILTER_READ`
   * @param flags `KQ_EV_*` bits; default `KQ_EV_ADD`
   * @param fflags `KQ_NOTE_*` bits; default 0
   * @param data filter data; default 0
   * @param udata a user value; default 0
   * @throws {TypeError} when `ident` is neither an int nor has `fileno()`, or a field is
   *   not an integer
   * @throws {OverflowError} when a field does not fit its C type
   *
   * @example
   * ```ts
   * import { Kevent, KQ_EV_DELETE, KQ_FILTER_WRITE } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * const ev = new Kevent({ fileno: () => 7 }, KQ_FILTER_WRITE, KQ_EV_DELETE);
   * assert.equal(ev.ident, 7);
   * assert.throws(() => new Kevent("x" as unknown as number), TypeError);
   * ```
   */
  constructor(
    ident: FileDescriptorLike,
    filter: number = KQ_FILTER_READ,
    flags: number = KQ_EV_ADD,
    fflags: number = 0,
    data: number = 0,
    udata: number = 0,
  ) {
    this.ident = identOf(ident);
    this.filter = ranged(filter, -0x8000, 0x7fff, "signed short integer");
    this.flags = ranged(flags, 0, 0xffff, "unsigned short");
    this.fflags = ranged(fflags, 0, 0xffffffff, "unsigned int");
    this.data = ranged(data, -(2 ** 63), 2 ** 63 - 1, "intptr_t");
    this.udata = ranged(udata, 0, 2 ** 64 - 1, "uintptr_t");
  }

  /**
   * Whether every field equals the other event's (Python's `==`). Anything that is not a
   * `Kevent` is unequal.
   *
   * @param other the value to compare with
   * @returns `true` when equal
   *
   * @example
   * ```ts
   * import { Kevent } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * assert.ok(new Kevent(1).equals(new Kevent(1)));
   * assert.ok(!new Kevent(1).equals(new Kevent(2)));
   * assert.ok(!new Kevent(1).equals(1));
   * ```
   */
  equals(other: unknown): boolean {
    return other instanceof Kevent && this.compare(other) === 0;
  }

  /**
   * Orders two events as Python does: by `ident`, then `filter`, `flags`, `fflags`, `data`
   * and `udata`.
   *
   * @param other the event to compare with
   * @returns -1, 0 or 1
   * @throws {TypeError} when `other` is not a `Kevent`, as Python's `<`
   *
   * @example
   * ```ts
   * import { Kevent } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * const sorted = [new Kevent(3), new Kevent(1), new Kevent(2)].sort(Kevent.compare);
   * assert.deepEqual(sorted.map((e) => e.ident), [1, 2, 3]);
   * assert.equal(new Kevent(1).compare(new Kevent(1)), 0);
   * ```
   */
  compare(other: Kevent): number {
    if (!(other instanceof Kevent)) {
      throw new TypeError(
        `'<' not supported between instances of 'select.kevent' and '${pyTypeName(other)}'`,
      );
    }
    for (const key of FIELDS) {
      if (this[key] !== other[key]) return this[key] < other[key] ? -1 : 1;
    }
    return 0;
  }

  /**
   * `a.compare(b)`, for `Array.prototype.sort`.
   *
   * @param a an event
   * @param b another event
   * @returns -1, 0 or 1
   *
   * @example
   * ```ts
   * import { Kevent } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * assert.equal(Kevent.compare(new Kevent(2), new Kevent(1)), 1);
   * ```
   */
  static compare(a: Kevent, b: Kevent): number {
    return a.compare(b);
  }

  /**
   * Python's repr: `<select.kevent ident=5 filter=-1 flags=0x1 fflags=0x0 data=0x0 udata=0x0>`.
   *
   * @returns the text
   *
   * @example
   * ```ts
   * import { Kevent } from "@ipcnet/std/select";
   * import assert from "node:assert/strict";
   *
   * assert.equal(
   *   String(new Kevent(5)),
   *   "<select.kevent ident=5 filter=-1 flags=0x1 fflags=0x0 data=0x0 udata=0x0>",
   * );
   * ```
   */
  toString(): string {
    return `<select.kevent ident=${this.ident} filter=${this.filter} flags=0x${
      this.flags.toString(16)
    } fflags=0x${this.fflags.toString(16)} data=${hex(this.data)} udata=${hex(this.udata)}>`;
  }
}

const FIELDS = ["ident", "filter", "flags", "fflags", "data", "udata"] as const;

function identOf(ident: unknown): number {
  if (typeof ident === "object" && ident !== null && "fileno" in ident) {
    const fd = (ident as { fileno(): unknown }).fileno();
    if (typeof fd !== "number" || !Number.isInteger(fd)) {
      throw new TypeError("fileno() returned a non-integer");
    }
    return ranged(fd, 0, 2 ** 64 - 1, "uintptr_t");
  }
  if (typeof ident !== "number" && typeof ident !== "bigint") {
    throw new TypeError("argument must be an int, or have a fileno() method.");
  }
  return ranged(ident, 0, 2 ** 64 - 1, "uintptr_t");
}

function ranged(value: unknown, min: number, max: number, type: string): number {
  const n = toInt(value);
  if (n < min) throw new OverflowError(`${type} is less than minimum`);
  if (n > max) throw new OverflowError(`${type} is greater than maximum`);
  return n;
}

function hex(n: number): string {
  return n < 0 ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`;
}
