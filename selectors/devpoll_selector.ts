// Python's selectors.DevpollSelector: Solaris's /dev/poll, which no platform Deno runs on
// has. The class exists so that code naming it type-checks; constructing it throws.

import { devpoll } from "../select/devpoll.ts";
import { type Ready, SelectorImpl } from "./_selector_impl.ts";

/**
 * Python's `selectors.DevpollSelector` (Solaris's `/dev/poll`). Deno runs on no platform
 * that has it, so constructing one always throws `OSError` with errno `ENOSYS`, as Python
 * lacks the class there.
 *
 * @typeParam T the type of the data attached to registrations
 *
 * @example
 * ```ts
 * import { DevpollSelector } from "@ipcnet/std/selectors";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => new DevpollSelector(), { name: "OSError", code: "ENOSYS" });
 * ```
 */
export class DevpollSelector<T = unknown> extends SelectorImpl<T> {
  /**
   * Always throws.
   *
   * @throws {OSError} with errno `ENOSYS`
   */
  constructor() {
    super();
    devpoll();
  }

  /**
   * The /dev/poll descriptor (never reached: the constructor throws).
   *
   * @returns never
   * @throws {OSError} with errno `ENOSYS`
   */
  fileno(): number {
    return devpoll();
  }

  /** @ignore */
  protected _add(): void {
    devpoll();
  }

  /** @ignore */
  protected _remove(): void {}

  /** @ignore */
  protected _change(): void {
    devpoll();
  }

  /** @ignore */
  protected _poll(_ready: Ready<T>[]): void {}

  /** @ignore */
  protected _wait(): Promise<unknown> {
    return Promise.reject(new Error("unreachable"));
  }
}
