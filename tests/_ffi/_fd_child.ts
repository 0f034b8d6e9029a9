// Child process of the fd-passing test: it inherits one end of a unix socketpair as fd 3,
// receives a descriptor over it with SCM_RIGHTS, writes a greeting to that descriptor and
// acknowledges with a byte, then exits.

import * as S from "../../_ffi/sockets.ts";
import { FD_READ, waitFd } from "../../_ffi/reactor.ts";
import { BlockingIOError } from "../../_errors/os_error.ts";

const SOL_SOCKET = Deno.build.os === "darwin" ? 0xffff : 1;
const SCM_RIGHTS = 1;
const CHANNEL = 3;

for (;;) {
  try {
    const [data, ancdata] = S.recvmsg(CHANNEL, 16, 64);
    const [level, type, payload] = ancdata[0];
    if (level !== SOL_SOCKET || type !== SCM_RIGHTS) throw new Error("no SCM_RIGHTS item");
    const fd = new Int32Array(payload.slice().buffer)[0];
    S.write(fd, new TextEncoder().encode(`hello from child (${new TextDecoder().decode(data)})`));
    S.close(fd);
    S.send(CHANNEL, new Uint8Array([1]));
    break;
  } catch (err) {
    if (!(err instanceof BlockingIOError)) throw err;
    await waitFd(CHANNEL, FD_READ);
  }
}
