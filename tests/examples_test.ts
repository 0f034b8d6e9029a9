// Runs every file in examples/ as a user would, with `deno run`. A `<name>_server.ts`
// with a matching `<name>_client.ts` runs as a pair: the server first, then the client
// with the port (or unix path) the server printed. Every other example runs alone. Each
// must exit 0, and where EXPECTED names it, print what the example exists to show.

import assert from "node:assert/strict";
import {
  AF_CAN,
  AF_INET,
  CAN_RAW,
  IPPROTO_ICMP,
  OSError,
  PermissionError,
  SOCK_RAW,
  Socket,
} from "../socket/mod.ts";

const EXAMPLES = new URL("../examples/", import.meta.url);
const ROOT = new URL("../", import.meta.url);
const LIMIT_MS = 60_000;

/** Whether raw sockets can be made here (root or CAP_NET_RAW), as socket_raw.ts needs. */
function rawSocketsAllowed(): boolean {
  try {
    new Socket(AF_INET, SOCK_RAW, IPPROTO_ICMP).close();
    return true;
  } catch (err) {
    if (err instanceof PermissionError) return false;
    throw err;
  }
}

/** Why socket_can.ts skips here, as it says it, or null when vcan0 is usable. */
function canSkipReason(): RegExp | null {
  if (AF_CAN === undefined || CAN_RAW === undefined) return /skipped: this platform has no AF_CAN/;
  try {
    using s = new Socket(AF_CAN, SOCK_RAW, CAN_RAW);
    s.bind(["vcan0"]);
    return null;
  } catch (err) {
    if (!(err instanceof OSError)) throw err;
    return /skipped: no CAN here \(.+\); vcan0 and the can module are needed/;
  }
}

const RAW_SOCKETS = rawSocketsAllowed();
const CAN_SKIPPED = canSkipReason();

/** What an example's output must contain (a pair: the client's). */
const EXPECTED: Record<string, RegExp> = {
  "asynchat_http_handler.ts": /200 "Hello, Deno: you posted to \/form\\n"/,
  "asyncio_chain_coroutines.ts": /1 \+ 2 = 3/,
  "asyncio_get_http_headers.ts": /HTTP header> content-length: \d+/i,
  "asyncio_tcp_echo_protocol_client.ts": /Data received: "Hello World!"/,
  "asyncio_tcp_echo_streams_client.ts": /Received: "Hello World!"/,
  "asyncio_udp_echo_protocol_client.ts": /Received: Hello World!/,
  "asyncore_echo_client.ts": /received all \d+ bytes back/,
  "selectors_echo_client.ts": /Received "and a third"/,
  "socket_echo_any_family_client.ts": /Received "Hello, world"/,
  "socket_echo_client.ts": /Received "Hello, world"/,
  "socket_unix_echo_client.ts": /Received "Hello, world"/,
  "ssl_client_side_client.ts": /subject[\s\S]*HTTP\/1\.0 200 OK/,
  "asyncio_parallel_tasks.ts": /Task C: factorial\(4\) = 24/,
  "asyncio_register_socket_protocol.ts": /Received: abc/,
  "asyncio_signal_handlers.ts": /got signal SIG(INT|TERM): exit/,
  "asyncio_watch_fd.ts": /Received: abc/,
  "asyncore_http_client.ts": /Hello from a local server/,
  "mmap_shared_with_child.ts": /the shared memory reads "Hello child!\\n"/,
  "mmap_update_file.ts": /The file itself now holds "Hello {2}world!\\n"/,
  "signal_alarm_open.ts": /Signal handler called with signal 14[\s\S]*Couldn't open device!/,
  "socket_raw.ts": RAW_SOCKETS
    ? /ICMP echo request\n[\s\S]*: ICMP echo reply\n$/
    : /^skipped: raw sockets need root or CAP_NET_RAW/,
  "asyncio_register_socket_streams.ts": /^Received: abc\n$/,
  "socket_can.ts": CAN_SKIPPED ??
    /Received: can_id=123, can_dlc=2, data=222,173/,
  "ssl_server_side_operation.ts": /got "HELLO FROM CLIENT 2\\n" over TLS/,
  "ssl_testing_for_ssl_support.ts": /TLS 1\.3: true/,
};

function assertShows(name: string, output: string): void {
  const want = EXPECTED[name];
  if (want) assert.match(output, want, `${name} did not show ${want}:\n${output}`);
}

const files = [...Deno.readDirSync(EXAMPLES)]
  .filter((e) => e.isFile && e.name.endsWith(".ts"))
  .map((e) => e.name)
  .sort();

for (const name of files) {
  if (name.endsWith("_client.ts") && files.includes(name.replace(/_client\.ts$/, "_server.ts"))) {
    continue;
  }
  const client = name.replace(/_server\.ts$/, "_client.ts");
  if (name.endsWith("_server.ts") && files.includes(client)) {
    Deno.test(`example ${name} + ${client}`, () => runPair(name, client));
  } else {
    Deno.test(`example ${name}`, async () => {
      const result = await run(name, []);
      assert.equal(result.code, 0, `${name} exited ${result.code}:\n${result.output}`);
      assertShows(name, result.output);
    });
  }
}

interface Finished {
  code: number;
  output: string;
}

function command(name: string, args: string[], signal: AbortSignal): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", new URL(name, EXAMPLES).pathname, ...args],
    cwd: ROOT.pathname,
    stdout: "piped",
    stderr: "piped",
    signal,
  });
}

async function run(name: string, args: string[]): Promise<Finished> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), LIMIT_MS);
  try {
    const out = await command(name, args, ctl.signal).output();
    const dec = new TextDecoder();
    return { code: out.code, output: dec.decode(out.stdout) + dec.decode(out.stderr) };
  } finally {
    clearTimeout(timer);
  }
}

async function runPair(serverName: string, clientName: string): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "ipcnet-example-" });
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), LIMIT_MS);
  try {
    const serverArg = serverName.includes("unix") ? `${dir}/example.sock` : "0";
    const server = command(serverName, [serverArg], ctl.signal).spawn();
    const stderr = new Response(server.stderr).text();
    const reader = server.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    let address: string | undefined;
    while (address === undefined) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += value;
      // Only whole lines count: a chunk may end in the middle of the number.
      address = /port (\d+)\r?\n/.exec(seen)?.[1] ?? /Listening on (\/\S+)\r?\n/.exec(seen)?.[1];
    }
    const rest = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        seen += value;
      }
    })();
    if (address === undefined) {
      assert.fail(`${serverName} never said where it listens:\n${seen}${await stderr}`);
    }
    const client = await run(clientName, [address]);
    const status = await server.status;
    await rest;
    const serverErr = await stderr;
    assert.equal(client.code, 0, `${clientName} exited ${client.code}:\n${client.output}`);
    assert.equal(status.code, 0, `${serverName} exited ${status.code}:\n${seen}${serverErr}`);
    assertShows(clientName, client.output);
  } finally {
    clearTimeout(timer);
    await Deno.remove(dir, { recursive: true });
  }
}
