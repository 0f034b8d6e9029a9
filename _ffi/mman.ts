// Typed wrappers over the C library's memory-mapping calls (<sys/mman.h>, <string.h>
// memmem, <fcntl.h> open, <unistd.h> dup/close/ftruncate, <sys/stat.h> fstat) for the
// mmap module. Every pointer and every ArrayBuffer over mapped memory is made here; the
// module above sees mappings only as an opaque `Deno.PointerObject` plus ArrayBuffers.

import { OSError } from "../_errors/os_error.ts";
import { ERRNO } from "./errno.ts";
import { MMAN_PRIVATE_DARWIN } from "./constants_mman_darwin.ts";
import { MMAN_PRIVATE_LINUX } from "./constants_mman_linux.ts";
import { check, errno, ffiPermitted, libc } from "./libc.ts";

const C = Deno.build.os === "darwin" ? MMAN_PRIVATE_DARWIN : MMAN_PRIVATE_LINUX;
const MAP_FAILED = 0xffffffffffffffffn;
const PROT_READ_WRITE = 0x3; // PROT_READ | PROT_WRITE, the same on Linux and macOS
const MAP_PRIVATE = 0x2; // the same on Linux and macOS
const MAP_ANONYMOUS = Deno.build.os === "darwin" ? 0x1000 : 0x20;

/** The start of a mapping, as the C library returned it. */
export type Mapping = Deno.PointerObject;

/** The system page size: `getpagesize()` when FFI is permitted, else the OS default. */
export function pageSize(): number {
  if (ffiPermitted()) {
    try {
      return libc().getpagesize();
    } catch {
      // The C library could not be opened; the default below is right on common systems.
    }
  }
  return C.DEFAULT_PAGESIZE;
}

/** `mmap(NULL, length, prot, flags, fd, offset)`; throws OSError on MAP_FAILED. */
export function mapMemory(
  length: number,
  prot: number,
  flags: number,
  fd: number,
  offset: number,
): Mapping {
  const ptr = libc().mmap(null, BigInt(length), prot, flags, fd, BigInt(offset));
  return mapped(ptr);
}

/** `munmap(addr, length)`; throws OSError on failure. */
export function unmapMemory(ptr: Mapping, length: number): void {
  check(() => libc().munmap(ptr, BigInt(length)));
}

/**
 * Replaces a mapping, in place and atomically, with private anonymous memory of the same
 * size (`MAP_FIXED`). Used instead of `munmap` when an ArrayBuffer over the mapping may
 * have escaped (it was transferred by its holder), so that no live buffer ever points at
 * unmapped memory: the file is released and the addresses stay valid, reading zeros.
 */
export function overlayAnonymous(ptr: Mapping, length: number): void {
  const flags = MAP_PRIVATE | MAP_ANONYMOUS | C.MAP_FIXED;
  mapped(libc().mmap(ptr, BigInt(length), PROT_READ_WRITE, flags, -1, 0n));
}

/** Whether `mremap` exists (Linux). */
export function canRemap(): boolean {
  return libc().mremap != null;
}

/** `mremap(addr, oldLength, newLength, MREMAP_MAYMOVE)`; throws OSError on failure. */
export function remapMemory(ptr: Mapping, oldLength: number, newLength: number): Mapping {
  const mremap = libc().mremap;
  if (!mremap) throw new OSError(ENOSYS, "mremap is not available");
  return mapped(mremap(ptr, BigInt(oldLength), BigInt(newLength), C.MREMAP_MAYMOVE));
}

/** `msync(addr + offset, size, MS_SYNC)`; throws OSError on failure. */
export function syncMemory(ptr: Mapping, offset: number, size: number): void {
  check(() => libc().msync(at(ptr, offset), BigInt(size), C.MS_SYNC));
}

/** `madvise(addr + start, length, advice)`; throws OSError on failure. */
export function adviseMemory(ptr: Mapping, start: number, length: number, advice: number): void {
  check(() => libc().madvise(at(ptr, start), BigInt(length), advice));
}

/** A zero-copy ArrayBuffer over `length` bytes of mapped memory. */
export function viewMemory(ptr: Mapping, length: number): ArrayBuffer {
  return Deno.UnsafePointerView.getArrayBuffer(ptr, length);
}

/**
 * Detaches an ArrayBuffer made by `viewMemory`: every view over it reports length 0 from
 * now on. Returns false when it was already detached by someone else, which means its
 * contents may live on in a buffer that was transferred out (see `overlayAnonymous`).
 */
