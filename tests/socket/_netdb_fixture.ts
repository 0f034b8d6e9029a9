// Child process for the netdb tests: runs the calls read as JSON from stdin with whatever
// permissions it was started with, and prints their outcomes as JSON.

import { type Call, OURS, type Outcome, outcome } from "./_netdb_oracle.ts";

const calls: Call[] = JSON.parse(await new Response(Deno.stdin.readable).text());
const out: Outcome[] = [];
for (const call of calls) out.push(await outcome(() => OURS[call.fn](...call.args)));
console.log(JSON.stringify(out));
