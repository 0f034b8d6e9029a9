// The implementation of `Mmap` (mmap.ts holds the documented facade): CPython 3.11's
// mmapmodule.c checks, in CPython's order, over a Region (see _region.ts).

import { osError } from "../_errors/os_error.ts";
import { IndexError, OverflowError, ValueError } from "../_errors/python_errors.ts";
import {
  adviseMemory,
  duplicateDescriptor,
  findInMemory,
  statDescriptor,
  syncMemory,
} from "../_ffi/mman.ts";
import {
  ACCESS_COPY,
  ACCESS_DEFAULT,
  ACCESS_READ,
  ACCESS_WRITE,
  MADV_HWPOISON,
  MAP_ANONYMOUS,
  MAP_PRIVATE,
  MAP_SHARED,
  PROT_READ,
  PROT_WRITE,
} from "./constants.ts";
import {
  adjustBound,
  adjustSlice,
  MSG,
  SSIZE_LIMIT,
  toBytes,
  toInt,
  toOptionalInt,
} from "./_checks.ts";
import {
  exportView,
  isExported,
  mapRegion,
  type Region,
  releaseRegion,
  resizeRegion,
} from "./_region.ts";
import type { HasFileno, MmapOptions } from "./mmap.ts";

const PROT_RW = PROT_READ | PROT_WRITE;
const ACCESS_NAMES = ["ACCESS_DEFAULT", "ACCESS_READ", "ACCESS_WRITE", "ACCESS_COPY"];

/** The state and checks behind one `Mmap`; see mmap.ts for the documented API. */
export class MmapCore {
  #owner: object;
  #region: Region;
  #exported: Uint8Array<ArrayBuffer> | null = null; // keeps `buffer` for taint checks
  #access: number;
  #offset: number;
  #pos = 0;

  constructor(
    owner: object,
    fileno: number | HasFileno,
    length: number,
    options: MmapOptions,
  ) {
    const fd = toInt(typeof fileno === "object" ? fileno?.fileno() : fileno, "fileno");
    let mapSize = toInt(length, "length");
    let flags = toOptionalInt(options.flags, "flags", MAP_SHARED);
    let prot = toOptionalInt(options.prot, "prot", PROT_RW);
    let access = toOptionalInt(options.access, "access", ACCESS_DEFAULT);
    const offset = toOptionalInt(options.offset, "offset", 0);
    if (mapSize < 0) throw new OverflowError(MSG.negLength);
    if (offset < 0) throw new OverflowError(MSG.negOffset);
    if (access !== ACCESS_DEFAULT && (flags !== MAP_SHARED || prot !== PROT_RW)) {
      throw new ValueError(MSG.bothAccess);
    }
    if (access === ACCESS_READ) [flags, prot] = [MAP_SHARED, PROT_READ];
    else if (access === ACCESS_WRITE) [flags, prot] = [MAP_SHARED, PROT_RW];
    else if (access === ACCESS_COPY) [flags, prot] = [MAP_PRIVATE, PROT_RW];
    else if (access !== ACCESS_DEFAULT) throw new ValueError(MSG.badAccess);
    else if ((prot & PROT_RW) === PROT_READ || (prot & PROT_RW) === 0) access = ACCESS_READ;
    else if ((prot & PROT_READ) === 0) access = ACCESS_WRITE;
    // Without PROT_READ even a read would fault and end the process (Python allows it).
    if ((prot & PROT_RW) === 0) {
      throw new ValueError("mmap prot must include PROT_READ or PROT_WRITE");
    }
    if (prot & PROT_WRITE) prot |= PROT_READ;
    if (fd !== -1) mapSize = checkFileSize(fd, mapSize, offset);
    else flags |= MAP_ANONYMOUS;
    const copy = fd === -1 ? -1 : duplicateDescriptor(fd);
    this.#owner = owner;
    this.#region = mapRegion(owner, copy, mapSize, prot, flags, offset);
    this.#access = access;
    this.#offset = offset;
  }

  get closed(): boolean {
    return this.#region.ptr === null;
  }

  get length(): number {
    return this.#valid().size;
  }

