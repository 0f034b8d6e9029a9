// Python's asyncore polling functions: loop(), poll() (select), poll2()/poll3() (poll) and
// the dispatch helpers read(), write(), readwrite(), plus close_all(). Each poll builds its
// sets from the map as Python does: kernel descriptors by number, native sockets (whose key
// is a synthetic descriptor) as objects, through the select module. Handlers may return
// Promises; each is awaited before the next is called and before the next poll.

import { OSError } from "../_errors/os_error.ts";
import { ERRNO } from "../_ffi/errno.ts";
import { POLLERR, POLLHUP, POLLIN, POLLNVAL, POLLOUT, POLLPRI } from "../select/constants.ts";
import { Poll } from "../select/poll.ts";
import { select } from "../select/select.ts";
import { isSyntheticFd } from "../selectors/_fileobj.ts";
import { KeyboardInterrupt } from "../signal/errors.ts";
import type { Dispatcher } from "./dispatcher.ts";
import { ExitNow } from "./errors.ts";
import { type SocketMap, socketMap } from "./socket_map.ts";

/** Options of {@linkcode loop}. */
export interface LoopOptions {
  /**
   * Seconds each poll waits at most.
   *
   * @default {30}
   */
  timeout?: number;
  /**
   * Poll with `select.poll()` rather than `select.select()`.
   *
   * @default {false}
   */
  usePoll?: boolean;
  /**
   * The map of dispatchers to poll.
   *
   * @default {socketMap}
   */
  map?: SocketMap;
  /**
   * How many polls at most; `null` polls until the map is empty.
   *
   * @default {null}
   */
  count?: number | null;
}

const DISCONNECTED = new Set(
  ["ECONNRESET", "ENOTCONN", "ESHUTDOWN", "ECONNABORTED", "EPIPE", "EBADF"].map((n) => ERRNO[n]),
);

/**
 * Python's `asyncore.loop`: polls the map until it is empty (or `count` polls have run),
 * calling the dispatchers' handlers. Resolves when done; rejects with `ExitNow` or
 * `KeyboardInterrupt` from a handler, or with an error of the poll itself.
 *
 * @deprecated asyncore is deprecated in Python (3.6) and removed in 3.12: use
 * `@ipcnet/std/asyncio` for new code.
 *
 * @param options `timeout`, `usePoll`, `map`, `count`
 * @returns when the loop ends
 *
 * @example
 * ```ts
 * import { Dispatcher, loop } from "@ipcnet/std/asyncore";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _b = b;
 * let writes = 0;
 * class Once extends Dispatcher {
 *   override handleWrite(): void {
 *     writes++;
 *     this.close(); // leaves the map: the loop ends
 *   }
 * }
 * const map = new Map();
 * new Once(a, map);
 * await loop({ map, usePoll: true });
 * assert.equal(writes, 1);
 * assert.equal(map.size, 0);
 * ```
 */
export async function loop(options: LoopOptions = {}): Promise<void> {
  const { timeout = 30, usePoll = false, map = socketMap, count = null } = options;
  const pollFn = usePoll ? poll2 : poll;
  if (count === null) {
    while (map.size > 0) await pollFn(timeout, map);
  } else {
    for (let n = count; map.size > 0 && n > 0; n--) await pollFn(timeout, map);
  }
}

/**
 * Python's `asyncore.poll`: one `select.select()` over the map, then the handlers.
 *
 * @param timeout seconds to wait at most (default 0)
 * @param map the map (default: `socketMap`)
 * @returns when the handlers are done
 *
 * @example
 * ```ts
 * import { poll } from "@ipcnet/std/asyncore";
 *
 * await poll(0, new Map()); // nothing to do
 * ```
 */
