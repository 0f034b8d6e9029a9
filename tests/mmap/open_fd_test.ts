// openFd / FileDescriptor: Python's os.open for the mmap module, and its permission checks.

import assert from "node:assert/strict";
import { FileDescriptor, Mmap, openFd } from "../../mmap/mod.ts";
import { openFds } from "../_helpers/fd_guard.ts";
import { fdsUnder, withFiles } from "./_fds.ts";

Deno.test(
  "openFd opens, creates and truncates files; close and using release the fd",
  withFiles(async (t, dir) => {
    const path = dir.join("file");
    await t.step("create, then map it", () => {
      using file = openFd(path, { read: true, write: true, create: true, mode: 0o600 });
      if (Deno.build.os === "linux") assert.ok(pointsTo(file.fileno(), path));
      assert.equal(Deno.statSync(path).mode! & 0o777, 0o600 & ~Deno.umask());
      Deno.truncateSync(path, 8);
      using mm = new Mmap(file, 0);
      mm.write(new TextEncoder().encode("12345678"));
    });
    await t.step("read-only by default", () => {
      using file = openFd(path);
      assert.throws(() => new Mmap(file, 0), { name: "PermissionError" });
      using mm = new Mmap(file, 0, { access: 1 /* ACCESS_READ */ });
      assert.equal(new TextDecoder().decode(mm.read()), "12345678");
    });
    await t.step("createNew refuses an existing file", () => {
      assert.throws(() => openFd(path, { write: true, createNew: true }), {
        name: "FileExistsError",
      });
    });
    await t.step("truncate", () => {
      using _file = openFd(path, { write: true, truncate: true });
      assert.equal(Deno.statSync(path).size, 0);
    });
    await t.step("missing file, URL, bad options", () => {
      assert.throws(() => openFd(dir.join("missing")), {
        name: "FileNotFoundError",
        message: `[Errno 2] No such file or directory: '${dir.join("missing")}'`,
      });
      using byUrl = openFd(new URL(`file://${path}`));
      assert.ok(byUrl.fileno() > 2);
      assert.throws(() => openFd(new URL("https://example.com/")), TypeError);
      assert.throws(() => openFd(path, { read: false }), TypeError);
      assert.throws(() => openFd(path, { create: true }), TypeError);
      assert.throws(() => openFd(`${path}\0x`), {
        name: "ValueError",
        message: "embedded null byte",
      });
    });
    await t.step("close is idempotent; a closed descriptor has no fileno", () => {
      const file = openFd(path);
      const fd = file.fileno();
      file.close();
      file.close();
      assert.equal(file.closed, true);
      if (Deno.build.os === "linux") assert.ok(!pointsTo(fd, path));
      assert.throws(() => file.fileno(), {
        name: "ValueError",
        message: "I/O operation on closed file",
      });
    });
    await t.step("a map keeps its own duplicate after the descriptor is closed", () => {
      const file = openFd(path, { read: true, write: true });
      Deno.truncateSync(path, 4);
      const mm = new Mmap(file, 0);
      file.close();
      assert.equal(mm.size(), 4);
      mm.resize(8);
      assert.equal(Deno.statSync(path).size, 8);
      mm.close();
    });
    assert.throws(() => new FileDescriptor(-1), { name: "ValueError" });
  }),
);

Deno.test(
  "openFd and Mmap.open descriptors are close-on-exec",
  {
    ignore: Deno.build.os !== "linux",
  },
  withFiles(async (_t, dir) => {
    const path = dir.join("cloexec");
    await Deno.writeFile(path, new Uint8Array(16));
    using file = openFd(path);
    using mm = Mmap.open(path, 0);
    const flags = (fd: number) =>
      Deno.readTextFileSync(`/proc/self/fdinfo/${fd}`).match(/flags:\s+(\d+)/)![1];
    assert.equal(parseInt(flags(file.fileno()), 8) & 0o2000000, 0o2000000);
    const mapFds = openFds().filter((fd) => {
      try {
        return Deno.readLinkSync(`/proc/self/fd/${fd}`) === path && fd !== file.fileno();
      } catch {
        return false;
      }
    });
    assert.equal(mapFds.length, 1, "the map holds exactly one descriptor");
    assert.equal(parseInt(flags(mapFds[0]), 8) & 0o2000000, 0o2000000);
    assert.equal(mm.length, 16);
  }),
);

const PROBE = `
import { Mmap, openFd } from ${JSON.stringify(new URL("../../mmap/mod.ts", import.meta.url).href)};
const [path, what] = Deno.args;
try {
  if (what === "read") openFd(path).close();
  if (what === "write") openFd(path, { read: true, write: true }).close();
  if (what === "map-read") Mmap.open(path, 0, { access: 1 }).close();
  if (what === "map-write") Mmap.open(path, 0).close();
  console.log("ok");
} catch (err) {
  console.log(err instanceof Deno.errors.NotCapable ? "NotCapable: " + err.message : String(err));
}
`;

Deno.test(
  "Opening by path needs --allow-read, and --allow-write to write",
  withFiles(async (t, dir) => {
    const path = dir.join("guarded");
    await Deno.writeFile(path, new Uint8Array(16));
    const probe = dir.join("probe.ts");
    await Deno.writeTextFile(probe, PROBE);
    const run = async (flags: string[], what: string) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--no-prompt", `--allow-read=${probe}`, ...flags, probe, path, what],
        stdout: "piped",
        stderr: "inherit",
      }).output();
      return new TextDecoder().decode(out.stdout).trim();
    };
    const readOnly = ["--allow-ffi", `--allow-read=${path}`];
    await t.step("no read permission", async () => {
      assert.equal(
        await run(["--allow-ffi"], "read"),
        `NotCapable: Requires read access to "${path}", run again with the --allow-read flag`,
      );
    });
    await t.step("read permission only", async () => {
      assert.equal(await run(readOnly, "read"), "ok");
      assert.equal(await run(readOnly, "map-read"), "ok");
      assert.match(await run(readOnly, "write"), /^NotCapable: Requires write access/);
      assert.match(await run(readOnly, "map-write"), /^NotCapable: Requires write access/);
    });
    await t.step("read and write permission", async () => {
      assert.equal(await run([...readOnly, `--allow-write=${path}`], "map-write"), "ok");
    });
    await t.step("no FFI permission", async () => {
      assert.match(await run([`--allow-read=${path}`], "read"), /^NotCapable: .*--allow-ffi/);
    });
  }),
);

function pointsTo(fd: number, path: string): boolean {
  try {
    return Deno.readLinkSync(`/proc/self/fd/${fd}`) === path;
  } catch {
    return false;
  }
}

Deno.test({
  name: "withFiles fails a test that leaves a descriptor open",
  ignore: Deno.build.os !== "linux",
  async fn(): Promise<void> {
    let leaked: FileDescriptor | undefined;
    let where = "";
    const guarded = withFiles(async (_t, dir) => {
      where = dir.path;
      await Deno.writeTextFile(dir.join("leak"), "x");
      leaked = openFd(dir.join("leak"));
    });
    try {
      await assert.rejects(() => guarded({} as Deno.TestContext), /Descriptors left open/);
      assert.equal(fdsUnder(where).length, 1);
    } finally {
      leaked?.close();
    }
    assert.deepEqual(fdsUnder(where), []);
  },
});
