/**
 * Python's `socket` module (low-level networking interface), for Deno:
 * {@link https://docs.python.org/3.6/library/socket.html}.
 *
 * Names follow Python with camelCase for snake_case (`create_connection` ->
 * `createConnection`, `recv_into` -> `recvInto`); classes and constants keep Python's
 * names (`Socket`, `AF_INET`). Calls that block in Python return Promises; addresses are
 * arrays (`["127.0.0.1", 8080]`); bytes are `Uint8Array`; timeouts are in seconds.
 *
 * A socket has two backends behind one class. Natively it runs on Deno's own networking
 * (`Deno.listen`/`Deno.connect` for TCP and unix streams, `node:dgram` for UDP, `node:net`
 * for a TCP socket bound before it connects, an in-memory `socketpair()`), which needs
 * only `--allow-net`. With `--allow-ffi` it can be a kernel socket: a real descriptor
 * driven by one shared epoll/kqueue reactor, with every option, `fileno()`, fd passing,
 * raw and seqpacket sockets; UDP and unix sockets are kernel sockets then, and a TCP socket
 * becomes one when something needs its descriptor before it connects.
 *
 * Differences from CPython (the module's README has the full table):
 * - A native TCP connection has no descriptor: `fileno()`, `sendmsg()`/`recvmsg()` and
 *   options Deno cannot set throw `NotImplementedError` naming the limit.
 * - Native IPv6 sockets are always dual-stack.
 * - A native TCP `bind` claims its port at once by opening a listener; `listen(backlog)`
 *   reopens it with that backlog.
 *
 * Permissions: `--allow-net` for TCP, UDP and name resolution (`--allow-net=127.0.0.1`
 * is enough on loopback); unix sockets also need `--allow-read` and `--allow-write` for
 * their paths; `gethostname` needs `--allow-sys`; `socketpair`, `inet*` and byte-order
 * functions need nothing. Kernel sockets and `getservbyname` and friends use the C
 * library (`--allow-ffi`; the databases can also be read with `--allow-read`).
 *
 * ```ts
 * import { createConnection, createServer } from "@ipcnet/std/socket";
 * import assert from "node:assert/strict";
 *
 * using server = createServer(["127.0.0.1", 0]);
 * using client = await createConnection(server.getsockname() as [string, number]);
 * const [conn, peer] = await server.accept();
 * using _conn = conn;
 * assert.deepEqual(peer, client.getsockname());
 * await client.sendall(new TextEncoder().encode("hello"));
 * assert.equal(new TextDecoder().decode(await conn.recv(1024)), "hello");
 * ```
 *
 * CPython's `socket.py` and `socketmodule.c` map to `socket.ts` (the socket object),
 * `socketpair.ts`, `create_connection.ts`, `getaddrinfo.ts`, `inet.ts`,
 * `byte_order.ts`, `cmsg.ts`, `constants.ts`, `enums.ts` and `errors.ts`.
 *
 * @module
 */

export * from "./address.ts";
export * from "./byte_order.ts";
export * from "./cmsg.ts";
export * from "./constants.ts";
export * from "./create_connection.ts";
export * from "./default_timeout.ts";
export * from "./enums.ts";
export * from "./errors.ts";
export * from "./fromfd.ts";
export * from "./getaddrinfo.ts";
export * from "./getnameinfo.ts";
export * from "./hostname.ts";
export * from "./inet.ts";
export * from "./netdb.ts";
export * from "./readiness.ts";
export * from "./socket.ts";
export * from "./socket_file.ts";
export * from "./socketpair.ts";
