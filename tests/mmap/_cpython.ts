// Runs scenarios through CPython's mmap module (python3 on the test machine), so that
// tests can check that their expected exceptions and messages are Python's own.

/** What one scenario did: its exception's class name and message, or "ok". */
export type Outcome = { name: string; message: string } | "ok";

/** A scenario: a label and Python statements run against the fixture below. */
export interface PyScenario {
  /** Unique label. */
  label: string;
  /** Python statements; names available: mmap, os, fd, fd_empty, fd_big, fd_ro, m. */
  py: string;
}

// Fixture (in a fresh temp dir, rebuilt before every scenario): "ten" holds b"0123456789"
// (fd read-write, fd_ro read-only), "empty" is empty, "big" holds 8192 bytes; `m` maps
// "ten" whole with the default access.
const RUNNER = `
import json, mmap, os, sys, tempfile
scenarios = json.loads(sys.argv[1])
out = {}
with tempfile.TemporaryDirectory() as d:
    for s in scenarios:
        for name, data in (("ten", b"0123456789"), ("empty", b""), ("big", b"x" * 8192)):
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        fd = os.open(os.path.join(d, "ten"), os.O_RDWR)
        fd_ro = os.open(os.path.join(d, "ten"), os.O_RDONLY)
        fd_empty = os.open(os.path.join(d, "empty"), os.O_RDWR)
        fd_big = os.open(os.path.join(d, "big"), os.O_RDWR)
        m = mmap.mmap(fd, 0)
        try:
            exec(s["py"], {"mmap": mmap, "os": os, "fd": fd, "fd_ro": fd_ro,
                           "fd_empty": fd_empty, "fd_big": fd_big, "m": m})
            out[s["label"]] = "ok"
        except BaseException as e:
            out[s["label"]] = {"name": type(e).__name__, "message": str(e)}
        m.close()
        for x in (fd, fd_ro, fd_empty, fd_big):
            os.close(x)
print(json.dumps(out))
`;

/**
 * Runs every scenario in one python3 process on Linux (our constants are Linux's there).
 * Returns `null` when python3 is missing, fails, or the OS is not Linux.
 */
export function cpythonOutcomes(scenarios: PyScenario[]): Record<string, Outcome> | null {
  if (Deno.build.os !== "linux") return null;
  try {
    const output = new Deno.Command("python3", {
      args: ["-c", RUNNER, JSON.stringify(scenarios)],
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
    if (!output.success) {
      throw new Error(`python3 failed: ${new TextDecoder().decode(output.stderr)}`);
    }
    return JSON.parse(new TextDecoder().decode(output.stdout));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}
