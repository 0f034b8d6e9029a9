// The interface both reactor backends implement (reactor_epoll.ts on Linux,
// reactor_kqueue.ts on macOS), and the portable readiness bits of `_ffi/reactor.ts`.

/** Readable: data, end of stream, or a connection to accept. */
export const FD_READ = 1;
/** Writable: room to send, or a finished connect. */
export const FD_WRITE = 2;
/** An error is pending on the descriptor (reported whether asked for or not). */
export const FD_ERROR = 4;
/** Hang-up: both directions are closed (reported whether asked for or not). */
export const FD_HUP = 8;

/** The kernel registration state of one descriptor, kept by the reactor. */
export interface Registration {
  readonly fd: number;
  /** Whether the descriptor is in the kernel set (epoll only; kqueue adds per wait). */
  registered: boolean;
  /** FD_READ/FD_WRITE bits currently armed (one-shot) in the kernel. */
  armed: number;
  /** Registered once, edge-triggered, for reading and writing (see `waitFdEdge`). */
  edge: boolean;
}

/** One kernel readiness queue, with a wake-up descriptor. */
export interface ReactorBackend {
  /** The queue's own descriptor, readable when some registration fired. */
  readonly queueFd: number;
  /** The wake-up descriptor, readable after `wake()`. */
  readonly wakeFd: number;
  /** Makes `wakeFd` readable. */
  wake(): void;
  /** Consumes what `wake()` wrote. */
  drainWake(): void;
  /** Arms `need` (FD_READ/FD_WRITE bits) one-shot; returns 0 or the errno of the failure. */
  arm(reg: Registration, need: number): number;
  /**
   * Registers the descriptor once, edge-triggered, for every readiness; returns 0 or the
   * errno of the failure. A backend without it keeps one-shot arming for edge waits.
   */
  armEdge?(reg: Registration): number;
  /** Removes the registration before its descriptor is closed. */
  forget(reg: Registration): void;
  /** Collects fired registrations without waiting: `dispatch(fd, bits, disarmed)`. */
  drain(dispatch: (fd: number, bits: number, disarmed: number) => void): void;
  /** Closes the queue and the wake-up descriptors. */
  close(): void;
}
