// Memory-mapping constants and struct layouts of macOS (XNU headers: <sys/mman.h>,
// <sys/fcntl.h>, <sys/filio.h>, <sys/stat.h>). Public names and values match CPython's
// `mmap` module on macOS.

/** The `mmap` module's public constants on macOS (as CPython 3.11 exposes them). */
export const MMAP_DARWIN = {
  PROT_READ: 0x1,
  PROT_WRITE: 0x2,
  PROT_EXEC: 0x4,
  MAP_SHARED: 0x0001,
  MAP_PRIVATE: 0x0002,
  MAP_ANONYMOUS: 0x1000,
  MAP_ANON: 0x1000,
  MADV_NORMAL: 0,
  MADV_RANDOM: 1,
  MADV_SEQUENTIAL: 2,
  MADV_WILLNEED: 3,
  MADV_DONTNEED: 4,
  MADV_FREE: 5,
  MADV_FREE_REUSABLE: 7,
  MADV_FREE_REUSE: 8,
} as const;

/** Private constants the mmap wrappers need on macOS. */
export const MMAN_PRIVATE_DARWIN = {
  MAP_FIXED: 0x0010,
  MS_SYNC: 0x0010,
  MREMAP_MAYMOVE: 0,
  O_RDONLY: 0,
  O_RDWR: 2,
  O_TRUNC: 0x0400,
  O_CLOEXEC: 0x01000000,
  /** _IO('f', 1) from <sys/filio.h>. */
  FIOCLEX: 0x20006601n,
  S_IFMT: 0o170000,
  S_IFREG: 0o100000,
  STAT_VER: 0,
  /**
   * The plain `fstat` symbol: on arm64 it fills the 64-bit-inode `struct stat` (144 bytes,
   * st_mode u16 at 4, st_size at 96); on x86_64 it is the legacy 32-bit-inode layout
   * (st_mode u16 at 8, st_size at 72), since `fstat$INODE64` is the modern one there.
   */
  STAT_SIZE: 144,
  STAT_MODE_OFFSET: Deno.build.arch === "x86_64" ? 8 : 4,
  STAT_MODE_BYTES: 2,
  STAT_SIZE_OFFSET: Deno.build.arch === "x86_64" ? 72 : 96,
  /** Page size when FFI is not yet permitted: 16 KiB on Apple silicon, 4 KiB on Intel. */
  DEFAULT_PAGESIZE: Deno.build.arch === "aarch64" ? 16384 : 4096,
} as const;
