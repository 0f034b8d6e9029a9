// Shared fixtures of the selectors tests: descriptor hygiene (no leaked fds, reactor idle),
// kernel pipes and socket pairs, native TCP pairs.

import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { reactorState } from "../../_ffi/reactor.ts";
import * as S from "../../_ffi/sockets.ts";
import type { BaseSelector } from "../../selectors/mod.ts";
import { type Socket, socketpair } from "../../socket/mod.ts";
import { openFds } from "../_helpers/fd_guard.ts";
import { connectedPair } from "../_helpers/loopback.ts";

/** Makes a fresh selector of the class under test. */
export type Factory = () => BaseSelector<unknown>;

/**
 * Wraps a test body: every resource it adds to `res` is closed afterwards (even when it
 * fails), then it fails if descriptors leaked or the shared reactor is still parked.
 */
export function guarded(
  body: (res: Resources, t: Deno.TestContext) => Promise<void> | void,
): (t: Deno.TestContext) => Promise<void> {
  return async (t) => {
    const before = new Set(openFds());
    const res = new Resources();
    try {
      await body(res, t);
    } finally {
      res.closeAll();
    }
    const state = reactorState();
    assert.ok(!state.parked && state.waiters === 0, `reactor busy: ${JSON.stringify(state)}`);
    // Deno releases a native socket's descriptor when the read it had in flight is
    // cancelled, a turn or two of the event loop after close(): give it those turns.
    const own = new Set(state.fds);
    let leaked: number[] = [];
    for (let turn = 0; turn < 50; turn++) {
      // (The descriptor that listed the directory shows up too, closed by now.)
      leaked = openFds().filter((fd) => !before.has(fd) && !own.has(fd) && isOpen(fd));
      if (leaked.length === 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const what = leaked.map((fd) => {
      try {
        return Deno.readLinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return "?";
      }
    });
    throw new Error(`Leaked file descriptors: ${leaked.join(", ")} (${what.join(", ")})`);
  };
}

function isOpen(fd: number): boolean {
  try {
    Deno.readLinkSync(`/proc/self/fd/${fd}`);
    return true;
  } catch {
    return Deno.build.os !== "linux";
  }
}

/** Things a test opened, closed in reverse order at its end. */
export class Resources {
  #closers: Array<() => void> = [];

  /** Registers anything with `close()` (closing twice must be harmless). */
  add<T extends { close(): void }>(thing: T): T {
    this.#closers.push(() => thing.close());
    return thing;
  }

  /** A kernel pipe `[read, write]`; closing an already closed end is ignored. */
  pipe(): [number, number] {
    const [r, w] = S.pipe();
    for (const fd of [r, w]) this.#closers.push(() => closeQuietly(fd));
    return [r, w];
  }

  /** A kernel socket pair (AF_UNIX, with --allow-ffi). */
  kernelPair(): [Socket, Socket] {
    const [a, b] = socketpair();
    this.add(a);
    this.add(b);
    return [a, b];
  }

  /** A connected native TCP pair `[client, server-side]`. */
  async nativePair(): Promise<[Socket, Socket]> {
    const [client, conn, server] = await connectedPair();
    this.add(client);
    this.add(conn);
    server.close();
    return [client, conn];
  }

  /** Closes everything, newest first. */
  closeAll(): void {
    for (const close of this.#closers.splice(0).reverse()) close();
  }
}

/** Closes a descriptor unless it is already closed. */
export function closeQuietly(fd: number): void {
  try {
    S.close(fd);
  } catch {
    // Closed by the test itself.
  }
}

/** Waits `ms` milliseconds (only to let time pass in timeout tests, never to synchronise). */
export function elapse(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `[fd or fileobj-data, events]` pairs of a select() result, sorted, for comparisons. */
export function summary(ready: Array<[{ data: unknown }, number]>): Array<[unknown, number]> {
  return ready.map(([key, events]) => [key.data, events] as [unknown, number]).sort((a, b) =>
    String(a[0]).localeCompare(String(b[0]))
  );
}
