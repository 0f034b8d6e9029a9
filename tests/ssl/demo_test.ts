// The ssl stop of the guided tour runs alone, quickly, and cleans up after itself.

import assert from "node:assert/strict";

Deno.test("demo/ssl.ts shows a verified handshake and a refusal, in under 3 s", async () => {
  const tmp = Deno.env.get("TMPDIR") ?? "/tmp";
  const dirs = (): number =>
    [...Deno.readDirSync(tmp)].filter((e) => e.name.startsWith("ssl-demo-")).length;
  const before = dirs();
  const started = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net=127.0.0.1,localhost",
      "--allow-run",
      "--allow-read",
      "--allow-write",
      new URL("../../demo/ssl.ts", import.meta.url).pathname,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const elapsed = performance.now() - started;
  assert.equal(new TextDecoder().decode(out.stderr), "");
  assert.equal(out.code, 0);
  const text = new TextDecoder().decode(out.stdout);
  assert.match(text, /subject commonName=localhost, issued by commonName=Demo Test CA/);
  assert.match(text, /They agreed on TLSv1\.[23] with \S+ \(\d+-bit keys\)\./);
  assert.match(text, /got back "Hello over TLS"/);
  assert.match(text, /refuses it: unable to get local issuer certificate\./);
  assert.ok(elapsed < 3000, `took ${elapsed} ms`);
  assert.equal(dirs(), before);
});
