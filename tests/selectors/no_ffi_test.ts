import assert from "node:assert/strict";

Deno.test("selectors and asyncore over native sockets need no --allow-ffi", async () => {
  const child = new URL("./_no_ffi_child.ts", import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net=127.0.0.1", "--allow-read", child],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, text);
  assert.match(text, /ok without --allow-ffi/);
});
