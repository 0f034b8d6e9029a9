// Python's selectors.BaseSelector: the abstract interface every selector implements.

import { KeyError } from "../_errors/python_errors.ts";
import { describe } from "./_fileobj.ts";
import type { FileObj, SelectorKey, SelectorMapping } from "./selector_key.ts";

/** Options of {@linkcode BaseSelector.select}. */
export interface SelectorSelectOptions {
  /** Aborts the wait: the call rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * Python's `selectors.BaseSelector`: waits for I/O readiness on many objects at once.
 * Subclass it to write a selector of your own; use {@linkcode DefaultSelector} or one of
 * the concrete classes otherwise.
 *
 * @typeParam T the type of the data attached to registrations
 *
 * @example A selector of one's own, kept to Python's interface
 * ```ts
 * import { BaseSelector, DefaultSelector } from "@ipcnet/std/selectors";
 * import assert from "node:assert/strict";
 *
 * const sel: BaseSelector = new DefaultSelector();
 * assert.ok(sel instanceof BaseSelector);
 * sel.close();
 * ```
 */
export abstract class BaseSelector<T = unknown> implements Disposable {
  /**
   * Registers an object to wait for `events` on.
   *
   * @param fileobj a descriptor, an object with `fileno()`, or a native socket
   * @param events `EVENT_READ`, `EVENT_WRITE`, or both or-ed
   * @param data anything to keep with the registration (`null` by default)
   * @returns the new key
   * @throws {ValueError} for invalid events or a negative descriptor
   * @throws {KeyError} when the object (or its descriptor) is already registered
   * @throws {TypeError} when `fileobj` is not a file object
   */
  abstract register(fileobj: FileObj, events: number, data?: T): SelectorKey<T>;

  /**
   * Unregisters an object; works for an object closed since it was registered.
   *
   * @param fileobj a registered object or its descriptor
   * @returns the key it had
   * @throws {KeyError} when it is not registered
   */
  abstract unregister(fileobj: FileObj): SelectorKey<T>;

  /**
   * Changes the events and data of a registration. Python's default: unregister, then
   * register again.
   *
   * @param fileobj a registered object or its descriptor
   * @param events the new events
   * @param data the new data (`null` by default, as in Python)
   * @returns the new key
   * @throws {KeyError} when it is not registered
   * @throws {ValueError} for invalid events
   */
  modify(fileobj: FileObj, events: number, data?: T): SelectorKey<T> {
    this.unregister(fileobj);
    return this.register(fileobj, events, data);
  }

  /**
   * Waits until some registered objects are ready, or `timeout` seconds pass. Resolves
   * with `[key, events]` pairs, one per ready object; an empty list when the timeout
   * passes first. Signals do not interrupt it (PEP 475).
   *
   * @param timeout seconds; `null` or omitted waits for ever, 0 or less polls
   * @param options `signal` to abort the wait
   * @returns the ready keys, each with the ready events
   */
  abstract select(
    timeout?: number | null,
    options?: SelectorSelectOptions,
  ): Promise<Array<[SelectorKey<T>, number]>>;

  /** Closes the selector and frees what it holds. Closing twice does nothing. */
  close(): void {}

  /**
   * The key of a registered object.
   *
   * @param fileobj a registered object or its descriptor
   * @returns its key
   * @throws {KeyError} when it is not registered
   */
  getKey(fileobj: FileObj): SelectorKey<T> {
    const key = this.getMap().get(fileobj);
    if (key === undefined) throw new KeyError(`${describe(fileobj)} is not registered`);
    return key;
  }

  /**
   * A live, read-only view of the registrations, keyed by descriptor.
   *
   * @returns the view
   */
  abstract getMap(): SelectorMapping<T>;

  /** Closes the selector (Python's `with` statement). */
  [Symbol.dispose](): void {
    this.close();
  }
}
