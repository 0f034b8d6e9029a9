// The descriptor plumbing that select.epoll (epoll.ts) and select.kqueue (kqueue.ts) share:
// owning the descriptor (`fromfd` hands one to the constructor through `adopt`), closing it
// so that pending waits reject with OSError EBADF, the closed-object ValueError, and a wait
// that parks the descriptor (readable while it holds events) in the shared reactor's
// poll(2) set. The public classes hold a QueueFd in a #private field and keep their own
// documentation.

import { osError } from "../_errors/os_error.ts";
import { ValueError } from "../_errors/python_errors.ts";
import { PollSet } from "../_ffi/poll.ts";
import { waitPollSet } from "../_ffi/reactor.ts";
import { waitLoop } from "./_wait.ts";
import { POLLIN } from "./constants.ts";

// The descriptor `adopt` hands to the constructor.
let adopting: number | null = null;

/** A kernel queue's descriptor, owned by one epoll or kqueue object. */
export class QueueFd {
  #fd: number;
  readonly #closing = new AbortController();
  readonly #kind: string;
  readonly #closeFd: (fd: number) => void;

  /**
   * @param fd the descriptor, which this object then owns
   * @param kind the object's name in errors ("epoll", "kqueue")
   * @param closeFd closes the descriptor
   */
  constructor(fd: number, kind: string, closeFd: (fd: number) => void) {
    this.#fd = fd;
    this.#kind = kind;
    this.#closeFd = closeFd;
  }

  /** Whether the descriptor is closed. */
  get closed(): boolean {
    return this.#fd < 0;
  }

  /**
   * The descriptor.
   *
   * @throws {ValueError} when it is closed
   */
  open(): number {
    if (this.#fd < 0) throw new ValueError(`I/O operation on closed ${this.#kind} object`);
    return this.#fd;
  }

  /**
   * Throws OSError EBADF when `fd`, the descriptor a wait started with, was closed since.
   */
  checkSame(fd: number): void {
    if (this.#fd !== fd) throw osError("EBADF");
  }

  /** Closes the descriptor (once); pending waits reject with OSError EBADF. */
  close(): void {
    if (this.#fd < 0) return;
    const fd = this.#fd;
    this.#fd = -1;
    this.#closing.abort(osError("EBADF"));
    this.#closeFd(fd);
  }

  /** What a wait watches: `signal`, if given, and the closing of the descriptor. */
  waitSignal(signal: AbortSignal | undefined): AbortSignal {
    return signal ? AbortSignal.any([signal, this.#closing.signal]) : this.#closing.signal;
  }
}

/** Makes an object with `make` around `fd`: its constructor takes `fd` from `adopted()`. */
export function adopt<T>(fd: number, make: () => T): T {
  adopting = fd;
  try {
    return make();
  } finally {
    adopting = null;
  }
}

/** The descriptor `adopt` is handing to the constructor running now, or null. */
export function adopted(): number | null {
  const fd = adopting;
  adopting = null;
  return fd;
}

/**
 * Runs `check` until it finds events, waiting in between for `fd` to become readable in the
 * shared reactor, until the timeout passes (then `[]`) or `signal` aborts.
 */
export function waitReadable<T>(
  fd: number,
  check: () => T[] | null,
  timeoutMs: number | null,
  signal: AbortSignal,
): Promise<T[]> {
  const set = new PollSet(1);
  set.add(fd, POLLIN);
  return waitLoop(check, (s) => waitPollSet(set, s), () => [], timeoutMs, signal);
}
