// Write flow control shared by every write transport (CPython's _FlowControlMixin), by
// composition: the transport reports its buffer size after it grows and after it shrinks.

import { ValueError } from "./exceptions.ts";
import type { AbstractEventLoop } from "./events.ts";
import type { BaseProtocolLike } from "./protocols.ts";
import type { BaseTransport, WriteBufferLimits } from "./transports.ts";

/** Python's `_set_write_buffer_limits` arithmetic: `[high, low]`, checked. */
export function writeBufferLimits(limits: WriteBufferLimits | undefined): [number, number] {
  let high = limits?.high, low = limits?.low;
  if (high === undefined) high = low === undefined ? 64 * 1024 : 4 * low;
  if (low === undefined) low = Math.floor(high / 4);
  if (!(high >= low && low >= 0)) {
    throw new ValueError(`high (${high}) must be >= low (${low}) must be >= 0`);
  }
  return [high, low];
}

/** The high/low water marks and the paused flag of one write transport. */
export class WriteFlowControl {
  high: number;
  low: number;
  /** Whether `pauseWriting()` was called and `resumeWriting()` not yet. */
  paused = false;
  readonly #loop: AbstractEventLoop;
  readonly #transport: BaseTransport;

  constructor(loop: AbstractEventLoop, transport: BaseTransport, limits?: WriteBufferLimits) {
    this.#loop = loop;
    this.#transport = transport;
    [this.high, this.low] = writeBufferLimits(limits);
  }

  /** Python's `_maybe_pause_protocol`: after the buffer grew to `size`. */
  maybePause(size: number, protocol: BaseProtocolLike): void {
    if (size <= this.high || this.paused) return;
    this.paused = true;
    try {
      protocol.pauseWriting?.();
    } catch (exception) {
      this.#report("pause_writing", exception, protocol);
    }
  }

  /** Python's `_maybe_resume_protocol`: after the buffer shrank to `size`. */
  maybeResume(size: number, protocol: BaseProtocolLike): void {
    if (!this.paused || size > this.low) return;
    this.paused = false;
    try {
      protocol.resumeWriting?.();
    } catch (exception) {
      this.#report("resume_writing", exception, protocol);
    }
  }

  /** `setWriteBufferLimits`, then a pause if the buffer is now over the mark. */
  set(limits: WriteBufferLimits | undefined, size: number, protocol: BaseProtocolLike): void {
    [this.high, this.low] = writeBufferLimits(limits);
    this.maybePause(size, protocol);
  }

  /** `[low, high]`, Python's `get_write_buffer_limits` order. */
  get(): [number, number] {
    return [this.low, this.high];
  }

  #report(what: string, exception: unknown, protocol: BaseProtocolLike): void {
    this.#loop.callExceptionHandler({
      message: `protocol.${what}() failed`,
      exception,
      transport: this.#transport,
      protocol,
    });
  }
}
