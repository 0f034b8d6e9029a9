// The mmap module's constants, with CPython's names and the running platform's values.
// Values come from `_ffi/constants_mman_<os>.ts`; constants that exist on only one OS are
// `undefined` on the other, as Python lacks them there.

import { MMAP_DARWIN } from "../_ffi/constants_mman_darwin.ts";
import { MMAP_LINUX } from "../_ffi/constants_mman_linux.ts";
import { pageSize } from "../_ffi/mman.ts";

const T: Readonly<Record<string, number | undefined>> = Deno.build.os === "darwin"
  ? MMAP_DARWIN
  : MMAP_LINUX;

/**
 * The access mode given by `flags` and `prot` (the default).
 *
 * @example Use
 * ```ts
 * import { ACCESS_DEFAULT, Mmap } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * using mm = new Mmap(-1, 16, { access: ACCESS_DEFAULT });
 * assert.equal(mm.write(new Uint8Array([1])), 1);
 * ```
 */
export const ACCESS_DEFAULT: number = 0;

/**
 * Read-only access: every write throws `TypeError`.
 *
 * @example Use
 * ```ts
 * import { ACCESS_READ, Mmap } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * using mm = new Mmap(-1, 16, { access: ACCESS_READ });
 * assert.throws(() => mm.writeByte(1), TypeError);
 * ```
 */
export const ACCESS_READ: number = 1;

/**
 * Write-through access: writes reach the file (`MAP_SHARED`).
 *
 * @example Use
 * ```ts
 * import { ACCESS_WRITE, Mmap } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * using mm = new Mmap(-1, 16, { access: ACCESS_WRITE });
 * mm.set(0, 7);
 * assert.equal(mm.get(0), 7);
 * ```
 */
export const ACCESS_WRITE: number = 2;

/**
 * Copy-on-write access: writes stay in memory and never reach the file (`MAP_PRIVATE`).
 *
 * @example Use
 * ```ts
 * import { ACCESS_COPY, Mmap } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * using mm = new Mmap(-1, 16, { access: ACCESS_COPY });
 * mm.set(0, 7);
 * assert.equal(mm.get(0), 7);
 * ```
 */
export const ACCESS_COPY: number = 3;

/**
 * Pages may be read.
 *
 * @example Use
 * ```ts
 * import { Mmap, PROT_READ } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * using mm = new Mmap(-1, 16, { prot: PROT_READ });
 * assert.equal(mm.get(0), 0);
 * assert.throws(() => mm.set(0, 1), TypeError);
 * ```
 */
export const PROT_READ: number = T.PROT_READ!;

/**
 * Pages may be written.
 *
 * @example Use
 * ```ts
 * import { Mmap, PROT_READ, PROT_WRITE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * using mm = new Mmap(-1, 16, { prot: PROT_READ | PROT_WRITE });
 * mm.set(0, 1);
 * assert.equal(mm.get(0), 1);
 * ```
 */
export const PROT_WRITE: number = T.PROT_WRITE!;

/**
 * Pages may be executed.
 *
 * @example Use
 * ```ts
 * import { PROT_EXEC } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * assert.equal(PROT_EXEC, 4);
 * ```
 */
export const PROT_EXEC: number = T.PROT_EXEC!;

/**
 * Share the mapping with every other process that maps the same file.
 *
 * @example Use
 * ```ts
 * import { MAP_SHARED, Mmap } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * using mm = new Mmap(-1, 16, { flags: MAP_SHARED });
 * assert.equal(mm.length, 16);
 * ```
 */
export const MAP_SHARED: number = T.MAP_SHARED!;

/**
 * Make a private copy-on-write mapping.
 *
 * @example Use
 * ```ts
 * import { MAP_PRIVATE, Mmap } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * using mm = new Mmap(-1, 16, { flags: MAP_PRIVATE });
 * mm.set(1, 2);
 * assert.equal(mm.get(1), 2);
 * ```
 */
export const MAP_PRIVATE: number = T.MAP_PRIVATE!;

/**
 * Map memory that belongs to no file (added by itself when `fileno` is -1).
 *
 * @example Use
 * ```ts
 * import { MAP_ANONYMOUS } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * assert.equal(MAP_ANONYMOUS, Deno.build.os === "darwin" ? 0x1000 : 0x20);
 * ```
 */
export const MAP_ANONYMOUS: number = T.MAP_ANONYMOUS!;

/**
 * Another name for `MAP_ANONYMOUS`.
 *
 * @example Use
 * ```ts
 * import { MAP_ANON, MAP_ANONYMOUS } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * assert.equal(MAP_ANON, MAP_ANONYMOUS);
 * ```
 */
