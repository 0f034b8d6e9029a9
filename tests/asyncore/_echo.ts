// The 18.6.2 echo server and a client, as test fixtures: one round trip of `payload`
// through real sockets, polled by asyncore.loop.

import { Dispatcher, DispatcherWithSend, loop, type SocketMap } from "../../asyncore/mod.ts";
import { AF_UNIX, type Socket, type SocketAddress } from "../../socket/mod.ts";
import { type Backend, newSocket } from "../_helpers/loopback.ts";

/** How the echo server and client run. */
export interface EchoSetup {
  family: number;
  backend: Backend;
  usePoll: boolean;
  /** Where to listen: `[host, 0]` or a unix path. */
  address: [string, number] | string;
  payload: Uint8Array;
}

/** What one round trip saw. */
export interface EchoResult {
  received: Uint8Array;
  serverKey: number;
  clientKey: number;
}

/** Runs the echo server and one client until the map is empty. */
export async function echoRoundTrip(setup: EchoSetup): Promise<EchoResult> {
  const map: SocketMap = new Map();
  const server = new EchoServer(setup, map);
  const client = new EchoClient(setup, map, (server.socket as Socket).getsockname());
  const serverKey = [...map].find(([, d]) => d === server)![0];
  const clientKey = [...map].find(([, d]) => d === client)![0];
  await client.connect(client.target as [string, number]);
  await loop({ map, usePoll: setup.usePoll, timeout: 10 });
  return { received: client.received(), serverKey, clientKey };
}

class EchoHandler extends DispatcherWithSend {
  override async handleRead(): Promise<void> {
    const data = await this.recv(8192);
    if (data.length > 0) await this.send(data);
  }

  override handleClose(): void {
    this.close();
  }
}

class EchoServer extends Dispatcher {
  #map: SocketMap;

  constructor(setup: EchoSetup, map: SocketMap) {
    super(null, map);
    this.#map = map;
    const sock = newSocket(setup.backend, setup.family);
    sock.setblocking(false);
    this.setSocket(sock);
    this.setReuseAddr();
    this.bind(setup.address);
    this.listen(5);
  }

  override handleAccepted(sock: Socket): void {
    new EchoHandler(sock, this.#map);
    this.close(); // one client: then the map empties and the loop ends
  }
}

class EchoClient extends Dispatcher {
  readonly target: SocketAddress;
  #out: Uint8Array;
  #parts: Uint8Array[] = [];
  #got = 0;
  #expected: number;

  constructor(setup: EchoSetup, map: SocketMap, target: SocketAddress) {
    super(null, map);
    const sock = newSocket(setup.backend, setup.family);
    sock.setblocking(false);
    this.setSocket(sock);
    this.target = setup.family === AF_UNIX ? setup.address : target;
    this.#out = setup.payload;
    this.#expected = setup.payload.length;
  }

  override handleConnect(): void {}

  override writable(): boolean {
    return !this.connected || this.#out.length > 0;
  }

  override async handleWrite(): Promise<void> {
    const sent = await this.send(this.#out.subarray(0, 65536));
    this.#out = this.#out.subarray(sent);
  }

  override async handleRead(): Promise<void> {
    const data = await this.recv(65536);
    this.#parts.push(data);
    this.#got += data.length;
    if (this.#got >= this.#expected) this.close();
  }

  override handleClose(): void {
    this.close();
  }

  received(): Uint8Array {
    const out = new Uint8Array(this.#got);
    let off = 0;
    for (const p of this.#parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }
}
