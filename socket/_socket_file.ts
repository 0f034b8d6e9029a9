// Python's socket.makefile argument handling: which file object a mode and options give.
// Everything is checked before the file takes its own handle on the socket, so a bad
// argument leaks nothing.

import { ValueError } from "../_errors/mod.ts";
import { pyTypeName } from "./_args.ts";
import { checkErrors, checkNewline, lookupCodec } from "./_codecs.ts";
import { DEFAULT_BUFFER_SIZE } from "./_io_util.ts";
import { BufferedReader } from "./buffered_reader.ts";
import { BufferedRWPair, BufferedWriter } from "./buffered_writer.ts";
import type { MakefileOptions, SocketFile } from "./socket_file.ts";
import { SocketIO } from "./socket_io.ts";
import type { Socket } from "./socket.ts";
import { TextIOWrapper } from "./text_io_wrapper.ts";

export type { MakefileOptions, SocketFile };

/**
 * Python's `socket.makefile(mode, buffering, encoding=, errors=, newline=)` for `sock`.
 *
 * @throws {ValueError} for a mode with other letters than r, w, b, or unbuffered text
 * @throws {LookupError} for an unknown encoding or error handler
 */
export function makeSocketFile(sock: Socket, mode: string, options: MakefileOptions): SocketFile {
  if (typeof mode !== "string") {
    throw new TypeError(`makefile() argument 'mode' must be str, not ${pyTypeName(mode)}`);
  }
  if (![...mode].every((c) => c === "r" || c === "w" || c === "b")) {
    throw new ValueError(`invalid mode '${mode}' (only r, w, b allowed)`);
  }
  const writing = mode.includes("w");
  const reading = mode.includes("r") || !writing;
  const binary = mode.includes("b");
  const { buffering = null, encoding = null, errors = null, newline = null } = options ?? {};
  if (buffering !== null && !Number.isInteger(buffering)) {
    throw new TypeError(`'${pyTypeName(buffering)}' object cannot be interpreted as an integer`);
  }
  const size = buffering === null || buffering < 0 ? DEFAULT_BUFFER_SIZE : buffering;
  if (size === 0 && !binary) throw new ValueError("unbuffered streams must be binary");
  if (!binary) {
    lookupCodec(encoding ?? "utf-8");
    checkErrors(errors ?? "strict");
    checkNewline(newline);
  }
  const raw = new SocketIO(sock, (reading ? "r" : "") + (writing ? "w" : ""));
  if (size === 0) return raw;
  // As open() does, buffering 1 means line buffering (with the default size) for text; a
  // binary file keeps the size it was given, as socket.makefile does.
  const lineBuffering = !binary && size === 1;
  const bufferSize = lineBuffering ? DEFAULT_BUFFER_SIZE : size;
  const buffer = reading && writing
    ? new BufferedRWPair(raw, raw, bufferSize)
    : reading
    ? new BufferedReader(raw, bufferSize)
    : new BufferedWriter(raw, bufferSize);
  if (binary) return buffer;
  return new TextIOWrapper(buffer, { encoding, errors, newline, lineBuffering, mode });
}
