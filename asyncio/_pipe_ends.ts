// The two kinds of pipe end under the pipe transports (_pipe_transports.ts):
// - kernel descriptors (FFI): set non-blocking, read and written synchronously after the
//   shared reactor reports readiness, as Python's unix_events.py does with add_reader;
// - Web streams (Deno.Command's pipes, Deno.stdin.readable, any ReadableStream or
//   WritableStream): read and written through their readers and writers.
// `readEnd`/`writeEnd` turn what `connectReadPipe`/`connectWritePipe` were given into one.

import { fromDenoError, ValueError } from "../_errors/mod.ts";
import { checkAgain, ffiPermitted, libc } from "../_ffi/libc.ts";
import { getNonBlocking, setNonBlocking } from "../_ffi/fd.ts";
import { statDescriptor } from "../_ffi/mman.ts";
import { FD_ERROR, FD_HUP, FD_READ, FD_WRITE, forgetFd, waitFd } from "../_ffi/reactor.ts";

/** Python's `max_size` of a pipe read: 256 KiB. */
const MAX_READ = 256 * 1024;
const S_IFMT = 0o170000, S_IFIFO = 0o010000, S_IFSOCK = 0o140000, S_IFCHR = 0o020000;

/** Where a read pipe transport gets bytes. */
export interface ByteSource {
  /** The next bytes, or null at end of file. Rejects with an OSError. */
  read(): Promise<Uint8Array | null>;
  /** Releases the end: a pending read settles (its result is dropped). */
  close(): void;
}

/** Where a write pipe transport puts bytes. */
export interface ByteSink {
  /** Writes what fits without waiting; returns the count (kernel descriptors only). */
  tryWrite?(data: Uint8Array): number;
  /** Writes all of `data`. Rejects with an OSError (BrokenPipeError when the reader left). */
  write(data: Uint8Array): Promise<void>;
  /** Resolves when the reading side has gone (Python's reader trick), if that can be known. */
  peerClosed?(): Promise<void> | undefined;
  /** Releases the end, after the writes it was given. */
  close(): void;
}

/** What `connectReadPipe`/`connectWritePipe` accept as a pipe. */
export type PipeLike =
  | number
  | { fileno(): number; close?(): void }
  | typeof Deno.stdin
  | typeof Deno.stdout
  | typeof Deno.stderr
  | ReadableStream<Uint8Array>
  | WritableStream<Uint8Array>;

/** A kernel descriptor the transport reads or writes. */
class FdEnd {
  readonly fd: number;
  readonly #release: () => void;
  #abort = new AbortController();
  #closed = false;

  constructor(fd: number, release: () => void) {
    this.fd = fd;
    this.#release = release;
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#abort.abort();
    forgetFd(this.fd);
    this.#release();
  }
}

class FdSource extends FdEnd implements ByteSource {
  async read(): Promise<Uint8Array | null> {
    const lib = libc();
    const buf = new Uint8Array(MAX_READ);
    for (;;) {
      if (this.closed) return null;
      const n = checkAgain(() => lib.read(this.fd, buf, BigInt(MAX_READ)));
      if (n === 0) return null;
      if (n > 0) return n * 2 < MAX_READ ? buf.slice(0, n) : buf.subarray(0, n);
      await waitFd(this.fd, FD_READ, this.signal);
    }
  }
}

class FdSink extends FdEnd implements ByteSink {
  readonly #watch: boolean;

  constructor(fd: number, release: () => void, watch: boolean) {
    super(fd, release);
    this.#watch = watch;
  }

  tryWrite(data: Uint8Array): number {
    const lib = libc();
    const n = checkAgain(() => lib.write(this.fd, data, BigInt(data.length)));
    return n < 0 ? 0 : n;
  }

  async write(data: Uint8Array): Promise<void> {
    let rest = data;
    for (;;) {
      rest = rest.subarray(this.tryWrite(rest));
      if (rest.length === 0) return;
      await waitFd(this.fd, FD_WRITE, this.signal);
    }
  }

  peerClosed(): Promise<void> | undefined {
    if (!this.#watch) return undefined;
    return (async () => {
      // The write end of a pipe reports an error (a socket: readable) once the reader left.
      for (;;) {
        const bits = await waitFd(this.fd, FD_READ, this.signal);
        if (bits & (FD_ERROR | FD_HUP | FD_READ)) return;
      }
    })();
  }
}

class StreamSource implements ByteSource {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #closed = false;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.#reader = stream.getReader();
  }

