import assert from "node:assert/strict";
import { socketpair, ValueError } from "../../socket/mod.ts";
import { BACKENDS, connectedPair, pattern, sha256 } from "../_helpers/loopback.ts";
import { tempDir } from "../_helpers/temp_dir.ts";

for (const backend of BACKENDS) {
  Deno.test(`sendfile sends a file's bytes and leaves it positioned after them [${backend}]`, async () => {
    await using dir = await tempDir();
    const path = dir.join("data.bin");
    const data = pattern(3 * 1024 * 1024 + 17, 5);
    await Deno.writeFile(path, data);
    const [client, conn, server] = await connectedPair(undefined, undefined, backend);
    using _c = client, _s = conn, _l = server;
    using file = await Deno.open(path, { read: true });

    const receiving = (async () => {
      const out = new Uint8Array(data.length - 1000);
      let got = 0;
      while (got < out.length) got += await conn.recvInto(out.subarray(got));
      return out;
    })();
    assert.equal(await client.sendfile(file, 1000), data.length - 1000);
    assert.equal(await sha256(await receiving), await sha256(data.subarray(1000)));
    assert.equal(await file.seek(0, Deno.SeekMode.Current), data.length);

    assert.equal(await client.sendfile(file, 10, 5), 5);
    assert.deepEqual(await conn.recv(5), data.subarray(10, 15));
    assert.equal(await file.seek(0, Deno.SeekMode.Current), 15);
  });
}

Deno.test("sendfile refuses non-blocking sockets and bad offsets, as Python", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(dir.join("f"), "x");
  using file = await Deno.open(dir.join("f"));
  const [a, b] = socketpair();
  using _a = a, _b = b;
  a.setblocking(false);
  await assert.rejects(a.sendfile(file), {
    name: "ValueError",
    message: "non-blocking sockets are not supported",
  });
  a.setblocking(true);
  await assert.rejects(a.sendfile(file, -1), ValueError);
  await assert.rejects(a.sendfile(file, 0, 0), ValueError);
  await assert.rejects(a.sendfile("path" as never), TypeError);
});
