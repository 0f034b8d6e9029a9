// Which descriptor a registered object stands for. Kernel descriptors are what they are: a
// number, the result of `fileno()`, or the descriptor of a kernel `Socket`. A native object
// (a native `Socket`, an `SSLSocket`, anything implementing the readiness protocol of
// socket/readiness.ts) has no descriptor, so it gets a synthetic one: a number from 2^31 up,
// above every possible kernel descriptor (a C `int`), given once per object (a WeakMap) and
// never reused, so that it is stable for as long as the object lives, in every selector and
// asyncore map. `fileno()` is never called on an object that has the readiness protocol:
// on a fresh `Socket` it would turn it into a kernel socket.

import { ValueError } from "../_errors/python_errors.ts";
import { coreOf } from "../socket/_core_access.ts";
import { hasNativeReadiness, kWaitReady, type NativeReadiness } from "../socket/readiness.ts";
import { Socket } from "../socket/socket.ts";

/** The first synthetic descriptor number: 2^31, one above the largest C `int`. */
export const SYNTHETIC_FD_BASE = 0x80000000;

const synthetic = new WeakMap<object, number>();
let nextSynthetic = SYNTHETIC_FD_BASE;
const socketWaitReady = Socket.prototype[kWaitReady];

/** What a file object resolves to: its descriptor, and its readiness methods if native. */
export interface Resolved {
  fd: number;
  /** The object to wait on through the readiness protocol, or null for a kernel fd. */
  native: NativeReadiness | null;
}

/** Whether `fd` is a synthetic descriptor (a native object's). */
export function isSyntheticFd(fd: number): boolean {
  return fd >= SYNTHETIC_FD_BASE;
}

/** The synthetic descriptor of a native object (made on first use, then stable). */
export function syntheticFd(obj: object): number {
  let fd = synthetic.get(obj);
  if (fd === undefined) synthetic.set(obj, fd = nextSynthetic++);
  return fd;
}

/**
 * Resolves a file object for registration: a descriptor number, an object with
 * `fileno()`, a kernel `Socket` (its real descriptor) or a native object (a synthetic
 * descriptor, waited on through the readiness protocol).
 *
 * @throws {TypeError} when `fileobj` is none of these, or `fileno()` returns a non-integer
 * @throws {ValueError} for a negative descriptor (a closed socket's -1), or one above 2^31-1
 */
export function resolveFileobj(fileobj: unknown): Resolved {
  if (typeof fileobj === "number") return { fd: checkFd(fileobj, fileobj), native: null };
  if (typeof fileobj !== "object" || fileobj === null) throw invalid(fileobj);
  if (hasNativeReadiness(fileobj)) {
    if (fileobj instanceof Socket) {
      if (fileobj.closed) throw new ValueError("Invalid file descriptor: -1");
      const kernel = plainSocket(fileobj) ? coreOf(fileobj)?.kernel : null;
      if (kernel && kernel.fd >= 0) return { fd: kernel.fd, native: null };
    }
    return { fd: syntheticFd(fileobj), native: fileobj };
  }
  const fileno = (fileobj as { fileno?: unknown }).fileno;
  if (typeof fileno !== "function") throw invalid(fileobj);
  const fd = fileno.call(fileobj);
  if (typeof fd !== "number") throw invalid(fileobj);
  return { fd: checkFd(fd, fileobj), native: null };
}

/** Python's repr-like text of a file object, for messages. */
export function describe(fileobj: unknown): string {
  if (typeof fileobj === "number" || fileobj === null || fileobj === undefined) {
    return String(fileobj);
  }
  if (typeof fileobj === "string") return JSON.stringify(fileobj);
  try {
    const text = String(fileobj);
    if (text !== "[object Object]") return text;
  } catch {
    // A toString that throws: fall through to the constructor's name.
  }
  return `<${(fileobj as object).constructor?.name ?? "object"} object>`;
}

// A `Socket` whose readiness is the socket's own (not an SSLSocket's, which buffers
// decrypted data above the descriptor): only then does the descriptor tell the truth.
function plainSocket(sock: Socket): boolean {
  return sock[kWaitReady] === socketWaitReady;
}

function checkFd(fd: number, fileobj: unknown): number {
  if (!Number.isInteger(fd)) throw invalid(fileobj);
  if (fd < 0 || fd >= SYNTHETIC_FD_BASE) throw new ValueError(`Invalid file descriptor: ${fd}`);
  return fd;
}

function invalid(fileobj: unknown): TypeError {
  return new TypeError(`Invalid file object: ${describe(fileobj)}`);
}
