// A virtual-time event loop for asyncio tests (CPython's test_utils.TestLoop, Tokio's
// paused clock). Time starts at 0 and only moves when the loop has nothing ready and is
// waiting for a timer: then, once Deno's pending work has run, it jumps to that timer.
// `sleep(3600)` therefore completes at once, in order, and `loop.time()` reads 3600.

import { BaseEventLoop } from "../../asyncio/base_events.ts";

export class TestLoop extends BaseEventLoop {
  #now = 0;
  #waiting = false;

  /** Virtual seconds since the loop was made. */
  override time(): number {
    return this.#now;
  }

  /** Moves the clock forward by hand. */
  advance(seconds: number): void {
    if (seconds < 0) throw new RangeError("time only moves forward");
    this.#now += seconds;
  }

  /** Ready callbacks and timers still queued. */
  pending(): { ready: number; timers: number } {
    return this._pending();
  }

  protected override _waitForTimer(_delay: number): void {
    this.#waiting = true;
    this._wakeSoon();
  }

  protected override _beforeIteration(macro: boolean): void {
    if (!macro || !this.#waiting) return;
    this.#waiting = false;
    if (this._pending().ready > 0) return;
    const when = this._nextTimerWhen();
    if (when !== undefined && when > this.#now) this.#now = when;
  }
}
