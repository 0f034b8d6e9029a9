// Python's `mmap.mmap` object (Unix signature): a file or anonymous memory mapped into
// the process, readable as a file (read, seek, find), as a byte sequence (get, slice) and
// as a zero-copy Uint8Array (`buffer`).

import { closeDescriptor } from "../_ffi/mman.ts";
import {
  ACCESS_DEFAULT,
  ACCESS_WRITE,
  MAP_PRIVATE,
  MAP_SHARED,
  PROT_READ,
  PROT_WRITE,
} from "./constants.ts";
import { MmapCore } from "./_core.ts";
import { openPath } from "./_open.ts";

/** Keyword arguments of {@linkcode Mmap}, as Python's `mmap.mmap` takes them. */
export interface MmapOptions {
  /** `MAP_SHARED` or `MAP_PRIVATE`, possibly with other `MAP_*` flags. @default {MAP_SHARED} */
  flags?: number;
  /** `PROT_*` bits. @default {PROT_READ | PROT_WRITE} */
  prot?: number;
  /** `ACCESS_READ`, `ACCESS_WRITE` or `ACCESS_COPY`, instead of `flags` and `prot`. @default {ACCESS_DEFAULT} */
  access?: number;
  /** Where the mapping starts in the file; a multiple of `ALLOCATIONGRANULARITY`. @default {0} */
  offset?: number;
}

/** Something with a file descriptor, such as a {@linkcode FileDescriptor}. */
export interface HasFileno {
  /** The file descriptor. */
  fileno(): number;
}

const PROT_RW = PROT_READ | PROT_WRITE;

/**
 * Python's `mmap.mmap`: memory mapped from a file descriptor, or anonymous memory when
 * `fileno` is -1. Every operation is synchronous. `buffer` is a Uint8Array over the mapped
 * memory itself; `close()`, `resize()` and garbage collection detach it first, so a stale
 * view has length 0 and never touches unmapped memory.
 *
 * @example Python's first example: update a file in place
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
 *   assert.equal(new TextDecoder().decode(mm.slice(0, 5)), "Hello");
 *   mm.setSlice(6, new TextEncoder().encode(" world!"));
 * }
 * assert.equal(await Deno.readTextFile(path), "Hello  world!\n");
 * await Deno.remove(path);
 * ```
 */
export class Mmap implements Disposable, Iterable<number> {
  #core: MmapCore;

  /**
   * Maps `length` bytes of the file open as `fileno` (or anonymous memory for -1),
   * starting at `offset`. A `length` of 0 maps the whole file from `offset`. The mapping
   * holds its own duplicate of the descriptor.
   *
   * @param fileno a descriptor (see {@linkcode openFd}), an object with `fileno()`, or -1
   * @param length bytes to map; 0 for the rest of the file
   * @param options `flags`, `prot`, `access`, `offset`
   * @throws {OverflowError} when `length` or `offset` is negative
   * @throws {ValueError} for an empty file, a length or offset past its end, `access`
   *   together with `flags`/`prot`, or a `prot` that allows neither reading nor writing
   * @throws {OSError} when the system refuses (`EINVAL` for an unaligned offset, `EBADF`)
   * @tags allow-ffi
   *
   * @example Anonymous memory
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 13);
   * mm.write(new TextEncoder().encode("Hello world!"));
   * assert.equal(mm.tell(), 12);
   * ```
   */
  constructor(fileno: number | HasFileno, length: number, options: MmapOptions = {}) {
    this.#core = new MmapCore(this, fileno, length, options);
  }

  /**
   * Opens the file at `path` and maps it: Deno exposes no descriptor for `Deno.FsFile`, so
   * this replaces `mmap.mmap(f.fileno(), ...)` for the common case. The file is opened
   * read-only for `ACCESS_READ`, `ACCESS_COPY` and private mappings, else read-write.
   *
   * @param path the file, as a path or a `file:` URL
   * @param length bytes to map; 0 for the rest of the file
   * @param options as for the constructor
   * @returns the mapping
   * @throws {FileNotFoundError} when the file does not exist
   * @throws {ValueError} for an empty file, as the constructor
   * @throws {Deno.errors.NotCapable} without `--allow-read` (and `--allow-write` to write)
   * @tags allow-ffi, allow-read, allow-write
   *
   * @example
   * ```ts
   * import { ACCESS_READ, Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * const path = await Deno.makeTempFile();
   * await Deno.writeTextFile(path, "one\ntwo\n");
   * using mm = Mmap.open(path, 0, { access: ACCESS_READ });
   * assert.equal(mm.find(new TextEncoder().encode("two")), 4);
   * await Deno.remove(path);
   * ```
   */
  static open(path: string | URL, length: number, options: MmapOptions = {}): Mmap {
    const access = options.access ?? ACCESS_DEFAULT;
    const prot = options.prot ?? PROT_RW;
    const flags = options.flags ?? MAP_SHARED;
    const write = access === ACCESS_WRITE ||
      (access === ACCESS_DEFAULT && (prot & PROT_WRITE) !== 0 && (flags & MAP_PRIVATE) === 0);
    const fd = openPath(path, { read: true, write });
    try {
      return new Mmap(fd, length, options);
    } finally {
      closeDescriptor(fd); // the map holds its own duplicate
    }
  }