  async read(): Promise<Uint8Array | null> {
    if (this.#closed) return null;
    try {
      const { value, done } = await this.#reader.read();
      if (done || this.#closed) return null;
      return value;
    } catch (err) {
      if (this.#closed) return null;
      throw fromDenoError(err);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#reader.cancel().catch(() => {});
  }
}

class StreamSink implements ByteSink {
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  #closed = false;

  constructor(stream: WritableStream<Uint8Array>) {
    this.#writer = stream.getWriter();
  }

  async write(data: Uint8Array): Promise<void> {
    try {
      await this.#writer.write(data);
    } catch (err) {
      throw fromDenoError(err);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#writer.close().catch(() => this.#writer.abort().catch(() => {}));
  }
}

/**
 * The source for `pipe`: a descriptor, an object with `fileno()`, Deno.stdin (fd 0 with
 * --allow-ffi, else its stream) or a ReadableStream.
 */
export function readEnd(pipe: PipeLike): ByteSource {
  if (pipe instanceof ReadableStream) return new StreamSource(pipe);
  if (pipe === Deno.stdin && !ffiPermitted()) return new StreamSource(Deno.stdin.readable);
  const [fd, release] = descriptorOf(pipe, "connectReadPipe");
  const type = fileType(fd);
  if (type !== S_IFIFO && type !== S_IFSOCK && type !== S_IFCHR) {
    throw new ValueError("Pipe transport is for pipes/sockets only.");
  }
  return new FdSource(fd, nonBlockingWhileOpen(fd, release));
}

/**
 * The sink for `pipe`: a descriptor, an object with `fileno()`, Deno.stdout or
 * Deno.stderr (fd 1 or 2 with --allow-ffi, else their streams) or a WritableStream.
 */
export function writeEnd(pipe: PipeLike): ByteSink {
  if (pipe instanceof WritableStream) return new StreamSink(pipe);
  if ((pipe === Deno.stdout || pipe === Deno.stderr) && !ffiPermitted()) {
    return new StreamSink((pipe as typeof Deno.stdout).writable);
  }
  const [fd, release] = descriptorOf(pipe, "connectWritePipe");
  const type = fileType(fd);
  if (type !== S_IFIFO && type !== S_IFSOCK && type !== S_IFCHR) {
    throw new ValueError("Pipe transport is only for pipes, sockets and character devices");
  }
  return new FdSink(fd, nonBlockingWhileOpen(fd, release), type === S_IFIFO || type === S_IFSOCK);
}

/** A kernel pipe's read end that we own (stdout and stderr merged): closed with the transport. */
export function ownedFdSource(fd: number): ByteSource {
  return new FdSource(fd, () => libc().close(fd));
}

/** Web-stream ends (Deno.Command's pipes). */
export function streamSource(stream: ReadableStream<Uint8Array>): ByteSource {
  return new StreamSource(stream);
}

/** A sink over a WritableStream. */
export function streamSink(stream: WritableStream<Uint8Array>): ByteSink {
  return new StreamSink(stream);
}

function descriptorOf(pipe: PipeLike, what: string): [number, () => void] {
  if (pipe === Deno.stdin) return [0, () => Deno.stdin.close()];
  if (pipe === Deno.stdout) return [1, () => Deno.stdout.close()];
  if (pipe === Deno.stderr) return [2, () => Deno.stderr.close()];
  if (typeof pipe === "number") {
    if (!Number.isInteger(pipe) || pipe < 0) {
      throw new ValueError(`file descriptor cannot be a negative integer (${pipe})`);
    }
    return [pipe, () => libc().close(pipe)];
  }
  if (
    pipe !== null && typeof pipe === "object" &&
    typeof (pipe as { fileno?: unknown }).fileno === "function"
  ) {
    const obj = pipe as { fileno(): number; close?(): void };
    const fd = obj.fileno();
    if (!Number.isInteger(fd) || fd < 0) {
      throw new ValueError(`fileno() returned ${fd}, not a file descriptor`);
    }
    const release = typeof obj.close === "function" ? () => obj.close!() : () => libc().close(fd);
    return [fd, release];
  }
  throw new TypeError(
    `${what}() takes a file descriptor, an object with fileno(), Deno.stdin/stdout/stderr ` +
      `or a Web stream, not ${pipe === null ? "null" : typeof pipe}`,
  );
}

/**
 * Sets O_NONBLOCK (as Python's os.set_blocking(fd, False)) and returns a release that puts
 * the old mode back first: the open file may be shared, as a terminal is with the shell.
 */
function nonBlockingWhileOpen(fd: number, release: () => void): () => void {
  const was = getNonBlocking(fd);
  setNonBlocking(fd, true);
  return () => {
    if (!was) {
      try {
        setNonBlocking(fd, false);
      } catch {
        // already closed by its owner
      }
    }
    release();
  };
}

function fileType(fd: number): number {
  return statDescriptor(fd).type & S_IFMT;
}