export async function poll(timeout: number = 0, map: SocketMap = socketMap): Promise<void> {
  if (map.size === 0) return;
  const entries = await settled(map);
  if (entries.length === 0) return;
  const r: unknown[] = [];
  const w: unknown[] = [];
  const e: unknown[] = [];
  const owner = new Map<unknown, number>();
  for (const [fd, obj] of entries) {
    const target = targetOf(fd, obj);
    if (target === null) continue;
    const isR = obj.readable();
    const isW = obj.writable();
    if (isR) r.push(target);
    if (isW && !obj.accepting) w.push(target); // accepting sockets should not be writable
    if (isR || isW) e.push(target);
    owner.set(target, fd);
  }
  if (r.length === 0 && w.length === 0 && e.length === 0) return await sleep(timeout);
  const [rr, ww, ee] = await select(r, w, e, timeout);
  const steps: Array<[unknown[], (obj: Dispatcher) => Promise<void>]> = [
    [rr, read],
    [ww, write],
    [ee, exception],
  ];
  for (const [list, handle] of steps) {
    for (const target of list) {
      const obj = map.get(owner.get(target)!);
      if (obj !== undefined) await handle(obj);
    }
  }
}

/**
 * Python's `asyncore.poll2` (and `poll3`): one `select.poll()` over the map's kernel
 * descriptors (raced with the native sockets), then `readwrite` for each ready one.
 *
 * @param timeout seconds to wait at most (default 0)
 * @param map the map (default: `socketMap`)
 * @returns when the handlers are done
 *
 * @example
 * ```ts
 * import { poll2 } from "@ipcnet/std/asyncore";
 *
 * await poll2(0, new Map()); // nothing to do
 * ```
 */
export async function poll2(timeout: number = 0, map: SocketMap = socketMap): Promise<void> {
  if (map.size === 0) return;
  const entries = await settled(map);
  if (entries.length === 0) return;
  const pollster = new Poll();
  let kernel = 0;
  const nr: unknown[] = [];
  const nw: unknown[] = [];
  const owner = new Map<unknown, number>();
  for (const [fd, obj] of entries) {
    const target = targetOf(fd, obj);
    if (target === null) continue;
    let flags = 0;
    if (obj.readable()) flags |= POLLIN | POLLPRI;
    if (obj.writable() && !obj.accepting) flags |= POLLOUT; // accepting: never writable
    if (flags === 0) continue;
    if (typeof target === "number") {
      pollster.register(target, flags);
      kernel++;
    } else {
      if (flags & POLLIN) nr.push(target);
      if (flags & POLLOUT) nw.push(target);
      owner.set(target, fd);
    }
  }
  if (kernel === 0 && nr.length === 0 && nw.length === 0) return await sleep(timeout);
  const ready = new Map<number, number>();
  const ctl = new AbortController();
  const waits: Promise<void>[] = [];
  if (kernel > 0) {
    waits.push(
      pollster.poll(Math.trunc(timeout * 1000), { signal: ctl.signal }).then((got) => {
        for (const [fd, flags] of got) ready.set(fd, (ready.get(fd) ?? 0) | flags);
      }),
    );
  }
  if (nr.length + nw.length > 0) {
    waits.push(
      select(nr, nw, [], timeout, { signal: ctl.signal }).then(([rr, ww]) => {
        for (const [list, flag] of [[rr, POLLIN], [ww, POLLOUT]] as const) {
          for (const t of list) ready.set(owner.get(t)!, (ready.get(owner.get(t)!) ?? 0) | flag);
        }
      }),
    );
  }
  let failure: unknown = null;
  try {
    await Promise.race(waits);
  } catch (err) {
    failure = err;
  }
  ctl.abort();
  for (const result of await Promise.allSettled(waits)) {
    if (result.status === "rejected" && result.reason !== ctl.signal.reason) {
      failure ??= result.reason;
    }
  }
  if (failure !== null && failure !== ctl.signal.reason) throw failure;
  for (const [fd, flags] of ready) {
    const obj = map.get(fd);
    if (obj !== undefined) await readwrite(obj, flags);
  }
}

/** Python's `asyncore.poll3`: the same as {@linkcode poll2}. */
export const poll3: typeof poll2 = poll2;