  /**
   * Whether the map is closed.
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * const mm = new Mmap(-1, 1);
   * mm.close();
   * assert.equal(mm.closed, true);
   * ```
   */
  get closed(): boolean {
    return this.#core.closed;
  }

  /**
   * The length of the map in bytes: Python's `len(mm)`.
   *
   * @throws {ValueError} when the map is closed
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 100);
   * assert.equal(mm.length, 100);
   * ```
   */
  get length(): number {
    return this.#core.length;
  }

  /**
   * A zero-copy Uint8Array over the mapped memory: writes to it reach the file and every
   * other process that maps it. The same view is returned until `resize()` or `close()`,
   * which detach it (its length becomes 0); ask for `buffer` again after a resize.
   *
   * @throws {TypeError} for a read-only map (JavaScript has no read-only views, and a write
   *   through one would end the process)
   * @throws {ValueError} when the map is closed
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * const mm = new Mmap(-1, 4);
   * const view = mm.buffer;
   * view[1] = 42;
   * assert.equal(mm.get(1), 42);
   * mm.close();
   * assert.equal(view.length, 0);
   * ```
   */
  get buffer(): Uint8Array<ArrayBuffer> {
    return this.#core.buffer;
  }

  /**
   * Unmaps the memory and closes the map's descriptor. Views from `buffer` are detached
   * first. Closing twice does nothing.
   *
   * @example
   * ```ts
   * import { Mmap, ValueError } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * const mm = new Mmap(-1, 8);
   * mm.close();
   * mm.close();
   * assert.throws(() => mm.read(), ValueError);
   * ```
   */
  close(): void {
    this.#core.close();
  }

  /**
   * Closes the map at the end of a `using` block (Python's `with`).
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * let outer: Mmap;
   * {
   *   using mm = new Mmap(-1, 8);
   *   outer = mm;
   * }
   * assert.equal(outer.closed, true);
   * ```
   */
  [Symbol.dispose](): void {
    this.#core.close();
  }

  /**
   * The lowest index of `sub` within `[start, end)`, or -1. `start` defaults to the
   * current position; both are interpreted as in slice notation. Searches the mapped
   * memory with the C library's `memmem`.
   *
   * @param sub the bytes to find
   * @param start where to start; defaults to `tell()`
   * @param end where to stop; defaults to the end
   * @returns the index, or -1
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 16);
   * mm.write(new TextEncoder().encode("abcabc"));
   * assert.equal(mm.find(new TextEncoder().encode("c"), 0), 2);
   * assert.equal(mm.find(new TextEncoder().encode("c"), 3), 5);
   * ```
   */
  find(sub: ArrayBufferView, start?: number, end?: number): number {
    return this.#core.find(sub, start, end);
  }

  /**
   * The highest index of `sub` within `[start, end)`, or -1; as {@linkcode Mmap.find}.
   *
   * @param sub the bytes to find
   * @param start where the search range starts; defaults to `tell()`
   * @param end where it stops; defaults to the end
   * @returns the index, or -1
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 6);
   * mm.write(new TextEncoder().encode("abcabc"));
   * assert.equal(mm.rfind(new TextEncoder().encode("ab"), 0), 3);
   * ```
   */
  rfind(sub: ArrayBufferView, start?: number, end?: number): number {
    return this.#core.rfind(sub, start, end);
  }

  /**
   * Writes changes in `[offset, offset + size)` back to the file (`msync`). Does nothing
   * for `ACCESS_READ` and `ACCESS_COPY` maps.
   *
   * @param offset a multiple of `PAGESIZE`; defaults to 0
   * @param size bytes to flush; defaults to the map's length
   * @throws {ValueError} when the range is outside the map
   * @throws {OSError} `EINVAL` when `offset` is not page-aligned
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   *
   * using mm = new Mmap(-1, 8);
   * mm.writeByte(1);
   * mm.flush();
   * ```
   */
  flush(offset?: number, size?: number): void {
    this.#core.flush(offset, size);
  }

