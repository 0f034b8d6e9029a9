// The stream functions (CPython asyncio/streams.py): openConnection, startServer and their
// unix twins. StreamReader is in stream_reader.ts, StreamWriter and StreamReaderProtocol in
// stream_writer.ts.

import { defaultLoop } from "./_util.ts";
import type {
  CreateConnectionOptions,
  CreateServerOptions,
  CreateUnixConnectionOptions,
  CreateUnixServerOptions,
} from "./net_options.ts";
import type { Server } from "./server.ts";
import { DEFAULT_LIMIT, StreamReader } from "./stream_reader.ts";
import {
  type ClientConnectedCallback,
  StreamReaderProtocol,
  StreamWriter,
} from "./stream_writer.ts";
import type { Transport } from "./transports.ts";

/** Options of `openConnection`: the loop's `createConnection` options and `limit`. */
export interface OpenConnectionOptions extends CreateConnectionOptions {
  /** The StreamReader's buffer limit. @default 65536 */
  limit?: number;
}

/** Options of `startServer`: the loop's `createServer` options and `limit`. */
export interface StartServerOptions extends CreateServerOptions {
  /** Each StreamReader's buffer limit. @default 65536 */
  limit?: number;
}

/** Options of `openUnixConnection`. */
export interface OpenUnixConnectionOptions extends CreateUnixConnectionOptions {
  /** The StreamReader's buffer limit. @default 65536 */
  limit?: number;
}

/** Options of `startUnixServer`. */
export interface StartUnixServerOptions extends CreateUnixServerOptions {
  /** Each StreamReader's buffer limit. @default 65536 */
  limit?: number;
}

/**
 * Python's `asyncio.open_connection`: connects and returns `[reader, writer]`.
 *
 * @param host the host (or `null` with `options.sock`)
 * @param port the port
 * @param options `limit`, and every option of `loop.createConnection` (`ssl`, `sock`,
 *   `localAddr`, `family`, `happyEyeballsDelay`, ...)
 * @returns the StreamReader and StreamWriter of the connection
 * @throws {OSError} what connecting raises (ConnectionRefusedError, GaiError, ...)
 * @tags allow-net
 *
 * @example TCP echo client using streams (18.5.5.7.1), against a local server
 * ```ts
 * import { openConnection, run, startServer, type StreamReader, type StreamWriter }
 *   from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   await using server = await startServer(async (r: StreamReader, w: StreamWriter) => {
 *     w.write(await r.read(100));
 *     await w.drain();
 *     w.close();
 *   }, "127.0.0.1", 0);
 *   const [, port] = server.sockets[0].getsockname() as [string, number];
 *   const [reader, writer] = await openConnection("127.0.0.1", port);
 *   writer.write(new TextEncoder().encode("Hello World!"));
 *   assert.equal(new TextDecoder().decode(await reader.read(100)), "Hello World!");
 *   writer.close();
 *   await writer.waitClosed();
 * });
 * ```
 */
export async function openConnection(
  host?: string | null,
  port?: number | string | null,
  options?: OpenConnectionOptions,
): Promise<[StreamReader, StreamWriter]> {
  const loop = defaultLoop();
  const { limit = DEFAULT_LIMIT, ...rest } = options ?? {};
  const reader = new StreamReader({ limit });
  const protocol = new StreamReaderProtocol(reader, null, loop);
  const [transport] = await loop.createConnection(() => protocol, host, port, rest);
  return [reader, new StreamWriter(transport, protocol, reader, loop)];
}

/**
 * Python's `asyncio.start_server`: a server that calls `clientConnected(reader, writer)`
 * for each connection (an async callback runs as a task).
 *
 * @param clientConnected called for each connection
 * @param host the host(s) to listen on (`null`: every interface)
 * @param port the port (0 picks a free one)
 * @param options `limit`, and every option of `loop.createServer`
 * @returns the Server
 * @tags allow-net
 *
 * @example TCP echo server using streams (18.5.5.7.2)
 * ```ts
 * import { openConnection, run, startServer, type StreamReader, type StreamWriter }
 *   from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * await run(async () => {
 *   await using server = await startServer(async (r: StreamReader, w: StreamWriter) => {
 *     for await (const line of r) {
 *       w.write(line);
 *       await w.drain();
 *     }
 *     w.close();
 *   }, "127.0.0.1", 0);
 *   const [, port] = server.sockets[0].getsockname() as [string, number];
 *   const [reader, writer] = await openConnection("127.0.0.1", port);
 *   writer.write(new TextEncoder().encode("a\nb\n"));
 *   writer.writeEof();
 *   assert.equal(new TextDecoder().decode(await reader.read()), "a\nb\n");
 *   writer.close();
 * });
 * ```
 */
export async function startServer(
  clientConnected: ClientConnectedCallback,
  host?: string | string[] | null,
  port?: number | string | null,
  options?: StartServerOptions,
): Promise<Server> {
  const loop = defaultLoop();
  const { limit = DEFAULT_LIMIT, ...rest } = options ?? {};
  const factory = (): StreamReaderProtocol =>
    new StreamReaderProtocol(new StreamReader({ limit }), clientConnected, loop);
  return await loop.createServer(factory, host, port, rest);
}

/**
 * Python's `asyncio.open_unix_connection`.
 *
 * @param path the socket's path (or `null` with `options.sock`)
 * @param options `limit` and the options of `loop.createUnixConnection`
 * @returns the StreamReader and StreamWriter
 * @tags allow-net, allow-read, allow-write
 *
 * @example
 * ```ts
 * import { openUnixConnection, run, startUnixServer, type StreamReader, type StreamWriter }
 *   from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const path = `${dir}/echo.sock`;
 * await run(async () => {
 *   await using _server = await startUnixServer(async (r: StreamReader, w: StreamWriter) => {
 *     w.write(await r.readexactly(2));
 *     w.close();
 *   }, path);
 *   const [reader, writer] = await openUnixConnection(path);
 *   writer.write(new Uint8Array([1, 2]));
 *   assert.deepEqual(await reader.read(), new Uint8Array([1, 2]));
 *   writer.close();
 * });
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function openUnixConnection(
  path?: string | null,
  options?: OpenUnixConnectionOptions,
): Promise<[StreamReader, StreamWriter]> {
  const loop = defaultLoop();
  const { limit = DEFAULT_LIMIT, ...rest } = options ?? {};
  const reader = new StreamReader({ limit });
  const protocol = new StreamReaderProtocol(reader, null, loop);
  const [transport] = await loop.createUnixConnection(() => protocol, path, rest);
  return [reader, new StreamWriter(transport as Transport, protocol, reader, loop)];
}

/**
 * Python's `asyncio.start_unix_server`.
 *
 * @param clientConnected called for each connection
 * @param path the socket's path
 * @param options `limit` and the options of `loop.createUnixServer`
 * @returns the Server
 * @tags allow-net, allow-read, allow-write
 *
 * @example
 * ```ts
 * import { run, startUnixServer } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await run(async () => {
 *   const server = await startUnixServer(() => {}, `${dir}/s.sock`);
 *   assert.ok(server.isServing());
 *   server.close();
 *   await server.waitClosed();
 * });
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function startUnixServer(
  clientConnected: ClientConnectedCallback,
  path?: string | null,
  options?: StartUnixServerOptions,
): Promise<Server> {
  const loop = defaultLoop();
  const { limit = DEFAULT_LIMIT, ...rest } = options ?? {};
  const factory = (): StreamReaderProtocol =>
    new StreamReaderProtocol(new StreamReader({ limit }), clientConnected, loop);
  return await loop.createUnixServer(factory, path, rest);
}
