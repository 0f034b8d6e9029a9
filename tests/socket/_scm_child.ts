// Child of the SCM_RIGHTS test: connects to the unix path it is given, receives one
// descriptor with recvmsg, and writes a greeting into it.

import {
  AF_UNIX,
  CMSG_LEN,
  SCM_RIGHTS,
  SOCK_STREAM,
  Socket,
  SOL_SOCKET,
} from "../../socket/mod.ts";

using sock = new Socket(AF_UNIX, SOCK_STREAM);
await sock.connect(Deno.args[0]);
const [data, ancdata] = await sock.recvmsg(100, CMSG_LEN(4));
if (new TextDecoder().decode(data) !== "take this") throw new Error("unexpected data");
const [level, type, payload] = ancdata[0];
if (level !== SOL_SOCKET || type !== SCM_RIGHTS) throw new Error("no SCM_RIGHTS item");
const fd = new Int32Array(payload.slice(0, 4).buffer)[0];
using received = new Socket(-1, -1, -1, fd);
await received.sendall(new TextEncoder().encode("hello from the child"));
