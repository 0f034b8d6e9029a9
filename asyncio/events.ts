// Event loop interface, handles, policies and the loop accessors
// (CPython asyncio/events.py). The concrete loop is in base_events.ts.

import { NotImplementedError, RuntimeError } from "../_errors/python_errors.ts";
import type { Future } from "./futures.ts";
import type { Task } from "./tasks.ts";
import { describeCallback } from "./_util.ts";
import { loopFactory } from "./_loop_factory.ts";
import type { Address, SocketAddress } from "../socket/address.ts";
import type { AddrInfo } from "../socket/getaddrinfo.ts";
import type { SendfileSource, Socket } from "../socket/socket.ts";
import type { SSLContext } from "../ssl/context.ts";
import type {
  ConnectAcceptedSocketOptions,
  CreateConnectionOptions,
  CreateDatagramEndpointOptions,
  CreateServerOptions,
  CreateUnixConnectionOptions,
  CreateUnixServerOptions,
  GetaddrinfoOptions,
  SendfileOptions,
  StartTlsOptions,
} from "./net_options.ts";
import type { DatagramProtocolLike, ProtocolLike } from "./protocols.ts";
import type { BaseTransport, DatagramTransport, Transport } from "./transports.ts";
import type { Server } from "./server.ts";
import type { Executor, WorkerCallable } from "./executor.ts";
import type { ExecArgs, SubprocessOptions } from "./subprocess.ts";
import type { ReadTransport, SubprocessTransport, WriteTransport } from "./transports.ts";
import type { SubprocessProtocolLike } from "./protocols.ts";
import type { PipeLike } from "./_pipe_ends.ts";

/** What `addReader`/`addWriter` watch: a descriptor, an object with `fileno()`, a socket. */
export type FileLike = number | { fileno(): number } | object;

function notImplemented(name: string): never {
  throw new NotImplementedError(`AbstractEventLoop.${name} is abstract`);
}

function abstractAsync(name: string): Promise<never> {
  return Promise.reject(new NotImplementedError(`AbstractEventLoop.${name} is abstract`));
}

/**
 * What a coroutine is in JavaScript: the Promise of an async function call, any
 * `PromiseLike`, or a zero-argument function returning one, which the task starts inside
 * itself so that `currentTask()` and cancellation work from its first line.
 */
export type Coroutine<T> = PromiseLike<T> | (() => PromiseLike<T> | T);

/** The context object given to exception handlers, with Python's keys. */
export interface ExceptionContext {
  /** What happened, always present. */
  message: string;
  /** The exception, when there is one. */
  exception?: unknown;
  /** The future or task involved (a description when it no longer exists). */
  future?: unknown;
  /** The task involved. */
  task?: unknown;
  /** The handle whose callback failed. */
  handle?: unknown;
  /** Protocol, transport and socket (asyncio I/O). */
  protocol?: unknown;
  /** The transport involved (asyncio I/O). */
  transport?: unknown;
  /** The socket involved (asyncio I/O). */
  socket?: unknown;
  /** Any other key. */
  [key: string]: unknown;
}

/** A custom exception handler: `handler(loop, context)`. */
export type ExceptionHandler = (loop: AbstractEventLoop, context: ExceptionContext) => void;

/** A task factory: `factory(loop, coro, { name })` returns a Future (normally a Task). */
export type TaskFactory = (
  loop: AbstractEventLoop,
  coro: Coroutine<unknown>,
  options?: CreateTaskOptions,
) => Future<unknown>;

/** Options of `createTask`. */
export interface CreateTaskOptions {
  /** The task's name. @default "Task-<n>" */
  name?: string;
}

/**
 * A callback scheduled by `callSoon` (Python's `asyncio.Handle`).
 *
 * @example
 * ```ts
 * import { newEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * const h = loop.callSoon(() => assert.fail("cancelled"));
 * h.cancel();
 * assert.ok(h.cancelled());
 * loop.close();
 * ```
 */
export class Handle {
  /** @internal */ _callback: ((...args: never[]) => unknown) | null;
  /** @internal */ _args: readonly unknown[];
  /** @internal */ _loop: AbstractEventLoop;
  /** @internal */ _cancelled = false;

  /**
   * Makes a handle (loops make them in `callSoon`).
   *
   * @param callback the function to call
   * @param args its arguments
   * @param loop the loop that runs it
   */
  constructor(
    callback: (...args: never[]) => unknown,
    args: readonly unknown[],
    loop: AbstractEventLoop,
  ) {
    this._callback = callback;
    this._args = args;
    this._loop = loop;
  }

