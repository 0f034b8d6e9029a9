/**
 * Python's `mmap` module for Deno: memory-mapped files and anonymous shared memory, with
 * Python's `mmap` object, constants and exceptions, plus a zero-copy `Uint8Array` view.
 * Re-implements {@link https://docs.python.org/3.6/library/mmap.html | mmap} (chapter
 * 18.9) on the C library's `mmap`, `munmap`, `mremap`, `msync`, `madvise` and `memmem`,
 * called through Deno's FFI. Linux and macOS.
 *
 * `mmapmodule.c` -> `mmap.ts` (the `Mmap` class; its checks in `_core.ts`, its memory in
 * `_region.ts`), `constants.ts`, `errors.ts`; `os.open` -> `open_fd.ts` (`openFd`).
 *
 * Differences from CPython (details in `mmap/README.md`):
 * - Deno gives no descriptor for a `Deno.FsFile`: use {@linkcode openFd} (Python's
 *   `os.open`) or {@linkcode Mmap.open} with a path.
 * - `mm[i]`, `mm[a:b]`, `mm[a:b] = data` and `len(mm)` are `get(i)`, `slice(a, b)`,
 *   `setSlice(a, data)` and `length`; iteration yields numbers.
 * - `buffer` is a zero-copy `Uint8Array` over the mapping (Python's `memoryview(mm)`);
 *   `close()` and `resize()` detach it, so a stale view has length 0.
 * - `resize()` works on macOS too (a new mapping, where Python has no `mremap`).
 * - A `prot` without `PROT_READ` or `PROT_WRITE`, and `madvise(MADV_HWPOISON)`, throw
 *   `ValueError`: in Python both lead to a crash on the next access.
 *
 * Permissions: `--allow-ffi`; opening by path also needs `--allow-read`, and
 * `--allow-write` for a writable mapping.
 *
 * @example Share memory through a file
 * ```ts
 * import { Mmap } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeFile(path, new Uint8Array(4096));
 * using a = Mmap.open(path, 0);
 * using b = Mmap.open(path, 0);
 * a.buffer.set(new TextEncoder().encode("hello"));
 * assert.equal(new TextDecoder().decode(b.read(5)), "hello");
 * await Deno.remove(path);
 * ```
 *
 * @module
 */

export * from "./constants.ts";
export * from "./errors.ts";
export * from "./mmap.ts";
export * from "./open_fd.ts";
