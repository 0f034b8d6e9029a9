// The subprocess transport (CPython asyncio/base_subprocess.py and unix_events.py's
// _UnixSubprocessTransport): a child process and a pipe transport per piped standard
// stream. Protocol callbacks run in Python's order: connectionMade first (after the pipes
// are connected), pipeDataReceived and pipeConnectionLost per pipe, processExited, and
// connectionLost last, once every pipe is closed and the child has exited.

import { ProcessLookupError } from "../_errors/os_error.ts";
import { ValueError } from "../_errors/python_errors.ts";
import { Signals } from "../signal/enums.ts";
import { SIGKILL, SIGTERM } from "../signal/constants.ts";
import type { BaseEventLoop } from "./base_events.ts";
import type { Future } from "./futures.ts";
import { logger } from "./log.ts";
import type { SubprocessProtocolLike } from "./protocols.ts";
import { type BaseTransport, SubprocessTransport } from "./transports.ts";
import { ReadPipeTransport, WritePipeTransport } from "./_pipe_transports.ts";
import type { Spawned } from "./_subprocess_spawn.ts";

type Call = [(...args: never[]) => unknown, unknown[]];

/** Python's WriteSubprocessPipeProto / ReadSubprocessPipeProto. */
class PipeProto {
  pipe: ReadPipeTransport | WritePipeTransport | null = null;
  disconnected = false;
  #proc: UnixSubprocessTransport | null;
  readonly fd: number;

  constructor(proc: UnixSubprocessTransport, fd: number) {
    this.#proc = proc;
    this.fd = fd;
  }

  connectionMade(transport: BaseTransport): void {
    this.pipe = transport as ReadPipeTransport | WritePipeTransport;
  }

  connectionLost(exc: unknown): void {
    this.disconnected = true;
    this.#proc?._pipeConnectionLost(this.fd, exc);
    this.#proc = null;
  }

  pauseWriting(): void {
    this.#proc?._protocol().pauseWriting?.();
  }

  resumeWriting(): void {
    this.#proc?._protocol().resumeWriting?.();
  }

  dataReceived(data: Uint8Array): void {
    this.#proc?._pipeDataReceived(this.fd, data);
  }
}

/** The transport `subprocessExec`/`subprocessShell` return. */
export class UnixSubprocessTransport extends SubprocessTransport {
  readonly #loop: BaseEventLoop;
  #protocol: SubprocessProtocolLike;
  #proc: Spawned | null;
  readonly #pid: number;
  #returncode: number | null = null;
  #exitWaiters: Future<number>[] | null = [];
  #pending: Call[] | null = [];
  readonly #pipes = new Map<number, PipeProto>();
  #finished = false;
  #closed = false;

