// 18.5.1.18.2 Display the current date with call_later(): a callback that reschedules
// itself until an end time. Python prints every second for 5 s; this prints every 0.1 s
// for 0.5 s.
//   deno run -A examples/asyncio_display_date_call_later.ts
import { type AbstractEventLoop, getEventLoop } from "@ipcnet/std/asyncio";

const INTERVAL = 0.1;

function displayDate(endTime: number, loop: AbstractEventLoop): void {
  console.log(pythonNow());
  if (loop.time() + INTERVAL < endTime) loop.callLater(INTERVAL, displayDate, endTime, loop);
  else loop.stop();
}

/** `str(datetime.datetime.now())`: 2017-01-31 12:34:56.789000 */
function pythonNow(): string {
  const d = new Date();
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}000`;
}

const loop = getEventLoop();
// Schedule the first call to displayDate()
const endTime = loop.time() + 5 * INTERVAL;
loop.callSoon(displayDate, endTime, loop);
// Blocking call interrupted by loop.stop()
await loop.runForever();
loop.close();