  /**
   * Advises the kernel about how `[start, start + length)` will be used (`madvise`).
   * `MADV_HWPOISON` is refused: the next access would end the process.
   *
   * @param option a `MADV_*` constant
   * @param start a multiple of `PAGESIZE`; defaults to 0
   * @param length bytes; defaults to the rest of the map (clamped to it)
   * @throws {ValueError} when `start` is outside the map or `length` is negative
   * @throws {OverflowError} when `start + length` overflows
   * @throws {OSError} when the kernel refuses (`EINVAL`)
   *
   * @example
   * ```ts
   * import { MADV_SEQUENTIAL, Mmap, PAGESIZE } from "@ipcnet/std/mmap";
   *
   * using mm = new Mmap(-1, 4 * PAGESIZE);
   * mm.madvise(MADV_SEQUENTIAL, PAGESIZE);
   * ```
   */
  madvise(option: number, start?: number, length?: number): void {
    this.#core.madvise(option, start, length);
  }

  /**
   * Copies `count` bytes from `src` to `dest` within the map; the ranges may overlap.
   *
   * @param dest destination index
   * @param src source index
   * @param count bytes to copy
   * @throws {ValueError} when either range is outside the map
   * @throws {TypeError} for a read-only map
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 4);
   * mm.write(new Uint8Array([1, 2, 3, 4]));
   * mm.move(0, 2, 2);
   * assert.deepEqual(mm.slice(), new Uint8Array([3, 4, 3, 4]));
   * ```
   */
  move(dest: number, src: number, count: number): void {
    this.#core.move(dest, src, count);
  }

  /**
   * Reads up to `n` bytes from the current position (all that remain when `n` is omitted,
   * null or negative) and advances past them.
   *
   * @param n how many bytes
   * @returns a copy of the bytes; empty at the end
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 4);
   * mm.write(new Uint8Array([1, 2, 3, 4]));
   * mm.seek(1);
   * assert.deepEqual(mm.read(2), new Uint8Array([2, 3]));
   * assert.deepEqual(mm.read(), new Uint8Array([4]));
   * ```
   */
  read(n?: number | null): Uint8Array {
    return this.#core.read(n);
  }

  /**
   * Reads one byte at the current position and advances.
   *
   * @returns the byte, 0 to 255
   * @throws {ValueError} at the end of the map
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 1);
   * assert.equal(mm.readByte(), 0);
   * assert.throws(() => mm.readByte(), RangeError);
   * ```
   */
  readByte(): number {
    return this.#core.readByte();
  }

  /**
   * Reads one line, up to and including the next `\n` (or to the end), and advances.
   *
   * @returns a copy of the line; empty at the end
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 6);
   * mm.write(new TextEncoder().encode("a\nbc\n"));
   * mm.seek(0);
   * assert.equal(new TextDecoder().decode(mm.readline()), "a\n");
   * assert.equal(new TextDecoder().decode(mm.readline()), "bc\n");
   * ```
   */
  readline(): Uint8Array {
    return this.#core.readline();
  }

  /**
   * Changes the size of the map, and of its file to `offset + newsize` (`ftruncate`, then
   * `mremap` on Linux, a new mapping on macOS). Views from `buffer` are detached; the
   * position is kept.
   *
   * @param newsize the new length in bytes
   * @throws {TypeError} for `ACCESS_READ` and `ACCESS_COPY` maps
   * @throws {ValueError} when `newsize` is negative
   * @throws {OSError} `EINVAL` for 0 (the file is left untouched), or when the system refuses
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 4);
   * mm.set(0, 9);
   * mm.resize(8192);
   * assert.equal(mm.length, 8192);
   * assert.equal(mm.get(0), 9);
   * ```
   */
  resize(newsize: number): void {
    this.#core.resize(newsize);
  }

  /**
   * Moves the position: to `pos` (whence 0), by `pos` (1), or to the end plus `pos` (2).
   *
   * @param pos the offset
   * @param whence 0, 1 or 2 (`SEEK_SET`, `SEEK_CUR`, `SEEK_END`)
   * @returns the new position (as Python 3.13)
   * @throws {ValueError} when the result is outside `[0, length]`, or `whence` is unknown
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 10);
   * assert.equal(mm.seek(-2, 2), 8);
   * assert.equal(mm.seek(1, 1), 9);
   * ```
   */
  seek(pos: number, whence = 0): number {
    return this.#core.seek(pos, whence);
  }

  /**
   * The size of the underlying file (`fstat`), which may differ from `length`.
   *
   * @returns bytes
   * @throws {OSError} `EBADF` for an anonymous map, as in Python
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * const path = await Deno.makeTempFile();
   * await Deno.writeFile(path, new Uint8Array(8192));
   * using mm = Mmap.open(path, 100);
   * assert.equal(mm.size(), 8192);
   * await Deno.remove(path);
   * ```
   */
  size(): number {
    return this.#core.size();
  }