/**
 * Python's `asyncore.read`: calls `obj.handleReadEvent()`, passing what it throws to
 * `obj.handleError()` (except `ExitNow` and `KeyboardInterrupt`, which go on).
 *
 * @param obj the dispatcher
 * @returns when the handlers are done
 */
export async function read(obj: Dispatcher): Promise<void> {
  try {
    await obj.handleReadEvent();
  } catch (err) {
    if (reraised(err)) throw err;
    await obj.handleError(err);
  }
}

/**
 * Python's `asyncore.write`: calls `obj.handleWriteEvent()`, passing what it throws to
 * `obj.handleError()` (except `ExitNow` and `KeyboardInterrupt`).
 *
 * @param obj the dispatcher
 * @returns when the handlers are done
 */
export async function write(obj: Dispatcher): Promise<void> {
  try {
    await obj.handleWriteEvent();
  } catch (err) {
    if (reraised(err)) throw err;
    await obj.handleError(err);
  }
}

/**
 * Python's `asyncore.readwrite`: the handlers for `POLL*` flags: read, write, priority
 * data, then `handleClose` on a hang-up, an error or an invalid descriptor. A disconnection
 * error calls `handleClose`; anything else but `ExitNow` and `KeyboardInterrupt` goes to
 * `handleError`.
 *
 * @param obj the dispatcher
 * @param flags `POLL*` bits
 * @returns when the handlers are done
 */
export async function readwrite(obj: Dispatcher, flags: number): Promise<void> {
  try {
    if (flags & POLLIN) await obj.handleReadEvent();
    if (flags & POLLOUT) await obj.handleWriteEvent();
    if (flags & POLLPRI) await obj.handleExptEvent();
    if (flags & (POLLHUP | POLLERR | POLLNVAL)) await obj.handleClose();
  } catch (err) {
    if (err instanceof OSError) {
      if (DISCONNECTED.has(err.errno!)) await obj.handleClose();
      else await obj.handleError(err);
    } else if (reraised(err)) {
      throw err;
    } else {
      await obj.handleError(err);
    }
  }
}

/**
 * Python's `asyncore.close_all`: closes every dispatcher of the map, then clears it.
 *
 * @param map the map (default: `socketMap`)
 * @param ignoreAll ignore every error, not only `EBADF`
 *
 * @example
 * ```ts
 * import { closeAll, Dispatcher } from "@ipcnet/std/asyncore";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * const map = new Map();
 * new Dispatcher(a, map);
 * new Dispatcher(b, map);
 * closeAll(map);
 * assert.equal(map.size, 0);
 * assert.ok(a.closed && b.closed);
 * ```
 */
export function closeAll(map: SocketMap = socketMap, ignoreAll: boolean = false): void {
  for (const obj of [...map.values()]) {
    try {
      obj.close();
    } catch (err) {
      if (err instanceof OSError && err.code === "EBADF") continue;
      if (reraised(err) || !ignoreAll) throw err;
    }
  }
  map.clear();
}

async function exception(obj: Dispatcher): Promise<void> {
  try {
    await obj.handleExptEvent();
  } catch (err) {
    if (reraised(err)) throw err;
    await obj.handleError(err);
  }
}

// Awaits the connects still under way (they may fail into handleError), then snapshots.
async function settled(map: SocketMap): Promise<Array<[number, Dispatcher]>> {
  for (const obj of map.values()) {
    const pending = obj._settle();
    if (pending) await pending;
  }
  return [...map];
}

// What the select module waits on: a kernel descriptor by number, a native socket itself.
function targetOf(fd: number, obj: Dispatcher): unknown {
  if (!isSyntheticFd(fd)) return fd;
  return obj.socket ?? null;
}

function reraised(err: unknown): boolean {
  return err instanceof ExitNow || err instanceof KeyboardInterrupt;
}

function sleep(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, seconds) * 1000));
}
