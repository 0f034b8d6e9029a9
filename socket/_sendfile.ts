// sendfile on native sockets: Deno exposes no descriptor for either side, so the file is
// read in chunks and sent with sendall, as Python's own fallback (`_sendfile_use_send`) does.

import { ValueError } from "../_errors/mod.ts";
import type { SendfileSource } from "./socket.ts";

const CHUNK = 256 * 1024;

/** Sends `count` bytes (or up to the end) of `file` from `offset` through `send`. */
export async function sendfileVia(
  file: SendfileSource,
  offset: number,
  count: number | null,
  send: (chunk: Uint8Array) => Promise<void>,
): Promise<number> {
  if (typeof file?.read !== "function" || typeof file?.seek !== "function") {
    throw new TypeError("sendfile() needs a Deno.FsFile or an object with read() and seek()");
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new ValueError(`offset must be a non-negative integer (got ${offset})`);
  }
  if (count !== null && (!Number.isInteger(count) || count <= 0)) {
    throw new ValueError(`count must be a positive integer (got ${count})`);
  }
  await file.seek(offset, Deno.SeekMode.Start);
  const buf = new Uint8Array(CHUNK);
  let sent = 0;
  try {
    while (count === null || sent < count) {
      const want = count === null ? CHUNK : Math.min(CHUNK, count - sent);
      const n = await file.read(buf.subarray(0, want));
      if (n === null || n === 0) break;
      // sendall finishes with the bytes before the buffer is reused.
      await send(buf.subarray(0, n));
      sent += n;
    }
  } finally {
    await file.seek(offset + sent, Deno.SeekMode.Start);
  }
  return sent;
}
