// A kernel socket (a real descriptor, socket/_kernel.ts) seen through Deno.Conn's shape, so
// that node:tls can run over it: what wrapSocket uses for a socketpair() end, a unix
// socket, a socket made from a descriptor, or one that needed a kernel-only option.

import type { SockAddr } from "../_ffi/sockaddr.ts";
import type { KernelChannel } from "../socket/_kernel.ts";
import type { ByteConn, IoMode } from "../socket/_stream.ts";
import { SHUT_WR } from "../socket/constants.ts";

const BLOCKING: IoMode = { timeout: null };

export class KernelConn implements ByteConn {
  readonly #ch: KernelChannel;
  readonly localAddr: Deno.Addr;
  readonly remoteAddr: Deno.Addr;

  constructor(ch: KernelChannel) {
    this.#ch = ch;
    this.localAddr = toDenoAddr(ch.sockname());
    this.remoteAddr = toDenoAddr(ch.peername());
  }

  read(p: Uint8Array): Promise<number | null> {
    return this.#ch.recvInto(p, 0, BLOCKING).then((n) => n === 0 && p.length > 0 ? null : n);
  }

  write(p: Uint8Array): Promise<number> {
    return this.#ch.send(p, 0, BLOCKING);
  }

  closeWrite(): Promise<void> {
    return this.#ch.shutdown(SHUT_WR);
  }

  close(): void {
    this.#ch.release();
  }
}

function toDenoAddr(addr: SockAddr): Deno.Addr {
  if (typeof addr === "string") return { transport: "unix", path: addr };
  if (addr instanceof Uint8Array) {
    return { transport: "unix", path: `\0${new TextDecoder().decode(addr)}` };
  }
  if (typeof addr[0] === "string") {
    return { transport: "tcp", hostname: addr[0], port: addr[1] as number };
  }
  return { transport: "unix", path: "" };
}
