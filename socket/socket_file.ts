// The file objects of Socket.makefile, the public face of Python's socket.makefile:
// socket.SocketIO (the raw file over the socket, socket_io.ts), io.BufferedReader,
// io.BufferedWriter and io.BufferedRWPair on top of it (buffered_reader.ts,
// buffered_writer.ts) and io.TextIOWrapper for text (text_io_wrapper.ts), with the
// exceptions they raise (io_errors.ts). Calls that block in Python return Promises.

import type { BufferedReader } from "./buffered_reader.ts";
import type { BufferedRWPair, BufferedWriter } from "./buffered_writer.ts";
import type { SocketIO } from "./socket_io.ts";
import type { TextIOWrapper } from "./text_io_wrapper.ts";

export * from "./buffered_reader.ts";
export * from "./buffered_writer.ts";
export * from "./io_errors.ts";
export * from "./socket_io.ts";
export * from "./text_io_wrapper.ts";

/** Options of `Socket.makefile(mode, options)`: Python's keyword arguments. */
export interface MakefileOptions {
  /**
   * `null` or negative: buffer 8192 bytes (`io.DEFAULT_BUFFER_SIZE`); 0: no buffering,
   * the raw `SocketIO` (binary modes only); 1 in text mode: line buffering (a write that
   * contains "\n" or "\r" is flushed); other values: the buffer size in bytes.
   *
   * @default {null}
   */
  buffering?: number | null;
  /**
   * Text mode: `"utf-8"`, `"ascii"` or `"latin-1"` (and Python's aliases of them).
   *
   * @default {"utf-8"}
   */
  encoding?: string | null;
  /**
   * Text mode: what a bad byte or character does: `"strict"` throws
   * `UnicodeDecodeError`/`UnicodeEncodeError`, `"replace"` puts U+FFFD (reading) or
   * "?" (writing), `"ignore"` drops it.
   *
   * @default {"strict"}
   */
  errors?: string | null;
  /**
   * Text mode: `null` reads "\n", "\r" and "\r\n" as line ends and turns them into "\n";
   * `""` reads them as line ends untranslated; `"\n"`, `"\r"`, `"\r\n"` make only that
   * string a line end, and writing turns "\n" into it.
   *
   * @default {null}
   */
  newline?: string | null;
}

/** Any file object that `Socket.makefile` returns. */
export type SocketFile =
  | SocketIO
  | BufferedReader
  | BufferedWriter
  | BufferedRWPair
  | TextIOWrapper;

/**
 * The class `Socket.makefile(mode, options)` returns for a literal `mode`: text modes give
 * `TextIOWrapper`; `"rb"` `BufferedReader`, `"wb"` `BufferedWriter`, `"rwb"`
 * `BufferedRWPair`, and any binary mode with `buffering: 0` the raw `SocketIO`.
 *
 * @typeParam M the mode string
 * @typeParam O the options object
 */
export type MakefileResult<
  M extends string,
  O extends MakefileOptions = Record<never, never>,
> = string extends M ? SocketFile
  : M extends `${string}b${string}` ? [BufferingOf<O>] extends [0] ? SocketIO
    : 0 extends BufferingOf<O> ? SocketIO | BinaryFile<M>
    : BinaryFile<M>
  : TextIOWrapper;

/**
 * The buffered binary class for a binary mode.
 *
 * @typeParam M the mode string
 */
export type BinaryFile<M extends string> = M extends `${string}w${string}`
  ? M extends `${string}r${string}` ? BufferedRWPair : BufferedWriter
  : BufferedReader;

/**
 * The type of `O`'s `buffering` option (`undefined` when `O` has none).
 *
 * @typeParam O the options object
 */
export type BufferingOf<O> = "buffering" extends keyof O ? O["buffering" & keyof O] : undefined;
