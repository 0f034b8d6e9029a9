// Subprocesses with streams (CPython asyncio/subprocess.py, chapter 18.5.6):
// createSubprocessExec, createSubprocessShell, Process and SubprocessStreamProtocol.

import { ValueError } from "../_errors/python_errors.ts";
import { BrokenPipeError, ConnectionResetError } from "../_errors/os_error.ts";
import type { AbstractEventLoop } from "./events.ts";
import { gather } from "./_combinators.ts";
import type { SubprocessProtocolLike } from "./protocols.ts";
import { DEFAULT_LIMIT, StreamReader } from "./stream_reader.ts";
import { StreamReaderProtocol, StreamWriter } from "./stream_writer.ts";
import type { BaseTransport, ReadTransport, SubprocessTransport, Transport } from "./transports.ts";
import { defaultLoop } from "./_util.ts";

/** Python's `asyncio.subprocess.PIPE`: connect a pipe to the standard stream. */
export const PIPE: -1 = -1;
/** Python's `asyncio.subprocess.STDOUT`: send stderr where stdout goes. */
export const STDOUT: -2 = -2;
/** Python's `asyncio.subprocess.DEVNULL`: connect the stream to /dev/null. */
export const DEVNULL: -3 = -3;

/**
 * Where a child's standard stream goes: `PIPE`, `DEVNULL`, `STDOUT` (stderr only), a file
 * descriptor, an object with `fileno()`, or null for the parent's own.
 */
export type StdioTarget = number | { fileno(): number } | null;

/**
 * Keyword arguments of `loop.subprocessExec`/`subprocessShell` (Python's, with Popen's).
 * `universalNewlines`, `text`, `encoding`, `errors`, `bufsize` and `shell` are accepted
 * only with the values Python allows, to give Python's ValueError otherwise.
 */
export interface SubprocessOptions {
  /** The child's stdin. @default PIPE for the loop methods, null for createSubprocess* */
  stdin?: StdioTarget;
  /** The child's stdout. @default PIPE for the loop methods, null for createSubprocess* */
  stdout?: StdioTarget;
  /** The child's stderr (also `STDOUT`). @default PIPE / null, as stdin */
  stderr?: StdioTarget;
  /** The child's working directory. @default the parent's */
  cwd?: string | URL | null;
  /** The child's whole environment. @default the parent's */
  env?: Record<string, string> | null;
  /** Run the child in a new session (setsid). @default false */
  startNewSession?: boolean;
  /** Descriptors (3 and up) the child keeps, at the same numbers. @default [] */
  passFds?: Iterable<number>;
  /** Accepted; the library's descriptors are close-on-exec anyway. @default true */
  closeFds?: boolean;
  /** The program to run in place of `program` (which becomes argv[0]). @default null */
  executable?: string | null;
  /** The child's user id. @default the parent's */
  user?: number | null;
  /** The child's group id. @default the parent's */
  group?: number | null;
  /** Must be false (ValueError otherwise). @default false */
  universalNewlines?: boolean;
  /** false for exec, true for shell (ValueError otherwise). */
  shell?: boolean;
  /** Must be 0 (ValueError otherwise). @default 0 */
  bufsize?: number;
  /** Must be false (ValueError otherwise). @default false */
  text?: boolean;
  /** Must be null (ValueError otherwise). @default null */
  encoding?: string | null;
  /** Must be null (ValueError otherwise). @default null */
  errors?: string | null;
  /** Accepted (Deno's children start with default dispositions). @default true */
  restoreSignals?: boolean;
  /** Not possible on Deno: NotImplementedError. */
  preexecFn?: unknown;
  /** Not possible on Deno: NotImplementedError. */
  processGroup?: number | null;
  /** Not possible on Deno unless -1: NotImplementedError. @default -1 */
  umask?: number;
}

/** Options of `createSubprocessExec`/`createSubprocessShell`. */
export interface CreateSubprocessOptions extends SubprocessOptions {
  /** The limit of the stdout and stderr StreamReaders. @default 65536 */
  limit?: number;
}

/** `createSubprocessExec`'s and `loop.subprocessExec`'s arguments after the program. */
export type ExecArgs<O> = (string | Uint8Array)[] | [...(string | Uint8Array)[], O];

