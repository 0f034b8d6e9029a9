// The fd-leak guard for tests with native UDP sockets. node:dgram closes its descriptor
// only when its "close" event fires, after `close()` has returned, so counting right after
// the test body would report every native UDP socket as leaked. This guard waits for those
// events (never for a timer) before counting.

import { once } from "node:events";
import type { Socket } from "../../socket/mod.ts";
import type { SocketCore } from "../../socket/_core.ts";
import { coreOf } from "../../socket/_core_access.ts";
import { fdGuard } from "../_helpers/fd_guard.ts";

/** Registers a bound socket whose descriptor the guard must see closed; returns it. */
export type Track = (sock: Socket) => Socket;

/**
 * `fdGuard` for bodies that open UDP sockets: pass each one to `track` once it is bound,
 * and close it in the body. Other sockets (kernel ones, TCP) need no waiting and may be
 * passed too.
 */
export function dgramFdGuard(
  body: (track: Track, t: Deno.TestContext) => Promise<void> | void,
): (t: Deno.TestContext) => Promise<void> {
  return fdGuard(async (t) => {
    const tracked: [SocketCore, Promise<unknown>][] = [];
    const track: Track = (sock) => {
      const core = coreOf(sock);
      if (core?.dgram) tracked.push([core, once(core.dgram.sock, "close")]);
      else if (!core || (core.isDgram && !core.kernel)) {
        throw new Error("dgramFdGuard: track a UDP socket once it is bound, before closing it");
      }
      return sock;
    };
    await body(track, t);
    // A socket left open never closes: skip it, and let the count report it.
    await Promise.all(tracked.filter(([core]) => core.closed).map(([, closed]) => closed));
  });
}