  /** Cancels the callback: it will not run. Cancelling twice does nothing. */
  cancel(): void {
    if (!this._cancelled) {
      this._cancelled = true;
      this._callback = null;
      this._args = [];
    }
  }

  /** Whether `cancel()` was called. */
  cancelled(): boolean {
    return this._cancelled;
  }

  /** @internal Runs the callback; an exception goes to the loop's exception handler. */
  _run(): void {
    const cb = this._callback;
    if (cb === null) return;
    try {
      const a = this._args as never[];
      if (a.length === 0) cb();
      else cb(...a);
    } catch (exception) {
      this._loop.callExceptionHandler({
        message: `Exception in callback ${describeCallback(cb)}`,
        exception,
        handle: this,
      });
    }
  }

  /** Python's repr: `<Handle name()>`. */
  toString(): string {
    const state = this._cancelled ? " cancelled" : "";
    return `<${this.constructor.name}${state} ${describeCallback(this._callback)}>`;
  }
}

/**
 * A callback scheduled for a time by `callLater`/`callAt` (Python's `TimerHandle`).
 *
 * @example
 * ```ts
 * import { newEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * const h = loop.callAt(loop.time() + 5, () => {});
 * assert.ok(h.when() > loop.time());
 * h.cancel();
 * loop.close();
 * ```
 */
export class TimerHandle extends Handle {
  /** @internal */ _when: number;
  /** @internal */ _scheduled = false;
  /** @internal */ _seq = 0;

  /**
   * Makes a timer handle (loops make them in `callLater` and `callAt`).
   *
   * @param when the loop time (seconds) at which to run
   * @param callback the function to call
   * @param args its arguments
   * @param loop the loop that runs it
   */
  constructor(
    when: number,
    callback: (...args: never[]) => unknown,
    args: readonly unknown[],
    loop: AbstractEventLoop,
  ) {
    super(callback, args, loop);
    this._when = when;
  }

  /** The loop time, in seconds, at which the callback is scheduled. */
  when(): number {
    return this._when;
  }

  /** Cancels the callback and tells the loop, which drops it from its timer heap. */
  override cancel(): void {
    if (this._cancelled) return;
    super.cancel();
    (this._loop as unknown as { _timerHandleCancelled?(h: TimerHandle): void })
      ._timerHandleCancelled?.(this);
  }
}

/**
 * Python's `asyncio.AbstractEventLoop`: the interface every event loop offers; each method
 * here throws NotImplementedError. `BaseEventLoop` implements the core,
 * `BaseSelectorEventLoop` adds networking, and `SelectorEventLoop` (what `newEventLoop()`
 * makes) adds subprocesses, pipes, signals and the executor.
 *
 * @example
 * ```ts
 * import { AbstractEventLoop, newEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * assert.ok(loop instanceof AbstractEventLoop);
 * loop.close();
 * ```
 */
export abstract class AbstractEventLoop {
  /** Seconds a callback may run before debug mode logs a warning. @default 0.1 */
  slowCallbackDuration = 0.1;