export const MAP_ANON: number = T.MAP_ANON!;

/**
 * `madvise()`: no special treatment.
 *
 * @example Use
 * ```ts
 * import { MADV_NORMAL, Mmap, PAGESIZE } from "@ipcnet/std/mmap";
 *
 * using mm = new Mmap(-1, PAGESIZE);
 * mm.madvise(MADV_NORMAL);
 * ```
 */
export const MADV_NORMAL: number = T.MADV_NORMAL!;

/**
 * `madvise()`: expect page references in random order.
 *
 * @example Use
 * ```ts
 * import { MADV_RANDOM, Mmap, PAGESIZE } from "@ipcnet/std/mmap";
 *
 * using mm = new Mmap(-1, PAGESIZE);
 * mm.madvise(MADV_RANDOM);
 * ```
 */
export const MADV_RANDOM: number = T.MADV_RANDOM!;

/**
 * `madvise()`: expect page references in sequential order.
 *
 * @example Use
 * ```ts
 * import { MADV_SEQUENTIAL, Mmap, PAGESIZE } from "@ipcnet/std/mmap";
 *
 * using mm = new Mmap(-1, PAGESIZE);
 * mm.madvise(MADV_SEQUENTIAL);
 * ```
 */
export const MADV_SEQUENTIAL: number = T.MADV_SEQUENTIAL!;

/**
 * `madvise()`: expect access soon, so read ahead.
 *
 * @example Use
 * ```ts
 * import { MADV_WILLNEED, Mmap, PAGESIZE } from "@ipcnet/std/mmap";
 *
 * using mm = new Mmap(-1, PAGESIZE);
 * mm.madvise(MADV_WILLNEED);
 * ```
 */
export const MADV_WILLNEED: number = T.MADV_WILLNEED!;

/**
 * `madvise()`: do not expect access soon; private pages read as zeros again.
 *
 * @example Use
 * ```ts
 * import { MADV_DONTNEED, MAP_PRIVATE, Mmap, PAGESIZE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * using mm = new Mmap(-1, PAGESIZE, { flags: MAP_PRIVATE });
 * mm.set(0, 9);
 * mm.madvise(MADV_DONTNEED);
 * if (Deno.build.os === "linux") assert.equal(mm.get(0), 0);
 * ```
 */
export const MADV_DONTNEED: number = T.MADV_DONTNEED!;

/**
 * `madvise()`: the pages may be freed lazily; their contents become undefined.
 *
 * @example Use
 * ```ts
 * import { MADV_FREE, MAP_PRIVATE, Mmap, PAGESIZE } from "@ipcnet/std/mmap";
 *
 * using mm = new Mmap(-1, PAGESIZE, { flags: MAP_PRIVATE });
 * mm.madvise(MADV_FREE);
 * ```
 */
export const MADV_FREE: number = T.MADV_FREE!;

/**
 * Ignored by Linux; kept for compatibility. Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MAP_DENYWRITE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MAP_DENYWRITE, "number");
 * else assert.equal(MAP_DENYWRITE, undefined);
 * ```
 */
export const MAP_DENYWRITE: number | undefined = T.MAP_DENYWRITE;

/**
 * Ignored by Linux; kept for compatibility. Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MAP_EXECUTABLE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MAP_EXECUTABLE, "number");
 * else assert.equal(MAP_EXECUTABLE, undefined);
 * ```
 */
export const MAP_EXECUTABLE: number | undefined = T.MAP_EXECUTABLE;

/**
 * Prefault the pages of the mapping (read ahead for a file). Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MAP_POPULATE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MAP_POPULATE, "number");
 * else assert.equal(MAP_POPULATE, undefined);
 * ```
 */
export const MAP_POPULATE: number | undefined = T.MAP_POPULATE;

/**
 * The mapping is suitable for a thread stack. Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MAP_STACK } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MAP_STACK, "number");
 * else assert.equal(MAP_STACK, undefined);
 * ```
 */
export const MAP_STACK: number | undefined = T.MAP_STACK;

/**
 * `madvise()`: free the pages and their backing store. Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MADV_REMOVE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MADV_REMOVE, "number");
 * else assert.equal(MADV_REMOVE, undefined);
 * ```
 */
export const MADV_REMOVE: number | undefined = T.MADV_REMOVE;

/**
 * `madvise()`: do not share the pages with a forked child. Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MADV_DONTFORK } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MADV_DONTFORK, "number");
 * else assert.equal(MADV_DONTFORK, undefined);
 * ```
 */