  /**
   * Wraps a started child. `waiter` resolves once the pipes are connected.
   */
  constructor(
    loop: BaseEventLoop,
    protocol: SubprocessProtocolLike,
    proc: Spawned,
    waiter: Future<unknown> | null,
    extra?: Record<string, unknown>,
  ) {
    super({ ...extra, subprocess: proc.child });
    this.#loop = loop;
    this.#protocol = protocol;
    this.#proc = proc;
    this.#pid = proc.pid;
    if (proc.stdin !== null) {
      const p = this.#pipe(0);
      p.pipe = new WritePipeTransport(loop, proc.stdin, p, { pipe: proc.pipes[0] });
    }
    for (const fd of [1, 2] as const) {
      const source = fd === 1 ? proc.stdout : proc.stderr;
      if (source === null) continue;
      const p = this.#pipe(fd);
      p.pipe = new ReadPipeTransport(loop, source, p, { pipe: proc.pipes[fd] });
    }
    // After the pipes' connectionMade, as Python's _connect_pipes task.
    loop.callSoon(() => {
      loop.callSoon(() => this.#protocol.connectionMade?.(this));
      for (const [cb, args] of this.#pending!) loop.callSoon(cb, ...(args as never[]));
      this.#pending = null;
      if (waiter !== null && !waiter.cancelled()) waiter.setResult(null);
    });
    proc.exited.then((rc) => {
      if (this.#loop.isClosed()) this.#returncode ??= rc;
      else this.#loop.callSoon(this.#processExited, rc);
    });
  }

  /** The child's process id. */
  override getPid(): number {
    return this.#pid;
  }

  /** The return code (negative: killed by that signal), or null while the child runs. */
  override getReturncode(): number | null {
    return this.#returncode;
  }

  /** The transport of pipe `fd` (0 stdin, 1 stdout, 2 stderr), or null if not piped. */
  override getPipeTransport(fd: number): ReadPipeTransport | WritePipeTransport | null {
    return this.#pipes.get(fd)?.pipe ?? null;
  }

  /**
   * Sends `signal` (a number or a name such as "SIGTERM") to the child; nothing happens
   * once it has exited.
   *
   * @throws {ProcessLookupError} after the transport has finished
   * @throws {ValueError} for an unknown signal name
   */
  override sendSignal(signal: number | Deno.Signal): void {
    const proc = this.#checkProc();
    let sig = signal as number;
    if (typeof signal === "string") {
      sig = (Signals as unknown as Record<string, number>)[signal];
      if (typeof sig !== "number") throw new ValueError(`unknown signal ${signal}`);
    } else if (!Number.isInteger(signal)) {
      throw new TypeError(`signal must be an integer or a signal name, not ${typeof signal}`);
    }
    if (this.#returncode !== null) return;
    proc.kill(sig);
  }

  /** Sends SIGTERM. @throws {ProcessLookupError} after the transport has finished */
  override terminate(): void {
    this.sendSignal(SIGTERM);
  }

  /** Sends SIGKILL. @throws {ProcessLookupError} after the transport has finished */
  override kill(): void {
    this.sendSignal(SIGKILL);
  }

  /** Closes the pipes, and kills the child if it still runs. */
  override close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const p of this.#pipes.values()) p.pipe?.close();
    const proc = this.#proc;
    if (proc !== null && this.#returncode === null) {
      if (this.#loop.getDebug()) logger.warning(`Close running child process: kill ${this}`);
      try {
        proc.kill(SIGKILL);
      } catch (err) {
        if (!(err instanceof ProcessLookupError)) throw err;
      }
    }
  }

  /** Whether `close()` was called. */
  override isClosing(): boolean {
    return this.#closed;
  }

  /** Sets a new protocol. */
  override setProtocol(protocol: SubprocessProtocolLike): void {
    this.#protocol = protocol;
  }

  /** The protocol. */
  override getProtocol(): SubprocessProtocolLike {
    return this.#protocol;
  }

  /** Python's repr. */
  override toString(): string {
    const state = this.#closed
      ? " closed"
      : this.#returncode !== null
      ? ` returncode=${this.#returncode}`
      : " running";
    return `<UnixSubprocessTransport pid=${this.#pid}${state}>`;
  }

  /** @internal Python's `_wait`: the return code once the child has exited. */
  _wait(): Promise<number> {
    if (this.#returncode !== null) return Promise.resolve(this.#returncode);
    const waiter = this.#loop.createFuture<number>();
    this.#exitWaiters?.push(waiter);
    return waiter as unknown as Promise<number>;
  }

  /** @internal */
  _protocol(): SubprocessProtocolLike {
    return this.#protocol;
  }

  /** @internal */
  _pipeConnectionLost(fd: number, exc: unknown): void {
    this.#call(this.#protocol.pipeConnectionLost, fd, exc);
    this.#tryFinish();
  }

  /** @internal */
  _pipeDataReceived(fd: number, data: Uint8Array): void {
    this.#call(this.#protocol.pipeDataReceived, fd, data);
  }

  #pipe(fd: number): PipeProto {
    const p = new PipeProto(this, fd);
    this.#pipes.set(fd, p);
    return p;
  }

  #checkProc(): Spawned {
    if (this.#proc === null) throw new ProcessLookupError();
    return this.#proc;
  }

  #call(cb: ((...args: never[]) => unknown) | undefined, ...args: unknown[]): void {
    if (cb === undefined) return;
    const bound = cb.bind(this.#protocol) as (...a: never[]) => unknown;
    if (this.#pending !== null) this.#pending.push([bound, args]);
    else this.#loop.callSoon(bound, ...(args as never[]));
  }

  #processExited = (returncode: number): void => {
    if (this.#returncode !== null) return;
    if (this.#loop.getDebug()) logger.info(`${this} exited with return code ${returncode}`);
    this.#returncode = returncode;
    this.#call(this.#protocol.processExited);
    // Stdin is a stream, which cannot tell when its reader leaves: the child, its reader,
    // is gone (Python learns it from the pipe itself).
    const stdin = this.#pipes.get(0)?.pipe;
    if (stdin instanceof WritePipeTransport) {
      this.#loop.callSoon(stdin._readerGone);
    }
    this.#tryFinish();
    for (const w of this.#exitWaiters ?? []) if (!w.cancelled()) w.setResult(returncode);
    this.#exitWaiters = null;
  };

  #tryFinish(): void {
    if (this.#finished || this.#returncode === null) return;
    for (const p of this.#pipes.values()) if (!p.disconnected) return;
    this.#finished = true;
    this.#call(this.#callConnectionLost, null);
  }

  #callConnectionLost = (exc: unknown): void => {
    try {
      this.#protocol.connectionLost?.(exc);
    } finally {
      this.#proc = null;
    }
  };
}
