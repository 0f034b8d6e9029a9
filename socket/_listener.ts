// A listening stream socket on a native Deno.Listener. One accept is in flight at a
// time; a call that gives up (timeout, abort, non-blocking) leaves it running and the
// connection it brings waits in a queue for the next accept, so none is lost.

import { BlockingIOError, fromDenoError, osError } from "../_errors/mod.ts";
import { ERRNO } from "../_ffi/errno.ts";
import { kReadyNow, kWaitReady, type NativeReadiness, type ReadinessKind } from "./readiness.ts";
import type { IoMode } from "./_stream.ts";
import { deadlineOf, remaining, waitFor } from "./_wait.ts";

export class ListenerChannel implements NativeReadiness {
  /** Sockets sharing this listener (`dup`); it closes with the last. */
  refs = 1;
  readonly listener: Deno.Listener;
  /** The backlog the listener was opened with. */
  readonly backlog: number;
  #queue: Deno.Conn[] = [];
  #inflight: Promise<void> | null = null;
  #error: unknown = undefined;
  #closed = false;

  constructor(listener: Deno.Listener, backlog: number) {
    this.listener = listener;
    this.backlog = backlog;
  }

  /** Waits for the next connection. */
  async accept(mode: IoMode): Promise<Deno.Conn> {
    if (!this.#ready()) {
      if (mode.timeout === 0) {
        void this.#fill();
        throw new BlockingIOError(ERRNO.EAGAIN);
      }
      const deadline = deadlineOf(mode.timeout);
      do {
        await waitFor(this.#fill(), remaining(deadline), mode.signal);
      } while (!this.#ready());
    }
    if (this.#closed) throw osError("EBADF");
    const conn = this.#queue.shift();
    if (conn) return conn;
    const err = this.#error;
    this.#error = undefined;
    throw err;
  }

  /** Whether nothing is accepted or being accepted, so the listener can be reopened. */
  get idle(): boolean {
    return this.#queue.length === 0 && this.#inflight === null;
  }

  /** Drops one reference; the last closes the listener and resets queued connections. */
  release(): void {
    if (--this.refs > 0 || this.#closed) return;
    this.#closed = true;
    for (const conn of this.#queue.splice(0)) conn.close();
    this.listener.close();
  }

  [kReadyNow](kind: ReadinessKind): boolean {
    if (kind === "write") return false;
    if (this.#ready()) return true;
    void this.#fill();
    return false;
  }

  async [kWaitReady](kind: ReadinessKind, signal: AbortSignal): Promise<void> {
    if (kind === "write") {
      // A listening socket never becomes writable; wait for the abort.
      await waitFor(new Promise<never>(() => {}), null, signal);
    }
    while (!this.#ready()) await waitFor(this.#fill(), null, signal);
  }

  #ready(): boolean {
    return this.#queue.length > 0 || this.#error !== undefined || this.#closed;
  }

  #fill(): Promise<void> {
    this.#inflight ??= this.listener.accept().then(
      (conn) => {
        this.#inflight = null;
        if (this.#closed) conn.close();
        else this.#queue.push(conn);
      },
      (err) => {
        this.#inflight = null;
        if (!this.#closed) this.#error = fromDenoError(err);
      },
    );
    return this.#inflight;
  }
}