export function detachView(buffer: ArrayBuffer): boolean {
  if (buffer.detached) return false;
  buffer.transferToFixedLength(0);
  return true;
}

/** Copies `length` bytes between two mappings (used when remapping without `mremap`). */
export function copyMemory(to: Mapping, from: Mapping, length: number): void {
  if (length === 0) return;
  const target = viewMemory(to, length);
  const source = viewMemory(from, length);
  new Uint8Array(target).set(new Uint8Array(source));
  target.transferToFixedLength(0);
  source.transferToFixedLength(0);
}

/**
 * The offset of the first occurrence of `needle` within `[start, end)` of a mapping, or
 * -1, found with the C library's `memmem` directly on the mapped memory.
 */
export function findInMemory(ptr: Mapping, start: number, end: number, needle: Uint8Array): number {
  const found = libc().memmem(at(ptr, start), BigInt(end - start), needle, BigInt(needle.length));
  if (found === null) return -1;
  return Number(Deno.UnsafePointer.value(found) - Deno.UnsafePointer.value(ptr));
}

/** What `fstat` says about a descriptor: whether it is a regular file, and its size. */
export interface FileStatus {
  /** `S_ISREG(st_mode)`. */
  regular: boolean;
  /** `st_size` in bytes. */
  size: number;
  /** `st_mode & S_IFMT`: the file type bits (S_IFIFO 0o010000, S_IFSOCK 0o140000, ...). */
  type: number;
}

/** `fstat(fd)`; throws OSError on failure. */
export function statDescriptor(fd: number): FileStatus {
  const lib = libc();
  const buf = new Uint8Array(C.STAT_SIZE + 64); // slack in case a libc's struct is larger
  if (lib.fstat) {
    check(() => lib.fstat!(fd, buf));
  } else if (lib.__fxstat64) {
    check(() => lib.__fxstat64!(C.STAT_VER, fd, buf));
  } else {
    throw new OSError(ENOSYS, "fstat is not available");
  }
  const data = new DataView(buf.buffer);
  const mode = C.STAT_MODE_BYTES === 4
    ? data.getUint32(C.STAT_MODE_OFFSET, true)
    : data.getUint16(C.STAT_MODE_OFFSET, true);
  const size = data.getBigInt64(C.STAT_SIZE_OFFSET, true);
  return { regular: (mode & C.S_IFMT) === C.S_IFREG, size: Number(size), type: mode & C.S_IFMT };
}

/** `dup(fd)` with close-on-exec set on the copy; throws OSError on failure. */
export function duplicateDescriptor(fd: number): number {
  const lib = libc();
  const copy = check(() => lib.dup(fd));
  try {
    check(() => lib.ioctl(copy, C.FIOCLEX, null));
  } catch (err) {
    lib.close(copy);
    throw err;
  }
  return copy;
}

/** `close(fd)`; errors are reported, EINTR is not retried (the descriptor is gone). */
export function closeDescriptor(fd: number): void {
  if (libc().close(fd) === -1) {
    const e = errno();
    if (e !== EINTR) throw new OSError(e);
  }
}

/** How `openDescriptor` opens a file. */
export interface OpenMode {
  /** Open for reading. */
  read: boolean;
  /** Open for writing. */
  write: boolean;
  /** Truncate to zero length (needs `write`). */
  truncate: boolean;
}

/**
 * `open(path, flags | O_CLOEXEC)` without `O_CREAT` (open is variadic, and a mode
 * argument cannot be passed portably through FFI); throws OSError naming the path.
 */
export function openDescriptor(path: string, mode: OpenMode): number {
  let flags = mode.write ? (mode.read ? C.O_RDWR : 1 /* O_WRONLY */) : C.O_RDONLY;
  if (mode.truncate) flags |= C.O_TRUNC;
  const cpath = new TextEncoder().encode(path + "\0");
  return check(() => libc().open(cpath, flags | C.O_CLOEXEC), path);
}

/** `ftruncate(fd, length)`; throws OSError on failure. */
export function truncateDescriptor(fd: number, length: number): void {
  check(() => libc().ftruncate(fd, BigInt(length)));
}

const EINTR = ERRNO.EINTR;
const ENOSYS = ERRNO.ENOSYS;

function at(ptr: Mapping, offset: number): Deno.PointerValue {
  return offset === 0 ? ptr : Deno.UnsafePointer.offset(ptr, offset);
}

function mapped(ptr: Deno.PointerValue): Mapping {
  if (ptr === null || Deno.UnsafePointer.value(ptr) === MAP_FAILED) {
    throw new OSError(errno());
  }
  return ptr;
}
