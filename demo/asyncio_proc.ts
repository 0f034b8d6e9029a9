// The asyncio processes stop of the guided tour: a child process driven through streams,
// a signal handled on the loop, and CPU-bound work in the executor's Workers while the
// loop keeps ticking.
//
// Run alone: deno run --allow-run --allow-ffi --allow-read demo/asyncio_proc.ts

import {
  createSubprocessExec,
  createSubprocessShell,
  getRunningLoop,
  PIPE,
  run,
  sleep,
  STDOUT,
} from "../asyncio/mod.ts";
import { SIGWINCH } from "../signal/mod.ts";

/** Runs the asyncio processes stop, printing what happens. */
export default async function demo(): Promise<void> {
  await run(async () => {
    const loop = getRunningLoop();
    const enc = new TextEncoder(), dec = new TextDecoder();

    const sorter = await createSubprocessExec("sort", { stdin: PIPE, stdout: PIPE });
    const [sorted] = await sorter.communicate(enc.encode("pear\napple\nfig\n"));
    console.log(
      `"sort" (pid ${sorter.pid}) read three words from a pipe and wrote back ` +
        `${JSON.stringify(dec.decode(sorted!))}; return code ${sorter.returncode}.`,
    );

    const both = await createSubprocessShell("echo to stdout; echo to stderr >&2", {
      stdout: PIPE,
      stderr: STDOUT,
    });
    const [merged] = await both.communicate();
    console.log(
      `stderr=STDOUT merges both streams in order: ${JSON.stringify(dec.decode(merged!))}.`,
    );

    const sleeper = await createSubprocessExec("sleep", "60");
    sleeper.terminate();
    console.log(`A child ended by SIGTERM has return code ${await sleeper.wait()}, as in Python.`);

    const caught = loop.createFuture<string>();
    loop.addSignalHandler(SIGWINCH, (who: string) => caught.setResult(who), "the loop");
    Deno.kill(Deno.pid, "SIGWINCH");
    console.log(`SIGWINCH sent to this process was handled by ${await caught}, as a callback.`);
    loop.removeSignalHandler(SIGWINCH);

    let ticks = 0;
    const ticker = loop.createTask(async () => {
      for (;;) {
        await sleep(0.01);
        ticks++;
      }
    });
    const t0 = loop.time();
    const fibs = await Promise.all([30, 31, 32].map((n) =>
      loop.runInExecutor(null, (k: number) => {
        const fib = (x: number): number => x < 2 ? x : fib(x - 1) + fib(x - 2);
        return fib(k);
      }, n)
    ));
    ticker.cancel();
    console.log(
      `Three Workers computed fib(30..32) = ${fibs.join(", ")} in ` +
        `${(loop.time() - t0).toFixed(2)} s while the loop ticked ${ticks} times.`,
    );
  });
}

if (import.meta.main) await demo();
