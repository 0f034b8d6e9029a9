// Waiting until a signal has left the kernel's pending sets. A process-directed signal
// (an interval timer's SIGALRM) is queued on one thread and delivered when that thread
// next runs; on a busy machine that can be after the test has put SIG_DFL back, which
// would kill the test process. After disarming the source, a test waits here before it
// restores the old disposition.

/** Resolves once no thread of this process has `signum` pending (Linux; elsewhere at once). */
export async function signalDelivered(signum: number): Promise<void> {
  if (Deno.build.os !== "linux") return;
  const bit = 1n << BigInt(signum - 1);
  for (let turn = 0; turn < 10_000; turn++) {
    if (!pendingAnywhere(bit)) return;
    // A condition checked once per macrotask, not a timed wait: the signal is delivered
    // as soon as its thread is scheduled.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  throw new Error(`signal ${signum} stayed pending`);
}

function pendingAnywhere(bit: bigint): boolean {
  for (const task of Deno.readDirSync("/proc/self/task")) {
    let status: string;
    try {
      status = Deno.readTextFileSync(`/proc/self/task/${task.name}/status`);
    } catch {
      continue; // the thread ended meanwhile
    }
    for (const field of ["SigPnd", "ShdPnd"]) {
      const hex = new RegExp(`^${field}:\\s*([0-9a-f]+)`, "m").exec(status)?.[1];
      if (hex !== undefined && (BigInt(`0x${hex}`) & bit) !== 0n) return true;
    }
  }
  return false;
}