interface Waitable {
  _wait(): Promise<number>;
}

/**
 * Python's `asyncio.subprocess.SubprocessStreamProtocol`: feeds the child's stdout and
 * stderr into StreamReaders and gives a StreamWriter for its stdin.
 *
 * @example
 * ```ts
 * import { run, SubprocessStreamProtocol } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const p = new SubprocessStreamProtocol(1024);
 *   assert.equal(p.stdout, null);
 * });
 * ```
 */
export class SubprocessStreamProtocol extends StreamReaderProtocol
  implements SubprocessProtocolLike {
  /** The writer of the child's stdin, once connected (null when not piped). */
  stdin: StreamWriter | null = null;
  /** The reader of the child's stdout, once connected (null when not piped). */
  stdout: StreamReader | null = null;
  /** The reader of the child's stderr, once connected (null when not piped). */
  stderr: StreamReader | null = null;
  readonly #limit: number;
  readonly #loop: AbstractEventLoop;
  #transport: SubprocessTransport | null = null;
  #processExited = false;
  #pipeFds: number[] = [];

  /**
   * Makes the protocol.
   *
   * @param limit the readers' buffer limit
   * @param loop the loop (the running one when omitted)
   */
  constructor(limit: number = DEFAULT_LIMIT, loop?: AbstractEventLoop) {
    const l = loop ?? defaultLoop();
    super(null, null, l);
    this.#limit = limit;
    this.#loop = l;
  }

  /** Connects the readers and the writer to the pipes. */
  override connectionMade(transport: BaseTransport): void {
    const t = transport as SubprocessTransport;
    this.#transport = t;
    const out = t.getPipeTransport(1);
    if (out !== null) {
      this.stdout = new StreamReader({ limit: this.#limit });
      this.stdout.setTransport(out as ReadTransport);
      this.#pipeFds.push(1);
    }
    const err = t.getPipeTransport(2);
    if (err !== null) {
      this.stderr = new StreamReader({ limit: this.#limit });
      this.stderr.setTransport(err as ReadTransport);
      this.#pipeFds.push(2);
    }
    const inp = t.getPipeTransport(0);
    if (inp !== null) this.stdin = new StreamWriter(inp as Transport, this, null, this.#loop);
  }

  /** Feeds stdout (fd 1) or stderr (fd 2) data to its reader. */
  pipeDataReceived(fd: number, data: Uint8Array): void {
    const reader = fd === 1 ? this.stdout : fd === 2 ? this.stderr : null;
    reader?.feedData(data);
  }

  /** Ends the reader of `fd` (or the writer, for stdin). */
  pipeConnectionLost(fd: number, exc: unknown): void {
    if (fd === 0) {
      this.stdin?.close();
      this.connectionLost(exc);
      return;
    }
    const reader = fd === 1 ? this.stdout : fd === 2 ? this.stderr : null;
    if (reader !== null) {
      if (exc == null) reader.feedEof();
      else reader.setException(exc);
    }
    const i = this.#pipeFds.indexOf(fd);
    if (i >= 0) this.#pipeFds.splice(i, 1);
    this.#maybeCloseTransport();
  }

  /** The child exited. */
  processExited(): void {
    this.#processExited = true;
    this.#maybeCloseTransport();
  }

  #maybeCloseTransport(): void {
    if (this.#pipeFds.length === 0 && this.#processExited && this.#transport !== null) {
      this.#transport.close();
      this.#transport = null;
    }
  }
}

/**
 * Python's `asyncio.subprocess.Process`: a child started by `createSubprocessExec` or
 * `createSubprocessShell`, with StreamReaders and a StreamWriter for its pipes.
 *
 * @example Read a child's output
 * ```ts
 * import { createSubprocessExec, PIPE, run } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const proc = await createSubprocessExec("echo", "hello", { stdout: PIPE });
 *   const [out] = await proc.communicate();
 *   assert.equal(new TextDecoder().decode(out!), "hello\n");
 *   assert.equal(proc.returncode, 0);
 * });
 * ```
 */
export class Process {
  /** The writer of the child's stdin, or null when it is not a pipe. */
  readonly stdin: StreamWriter | null;
  /** The reader of the child's stdout, or null when it is not a pipe. */
  readonly stdout: StreamReader | null;
  /** The reader of the child's stderr, or null when it is not a pipe. */
  readonly stderr: StreamReader | null;
  /** The child's process id. */
  readonly pid: number;
  readonly #transport: SubprocessTransport;
  readonly #loop: AbstractEventLoop;

  /**
   * Wraps a transport and its protocol (`createSubprocessExec` does this).
   *
   * @param transport the subprocess transport
   * @param protocol its SubprocessStreamProtocol
   * @param loop the loop
   */
  constructor(
    transport: SubprocessTransport,
    protocol: SubprocessStreamProtocol,
    loop: AbstractEventLoop,
  ) {
    this.#transport = transport;
    this.#loop = loop;
    this.stdin = protocol.stdin;
    this.stdout = protocol.stdout;
    this.stderr = protocol.stderr;
    this.pid = transport.getPid();
  }

  /** The return code: null while the child runs, negative N when signal N ended it. */
  get returncode(): number | null {
    return this.#transport.getReturncode();
  }

  /** Waits for the child to exit and returns its return code. */
  wait(): Promise<number> {
    return (this.#transport as unknown as Waitable)._wait();
  }

  /**
   * Sends a signal (a number such as `SIGUSR1`, or a name); nothing after the child exited.
   *
   * @throws {ProcessLookupError} once the transport has finished
   */
  sendSignal(signal: number | Deno.Signal): void {
    this.#transport.sendSignal(signal);
  }

  /** Sends SIGTERM. @throws {ProcessLookupError} once the transport has finished */
  terminate(): void {
    this.#transport.terminate();
  }

  /** Sends SIGKILL. @throws {ProcessLookupError} once the transport has finished */
  kill(): void {
    this.#transport.kill();
  }

  /**
   * Writes `input` to stdin and closes it, reads stdout and stderr to their end, and waits
   * for the child, all at once, so that no pipe fills up while another is waited on.
   *
   * @param input bytes for stdin (stdin must be `PIPE`); stdin is closed either way
   * @returns `[stdout, stderr]`, each null when it is not a pipe
   */
  async communicate(input?: Uint8Array | null): Promise<[Uint8Array | null, Uint8Array | null]> {
    if (input != null && this.stdin === null) {
      throw new ValueError("communicate(input) needs stdin=PIPE");
    }
    const [, out, err] = await gather(
      this.#feedStdin(input ?? null),
      this.#readStream(1),
      this.#readStream(2),
    );
    await this.wait();
    return [out, err];
  }

  /** Python's repr. */
  toString(): string {
    return `<Process ${this.pid}>`;
  }

  async #feedStdin(input: Uint8Array | null): Promise<null> {
    const stdin = this.stdin;
    if (stdin === null) return null;
    if (input !== null) stdin.write(input);
    try {
      await stdin.drain();
    } catch (exc) {
      // communicate() ignores BrokenPipeError and ConnectionResetError, as Python's does.
      if (!(exc instanceof BrokenPipeError || exc instanceof ConnectionResetError)) throw exc;
    }
    stdin.close();
    return null;
  }

  async #readStream(fd: 1 | 2): Promise<Uint8Array | null> {
    const stream = fd === 1 ? this.stdout : this.stderr;
    if (stream === null) return null;
    const output = await stream.read();
    this.#transport.getPipeTransport(fd)?.close();
    return output;
  }
}

/**
 * Python's `asyncio.create_subprocess_exec`: runs `program` with `args` (no shell) and
 * returns a {@linkcode Process}. A trailing plain object holds the options; the standard
 * streams default to the parent's (null).
 *
 * @param program the program (looked up in PATH)
 * @param args its arguments, then the options
 * @returns the Process
 * @throws {FileNotFoundError} when the program does not exist
 * @throws {PermissionError} when it cannot be run
 * @throws {ValueError} for options Python refuses (`universalNewlines`, `shell`, ...)
 * @tags allow-run
 *
 * @example Write to a child and read its answer (18.5.6.7.2)
 * ```ts
 * import { createSubprocessExec, PIPE, run } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const proc = await createSubprocessExec("cat", { stdin: PIPE, stdout: PIPE });
 *   const [out] = await proc.communicate(new TextEncoder().encode("ping"));
 *   assert.equal(new TextDecoder().decode(out!), "ping");
 *   assert.equal(await proc.wait(), 0);
 * });
 * ```
 */
export async function createSubprocessExec(
  program: string,
  ...args: ExecArgs<CreateSubprocessOptions>
): Promise<Process> {
  const loop = defaultLoop();
  const rest = [...args];
  const last = rest.at(-1);
  const opts = isOptions(last) ? { ...(rest.pop() as CreateSubprocessOptions) } : {};
  const limit = takeLimit(opts);
  const factory = (): SubprocessStreamProtocol => new SubprocessStreamProtocol(limit, loop);
  const [transport, protocol] = await loop.subprocessExec(factory, program, ...rest as string[], {
    stdin: null,
    stdout: null,
    stderr: null,
    ...opts,
  });
  return new Process(transport, protocol, loop);
}

/**
 * Python's `asyncio.create_subprocess_shell`: runs `cmd` with `/bin/sh -c` and returns a
 * {@linkcode Process}. The standard streams default to the parent's (null). Quote what
 * the command takes from outside, as with any shell.
 *
 * @param cmd the shell command
 * @param options the streams, `limit`, `cwd`, `env`, `startNewSession`, ...
 * @returns the Process
 * @throws {ValueError} when `cmd` is not a string, or for options Python refuses
 * @tags allow-run
 *
 * @example
 * ```ts
 * import { createSubprocessShell, PIPE, run, STDOUT } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   const proc = await createSubprocessShell("echo out; echo err >&2; exit 3", {
 *     stdout: PIPE,
 *     stderr: STDOUT,
 *   });
 *   const [out, err] = await proc.communicate();
 *   assert.equal(new TextDecoder().decode(out!), "out\nerr\n");
 *   assert.equal(err, null);
 *   assert.equal(proc.returncode, 3);
 * });
 * ```
 */
export async function createSubprocessShell(
  cmd: string,
  options: CreateSubprocessOptions = {},
): Promise<Process> {
  const loop = defaultLoop();
  const opts = { ...options };
  const limit = takeLimit(opts);
  const factory = (): SubprocessStreamProtocol => new SubprocessStreamProtocol(limit, loop);
  const [transport, protocol] = await loop.subprocessShell(factory, cmd, {
    stdin: null,
    stdout: null,
    stderr: null,
    ...opts,
  });
  return new Process(transport, protocol, loop);
}

/** The shape of {@linkcode subprocess}. */
export interface SubprocessNamespace {
  /** {@linkcode PIPE} (-1). */
  readonly PIPE: -1;
  /** {@linkcode STDOUT} (-2). */
  readonly STDOUT: -2;
  /** {@linkcode DEVNULL} (-3). */
  readonly DEVNULL: -3;
  /** {@linkcode Process}. */
  readonly Process: typeof Process;
  /** {@linkcode SubprocessStreamProtocol}. */
  readonly SubprocessStreamProtocol: typeof SubprocessStreamProtocol;
  /** {@linkcode createSubprocessExec}. */
  readonly createSubprocessExec: typeof createSubprocessExec;
  /** {@linkcode createSubprocessShell}. */
  readonly createSubprocessShell: typeof createSubprocessShell;
}

/**
 * Python's `asyncio.subprocess` module as an object, for code written as
 * `asyncio.subprocess.PIPE`.
 *
 * @example
 * ```ts
 * import { subprocess } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.equal(subprocess.PIPE, -1);
 * assert.equal(subprocess.STDOUT, -2);
 * assert.equal(subprocess.DEVNULL, -3);
 * ```
 */
export const subprocess: SubprocessNamespace = Object.freeze({
  PIPE,
  STDOUT,
  DEVNULL,
  Process,
  SubprocessStreamProtocol,
  createSubprocessExec,
  createSubprocessShell,
});

function isOptions(v: unknown): v is CreateSubprocessOptions {
  return v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
}

function takeLimit(opts: CreateSubprocessOptions): number {
  const limit = opts.limit ?? DEFAULT_LIMIT;
  delete opts.limit;
  if (typeof limit !== "number" || !(limit > 0)) throw new ValueError("Limit cannot be <= 0");
  return limit;
}
