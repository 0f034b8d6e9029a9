// The event bits of the selectors module: what a registration waits for and what
// `select()` reports.

/**
 * Python's `selectors.EVENT_READ`: the object is ready for reading (data, end of stream,
 * an error, or a connection to accept).
 *
 * @example
 * ```ts
 * import { EVENT_READ, EVENT_WRITE } from "@ipcnet/std/selectors";
 * import assert from "node:assert/strict";
 *
 * assert.equal(EVENT_READ, 1);
 * assert.equal(EVENT_READ | EVENT_WRITE, 3);
 * ```
 */
export const EVENT_READ = 1;

/**
 * Python's `selectors.EVENT_WRITE`: the object is ready for writing.
 *
 * @example
 * ```ts
 * import { EVENT_WRITE } from "@ipcnet/std/selectors";
 * import assert from "node:assert/strict";
 *
 * assert.equal(EVENT_WRITE, 2);
 * ```
 */
export const EVENT_WRITE = 2;
