// Descriptor hygiene that holds under `deno test --parallel`, where test files share one
// process: counting all descriptors (fdGuard) also sees pipes and sockets of other files'
// tests. On Linux each test gets its own directory and checks, by path, that no descriptor
// on a file in it is left open; other systems count descriptors with fdGuard.

import { fdGuard } from "../_helpers/fd_guard.ts";
import { type TempDir, tempDir } from "../_helpers/temp_dir.ts";

/** Descriptors of this process open on files under `dir` (Linux, /proc/self/fd). */
export function fdsUnder(dir: string): number[] {
  const fds: number[] = [];
  for (const entry of Deno.readDirSync("/proc/self/fd")) {
    try {
      if (Deno.readLinkSync(`/proc/self/fd/${entry.name}`).startsWith(`${dir}/`)) {
        fds.push(Number(entry.name));
      }
    } catch {
      // Closed while listing (the listing's own descriptor, or another test's).
    }
  }
  return fds;
}

/**
 * Runs a test body with a fresh temporary directory, removed afterwards, and fails the
 * test if a descriptor on one of its files is still open when the body returns.
 */
export function withFiles(
  body: (t: Deno.TestContext, dir: TempDir) => Promise<void> | void,
): (t: Deno.TestContext) => Promise<void> {
  if (Deno.build.os !== "linux") {
    return fdGuard(async (t) => {
      await using dir = await tempDir("ipcnet-mmap-");
      await body(t, dir);
    });
  }
  return async (t) => {
    await using dir = await tempDir("ipcnet-mmap-");
    await body(t, dir);
    const left = fdsUnder(dir.path);
    if (left.length > 0) {
      const paths = left.map((fd) => Deno.readLinkSync(`/proc/self/fd/${fd}`));
      throw new Error(`Descriptors left open: ${left.join(", ")} (${paths.join(", ")})`);
    }
  };
}