export const MADV_DONTFORK: number | undefined = T.MADV_DONTFORK;

/**
 * `madvise()`: undo `MADV_DONTFORK`. Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MADV_DOFORK } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MADV_DOFORK, "number");
 * else assert.equal(MADV_DOFORK, undefined);
 * ```
 */
export const MADV_DOFORK: number | undefined = T.MADV_DOFORK;

/**
 * `madvise()`: allow kernel same-page merging (KSM). Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MADV_MERGEABLE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MADV_MERGEABLE, "number");
 * else assert.equal(MADV_MERGEABLE, undefined);
 * ```
 */
export const MADV_MERGEABLE: number | undefined = T.MADV_MERGEABLE;

/**
 * `madvise()`: undo `MADV_MERGEABLE`. Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MADV_UNMERGEABLE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MADV_UNMERGEABLE, "number");
 * else assert.equal(MADV_UNMERGEABLE, undefined);
 * ```
 */
export const MADV_UNMERGEABLE: number | undefined = T.MADV_UNMERGEABLE;

/**
 * `madvise()`: back the range with transparent huge pages. Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MADV_HUGEPAGE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MADV_HUGEPAGE, "number");
 * else assert.equal(MADV_HUGEPAGE, undefined);
 * ```
 */
export const MADV_HUGEPAGE: number | undefined = T.MADV_HUGEPAGE;

/**
 * `madvise()`: do not use transparent huge pages. Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MADV_NOHUGEPAGE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MADV_NOHUGEPAGE, "number");
 * else assert.equal(MADV_NOHUGEPAGE, undefined);
 * ```
 */
export const MADV_NOHUGEPAGE: number | undefined = T.MADV_NOHUGEPAGE;

/**
 * `madvise()`: leave the pages out of core dumps. Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MADV_DONTDUMP } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MADV_DONTDUMP, "number");
 * else assert.equal(MADV_DONTDUMP, undefined);
 * ```
 */
export const MADV_DONTDUMP: number | undefined = T.MADV_DONTDUMP;

/**
 * `madvise()`: undo `MADV_DONTDUMP`. Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MADV_DODUMP } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MADV_DODUMP, "number");
 * else assert.equal(MADV_DODUMP, undefined);
 * ```
 */
export const MADV_DODUMP: number | undefined = T.MADV_DODUMP;

/**
 * `madvise()`: poison the pages (refused by `Mmap.madvise`, see the README). Linux only: `undefined` on macOS.
 *
 * @example Platform check
 * ```ts
 * import { MADV_HWPOISON } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.equal(typeof MADV_HWPOISON, "number");
 * else assert.equal(MADV_HWPOISON, undefined);
 * ```
 */
export const MADV_HWPOISON: number | undefined = T.MADV_HWPOISON;

/**
 * `madvise()`: the pages may be reused; their contents become undefined. macOS only: `undefined` on Linux.
 *
 * @example Platform check
 * ```ts
 * import { MADV_FREE_REUSABLE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "darwin") assert.equal(typeof MADV_FREE_REUSABLE, "number");
 * else assert.equal(MADV_FREE_REUSABLE, undefined);
 * ```
 */
export const MADV_FREE_REUSABLE: number | undefined = T.MADV_FREE_REUSABLE;

/**
 * `madvise()`: the pages will be reused after `MADV_FREE_REUSABLE`. macOS only: `undefined` on Linux.
 *
 * @example Platform check
 * ```ts
 * import { MADV_FREE_REUSE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "darwin") assert.equal(typeof MADV_FREE_REUSE, "number");
 * else assert.equal(MADV_FREE_REUSE, undefined);
 * ```
 */
export const MADV_FREE_REUSE: number | undefined = T.MADV_FREE_REUSE;

/**
 * The size of a memory page in bytes (`getpagesize()`).
 *
 * @example Map one page
 * ```ts
 * import { Mmap, PAGESIZE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * using mm = new Mmap(-1, PAGESIZE);
 * assert.equal(mm.length, PAGESIZE);
 * ```
 */
export const PAGESIZE: number = pageSize();

/**
 * The granularity of mapping offsets: `offset` must be a multiple of it. On Unix it is
 * the page size.
 *
 * @example A valid offset
 * ```ts
 * import { ALLOCATIONGRANULARITY, PAGESIZE } from "@ipcnet/std/mmap";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ALLOCATIONGRANULARITY, PAGESIZE);
 * assert.equal(ALLOCATIONGRANULARITY * 3 % ALLOCATIONGRANULARITY, 0);
 * ```
 */
export const ALLOCATIONGRANULARITY: number = PAGESIZE;
