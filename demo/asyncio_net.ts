// The asyncio networking stop of the guided tour: an echo server written as a protocol, a
// client written with streams, a UDP echo, and a descriptor watched with addReader.
//
// Run alone: deno run -A demo/asyncio_net.ts

import {
  type BaseTransport,
  DatagramProtocol,
  type DatagramTransport,
  getRunningLoop,
  openConnection,
  Protocol,
  run,
  type Transport,
} from "../asyncio/mod.ts";
import { socketpair } from "../socket/mod.ts";

class Echo extends Protocol {
  t!: Transport;
  override connectionMade(t: BaseTransport): void {
    this.t = t as Transport;
  }
  override dataReceived(data: Uint8Array): void {
    this.t.write(data);
  }
}

class UdpEcho extends DatagramProtocol {
  t!: DatagramTransport;
  override connectionMade(t: BaseTransport): void {
    this.t = t as DatagramTransport;
  }
  override datagramReceived(data: Uint8Array, addr: unknown): void {
    this.t.sendto(data, addr);
  }
}

/** Runs the asyncio networking stop, printing what happens. */
export default async function demo(): Promise<void> {
  const enc = new TextEncoder(), dec = new TextDecoder();
  await run(async () => {
    const loop = getRunningLoop();
    await using server = await loop.createServer(() => new Echo(), "127.0.0.1", 0);
    const [, port] = server.sockets[0].getsockname() as [string, number];
    console.log(`TCP echo server (a Protocol) on 127.0.0.1 port ${port}`);
    const [reader, writer] = await openConnection("127.0.0.1", port);
    writer.write(enc.encode("hello over streams\n"));
    console.log(`  streams client got: ${dec.decode(await reader.readline()).trimEnd()}`);
    writer.close();
    await writer.waitClosed();

    const [udp] = await loop.createDatagramEndpoint(() => new UdpEcho(), {
      localAddr: ["127.0.0.1", 0],
    });
    const got = Promise.withResolvers<string>();
    const [client] = await loop.createDatagramEndpoint(() => ({
      datagramReceived: (d: Uint8Array) => got.resolve(dec.decode(d)),
    }), { remoteAddr: udp.getExtraInfo("sockname") as [string, number] });
    client.sendto(enc.encode("hello over UDP"));
    console.log(`UDP echo: ${await got.promise}`);
    client.close();
    udp.close();

    const [r, w] = socketpair();
    const readable = Promise.withResolvers<void>();
    loop.addReader(r, () => {
      loop.removeReader(r);
      readable.resolve();
    });
    await w.send(enc.encode("x"));
    await readable.promise;
    console.log("addReader: the socketpair's reading end became readable");
    r.close();
    w.close();
  });
}

if (import.meta.main) await demo();
