import assert from "node:assert/strict";
import {
  AF_UNIX,
  ConnectionRefusedError,
  OSError,
  SHUT_WR,
  SOCK_STREAM,
} from "../../socket/mod.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import { BACKENDS, connectedPair, newSocket } from "../_helpers/loopback.ts";
import { tempDir } from "../_helpers/temp_dir.ts";
import { fdGuard } from "../_helpers/fd_guard.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

for (const backend of BACKENDS) {
  Deno.test(
    `unix stream sockets echo, with Python's addresses [${backend}]`,
    fdGuard(async () => {
      await using dir = await tempDir();
      const path = dir.join("echo.sock");
      const [client, conn, server] = await connectedPair(AF_UNIX, path, backend);
      using _c = client, _s = conn, _l = server;
      assert.equal(server.getsockname(), path);
      assert.equal(client.getpeername(), path);
      assert.equal(client.getsockname(), "");
      assert.equal(conn.getpeername(), "");
      await client.sendall(enc.encode("over a path"));
      assert.equal(dec.decode(await conn.recv(100)), "over a path");
      await client.shutdown(SHUT_WR);
      assert.equal((await conn.recv(100)).length, 0);
      await conn.sendall(enc.encode("back"));
      assert.equal(dec.decode(await client.recv(100)), "back");
    }),
  );

  Deno.test(
    `closing a unix listener leaves its path on disk, as in Python [${backend}]`,
    fdGuard(async () => {
      await using dir = await tempDir();
      const path = dir.join("stays.sock");
      const server = newSocket(backend, AF_UNIX, SOCK_STREAM);
      server.bind(path);
      server.listen(1);
      server.close();
      assert.ok(Deno.lstatSync(path).isSocket);
      using again = newSocket(backend, AF_UNIX);
      assert.throws(() => again.bind(path), (e: unknown) => {
        assert.ok(e instanceof OSError);
        assert.equal(e.errno, ERRNO.EADDRINUSE);
        return true;
      });
      using client = newSocket(backend, AF_UNIX);
      await assert.rejects(client.connect(path), ConnectionRefusedError);
    }),
  );

  Deno.test(
    `connecting to a missing unix path throws FileNotFoundError [${backend}]`,
    fdGuard(async () => {
      await using dir = await tempDir();
      using client = newSocket(backend, AF_UNIX);
      await assert.rejects(client.connect(dir.join("missing.sock")), { name: "FileNotFoundError" });
    }),
  );

  Deno.test({
    name: `abstract unix names work on Linux [${backend}]`,
    ignore: Deno.build.os !== "linux",
    fn: fdGuard(async () => {
      const name = `\0ipcnet-test-${crypto.randomUUID()}`;
      const [client, conn, server] = await connectedPair(AF_UNIX, name, backend);
      using _c = client, _s = conn, _l = server;
      assert.deepEqual(server.getsockname(), new TextEncoder().encode(name));
      await client.sendall(enc.encode("abstract"));
      assert.equal(dec.decode(await conn.recv(100)), "abstract");
    }),
  });
}
