// `deno task demo`: a short guided tour of every landed module, on loopback only.

import asyncio from "./asyncio.ts";
import asyncioNet from "./asyncio_net.ts";
import asyncioProc from "./asyncio_proc.ts";
import mmap from "./mmap.ts";
import signal from "./signal.ts";
import asyncore from "./asyncore.ts";
import select from "./select.ts";
import selectors from "./selectors.ts";
import socket from "./socket.ts";
import ssl from "./ssl.ts";

const stops: [string, () => Promise<void>][] = [
  ["socket: a server and a client talking", socket],
  ["ssl: a TLS handshake with a test CA", ssl],
  ["select: native and kernel sockets in one wait", select],
  ["selectors: native and kernel sockets and a pipe in one selector", selectors],
  ["asyncio: tasks, a cancellation, a queue", asyncio],
  ["asyncio: protocols and streams on loopback", asyncioNet],
  ["asyncio: processes, signals, executor", asyncioProc],
  ["asyncore: the echo server and a client in one loop", asyncore],
  ["signal: a handler, and a disposition put back", signal],
  ["mmap: one file mapped by two processes", mmap],
];

const started = performance.now();
for (const [title, run] of stops) {
  console.log(`\n== ${title}`);
  await run();
}
console.log(`\nThe tour ended in ${((performance.now() - started) / 1000).toFixed(2)} s.`);
