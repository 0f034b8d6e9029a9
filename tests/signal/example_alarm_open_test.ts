import assert from "node:assert/strict";

Deno.test("examples/signal_alarm_open.ts: the alarm's handler abandons the open", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "examples/signal_alarm_open.ts"],
    cwd: new URL("../../", import.meta.url).pathname,
    env: { NO_COLOR: "1" },
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  assert.equal(out.code, 0, stdout + new TextDecoder().decode(out.stderr));
  const lines = stdout.trim().split("\n");
  assert.match(lines[0], /^Opening .*device \(a FIFO with no writer\) with a 1-second alarm$/);
  assert.deepEqual(lines.slice(1), [
    "Signal handler called with signal 14",
    "The open was abandoned: OSError: Couldn't open device!",
    "Both ends were closed; the alarm is off and SIGALRM's handler restored",
  ]);
});
