// The signal stop of the guided tour: a handler catches signals sent to ourselves, by this
// thread and by another process, and a disposition is put back exactly as it was.
//
// Run alone: deno run --allow-ffi --allow-run demo/signal.ts

import {
  getsignal,
  pause,
  raiseSignal,
  SIG_DFL,
  SIG_IGN,
  signal,
  SIGPIPE,
  SIGUSR2,
} from "../signal/mod.ts";

/** Runs the signal stop, printing what happens. */
export default async function demo(): Promise<void> {
  const previous = signal(SIGUSR2, (signum) => {
    console.log(`  The handler was called with signal ${signum}.`);
  });
  console.log("A handler is installed for SIGUSR2, and this thread raises SIGUSR2:");
  raiseSignal(SIGUSR2);
  console.log("  ...and the handler had run before raiseSignal() returned, as in Python.");

  console.log(`Another process runs "kill -USR2 ${Deno.pid}":`);
  const handled = pause();
  await new Deno.Command("kill", { args: ["-USR2", String(Deno.pid)] }).output();
  await handled;

  signal(SIGUSR2, previous);
  const name = getsignal(SIGUSR2) === SIG_DFL ? "SIG_DFL" : String(getsignal(SIGUSR2));
  console.log(`The handler is removed; SIGUSR2 is back to ${name}.`);

  const before = getsignal(SIGPIPE);
  signal(SIGPIPE, signal(SIGPIPE, () => {})!);
  console.log(
    `Deno starts with SIGPIPE ignored (${before === SIG_IGN ? "SIG_IGN" : before}). A handler ` +
      "was installed and removed again;",
  );
  const child = new Deno.Command("true", { stdin: "piped" }).spawn();
  await child.status;
  const writer = child.stdin.getWriter();
  try {
    await writer.write(new Uint8Array(65536));
    console.log("  the write to a pipe with no reader went through (unexpected).");
  } catch (err) {
    console.log(
      `  writing to a pipe nobody reads fails with ${(err as Error).name} instead of killing ` +
        "the process: the ignored disposition came back (Deno alone would restore the default).",
    );
  } finally {
    writer.releaseLock();
    await child.stdin.abort().catch(() => {});
  }
}

if (import.meta.main) await demo();
