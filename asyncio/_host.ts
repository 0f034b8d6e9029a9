// Who is awaiting: the bookkeeping that lets task.cancel() reach the exact await a task
// is suspended in (Python's Task._fut_waiter), and that gives every coroutine its task.
//
// The async context (see _context.ts) holds a Box naming the task of the running code.
// A task started from a function runs in its own box. Where a coroutine is about to
// await an asyncio awaitable, a fresh box (same task) is entered synchronously, so the
// await's continuation carries it. A coroutine that was called before any task existed
// (a Promise handed to createTask, gather, run, ...) is suspended with such a fresh box
// still "open"; the new task claims it, and from then on the coroutine runs as that task.
//
// A host (a task, or the loop's root) has one waiter slot for its chain of awaits;
// awaits by other coroutines running as the same task (started and not awaited) go to
// `guests`.

import { contextValue, enterContext, enterDerivedContext } from "./_context.ts";

/** Something a task can be suspended in. */
export interface Waiter {
  /** Cancels it; the awaiting code gets CancelledError. False when already done. */
  cancel(msg?: string): boolean;
  /** Whether it is settled. */
  done(): boolean;
}

/** Fields shared by Task and the loop's root host. */
export interface Host {
  /** The waiter of the host's own chain of awaits (Python's `_fut_waiter`). */
  _fw: Waiter | null;
  /** Waiters of other coroutines running as the same host. */
  _guests: Waiter[] | null;
  /** A cancellation requested while nothing could receive it. */
  _mustCancel: boolean;
  /** Its message. */
  _cancelMessage: string | undefined;
}

/** The loop internals that futures and tasks use. */
export interface LoopInternals {
  /** Appends an entry to the ready queue. */
  _schedule(entry: ReadyEntry): void;
  /** The host for code outside any task. */
  _rootHost(): Host;
}

/** An entry of the loop's ready queue. */
export interface ReadyEntry {
  /** Runs it. */
  _run(): void;
}

/** A host that is no task: the loop's root. */
export class RootHost implements Host {
  _fw: Waiter | null = null;
  _guests: Waiter[] | null = null;
  _mustCancel = false;
  _cancelMessage: string | undefined = undefined;
}

/** The value kept in the async context. */
export class Box {
  /** The task (host) of the code running in this box; `null` outside any task. */
  task: Host | null;
  /** The box that was current when this one was entered, while this one is open. */
  parent: Box | null;
  /** Entered at an await that has not resumed, and not claimed by a task. */
  open: boolean;
  /** The waiter of that await. */
  waiter: Waiter | null = null;

  constructor(task: Host | null, parent: Box | null, open: boolean) {
    this.task = task;
    this.parent = parent;
    this.open = open;
  }
}

/** The box of the running code, or `undefined` in the root context. */
export function currentBox(): Box | undefined {
  return contextValue() as Box | undefined;
}

/** The host of the running code. */
export function currentHost(loop: LoopInternals): Host {
  const b = contextValue() as Box | undefined;
  return b?.task ?? loop._rootHost();
}

/** Enters a fresh box where a coroutine is about to await (synchronously, before it). */
export function enterAwaitBox(): Box {
  return enterDerivedContext(makeAwaitBox);
}

function makeAwaitBox(current: unknown): Box {
  const cur = current as Box | undefined;
  return cur === undefined ? new Box(null, null, true) : new Box(cur.task, cur, true);
}

/** The await of `box` resumed (or was cancelled): it can no longer be claimed. */
export function closeBox(box: Box | null): void {
  if (box === null) return;
  box.open = false;
  box.parent = null;
  box.waiter = null;
}

/**
 * Registers `w`, awaited by the code running in `box`, with its host. Returns the host,
 * or `null` when a cancellation was pending: the caller must then throw CancelledError
 * at this await instead of suspending.
 */
export function registerAwait(loop: LoopInternals, box: Box, w: Waiter): Host | null {
  const host = box.task ?? loop._rootHost();
  box.waiter = w;
  if (registerWaiter(host, w)) {
    closeBox(box);
    return null;
  }
  return host;
}

/** Records that `host` awaits `w`; true when a pending cancellation must be thrown now. */
export function registerWaiter(host: Host, w: Waiter): boolean {
  const fw = host._fw;
  if (fw === null || fw.done()) {
    host._fw = w;
    if (host._mustCancel) {
      host._mustCancel = false;
      host._fw = null;
      return true;
    }
    return false;
  }
  let g = host._guests;
  if (g === null) g = host._guests = [];
  else if (g.length >= 16 && (g.length & (g.length - 1)) === 0) {
    // Settled waiters are dropped when the list reaches a power of two, so that many
    // pending guests cost amortized O(1) per await rather than a scan each.
    let j = 0;
    for (let i = 0; i < g.length; i++) if (!g[i].done()) g[j++] = g[i];
    g.length = j;
  }
  g.push(w);
  return false;
}

/** The waiter settled: free the slot. */
export function releaseWaiter(host: Host, w: Waiter): void {
  if (host._fw === w) host._fw = null;
}

// Boxes claimed ahead of time for the coroutines of one gather()/wait() call.
let preclaimed: Box[] = [];

/**
 * Claims the open boxes of the `count` coroutines started last in the running code,
 * oldest first, and makes the box they were started from current again. The boxes are
 * handed, in order, to the next `count` tasks made from Promises.
 */
export function preclaimBoxes(count: number): void {
  preclaimed = claimBoxes(count);
}

/** Drops what `preclaimBoxes` left unused. */
export function clearPreclaimed(): void {
  preclaimed = [];
}

/**
 * For a task made from an already-started Promise: the box its coroutine is suspended
 * in, now owned by `task`, or `null` when it cannot be found (the coroutine's first
 * await was not an asyncio awaitable).
 */
export function claimBoxFor(task: Host, loop: LoopInternals): Box | null {
  const box = preclaimed.length > 0 ? preclaimed.shift()! : claimBoxes(1)[0] ?? null;
  if (box === null) return null;
  const w = box.waiter;
  if (w !== null && !w.done()) {
    const old = box.task ?? loop._rootHost();
    if (old._fw === w) old._fw = null;
    else if (old._guests !== null) {
      const k = old._guests.indexOf(w);
      if (k >= 0) old._guests.splice(k, 1);
    }
    task._fw = w;
  }
  box.task = task;
  return box;
}

function claimBoxes(count: number): Box[] {
  const out: Box[] = [];
  let b = contextValue() as Box | undefined | null;
  while (out.length < count && b != null && b.open) {
    out.push(b);
    b = b.parent;
  }
  if (out.length === 0) return out;
  for (const x of out) x.open = false;
  enterContext(b ?? undefined);
  return out.reverse();
}
