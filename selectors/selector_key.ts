// Python's SelectorKey (a named tuple) and the read-only, live mapping that
// `getMap()` returns (Python's _SelectorMapping).

import { KeyError } from "../_errors/python_errors.ts";
import {
  kReadyNow,
  kWaitReady,
  type NativeReadiness,
  type ReadinessKind,
} from "../socket/readiness.ts";
import type { FileDescriptorLike } from "../select/select.ts";

export type { FileDescriptorLike, NativeReadiness, ReadinessKind };
// The readiness protocol, so that objects of one's own can be watched too.
export { kReadyNow, kWaitReady };
import { describe } from "./_fileobj.ts";

/**
 * What a selector can watch: a descriptor number, an object with `fileno()` (kernel
 * sockets, pipes wrapped by the user, `Epoll`, ...), or a native object that implements
 * the readiness protocol of `@ipcnet/std/socket` (native sockets, `SSLSocket`).
 */
export type FileObj = FileDescriptorLike | NativeReadiness;

/**
 * Python's `selectors.SelectorKey`: one registration. Immutable; `modify` makes a new one.
 *
 * `fd` is the object's descriptor. A native object (a native socket, which has no
 * descriptor) gets a synthetic one: a number from 2^31 up, above any real descriptor,
 * unique to the object and stable for its whole life, so that `getMap()`, `getKey` and
 * `unregister` work with it as with a real one.
 *
 * @typeParam T the type of `data`
 *
 * @example
 * ```ts
 * import { DefaultSelector, EVENT_READ } from "@ipcnet/std/selectors";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * using sel = new DefaultSelector<string>();
 * const key = sel.register(a, EVENT_READ, "a's data");
 * assert.equal(key.fileobj, a);
 * assert.equal(key.events, EVENT_READ);
 * assert.equal(key.data, "a's data");
 * assert.equal(sel.getKey(key.fd), key);
 * ```
 */
export class SelectorKey<T = unknown> {
  /** The registered object, as given to `register`. */
  readonly fileobj: FileObj;
  /** Its descriptor (synthetic, from 2^31 up, for a native object). */
  readonly fd: number;
  /** The events waited for: `EVENT_READ`, `EVENT_WRITE` or both. */
  readonly events: number;
  /** The data given to `register` or `modify` (`null` by default). */
  readonly data: T;

  /**
   * Makes a key (selectors make them; there is rarely a reason to).
   *
   * @param fileobj the registered object
   * @param fd its descriptor
   * @param events the events waited for
   * @param data the attached data
   */
  constructor(fileobj: FileObj, fd: number, events: number, data: T) {
    this.fileobj = fileobj;
    this.fd = fd;
    this.events = events;
    this.data = data;
    Object.freeze(this);
  }

  /**
   * Python's repr: `SelectorKey(fileobj=..., fd=5, events=1, data=None)`.
   *
   * @returns the text
   *
   * @example
   * ```ts
   * import { EVENT_READ, SelectorKey } from "@ipcnet/std/selectors";
   * import assert from "node:assert/strict";
   *
   * const key = new SelectorKey(5, 5, EVENT_READ, null);
   * assert.equal(String(key), "SelectorKey(fileobj=5, fd=5, events=1, data=null)");
   * ```
   */
  toString(): string {
    const data = typeof this.data === "string" ? JSON.stringify(this.data) : String(this.data);
    return `SelectorKey(fileobj=${
      describe(this.fileobj)
    }, fd=${this.fd}, events=${this.events}, data=${data})`;
  }
}

/**
 * The live, read-only view of a selector's registrations that `getMap()` returns
 * (Python's `_SelectorMapping`): keyed by descriptor, in registration order. `get`, `has`
 * and `getItem` also accept the registered object itself. Once the selector is closed the
 * view is empty.
 *
 * @typeParam T the type of the keys' `data`
 *
 * @example
 * ```ts
 * import { DefaultSelector, EVENT_WRITE } from "@ipcnet/std/selectors";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a, _b = b;
 * using sel = new DefaultSelector();
 * const map = sel.getMap();
 * assert.equal(map.size, 0);
 * const key = sel.register(a, EVENT_WRITE);
 * assert.equal(map.size, 1); // live
 * assert.equal(map.get(a), key);
 * assert.deepEqual([...map.keys()], [key.fd]);
 * assert.throws(() => map.getItem(b), { name: "KeyError" });
 * ```
 */
export class SelectorMapping<T = unknown> implements ReadonlyMap<number, SelectorKey<T>> {
  #keys: ReadonlyMap<number, SelectorKey<T>>;
  #lookup: (fileobj: unknown) => SelectorKey<T> | undefined;

  /**
   * Makes a view (selectors make them).
   *
   * @param keys the selector's own descriptor -> key map
   * @param lookup finds the key of a descriptor or registered object
   */
  constructor(
    keys: ReadonlyMap<number, SelectorKey<T>>,
    lookup: (fileobj: unknown) => SelectorKey<T> | undefined,
  ) {
    this.#keys = keys;
    this.#lookup = lookup;
  }

  /** The number of registrations (Python's `len(mapping)`). */
  get size(): number {
    return this.#keys.size;
  }

  /**
   * The key of a descriptor or registered object, or `undefined`.
   *
   * @param fileobj a descriptor or a registered object
   * @returns the key, or `undefined` when it is not registered
   */
  get(fileobj: FileObj): SelectorKey<T> | undefined {
    return this.#lookup(fileobj);
  }

  /**
   * Python's `mapping[fileobj]`: the key, or `KeyError`.
   *
   * @param fileobj a descriptor or a registered object
   * @returns the key
   * @throws {KeyError} when it is not registered
   */
  getItem(fileobj: FileObj): SelectorKey<T> {
    const key = this.#lookup(fileobj);
    if (key === undefined) throw new KeyError(`${describe(fileobj)} is not registered`);
    return key;
  }

  /**
   * Whether a descriptor or object is registered.
   *
   * @param fileobj a descriptor or an object
   * @returns whether it is registered
   */
  has(fileobj: FileObj): boolean {
    return this.#lookup(fileobj) !== undefined;
  }

  /**
   * The descriptors, in registration order.
   *
   * @returns an iterator of descriptors
   */
  keys(): MapIterator<number> {
    return this.#keys.keys();
  }

  /**
   * The keys, in registration order.
   *
   * @returns an iterator of keys
   */
  values(): MapIterator<SelectorKey<T>> {
    return this.#keys.values();
  }

  /**
   * `[fd, key]` pairs, in registration order.
   *
   * @returns an iterator of pairs
   */
  entries(): MapIterator<[number, SelectorKey<T>]> {
    return this.#keys.entries();
  }

  /**
   * Calls `callback` for each registration.
   *
   * @param callback called with `(key, fd, mapping)`
   * @param thisArg `this` for the callback
   */
  forEach(
    callback: (value: SelectorKey<T>, fd: number, map: ReadonlyMap<number, SelectorKey<T>>) => void,
    thisArg?: unknown,
  ): void {
    for (const [fd, key] of this.#keys) callback.call(thisArg, key, fd, this);
  }

  /**
   * Iterates over `[fd, key]` pairs.
   *
   * @returns an iterator of pairs
   */
  [Symbol.iterator](): MapIterator<[number, SelectorKey<T>]> {
    return this.#keys.entries();
  }
}
