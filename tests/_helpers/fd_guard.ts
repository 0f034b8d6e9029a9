// Counts the process's open file descriptors, because Deno's resource sanitizer cannot
// see descriptors opened through FFI. Linux reads /proc/self/fd, macOS /dev/fd. The shared
// reactor's own descriptors (opened once, on first use) are not leaks.

import { reactorState } from "../../_ffi/reactor.ts";

/** Open file descriptors of this process right now. */
export function openFds(): number[] {
  const dir = Deno.build.os === "linux" ? "/proc/self/fd" : "/dev/fd";
  const fds: number[] = [];
  for (const entry of Deno.readDirSync(dir)) fds.push(Number(entry.name));
  // Reading the directory itself opened one descriptor, closed by now.
  return fds.sort((a, b) => a - b);
}

/**
 * Wraps a test body and fails it if it leaves more descriptors open than it found.
 * Deno may open descriptors lazily for itself (the first network or file call), so the
 * guard tolerates `slack` of them.
 */
export function fdGuard(
  body: (t: Deno.TestContext) => Promise<void> | void,
  slack = 0,
): (t: Deno.TestContext) => Promise<void> {
  return async (t) => {
    const before = openFds();
    await body(t);
    const after = openFds();
    const own = new Set(reactorState().fds);
    const leaked = after.filter((fd) => !before.includes(fd) && !own.has(fd));
    if (leaked.length > slack) {
      throw new Error(`Leaked file descriptors: ${leaked.join(", ")} (${describe(leaked)})`);
    }
  };
}

function describe(fds: number[]): string {
  if (Deno.build.os !== "linux") return "";
  return fds.map((fd) => {
    try {
      return Deno.readLinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return "?";
    }
  }).join(", ");
}