  /** Runs until `stop()` is called; the Promise settles when the loop stops. */
  abstract runForever(): Promise<void>;
  /** Runs until `future` is done and returns its result (or throws its exception). */
  abstract runUntilComplete<T>(future: Coroutine<T> | Future<T>): Promise<T>;
  /** Stops the loop after the current batch of callbacks. */
  abstract stop(): void;
  /** Whether the loop is running. */
  abstract isRunning(): boolean;
  /** Whether the loop was closed. */
  abstract isClosed(): boolean;
  /** Closes the loop, dropping pending callbacks. */
  abstract close(): void;
  /** Finalizes asynchronous generators (see the module README). */
  abstract shutdownAsyncgens(): Promise<void>;
  /** Schedules `callback(...args)` for the next iteration, in FIFO order. */
  abstract callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle;
  /** `callSoon` that may be called from signal listeners and FFI callbacks. */
  abstract callSoonThreadsafe<A extends unknown[]>(
    callback: (...args: A) => unknown,
    ...args: A
  ): Handle;
  /** Schedules `callback(...args)` after `delay` seconds. */
  abstract callLater<A extends unknown[]>(
    delay: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle;
  /** Schedules `callback(...args)` at loop time `when` (seconds). */
  abstract callAt<A extends unknown[]>(
    when: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle;
  /** The loop's monotonic clock, in seconds. */
  abstract time(): number;
  /** A new Future attached to this loop. */
  abstract createFuture<T = unknown>(): Future<T>;
  /** Wraps a coroutine in a Task scheduled on this loop. */
  abstract createTask<T>(coro: Coroutine<T>, options?: CreateTaskOptions): Task<T>;
  /** Sets (or with `null` removes) the task factory. */
  abstract setTaskFactory(factory: TaskFactory | null): void;
  /** The task factory, or `null`. */
  abstract getTaskFactory(): TaskFactory | null;
  /** Sets (or with `null` removes) the exception handler. */
  abstract setExceptionHandler(handler: ExceptionHandler | null): void;
  /** The exception handler, or `null`. */
  abstract getExceptionHandler(): ExceptionHandler | null;
  /** Logs `context` through the asyncio logger. */
  abstract defaultExceptionHandler(context: ExceptionContext): void;
  /** Calls the exception handler (or the default one) with `context`. */
  abstract callExceptionHandler(context: ExceptionContext): void;
  /** Whether debug mode is on. */
  abstract getDebug(): boolean;
  /** Turns debug mode on or off. */
  abstract setDebug(enabled: boolean): void;

  // Networking (selector_events.ts implements them).
  // Python's abstract methods raise NotImplementedError; BaseSelectorEventLoop
  // (selector_events.ts) implements them.

  /**
   * Opens a stream connection to `host`:`port` (or over `options.sock`) and returns
   * `[transport, protocol]`. @throws {NotImplementedError} here
   */
  createConnection<P extends ProtocolLike>(
    _protocolFactory: () => P,
    _host?: string | null | CreateConnectionOptions,
    _port?: number | string | null,
    _options?: CreateConnectionOptions,
  ): Promise<[Transport, P]> {
    return abstractAsync("createConnection");
  }

  /** Opens a unix stream connection. @throws {NotImplementedError} here */
  createUnixConnection<P extends ProtocolLike>(
    _protocolFactory: () => P,
    _path?: string | null | CreateUnixConnectionOptions,
    _options?: CreateUnixConnectionOptions,
  ): Promise<[Transport, P]> {
    return abstractAsync("createUnixConnection");
  }

  /** Starts a TCP server. @throws {NotImplementedError} here */
  createServer(
    _protocolFactory: () => ProtocolLike,
    _host?: string | string[] | null | CreateServerOptions,
    _port?: number | string | null,
    _options?: CreateServerOptions,
  ): Promise<Server> {
    return abstractAsync("createServer");
  }

  /** Starts a unix socket server. @throws {NotImplementedError} here */
  createUnixServer(
    _protocolFactory: () => ProtocolLike,
    _path?: string | null | CreateUnixServerOptions,
    _options?: CreateUnixServerOptions,
  ): Promise<Server> {
    return abstractAsync("createUnixServer");
  }

  /** Wraps a connection accepted elsewhere. @throws {NotImplementedError} here */
  connectAcceptedSocket<P extends ProtocolLike>(
    _protocolFactory: () => P,
    _sock: Socket,
    _options?: ConnectAcceptedSocketOptions,
  ): Promise<[Transport, P]> {
    return abstractAsync("connectAcceptedSocket");
  }

  /** Opens a datagram endpoint. @throws {NotImplementedError} here */
  createDatagramEndpoint<P extends DatagramProtocolLike>(
    _protocolFactory: () => P,
    _options?: CreateDatagramEndpointOptions,
  ): Promise<[DatagramTransport, P]> {
    return abstractAsync("createDatagramEndpoint");
  }

  /** Sends a file over a transport. @throws {NotImplementedError} here */
  sendfile(
    _transport: BaseTransport,
    _file: SendfileSource,
    _offset?: number,
    _count?: number | null,
    _options?: SendfileOptions,
  ): Promise<number> {
    return abstractAsync("sendfile");
  }

  /** Upgrades a connection to TLS. @throws {NotImplementedError} here */
  startTls(
    _transport: BaseTransport,
    _protocol: ProtocolLike,
    _sslcontext: SSLContext,
    _options?: StartTlsOptions,
  ): Promise<Transport> {
    return abstractAsync("startTls");
  }

  /** Watches a descriptor (or socket) for reading. @throws {NotImplementedError} here */
  addReader<A extends unknown[]>(
    _fd: FileLike,
    _callback: (...args: A) => unknown,
    ..._args: A
  ): void {
    notImplemented("addReader");
  }

  /** Stops watching for reading. @throws {NotImplementedError} here */
  removeReader(_fd: FileLike): boolean {
    return notImplemented("removeReader");
  }

  /** Watches a descriptor (or socket) for writing. @throws {NotImplementedError} here */
  addWriter<A extends unknown[]>(
    _fd: FileLike,
    _callback: (...args: A) => unknown,
    ..._args: A
  ): void {
    notImplemented("addWriter");
  }

  /** Stops watching for writing. @throws {NotImplementedError} here */
  removeWriter(_fd: FileLike): boolean {
    return notImplemented("removeWriter");
  }

  /** `sock.recv` for a non-blocking socket. @throws {NotImplementedError} here */
  sockRecv(_sock: Socket, _nbytes: number): Promise<Uint8Array> {
    return abstractAsync("sockRecv");
  }

  /** `sock.recvInto` for a non-blocking socket. @throws {NotImplementedError} here */
  sockRecvInto(_sock: Socket, _buf: Uint8Array): Promise<number> {
    return abstractAsync("sockRecvInto");
  }

  /** `sock.recvfrom` for a non-blocking socket. @throws {NotImplementedError} here */
  sockRecvfrom(_sock: Socket, _bufsize: number): Promise<[Uint8Array, SocketAddress]> {
    return abstractAsync("sockRecvfrom");
  }

  /** `sock.recvfromInto` for a non-blocking socket. @throws {NotImplementedError} here */
  sockRecvfromInto(
    _sock: Socket,
    _buf: Uint8Array,
    _nbytes?: number,
  ): Promise<[number, SocketAddress]> {
    return abstractAsync("sockRecvfromInto");
  }

  /** `sock.sendall` for a non-blocking socket. @throws {NotImplementedError} here */
  sockSendall(_sock: Socket, _data: Uint8Array): Promise<void> {
    return abstractAsync("sockSendall");
  }

  /** `sock.sendto` for a non-blocking socket. @throws {NotImplementedError} here */
  sockSendto(_sock: Socket, _data: Uint8Array, _address: Address): Promise<number> {
    return abstractAsync("sockSendto");
  }

  /** `sock.connect` for a non-blocking socket. @throws {NotImplementedError} here */
  sockConnect(_sock: Socket, _address: Address): Promise<void> {
    return abstractAsync("sockConnect");
  }

  /** `sock.accept` for a non-blocking socket. @throws {NotImplementedError} here */
  sockAccept(_sock: Socket): Promise<[Socket, SocketAddress]> {
    return abstractAsync("sockAccept");
  }

  /** `sock.sendfile` for a non-blocking socket. @throws {NotImplementedError} here */
  sockSendfile(
    _sock: Socket,
    _file: SendfileSource,
    _offset?: number,
    _count?: number | null,
    _options?: SendfileOptions,
  ): Promise<number> {
    return abstractAsync("sockSendfile");
  }

  /** `socket.getaddrinfo` without blocking the loop. @throws {NotImplementedError} here */
  getaddrinfo(
    _host: string | null,
    _port: number | string | null,
    _options?: GetaddrinfoOptions,
  ): Promise<AddrInfo[]> {
    return abstractAsync("getaddrinfo");
  }

  /** `socket.getnameinfo` without blocking the loop. @throws {NotImplementedError} here */
  getnameinfo(
    _sockaddr: [host: string, port: number, flowinfo?: number, scopeId?: number],
    _flags?: number,
  ): Promise<[host: string, port: string]> {
    return abstractAsync("getnameinfo");
  }

  // Processes, pipes, signals and the executor (unix_events.ts implements them).
  // Python's abstract methods raise NotImplementedError; SelectorEventLoop
  // (unix_events.ts) implements them.

  /** Runs a program (no shell) with a subprocess protocol. @throws {NotImplementedError} here */
  subprocessExec<P extends SubprocessProtocolLike>(
    _protocolFactory: () => P,
    _program: string,
    ..._args: ExecArgs<SubprocessOptions>
  ): Promise<[SubprocessTransport, P]> {
    return abstractAsync("subprocessExec");
  }

  /** Runs a shell command with a subprocess protocol. @throws {NotImplementedError} here */
  subprocessShell<P extends SubprocessProtocolLike>(
    _protocolFactory: () => P,
    _cmd: string,
    _options?: SubprocessOptions,
  ): Promise<[SubprocessTransport, P]> {
    return abstractAsync("subprocessShell");
  }

  /** Reads a pipe with a protocol. @throws {NotImplementedError} here */
  connectReadPipe<P extends ProtocolLike>(
    _protocolFactory: () => P,
    _pipe: PipeLike,
  ): Promise<[ReadTransport, P]> {
    return abstractAsync("connectReadPipe");
  }

  /** Writes to a pipe with a protocol. @throws {NotImplementedError} here */
  connectWritePipe<P extends ProtocolLike>(
    _protocolFactory: () => P,
    _pipe: PipeLike,
  ): Promise<[WriteTransport, P]> {
    return abstractAsync("connectWritePipe");
  }

  /** Calls `callback(...args)` when signal `sig` arrives. @throws {NotImplementedError} here */
  addSignalHandler<A extends unknown[]>(
    _sig: number,
    _callback: (...args: A) => unknown,
    ..._args: A
  ): void {
    notImplemented("addSignalHandler");
  }

  /** Removes the handler of signal `sig`. @throws {NotImplementedError} here */
  removeSignalHandler(_sig: number): boolean {
    return notImplemented("removeSignalHandler");
  }

  /** Runs `func(...args)` in an executor. @throws {NotImplementedError} here */
  runInExecutor<A extends unknown[], R>(
    _executor: Executor | null,
    _func: WorkerCallable<A, R>,
    ..._args: A
  ): Future<Awaited<R>> {
    return notImplemented("runInExecutor");
  }

  /** Sets the default executor. @throws {NotImplementedError} here */
  setDefaultExecutor(_executor: Executor): void {
    notImplemented("setDefaultExecutor");
  }

  /** Shuts the default executor down. @throws {NotImplementedError} here */
  shutdownDefaultExecutor(_timeout?: number | null): Promise<void> {
    return abstractAsync("shutdownDefaultExecutor");
  }
}

/**
 * Python's `asyncio.AbstractEventLoopPolicy`: decides which loop `getEventLoop()` returns.
 *
 * @example
 * ```ts
 * import { AbstractEventLoopPolicy, getEventLoopPolicy } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.ok(getEventLoopPolicy() instanceof AbstractEventLoopPolicy);
 * ```
 */
export abstract class AbstractEventLoopPolicy {
  /** The loop of the current context. */
  abstract getEventLoop(): AbstractEventLoop;
  /** Sets the loop of the current context. */
  abstract setEventLoop(loop: AbstractEventLoop | null): void;
  /** A new loop. */
  abstract newEventLoop(): AbstractEventLoop;

  /**
   * Python's child watcher. Deno reaps child processes itself, so there is no watcher.
   *
   * @throws {NotImplementedError} always
   */
  getChildWatcher(): never {
    throw new NotImplementedError(
      "getChildWatcher: child watchers do not exist on Deno, which reaps child processes itself",
    );
  }

  /**
   * Python's child watcher. Deno reaps child processes itself, so there is no watcher.
   *
   * @throws {NotImplementedError} always
   */
  setChildWatcher(_watcher: unknown): never {
    throw new NotImplementedError(
      "setChildWatcher: child watchers do not exist on Deno, which reaps child processes itself",
    );
  }
}

/**
 * Python's default policy: one current loop for the whole isolate (Python's main
 * thread), created by the first `getEventLoop()` if none was set.
 *
 * @example
 * ```ts
 * import { DefaultEventLoopPolicy } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const policy = new DefaultEventLoopPolicy();
 * const loop = policy.getEventLoop();
 * assert.equal(policy.getEventLoop(), loop);
 * loop.close();
 * ```
 */
export class DefaultEventLoopPolicy extends AbstractEventLoopPolicy {
  #loop: AbstractEventLoop | null = null;

  /**
   * The current loop, created when there is none. (Python raises RuntimeError after
   * `set_event_loop(None)`; here a coroutine started before `run()` needs a loop to
   * bind to, so one is made, as Python does before the first `set_event_loop`.)
   */
  getEventLoop(): AbstractEventLoop {
    if (this.#loop === null) this.setEventLoop(this.newEventLoop());
    return this.#loop!;
  }

  /** Sets the current loop (`null` removes it). */
  setEventLoop(loop: AbstractEventLoop | null): void {
    if (loop !== null && !(loop instanceof AbstractEventLoop)) {
      throw new TypeError(`loop must be an instance of AbstractEventLoop or null, not ${loop}`);
    }
    this.#loop = loop;
  }

  /** A new `BaseEventLoop`. */
  newEventLoop(): AbstractEventLoop {
    const make = loopFactory();
    if (make === null) throw new RuntimeError("base_events.ts was not loaded");
    return make();
  }
}

let policy: AbstractEventLoopPolicy | null = null;
let runningLoop: AbstractEventLoop | null = null;

/** @internal The running loop or `null`. */
export function _getRunningLoop(): AbstractEventLoop | null {
  return runningLoop;
}

/** @internal Sets the running loop. */
export function _setRunningLoop(loop: AbstractEventLoop | null): void {
  runningLoop = loop;
}

/**
 * The running event loop.
 *
 * @throws {RuntimeError} "no running event loop" when no loop runs
 *
 * @example
 * ```ts
 * import { getRunningLoop, run } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => getRunningLoop(), { name: "RuntimeError" });
 * await run(async () => assert.ok(getRunningLoop().isRunning()));
 * ```
 */
export function getRunningLoop(): AbstractEventLoop {
  if (runningLoop === null) throw new RuntimeError("no running event loop");
  return runningLoop;
}

/**
 * The running loop, or else the policy's current loop (created on first use).
 *
 * @example
 * ```ts
 * import { getEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = getEventLoop();
 * assert.equal(getEventLoop(), loop);
 * ```
 */
export function getEventLoop(): AbstractEventLoop {
  return runningLoop ?? getEventLoopPolicy().getEventLoop();
}

/**
 * Sets the policy's current loop.
 *
 * @example
 * ```ts
 * import { getEventLoop, newEventLoop, setEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * setEventLoop(loop);
 * assert.equal(getEventLoop(), loop);
 * setEventLoop(null);
 * loop.close();
 * ```
 */
export function setEventLoop(loop: AbstractEventLoop | null): void {
  getEventLoopPolicy().setEventLoop(loop);
}

/**
 * A new event loop from the policy.
 *
 * @example
 * ```ts
 * import { newEventLoop } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const loop = newEventLoop();
 * assert.equal(await loop.runUntilComplete(Promise.resolve(7)), 7);
 * loop.close();
 * ```
 */
export function newEventLoop(): AbstractEventLoop {
  return getEventLoopPolicy().newEventLoop();
}

/**
 * The current policy (a `DefaultEventLoopPolicy` unless one was set).
 *
 * @example
 * ```ts
 * import { DefaultEventLoopPolicy, getEventLoopPolicy } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.ok(getEventLoopPolicy() instanceof DefaultEventLoopPolicy);
 * ```
 */
export function getEventLoopPolicy(): AbstractEventLoopPolicy {
  return policy ??= new DefaultEventLoopPolicy();
}

/**
 * Sets the policy; `null` restores a fresh default policy.
 *
 * @example
 * ```ts
 * import {
 *   DefaultEventLoopPolicy,
 *   getEventLoopPolicy,
 *   setEventLoopPolicy,
 * } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const p = new DefaultEventLoopPolicy();
 * setEventLoopPolicy(p);
 * assert.equal(getEventLoopPolicy(), p);
 * setEventLoopPolicy(null);
 * ```
 */
export function setEventLoopPolicy(newPolicy: AbstractEventLoopPolicy | null): void {
  if (newPolicy !== null && !(newPolicy instanceof AbstractEventLoopPolicy)) {
    throw new TypeError(`policy must be an instance of AbstractEventLoopPolicy or null`);
  }
  policy = newPolicy;
}

/**
 * Python's `asyncio.get_child_watcher()`: the policy's child watcher. Deno reaps child
 * processes itself, so there is none.
 *
 * @throws {NotImplementedError} always, with the reason
 *
 * @example
 * ```ts
 * import { getChildWatcher, NotImplementedError } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => getChildWatcher(), NotImplementedError);
 * ```
 */
export function getChildWatcher(): never {
  return getEventLoopPolicy().getChildWatcher();
}

/**
 * Python's `asyncio.set_child_watcher()`. Deno reaps child processes itself, so there is
 * no watcher to set.
 *
 * @throws {NotImplementedError} always, with the reason
 *
 * @example
 * ```ts
 * import { NotImplementedError, setChildWatcher } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => setChildWatcher(null), NotImplementedError);
 * ```
 */
export function setChildWatcher(watcher: unknown): never {
  return getEventLoopPolicy().setChildWatcher(watcher);
}
