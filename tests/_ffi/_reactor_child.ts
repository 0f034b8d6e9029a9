// Child process of "a program ends promptly after its last wait": it uses the reactor in
// every way (a resolved wait, a forgotten one, a poll-set wait that is aborted, a failed
// registration, and last an aborted wait) and then simply ends. If anything stayed parked
// on Deno's FFI thread pool, the process would never exit and the parent test would fail.

import { PollSet } from "../../_ffi/poll.ts";
import { FD_READ, reactorState, waitFd, waitPollSet } from "../../_ffi/reactor.ts";
import * as S from "../../_ffi/sockets.ts";

function idle(phase: string): void {
  const { parked, waiters } = reactorState();
  if (parked || waiters) throw new Error(`still parked after ${phase}`);
}

const [r, w] = S.pipe();
const resolved = waitFd(r, FD_READ);
S.write(w, new Uint8Array([1]));
await resolved;
S.read(r, 1);
idle("a resolved wait");

const forgotten = waitFd(r, FD_READ).catch(() => "forgotten");
setTimeout(() => S.close(r), 10); // close() forgets r first
await forgotten;
idle("a forgotten wait");

const set = new PollSet();
set.add(w, 0); // asks for nothing: waits until aborted
const setWait = waitPollSet(set, AbortSignal.timeout(10)).catch(() => "aborted");
await setWait;
idle("an aborted poll-set wait");

await waitFd(1 << 20, FD_READ).catch(() => "EBADF");
idle("a failed registration");

const controller = new AbortController();
const aborted = waitFd(w, 0, controller.signal).catch(() => "aborted");
setTimeout(() => controller.abort(), 10);
await aborted;
S.close(w);
console.log("waits done");
