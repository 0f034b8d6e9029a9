// Python's asyncore.file_wrapper and file_dispatcher: asyncore over a kernel descriptor that
// is not a socket (a pipe, a terminal, stdin as fd 0). The wrapper owns a duplicate of the
// descriptor and reads and writes it with read(2)/write(2) through FFI.

import { OSError } from "../_errors/os_error.ts";
import { NotImplementedError } from "../_errors/python_errors.ts";
import { dup, read, setNonBlocking, write } from "../_ffi/fd.ts";
import { close } from "../_ffi/sockets.ts";
import { SO_ERROR, SOL_SOCKET } from "../socket/constants.ts";
import { Dispatcher } from "./dispatcher.ts";
import type { SocketMap } from "./socket_map.ts";

/**
 * Python's `asyncore.file_wrapper`: makes a descriptor look enough like a socket for
 * asyncore. It owns a duplicate (`dup`) of the descriptor it is given. `recv`/`read` and
 * `send`/`write` return Promises, like a socket's; on a non-blocking descriptor that has
 * nothing to give they reject with `BlockingIOError`.
 *
 * @example
 * ```ts
 * import { FileWrapper } from "@ipcnet/std/asyncore";
 * import { SO_ERROR, SOL_SOCKET, socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair(); // any descriptor will do
 * using _a = a, _b = b;
 * using f = new FileWrapper(a.fileno());
 * assert.notEqual(f.fileno(), a.fileno()); // a duplicate
 * await b.sendall(new TextEncoder().encode("x"));
 * assert.deepEqual(await f.recv(10), new TextEncoder().encode("x"));
 * assert.equal(f.getsockopt(SOL_SOCKET, SO_ERROR), 0);
 * ```
 *
 * @tags allow-ffi
 */
export class FileWrapper implements Disposable {
  /** The owned descriptor; -1 once closed. */
  fd: number;

  /**
   * Wraps a duplicate of `fd`.
   *
   * @param fd a descriptor
   * @throws {OSError} when it cannot be duplicated (`EBADF`)
   */
  constructor(fd: number) {
    this.fd = dup(fd);
  }

  /**
   * Reads up to `bufsize` bytes (`os.read`); empty at end of file.
   *
   * @param bufsize the most bytes to read
   * @returns the bytes
   */
  recv(bufsize: number): Promise<Uint8Array> {
    try {
      return Promise.resolve(read(this.#open(), bufsize));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * Writes what the descriptor takes now (`os.write`).
   *
   * @param data the bytes
   * @returns how many were written
   */
  send(data: Uint8Array): Promise<number> {
    try {
      return Promise.resolve(write(this.#open(), data));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * The same as `recv`.
   *
   * @param bufsize the most bytes to read
   * @returns the bytes
   */
  read(bufsize: number): Promise<Uint8Array> {
    return this.recv(bufsize);
  }

  /**
   * The same as `send`.
   *
   * @param data the bytes
   * @returns how many were written
   */
  write(data: Uint8Array): Promise<number> {
    return this.send(data);
  }

  /**
   * Only what asyncore asks: `SO_ERROR` at `SOL_SOCKET`, which is always 0.
   *
   * @param level must be `SOL_SOCKET`
   * @param optname must be `SO_ERROR`
   * @param buflen must be omitted
   * @returns 0
   * @throws {NotImplementedError} for anything else
   */
  getsockopt(level: number, optname: number, buflen?: number): number {
    if (level === SOL_SOCKET && optname === SO_ERROR && !buflen) return 0;
    throw new NotImplementedError("Only asyncore specific behaviour implemented.");
  }

  /** Closes the descriptor; closing twice does nothing. */
  close(): void {
    if (this.fd < 0) return;
    const fd = this.fd;
    this.fd = -1;
    close(fd);
  }

  /**
   * The owned descriptor.
   *
   * @returns the descriptor, -1 once closed
   */
  fileno(): number {
    return this.fd;
  }

  /** Closes the descriptor (`using`). */
  [Symbol.dispose](): void {
    this.close();
  }

  #open(): number {
    if (this.fd < 0) throw new OSError(9);
    return this.fd;
  }
}

/**
 * Python's `asyncore.file_dispatcher`: a dispatcher over a descriptor that is not a socket
 * (a pipe, or stdin as fd 0), through a {@linkcode FileWrapper}. The descriptor is made
 * non-blocking, as in Python, which affects every holder of it (for stdin: the terminal).
 * Needs `--allow-ffi`.
 *
 * @deprecated asyncore is deprecated in Python (3.6) and removed in 3.12: use
 * `@ipcnet/std/asyncio` for new code.
 *
 * @example Reading a pipe (here, a socket pair's descriptor)
 * ```ts
 * import { FileDispatcher, loop } from "@ipcnet/std/asyncore";
 * import { socketpair } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = socketpair();
 * using _a = a;
 * let got = "";
 * class Lines extends FileDispatcher {
 *   override writable(): boolean {
 *     return false;
 *   }
 *   override async handleRead(): Promise<void> {
 *     got += new TextDecoder().decode(await this.recv(100));
 *   }
 *   override handleClose(): void {
 *     this.close();
 *   }
 * }
 * const map = new Map();
 * new Lines(b.fileno(), map);
 * b.close(); // the dispatcher owns a duplicate
 * await a.sendall(new TextEncoder().encode("line\n"));
 * a.close();
 * await loop({ map, timeout: 1 });
 * assert.equal(got, "line\n");
 * ```
 */
export class FileDispatcher extends Dispatcher {
  /**
   * Wraps a duplicate of `fd` and joins `map`.
   *
   * @param fd a descriptor, or an object with `fileno()`
   * @param map the map to join (default: `socketMap`)
   */
  constructor(fd: number | { fileno(): number }, map?: SocketMap) {
    super(null, map);
    this.connected = true;
    const n = typeof fd === "number" ? fd : fd.fileno();
    this.setFile(n);
    setNonBlocking(n, true);
  }

  /**
   * Wraps a duplicate of `fd` and joins the map.
   *
   * @param fd a descriptor
   */
  setFile(fd: number): void {
    this.setSocket(new FileWrapper(fd));
  }
}
