// Small helpers shared by the asyncio files.

import { _getRunningLoop, type AbstractEventLoop, getEventLoop } from "./events.ts";
import type { Future } from "./futures.ts";
import { logger } from "./log.ts";
import { ValueError } from "./exceptions.ts";

/** The loop to use when none is given (Python 3.6: `get_event_loop()`). */
export function defaultLoop(): AbstractEventLoop {
  return _getRunningLoop() ?? getEventLoop();
}

/** Python's `_format_callback`: the callback's name for messages. */
export function describeCallback(cb: unknown): string {
  if (typeof cb !== "function") return String(cb);
  return `${cb.name || "<anonymous>"}()`;
}

/** Python's reprlib-style short description of a value. */
export function describeValue(v: unknown): string {
  if (v instanceof Error) return `${v.name}(${JSON.stringify(v.message)})`;
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 37) + "..." : v);
  if (typeof v === "function") return describeCallback(v);
  try {
    const s = String(v);
    return s.length > 40 ? s.slice(0, 37) + "..." : s;
  } catch {
    return typeof v;
  }
}

/** Debug mode: the stack where an object was made, without this module's frames. */
export function creationStack(): string {
  const lines = (new Error().stack ?? "").split("\n").slice(1);
  return lines.filter((l) => !l.includes("/asyncio/")).map((l) => l.trim()).join("\n");
}

/**
 * Waits until a new transport has called `connectionMade` (its `waiter`), and closes the
 * transport when that fails or the wait is cancelled; resolves to `[transport, protocol]`.
 */
export async function whenConnected<T extends { close(): void }, P>(
  transport: T,
  protocol: P,
  waiter: Future<unknown>,
): Promise<[T, P]> {
  try {
    await waiter;
  } catch (e) {
    transport.close();
    throw e;
  }
  return [transport, protocol];
}

/**
 * Python's `_fatal_error` report for a transport: a `quiet` error (one the peer caused)
 * goes to the debug log in debug mode only, any other to the loop's exception handler.
 */
export function reportFatal(
  loop: AbstractEventLoop,
  transport: object,
  protocol: unknown,
  exc: unknown,
  message: string,
  quiet: boolean,
): void {
  if (!quiet) loop.callExceptionHandler({ message, exception: exc, transport, protocol });
  else if (loop.getDebug()) logger.debug(`${transport}: ${message}`, exc);
}

/** Python's check that the protocol factory is callable. */
export function checkFactory(f: unknown): void {
  if (typeof f !== "function") throw new TypeError("protocolFactory must be callable");
}

/** Python's check that `ssl_handshake_timeout` comes with `ssl`. */
export function checkHandshakeTimeout(ssl: unknown, timeout: number | null | undefined): void {
  if (timeout != null && !ssl) {
    throw new ValueError("ssl_handshake_timeout is only meaningful with ssl");
  }
}

/**
 * Calls the protocol's `connectionLost(exc)` from a transport's own callback, reporting an
 * exception to the loop's handler as a failed `callSoon` callback would be.
 */
export function callConnectionLost(
  loop: AbstractEventLoop,
  transport: object,
  protocol: { connectionLost?(exc: unknown): void },
  exc: unknown,
): void {
  try {
    protocol.connectionLost?.(exc);
  } catch (e) {
    loop.callExceptionHandler({
      message: "Exception in callback protocol.connection_lost()",
      exception: e,
      transport,
      protocol,
    });
  }
}
