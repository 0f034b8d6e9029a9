// Memory-mapping constants and struct layouts of Linux (glibc and kernel uapi headers:
// <bits/mman-linux.h>, <asm-generic/mman-common.h>, <bits/fcntl-linux.h>,
// <asm-generic/ioctls.h>, <bits/struct_stat.h>), identical on x86_64 and aarch64 except
// where noted. Public names and values match CPython's `mmap` module on Linux.

/** The `mmap` module's public constants on Linux (as CPython 3.11 exposes them). */
export const MMAP_LINUX = {
  PROT_READ: 0x1,
  PROT_WRITE: 0x2,
  PROT_EXEC: 0x4,
  MAP_SHARED: 0x01,
  MAP_PRIVATE: 0x02,
  MAP_ANONYMOUS: 0x20,
  MAP_ANON: 0x20,
  MAP_DENYWRITE: 0x0800,
  MAP_EXECUTABLE: 0x1000,
  MAP_POPULATE: 0x8000,
  MAP_STACK: 0x20000,
  MADV_NORMAL: 0,
  MADV_RANDOM: 1,
  MADV_SEQUENTIAL: 2,
  MADV_WILLNEED: 3,
  MADV_DONTNEED: 4,
  MADV_FREE: 8,
  MADV_REMOVE: 9,
  MADV_DONTFORK: 10,
  MADV_DOFORK: 11,
  MADV_MERGEABLE: 12,
  MADV_UNMERGEABLE: 13,
  MADV_HUGEPAGE: 14,
  MADV_NOHUGEPAGE: 15,
  MADV_DONTDUMP: 16,
  MADV_DODUMP: 17,
  MADV_HWPOISON: 100,
} as const;

/** Private constants the mmap wrappers need on Linux. */
export const MMAN_PRIVATE_LINUX = {
  MAP_FIXED: 0x10,
  MS_SYNC: 4,
  MREMAP_MAYMOVE: 1,
  O_RDONLY: 0,
  O_RDWR: 2,
  O_TRUNC: 0o1000,
  O_CLOEXEC: 0o2000000,
  FIOCLEX: 0x5451n,
  S_IFMT: 0o170000,
  S_IFREG: 0o100000,
  /** `_STAT_VER` for the `__fxstat64` fallback (1 on x86_64, 0 on aarch64). */
  STAT_VER: Deno.build.arch === "x86_64" ? 1 : 0,
  /** sizeof(struct stat): 144 on x86_64, 128 on aarch64 (generic layout). */
  STAT_SIZE: Deno.build.arch === "x86_64" ? 144 : 128,
  /** offsetof(struct stat, st_mode) (u32): 24 on x86_64 (after st_nlink), 16 on aarch64. */
  STAT_MODE_OFFSET: Deno.build.arch === "x86_64" ? 24 : 16,
  /** Width of st_mode in bytes. */
  STAT_MODE_BYTES: 4,
  /** offsetof(struct stat, st_size) (i64): 48 on both. */
  STAT_SIZE_OFFSET: 48,
  /** Page size when FFI is not yet permitted (the usual Linux value). */
  DEFAULT_PAGESIZE: 4096,
} as const;
