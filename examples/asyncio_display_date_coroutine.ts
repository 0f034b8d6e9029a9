// 18.5.3.1.2 Example: Coroutine displaying the current date with sleep(). Python prints
// every second for 5 s; this prints every 0.1 s for 0.5 s.
//   deno run -A examples/asyncio_display_date_coroutine.ts
import { type AbstractEventLoop, getEventLoop, sleep } from "@ipcnet/std/asyncio";

const INTERVAL = 0.1;

async function displayDate(loop: AbstractEventLoop): Promise<void> {
  const endTime = loop.time() + 5 * INTERVAL;
  for (;;) {
    console.log(pythonNow());
    if (loop.time() + INTERVAL >= endTime) break;
    await sleep(INTERVAL);
  }
}

const loop = getEventLoop();
// Blocking call which returns when the displayDate() coroutine is done
await loop.runUntilComplete(displayDate(loop));
loop.close();

/** `str(datetime.datetime.now())`: 2017-01-31 12:34:56.789000 */
function pythonNow(): string {
  const d = new Date();
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}000`;
}
