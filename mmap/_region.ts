// The lifetime of one mapping: creating it, handing out zero-copy views, resizing and
// releasing it, so that no ArrayBuffer that JavaScript can reach ever points at memory
// that is no longer mapped.
//
// - Every ArrayBuffer over the mapping is made here: the internal one used by the Mmap
//   methods (never handed out) and the exported one behind `Mmap.buffer`.
// - Before the memory is unmapped or moved, both are detached with
//   `transferToFixedLength(0)`, so every view over them reports length 0.
// - If the exported buffer is found already detached, its holder transferred it
//   (`buffer.transfer()`, `postMessage(buf, [buf])`): the new buffer aliases the mapping and
//   cannot be detached from here. The region is then "tainted": it is never unmapped, but
//   replaced in place by anonymous memory, so the alias stays valid and reads zeros.
// - The exported buffer keeps its Mmap alive (a WeakMap entry), as a Python memoryview
//   keeps its mmap alive; the Mmap holds the buffer. The region (the FinalizationRegistry's
//   held value) only has a WeakRef to it, so the pair can be collected together. A region
//   whose Mmap was collected without `close()` is then released by the registry; if it had
//   exported a buffer, that buffer is gone and can no longer show whether it was
//   transferred, so the region is treated as tainted.

import {
  canRemap,
  closeDescriptor,
  copyMemory,
  detachView,
  mapMemory,
  type Mapping,
  overlayAnonymous,
  remapMemory,
  statDescriptor,
  truncateDescriptor,
  unmapMemory,
  viewMemory,
} from "../_ffi/mman.ts";

/** One live mapping. `ptr` is null once released. */
export interface Region {
  /** Start of the mapping, or null once released. */
  ptr: Mapping | null;
  /** Length of the mapping in bytes. */
  size: number;
  /** The region's own duplicate of the file descriptor, or -1 (anonymous or closed). */
  fd: number;
  /** Mapping arguments, kept to map again when `mremap` is missing or unsafe. */
  readonly prot: number;
  /** `MAP_*` flags, `MAP_ANONYMOUS` included for an anonymous map. */
  readonly flags: number;
  /** Offset of the mapping in the file. */
  readonly offset: number;
  /** Internal view over the whole mapping; empty once released. Never handed out. */
  view: Uint8Array<ArrayBuffer>;
  /** The buffer handed out through `Mmap.buffer`, if any; its Mmap holds it strongly. */
  exported: WeakRef<ArrayBuffer> | null;
  /** A handed-out buffer was transferred away; the memory must never be unmapped. */
  tainted: boolean;
}

const EMPTY: Uint8Array<ArrayBuffer> = new Uint8Array(0);
const MAP_SHARED = 0x1; // the same on Linux and macOS
const MAP_PRIVATE = 0x2;
const registry = new FinalizationRegistry<Region>((region) => {
  try {
    releaseRegion(region);
  } catch {
    // Nothing can be reported from a finalizer; the memory stays mapped.
  }
});
const keepAlive = new WeakMap<ArrayBuffer, object>();

/**
 * Maps memory and returns its region. `fd` becomes the region's: it is closed when the
 * region is released, and also here if mapping fails.
 */
export function mapRegion(
  owner: object,
  fd: number,
  size: number,
  prot: number,
  flags: number,
  offset: number,
): Region {
  let ptr: Mapping;
  try {
    ptr = mapMemory(size, prot, flags, fd, offset);
  } catch (err) {
    if (fd !== -1) closeDescriptor(fd);
    throw err;
  }
  const view = new Uint8Array(viewMemory(ptr, size));
  const region: Region = {
    ptr,
    size,
    fd,
    prot,
    flags,
    offset,
    view,
    exported: null,
    tainted: false,
  };
  registry.register(owner, region, region);
  return region;
}

/**
 * A new zero-copy view of a region, or `null` when the one handed out before is still
 * attached (the caller keeps it). The caller must hold the view strongly.
 */