  /**
   * The current position.
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 10);
   * mm.read(3);
   * assert.equal(mm.tell(), 3);
   * ```
   */
  tell(): number {
    return this.#core.tell();
  }

  /**
   * Writes `data` at the current position and advances past it.
   *
   * @param data any ArrayBufferView
   * @returns the number of bytes written (as Python 3.6+)
   * @throws {ValueError} when `data` does not fit before the end ("data out of range")
   * @throws {TypeError} for a read-only map
   *
   * @example
   * ```ts
   * import { Mmap, ValueError } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 4);
   * assert.equal(mm.write(new Uint8Array([1, 2, 3])), 3);
   * assert.throws(() => mm.write(new Uint8Array([4, 5])), ValueError);
   * ```
   */
  write(data: ArrayBufferView): number {
    return this.#core.write(data);
  }

  /**
   * Writes one byte at the current position and advances.
   *
   * @param byte 0 to 255
   * @throws {OverflowError} when `byte` is outside 0 to 255
   * @throws {ValueError} at the end of the map
   * @throws {TypeError} for a read-only map
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 2);
   * mm.writeByte(0x41);
   * assert.equal(mm.get(0), 0x41);
   * ```
   */
  writeByte(byte: number): void {
    this.#core.writeByte(byte);
  }

  /**
   * The byte at `index` (negative counts from the end): Python's `mm[i]`.
   *
   * @param index the position
   * @returns the byte, 0 to 255
   * @throws {IndexError} when `index` is out of range
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 3);
   * mm.set(-1, 7);
   * assert.equal(mm.get(2), 7);
   * ```
   */
  get(index: number): number {
    return this.#core.get(index);
  }

  /**
   * Stores `value` at `index` (negative counts from the end): Python's `mm[i] = v`.
   *
   * @param index the position
   * @param value 0 to 255
   * @throws {IndexError} when `index` is out of range
   * @throws {ValueError} when `value` is outside 0 to 255
   * @throws {TypeError} for a read-only map, or a value that is not an integer
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 3);
   * mm.set(0, 255);
   * assert.throws(() => mm.set(0, 256), RangeError);
   * ```
   */
  set(index: number, value: number): void {
    this.#core.set(index, value);
  }

  /**
   * A copy of the bytes selected as Python's `mm[start:end:step]` selects them.
   *
   * @param start first index (null or omitted: the start, or the end for a negative step)
   * @param end index to stop before (null or omitted: the end)
   * @param step distance between bytes; not 0
   * @returns the bytes
   * @throws {ValueError} when `step` is 0
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 4);
   * mm.write(new Uint8Array([1, 2, 3, 4]));
   * assert.deepEqual(mm.slice(-2), new Uint8Array([3, 4]));
   * assert.deepEqual(mm.slice(null, null, -2), new Uint8Array([4, 2]));
   * ```
   */
  slice(start?: number | null, end?: number | null, step?: number | null): Uint8Array {
    return this.#core.slice(start, end, step);
  }

  /**
   * Writes `data` at `start` (negative counts from the end), without moving the position:
   * Python's `mm[start:start + len(data)] = data`.
   *
   * @param start where to write
   * @param data any ArrayBufferView
   * @throws {IndexError} when `data` would run past the end
   * @throws {TypeError} for a read-only map
   *
   * @example
   * ```ts
   * import { IndexError, Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 4);
   * mm.setSlice(-2, new Uint8Array([8, 9]));
   * assert.deepEqual(mm.slice(), new Uint8Array([0, 0, 8, 9]));
   * assert.throws(() => mm.setSlice(3, new Uint8Array([1, 2])), IndexError);
   * ```
   */
  setSlice(start: number, data: ArrayBufferView): void {
    this.#core.setSlice(start, data);
  }

  /**
   * Iterates over the bytes, from the first to the current end (as numbers, where Python
   * yields one-byte `bytes`).
   *
   * @example
   * ```ts
   * import { Mmap } from "@ipcnet/std/mmap";
   * import assert from "node:assert/strict";
   *
   * using mm = new Mmap(-1, 3);
   * mm.write(new Uint8Array([5, 6, 7]));
   * assert.deepEqual([...mm], [5, 6, 7]);
   * ```
   */
  [Symbol.iterator](): Iterator<number> {
    return this.#core[Symbol.iterator]();
  }

  /** Python's repr: `<Mmap closed=false, access=ACCESS_DEFAULT, length=4, pos=0, offset=0>`. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.#core.inspect();
  }
}
