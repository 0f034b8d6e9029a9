// The asyncio stop of the guided tour: tasks running concurrently, a cancellation that
// reaches the exact await a task is suspended in, and a bounded queue between a producer
// and a consumer.
//
// Run alone: deno run demo/asyncio.ts

import {
  CancelledError,
  createTask,
  gather,
  getRunningLoop,
  Queue,
  run,
  sleep,
} from "../asyncio/mod.ts";

/** Runs the asyncio stop, printing what happens. */
export default async function demo(): Promise<void> {
  await run(async () => {
    const loop = getRunningLoop();
    const t0 = loop.time();
    const naps = [0.3, 0.2, 0.1];
    const done = await gather(...naps.map((s) => () => sleep(s, s)));
    const took = loop.time() - t0;
    console.log(
      `Three tasks nap for ${naps.join(", ")} s at the same time; all ${done.length} ` +
        `are done after ${took.toFixed(1)} s, not ${naps.reduce((a, b) => a + b).toFixed(1)} s.`,
    );

    const inbox = new Queue<string>();
    const steps: string[] = [];
    const listener = createTask(async () => {
      try {
        steps.push("waits on an empty queue");
        await inbox.get();
      } catch (e) {
        steps.push(`gets ${(e as Error).name} at that very await`);
        throw e;
      } finally {
        steps.push("runs its finally block");
      }
    });
    await sleep(0.05);
    listener.cancel();
    const cancelled = await listener.then(() => false, (e) => e instanceof CancelledError);
    console.log(`A task ${steps.join(", then ")}; cancelled: ${cancelled}.`);

    const queue = new Queue<number>(2);
    const received: number[] = [];
    const consumer = createTask(async () => {
      for (;;) {
        received.push(await queue.get());
        queue.taskDone();
      }
    });
    for (let i = 0; i < 5; i++) await queue.put(i);
    await queue.join();
    consumer.cancel();
    console.log(
      `A producer puts 5 items into a Queue(2), waiting whenever it is full; ` +
        `the consumer takes them in order: ${received.join(" ")}.`,
    );
  });
}

if (import.meta.main) await demo();
