// The socket stop of the guided tour: a TCP server and client talking on loopback, a UDP
// datagram, a timeout that leaves the socket usable, and a socket pair.

import {
  AF_INET,
  SHUT_WR,
  SOCK_DGRAM,
  SOCK_STREAM,
  Socket,
  socketpair,
  TimeoutError,
} from "../socket/mod.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Runs the socket stop, printing what happens. */
export default async function demo(): Promise<void> {
  using server = new Socket(AF_INET, SOCK_STREAM);
  server.bind(["127.0.0.1", 0]);
  server.listen();
  const [host, port] = server.getsockname() as [string, number];
  console.log(`A TCP server listens on ${host} port ${port}.`);

  using client = new Socket();
  await client.connect([host, port]);
  const [conn, peer] = await server.accept();
  using _conn = conn;
  console.log(`A client connected from port ${(peer as [string, number])[1]}.`);

  await client.sendall(enc.encode("Hello, world"));
  const request = await conn.recv(1024);
  console.log(`The server received ${JSON.stringify(dec.decode(request))} and echoes it back.`);
  await conn.sendall(request);
  console.log(`The client got back ${JSON.stringify(dec.decode(await client.recv(1024)))}.`);

  conn.settimeout(0.05);
  try {
    await conn.recv(1024);
  } catch (err) {
    if (!(err instanceof TimeoutError)) throw err;
    console.log(`Waiting for more with a 50 ms timeout raised ${err.name}("${err.message}"),`);
  }
  await client.sendall(enc.encode("late data"));
  console.log(
    `  and the socket still works: it then received "${dec.decode(await conn.recv(64))}".`,
  );
  await client.shutdown(SHUT_WR);
  console.log(
    `After the client's shutdown(SHUT_WR) the server reads ${
      (await conn.recv(64)).length
    } bytes: end of stream.`,
  );

  using udp = new Socket(AF_INET, SOCK_DGRAM);
  udp.bind(["127.0.0.1", 0]);
  await udp.sendto(enc.encode("a datagram"), udp.getsockname());
  const [datagram, from] = await udp.recvfrom(1024);
  console.log(`A UDP socket sent itself "${dec.decode(datagram)}" from ${JSON.stringify(from)}.`);

  const [a, b] = socketpair();
  using _a = a, _b = b;
  await a.sendall(enc.encode("between two ends"));
  console.log(`socketpair() carried "${dec.decode(await b.recv(64))}" without any permission.`);
}
