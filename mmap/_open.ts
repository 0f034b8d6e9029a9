// Opening a file by path for mapping. FFI `open` bypasses Deno's permission checks, so
// they are made here first: reading needs --allow-read for the path, writing (and
// creating or truncating) --allow-write, exactly as `Deno.open` would ask.

import { fromDenoError } from "../_errors/mod.ts";
import { ValueError } from "../_errors/python_errors.ts";
import { openDescriptor } from "../_ffi/mman.ts";

/** How to open a file; the subset of `Deno.OpenOptions` that matters for mapping. */
export interface OpenPathOptions {
  /** Open for reading. @default {true} */
  read?: boolean;
  /** Open for writing. @default {false} */
  write?: boolean;
  /** Create the file if it does not exist (needs `write`). @default {false} */
  create?: boolean;
  /** Create the file, failing with `FileExistsError` if it exists. @default {false} */
  createNew?: boolean;
  /** Truncate the file to zero length (needs `write`). @default {false} */
  truncate?: boolean;
  /** Permission bits of a created file, before the umask. @default {0o666} */
  mode?: number;
}

/** Opens `path` and returns a raw descriptor (close-on-exec). */
export function openPath(path: string | URL, options: OpenPathOptions = {}): number {
  const file = toPath(path);
  const write = options.write ?? false;
  const read = options.read ?? !write;
  const create = (options.create ?? false) || (options.createNew ?? false);
  const truncate = options.truncate ?? false;
  if (!read && !write) {
    throw new TypeError("OpenOptions requires at least one option to be true");
  }
  if ((create || truncate) && !write) {
    throw new TypeError("'create', 'createNew' and 'truncate' need 'write' to be true");
  }
  if (read) requirePermission("read", file);
  if (write) requirePermission("write", file);
  if (create) {
    // open(2) is variadic and its mode argument cannot be passed portably through FFI,
    // so Deno creates the file; the descriptor is then opened without O_CREAT.
    try {
      Deno.openSync(file, {
        write: true,
        create: true,
        createNew: options.createNew ?? false,
        mode: options.mode ?? 0o666,
      }).close();
    } catch (err) {
      throw fromDenoError(err, file);
    }
  }
  return openDescriptor(file, { read, write, truncate });
}

function toPath(path: string | URL): string {
  let file: string;
  if (path instanceof URL) {
    if (path.protocol !== "file:") throw new TypeError("Must be a file URL.");
    file = decodeURIComponent(path.pathname);
  } else if (typeof path === "string") {
    file = path;
  } else {
    throw new TypeError(`path must be a string or a file URL, not ${typeof path}`);
  }
  if (file.includes("\0")) throw new ValueError("embedded null byte");
  return file;
}

function requirePermission(name: "read" | "write", path: string): void {
  const descriptor = { name, path } as const;
  let state = Deno.permissions.querySync(descriptor).state;
  if (state === "prompt") state = Deno.permissions.requestSync(descriptor).state;
  if (state !== "granted") {
    throw new Deno.errors.NotCapable(
      `Requires ${name} access to "${path}", run again with the --allow-${name} flag`,
    );
  }
}
