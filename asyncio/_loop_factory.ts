// base_events.ts registers the concrete loop class here, for the default policy in
// events.ts (which cannot import base_events.ts: that file extends events.ts's classes).

import type { AbstractEventLoop } from "./events.ts";

let factory: (() => AbstractEventLoop) | null = null;

/** Registers how `newEventLoop()` makes a loop. */
export function setLoopFactory(make: () => AbstractEventLoop): void {
  factory = make;
}

/** How `newEventLoop()` makes a loop, or `null` before base_events.ts is loaded. */
export function loopFactory(): (() => AbstractEventLoop) | null {
  return factory;
}
