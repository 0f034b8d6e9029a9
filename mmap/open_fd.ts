// The file descriptor that `new Mmap(fileno, ...)` needs. Deno's `FsFile` exposes no
// descriptor, so this is the mmap module's counterpart of Python's `os.open` /
// `f.fileno()`: a small disposable owner of one descriptor.

import { ValueError } from "../_errors/python_errors.ts";
import { closeDescriptor } from "../_ffi/mman.ts";
import { openPath, type OpenPathOptions } from "./_open.ts";

/**
 * Options of {@linkcode openFd}: the subset of `Deno.OpenOptions` that matters for mapping.
 */
export type OpenFdOptions = OpenPathOptions;

/**
 * An open file descriptor, as Python's `os.open` returns, owned by this object: close it
 * with `close()` or `using`. Mappings made from it hold their own duplicate, so it may be
 * closed while they are in use, as in Python.
 *
 * @example Map a file through its descriptor
 * ```ts
 * import { Mmap, openFd } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "Hello Python!\n");
 * {
 *   using file = openFd(path, { read: true, write: true });
 *   using mm = new Mmap(file.fileno(), 0);
 *   assert.equal(new TextDecoder().decode(mm.readline()), "Hello Python!\n");
 * }
 * await Deno.remove(path);
 * ```
 */
export class FileDescriptor implements Disposable {
  #fd: number;

  /**
   * Takes ownership of a descriptor that is already open.
   *
   * @param fd the descriptor; it will be closed by `close()`
   */
  constructor(fd: number) {
    if (!Number.isInteger(fd) || fd < 0) throw new ValueError(`invalid file descriptor: ${fd}`);
    this.#fd = fd;
  }

  /**
   * The descriptor number.
   *
   * @throws {ValueError} when the descriptor is closed
   *
   * @example
   * ```ts
   * import { openFd } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using file = openFd(Deno.execPath());
   * assert.ok(file.fileno() > 2);
   * ```
   */
  fileno(): number {
    if (this.#fd === -1) throw new ValueError("I/O operation on closed file");
    return this.#fd;
  }

  /**
   * Whether `close()` was called.
   *
   * @example
   * ```ts
   * import { openFd } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * const file = openFd(Deno.execPath());
   * file.close();
   * assert.equal(file.closed, true);
   * ```
   */
  get closed(): boolean {
    return this.#fd === -1;
  }

  /**
   * Closes the descriptor. Closing twice does nothing.
   *
   * @throws {OSError} when `close(2)` fails
   *
   * @example
   * ```ts
   * import { openFd } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * const file = openFd(Deno.execPath());
   * file.close();
   * file.close();
   * assert.throws(() => file.fileno(), RangeError);
   * ```
   */
  close(): void {
    const fd = this.#fd;
    if (fd === -1) return;
    this.#fd = -1;
    closeDescriptor(fd);
  }

  /**
   * Closes the descriptor at the end of a `using` block.
   *
   * @example
   * ```ts
   * import { openFd } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * let fd = -1;
   * {
   *   using file = openFd(Deno.execPath());
   *   fd = file.fileno();
   * }
   * assert.ok(fd > 2);
   * ```
   */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * Opens a file and returns its descriptor, for `new Mmap(fileno, ...)`: the counterpart
 * of Python's `os.open(path, flags)`. Options follow `Deno.open`; the default is read-only.
 * The descriptor is close-on-exec, so child processes do not inherit it.
 *
 * @param path the file, as a path or a `file:` URL
 * @param options how to open it
 * @returns the owner of the new descriptor
 * @throws {FileNotFoundError} when the file does not exist and `create` is not set
 * @throws {PermissionError} when the OS refuses access
 * @throws {Deno.errors.NotCapable} without `--allow-read` (and `--allow-write` to write)
 * @tags allow-ffi, allow-read, allow-write
 *
 * @example Create a file and map it
 * ```ts
 * import { Mmap, openFd } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const path = `${dir}/data.bin`;
 * {
 *   using file = openFd(path, { read: true, write: true, create: true });
 *   await Deno.truncate(path, 4096);
 *   using mm = new Mmap(file.fileno(), 0);
 *   mm.write(new TextEncoder().encode("hi"));
 * }
 * const bytes = await Deno.readFile(path);
 * assert.equal(new TextDecoder().decode(bytes.subarray(0, 2)), "hi");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function openFd(path: string | URL, options?: OpenFdOptions): FileDescriptor {
  return new FileDescriptor(openPath(path, options));
}
