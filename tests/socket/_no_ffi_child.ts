// Child of the no-FFI test, run with --allow-net and --allow-read only: every call that
// needs a kernel socket must throw NotImplementedError naming --allow-ffi, while native
// sockets and the in-memory socketpair keep working.

import {
  AF_INET,
  AF_UNIX,
  fromfd,
  NotImplementedError,
  SOCK_DGRAM,
  SOCK_RAW,
  SOCK_STREAM,
  Socket,
  socketpair,
} from "../../socket/mod.ts";

function expectFlag(what: string, f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (e instanceof NotImplementedError && e.message.includes("--allow-ffi")) return;
    throw new Error(`${what}: expected NotImplementedError naming --allow-ffi, got ${e}`);
  }
  throw new Error(`${what}: expected NotImplementedError, got no error`);
}

expectFlag("fileno()", () => new Socket().fileno());
expectFlag("SOCK_RAW", () => new Socket(AF_INET, SOCK_RAW));
expectFlag("AF_UNIX SOCK_DGRAM", () => new Socket(AF_UNIX, SOCK_DGRAM));
expectFlag("Socket(fileno)", () => new Socket(-1, -1, -1, 0));
expectFlag("fromfd()", () => fromfd(0, AF_INET, SOCK_STREAM));
expectFlag("socketpair(SOCK_DGRAM)", () => socketpair(AF_UNIX, SOCK_DGRAM));

const [a, b] = socketpair();
await a.sendall(new Uint8Array([1, 2, 3]));
const got = await b.recv(3);
if (got.length !== 3) throw new Error("in-memory socketpair failed");
a.close();
b.close();
console.log("ok");
