// Descriptor hygiene that holds under `deno test --parallel`, where test files share one
// process and counting every descriptor (fdGuard) would also see other files' sockets:
// each descriptor a test makes is recorded with the identity of what it refers to
// ("socket:[12345]", "pipe:[678]", from /proc/self/fd on Linux), and the test fails if any
// of them still refers to the same object when it ends. The test also fails if the reactor
// is still parked on Deno's FFI thread pool.

import { reactorState } from "../../_ffi/reactor.ts";

/** Records the descriptors a test makes. */
export class FdTracker {
  #fds = new Map<number, string>();

  /** Records `fds` (a number or several) and returns them unchanged. */
  add<T extends number | readonly number[]>(fds: T): T {
    for (const fd of typeof fds === "number" ? [fds] : fds as readonly number[]) {
      this.#fds.set(fd, identity(fd) ?? "?");
    }
    return fds;
  }

  /** The recorded descriptors that still refer to what they referred to. */
  leaked(): number[] {
    return [...this.#fds].filter(([fd, id]) => id !== "?" && identity(fd) === id).map(([fd]) => fd);
  }
}

/**
 * Wraps a test body: fails it if a descriptor it recorded is still open when it returns,
 * or if the reactor is still parked.
 */
export function tracked(
  body: (t: Deno.TestContext, fds: FdTracker) => Promise<void> | void,
): (t: Deno.TestContext) => Promise<void> {
  return async (t) => {
    const fds = new FdTracker();
    await body(t, fds);
    const leaked = fds.leaked();
    if (leaked.length > 0) throw new Error(`Leaked file descriptors: ${leaked.join(", ")}`);
    const state = reactorState();
    if (state.parked || state.waiters > 0) {
      throw new Error(`Reactor still busy: ${JSON.stringify(state)}`);
    }
  };
}

function identity(fd: number): string | undefined {
  try {
    // macOS has no /proc: an open descriptor is all that can be told there.
    if (Deno.build.os !== "linux") return Deno.statSync(`/dev/fd/${fd}`) ? "open" : undefined;
    return Deno.readLinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}