export function exportView(owner: object, region: Region): Uint8Array<ArrayBuffer> | null {
  const current = region.exported?.deref();
  if (current && !current.detached) return null;
  if (region.exported) region.tainted = true; // its holder transferred it
  const buffer = viewMemory(region.ptr!, region.size);
  keepAlive.set(buffer, owner);
  region.exported = new WeakRef(buffer);
  return new Uint8Array(buffer);
}

/** Whether `bytes` is a view over the region's exported buffer. */
export function isExported(region: Region, bytes: Uint8Array): boolean {
  return region.exported !== null && region.exported.deref() === bytes.buffer;
}

/** Detaches every view, unmaps the memory and closes the descriptor. Idempotent. */
export function releaseRegion(region: Region): void {
  const ptr = region.ptr;
  if (ptr === null) return;
  registry.unregister(region);
  detachAll(region);
  region.ptr = null;
  const fd = region.fd;
  region.fd = -1;
  try {
    if (region.tainted) overlayAnonymous(ptr, region.size);
    else unmapMemory(ptr, region.size);
  } finally {
    if (fd !== -1) closeDescriptor(fd);
  }
}

/**
 * Changes the size of a region, and of its file to `offset + newSize` (as CPython). Uses
 * `mremap` where it exists; otherwise (macOS, or a tainted region) maps anew and copies
 * what only lives in memory. A file grows before the map does and shrinks after it, so no
 * page of the map is ever past the end of its file, and a failure loses no data. Views
 * handed out before are detached. On failure the region is unchanged.
 */
export function resizeRegion(region: Region, newSize: number): void {
  const old = region.ptr!;
  const fileSize = region.fd === -1 ? -1 : statDescriptor(region.fd).size;
  const newFileSize = region.offset + newSize;
  const growFile = fileSize !== -1 && newFileSize > fileSize;
  if (growFile) truncateDescriptor(region.fd, newFileSize);
  // A buffer that its holder transferred may alias the old range, which must then stay
  // mapped: such a region is never moved with mremap.
  const exported = region.exported?.deref();
  if (region.exported !== null && (exported === undefined || exported.detached)) {
    region.tainted = true;
  }
  // mremap cannot grow the object behind shared anonymous memory: the new pages would
  // raise SIGBUS (CPython crashes there). Such memory is copied into a new mapping; no
  // other process can share it, since Deno cannot fork.
  const sharedAnonymous = region.fd === -1 && (region.flags & MAP_SHARED) !== 0;
  const remap = canRemap() && !region.tainted && !(sharedAnonymous && newSize > region.size);
  let ptr: Mapping;
  try {
    if (remap) {
      ptr = remapMemory(old, region.size, newSize);
    } else {
      ptr = mapMemory(newSize, region.prot, region.flags, region.fd, region.offset);
      if (region.fd === -1 || (region.flags & MAP_PRIVATE) !== 0) {
        copyMemory(ptr, old, Math.min(region.size, newSize));
      }
    }
  } catch (err) {
    if (growFile) truncateDescriptor(region.fd, fileSize); // drops only the zeros it added
    throw err;
  }
  // The old range is gone (mremap) or about to be: no view over it may survive.
  detachAll(region);
  if (!remap) {
    if (region.tainted) overlayAnonymous(old, region.size);
    else unmapMemory(old, region.size);
  }
  region.ptr = ptr;
  region.size = newSize;
  region.tainted = false;
  region.view = new Uint8Array(viewMemory(ptr, newSize));
  if (fileSize !== -1 && newFileSize < fileSize) truncateDescriptor(region.fd, newFileSize);
}

function detachAll(region: Region): void {
  if (region.exported) {
    const exported = region.exported.deref();
    // A collected buffer cannot tell whether it was transferred first: assume it was.
    if (exported === undefined || !detachView(exported)) region.tainted = true;
  }
  region.exported = null;
  if (region.view !== EMPTY) detachView(region.view.buffer);
  region.view = EMPTY;
}
