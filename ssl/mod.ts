/**
 * Python's `ssl` module (TLS/SSL wrapper for socket objects, chapter 18.2) for Deno:
 * {@link https://docs.python.org/3.6/library/ssl.html}.
 *
 * `SSLContext` holds certificates, trust and settings; `wrapSocket` turns a `Socket` into
 * an `SSLSocket` (everything a socket has, plus `getpeercert`, `cipher`, `version`,
 * `unwrap`, ...); `wrapBio` gives an `SSLObject`, TLS over two `MemoryBIO`s for any
 * transport. Names follow Python with camelCase for snake_case (`wrap_socket` ->
 * `wrapSocket`, `getpeercert` stays), except names with capitals, which keep Python's
 * spelling (`RAND_bytes`, `DER_cert_to_PEM_cert`). Calls that can block (the handshake,
 * `recv`, `unwrap`, `wrapSocket` itself) return Promises.
 *
 * The TLS stack is rustls, reached through two engines (`SSLContext.engine`): Deno's
 * native TLS (`Deno.startTls`, `Deno.listenTls`: the fastest, used by default where it
 * suffices, mainly for clients that verify servers) and Deno's `node:tls` (everything
 * else: server side, client certificates, `CERT_NONE`, SNI callbacks, version limits,
 * `unwrap`, TLS over memory).
 *
 * Differences from CPython (the README has the full table):
 * - TLS 1.2 and 1.3 only; no NPN, compression, renegotiation, CRLs or session resumption.
 * - `setCiphers` chooses among rustls's six TLS 1.2 suites; a connection on Deno's native engine
 *   cannot report `cipher()`, `version()`, a channel binding, nor `unwrap()` (set
 *   `engine = "node"` for those).
 * - When the two sides share no ALPN protocol, the handshake fails (rustls).
 * - `SSLObject`'s `doHandshake`, `read`, `write` and `unwrap` return Promises.
 *
 * Permissions: `--allow-net` for connections; `--allow-read` for certificate and key
 * files; `--allow-env` and `--allow-read` for `getDefaultVerifyPaths`. Contexts,
 * `MemoryBIO`, `SSLObject` and the certificate functions need none.
 *
 * ```ts
 * import {
 *   createDefaultContext,
 *   DER_cert_to_PEM_cert,
 *   matchHostname,
 *   PEM_cert_to_DER_cert,
 * } from "@ipcnet/std/ssl";
 * import assert from "node:assert/strict";
 *
 * const ctx = createDefaultContext(); // verifies servers against the default roots
 * assert.equal(ctx.checkHostname, true);
 * matchHostname({ subjectAltName: [["DNS", "*.example.com"]] }, "www.example.com");
 * const der = new Uint8Array([0x30, 0x00]);
 * assert.deepEqual(PEM_cert_to_DER_cert(DER_cert_to_PEM_cert(der)), der);
 * ```
 *
 * CPython's `ssl.py` and `_ssl.c` map to `context.ts` (`SSLContext`),
 * `create_default_context.ts`, `ssl_socket.ts`, `ssl_object.ts`, `memory_bio.ts`,
 * `ssl_session.ts`, `certs.ts`, `rand.ts`, `wrap_socket.ts`, `constants.ts` and
 * `errors.ts`.
 *
 * @module
 */

export * from "./certs.ts";
export * from "./constants.ts";
export * from "./context.ts";
export * from "./create_default_context.ts";
export * from "./errors.ts";
export * from "./get_server_certificate.ts";
export * from "./memory_bio.ts";
export * from "./rand.ts";
export * from "./socket_names.ts";
export * from "./ssl_object.ts";
export * from "./ssl_session.ts";
export * from "./ssl_socket.ts";
export * from "./wrap_socket.ts";