  get buffer(): Uint8Array<ArrayBuffer> {
    const region = this.#valid();
    if (this.#access === ACCESS_READ) {
      throw new TypeError("mmap can't export a writable view of a readonly memory map");
    }
    const fresh = exportView(this.#owner, region);
    if (fresh !== null) this.#exported = fresh;
    return this.#exported!;
  }

  close(): void {
    releaseRegion(this.#region);
  }

  find(sub: ArrayBufferView, start?: number, end?: number): number {
    const region = this.#valid();
    const needle = toBytes(sub);
    const [a, b] = this.#bounds(region, start, end);
    if (needle.length === 0) return a <= b ? a : -1;
    if (b - a < needle.length) return -1;
    return findInMemory(region.ptr!, a, b, needle);
  }

  rfind(sub: ArrayBufferView, start?: number, end?: number): number {
    const region = this.#valid();
    const needle = toBytes(sub);
    const [a, b] = this.#bounds(region, start, end);
    if (needle.length === 0) return a <= b ? b : -1;
    return lastIndexOf(region.view, needle, a, b);
  }

  flush(offset?: number, size?: number): void {
    const region = this.#valid();
    const start = toOptionalInt(offset, "offset", 0);
    const count = toOptionalInt(size, "size", region.size);
    if (count < 0 || start < 0 || region.size - start < count) {
      throw new ValueError(MSG.flushRange);
    }
    if (this.#access === ACCESS_READ || this.#access === ACCESS_COPY) return;
    syncMemory(region.ptr!, start, count);
  }

  madvise(option: number, start?: number, length?: number): void {
    const region = this.#valid();
    const advice = toInt(option, "option");
    const from = toOptionalInt(start, "start", 0);
    if (typeof length === "number" && length >= SSIZE_LIMIT) {
      throw new OverflowError(MSG.adviseOverflow);
    }
    let count = toOptionalInt(length, "length", region.size);
    if (from < 0 || from >= region.size) throw new ValueError(MSG.adviseStart);
    if (count < 0) throw new ValueError(MSG.adviseLength);
    if (SSIZE_LIMIT - from <= count) throw new OverflowError(MSG.adviseOverflow);
    if (from + count > region.size) count = region.size - from;
    if (MADV_HWPOISON !== undefined && advice === MADV_HWPOISON) {
      throw new ValueError("madvise(MADV_HWPOISON) is refused: it would end the process");
    }
    adviseMemory(region.ptr!, from, count, advice);
  }

  move(dest: number, src: number, count: number): void {
    const region = this.#valid();
    const [d, s, n] = [toInt(dest, "dest"), toInt(src, "src"), toInt(count, "count")];
    this.#writable();
    if (d < 0 || s < 0 || n < 0 || region.size - d < n || region.size - s < n) {
      throw new ValueError(MSG.moveRange);
    }
    region.view.copyWithin(d, s, s + n);
  }

  read(n?: number | null): Uint8Array {
    const region = this.#valid();
    let count = toOptionalInt(n, "n", -1);
    const remaining = this.#pos < region.size ? region.size - this.#pos : 0;
    if (count < 0 || count > remaining) count = remaining;
    const out = region.view.slice(this.#pos, this.#pos + count);
    this.#pos += count;
    return out;
  }

  readByte(): number {
    const region = this.#valid();
    if (this.#pos >= region.size) throw new ValueError(MSG.readByte);
    return region.view[this.#pos++];
  }

  readline(): Uint8Array {
    const region = this.#valid();
    if (this.#pos >= region.size) return new Uint8Array(0);
    const newline = region.view.indexOf(0x0a, this.#pos);
    const end = newline === -1 ? region.size : newline + 1;
    const out = region.view.slice(this.#pos, end);
    this.#pos = end;
    return out;
  }

  resize(newsize: number): void {
    const region = this.#valid();
    const size = toInt(newsize, "newsize");
    if (this.#access === ACCESS_READ || this.#access === ACCESS_COPY) {
      throw new TypeError(MSG.resize);
    }
    if (size < 0 || SSIZE_LIMIT - size <= this.#offset) {
      throw new ValueError(MSG.newSize);
    }
    if (size === 0) throw osError("EINVAL"); // mremap and mmap refuse 0; keep the file
    resizeRegion(region, size);
  }

  seek(pos: number, whence = 0): number {
    const region = this.#valid();
    const dist = toInt(pos, "pos");
    const how = toInt(whence, "whence");
    let where: number;
    if (how === 0) where = dist;
    else if (how === 1) where = this.#pos + dist;
    else if (how === 2) where = region.size + dist;
    else throw new ValueError(MSG.seekType);
    if (where > region.size || where < 0 || !Number.isSafeInteger(where)) {
      throw new ValueError(MSG.seekRange);
    }
    return this.#pos = where;
  }

  size(): number {
    return statDescriptor(this.#valid().fd).size;
  }

  tell(): number {
    this.#valid();
    return this.#pos;
  }

  write(data: ArrayBufferView): number {
    const region = this.#valid();
    const bytes = toBytes(data);
    this.#writable();
    if (this.#pos > region.size || region.size - this.#pos < bytes.length) {
      throw new ValueError(MSG.dataRange);
    }
    copyInto(region, this.#pos, bytes);
    this.#pos += bytes.length;
    return bytes.length;
  }

  writeByte(byte: number): void {
    const region = this.#valid();
    const value = toInt(byte, "byte");
    if (value < 0) throw new OverflowError(MSG.byteMin);
    if (value > 255) throw new OverflowError(MSG.byteMax);
    this.#writable();
    if (this.#pos >= region.size) throw new ValueError(MSG.writeByte);
    region.view[this.#pos++] = value;
  }

  get(index: number): number {
    const region = this.#valid();
    return region.view[toIndex(index, region.size)];
  }

  set(index: number, value: number): void {
    const region = this.#valid();
    this.#writable();
    const i = toIndex(index, region.size);
    if (typeof value !== "number" || !Number.isInteger(value)) throw new TypeError(MSG.itemType);
    if (value < 0 || value > 255) throw new ValueError(MSG.itemRange);
    region.view[i] = value;
  }

  slice(start?: number | null, end?: number | null, step?: number | null): Uint8Array {
    const region = this.#valid();
    const [a, b, st, count] = adjustSlice(region.size, start, end, step);
    if (st === 1) return region.view.slice(a, b);
    const out = new Uint8Array(count);
    for (let i = 0, j = a; i < count; i++, j += st) out[i] = region.view[j];
    return out;
  }

  setSlice(start: number, data: ArrayBufferView): void {
    const region = this.#valid();
    this.#writable();
    const bytes = toBytes(data);
    const [a] = adjustSlice(region.size, start, null, 1);
    if (region.size - a < bytes.length) throw new IndexError(MSG.sliceSize);
    copyInto(region, a, bytes);
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0;; i++) {
      const region = this.#valid();
      if (i >= region.size) return;
      yield region.view[i];
    }
  }

  inspect(): string {
    if (this.closed) return "<Mmap closed=true>";
    const access = ACCESS_NAMES[this.#access];
    return `<Mmap closed=false, access=${access}, length=${this.#region.size}, ` +
      `pos=${this.#pos}, offset=${this.#offset}>`;
  }

  #valid(): Region {
    if (this.#region.ptr === null) throw new ValueError(MSG.closed);
    return this.#region;
  }

  #writable(): void {
    if (this.#access === ACCESS_READ) throw new TypeError(MSG.readonly);
  }

  #bounds(region: Region, start?: number, end?: number): [number, number] {
    const a = adjustBound(toOptionalInt(start, "start", this.#pos), region.size);
    const b = adjustBound(toOptionalInt(end, "end", region.size), region.size);
    return [a, b];
  }
}

// Python's size checks for a regular file (`S_ISREG`); other files are mapped as asked.
function checkFileSize(fd: number, mapSize: number, offset: number): number {
  let status;
  try {
    status = statDescriptor(fd);
  } catch {
    return mapSize; // As Python: the dup that follows reports EBADF.
  }
  if (!status.regular) return mapSize;
  if (mapSize === 0) {
    if (status.size === 0) throw new ValueError(MSG.empty);
    if (offset >= status.size) throw new ValueError(MSG.offsetPastEnd);
    return status.size - offset;
  }
  if (offset > status.size || status.size - offset < mapSize) {
    throw new ValueError(MSG.lengthPastEnd);
  }
  return mapSize;
}

function toIndex(index: unknown, size: number): number {
  if (typeof index !== "number" || !Number.isInteger(index)) throw new TypeError(MSG.indexType);
  const i = index < 0 ? index + size : index;
  if (i < 0 || i >= size) throw new IndexError(MSG.index);
  return i;
}

// Copies into the mapping; a source that is itself a view of this mapping may overlap.
function copyInto(region: Region, at: number, bytes: Uint8Array): void {
  if (isExported(region, bytes)) {
    region.view.copyWithin(at, bytes.byteOffset, bytes.byteOffset + bytes.length);
  } else {
    region.view.set(bytes, at);
  }
}

function lastIndexOf(view: Uint8Array, needle: Uint8Array, start: number, end: number): number {
  const n = needle.length;
  const first = needle[0];
  for (let i = end - n; i >= start; i--) {
    i = view.lastIndexOf(first, i);
    if (i < start) return -1;
    let k = 1;
    while (k < n && view[i + k] === needle[k]) k++;
    if (k === n) return i;
  }
  return -1;
}
