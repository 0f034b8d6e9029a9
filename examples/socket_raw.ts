// Python's 18.1.5 raw-socket example, for Linux. Python's version is a Windows sniffer
// (SIO_RCVALL); on Linux a raw IPPROTO_ICMP socket sees every ICMP datagram of the host, IP
// header included, so this one sends an echo request to 127.0.0.1 and prints the packets it
// sniffs until the reply. Raw sockets need root or CAP_NET_RAW; without them it says so.
// Run: sudo deno run --allow-ffi --allow-net examples/socket_raw.ts

import { AF_INET, IPPROTO_ICMP, PermissionError, SOCK_RAW, Socket } from "@ipcnet/std/socket";

let s: Socket;
try {
  // create a raw socket and bind it to the public interface (here: loopback)
  s = new Socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
} catch (err) {
  if (!(err instanceof PermissionError)) throw err;
  console.log(`skipped: raw sockets need root or CAP_NET_RAW (${err.message})`);
  Deno.exit(0);
}
using sock = s;
sock.bind(["127.0.0.1", 0]);
sock.settimeout(5);

// An ICMP echo request carrying "sniff me", with its checksum.
const packet = new Uint8Array([
  8,
  0,
  0,
  0,
  0xbe,
  0xef,
  0,
  1,
  ...new TextEncoder().encode("sniff me"),
]);
const sum = checksum(packet);
packet.set([sum >> 8, sum & 0xff], 2);
await sock.sendto(packet, ["127.0.0.1", 0]);

// receive packets: the request we sent, then the kernel's reply
for (let seen = 0; seen < 10; seen++) {
  const [datagram, address] = await sock.recvfrom(65565);
  const icmp = datagram.subarray((datagram[0] & 0x0f) * 4);
  const kind = icmp[0] === 8 ? "echo request" : icmp[0] === 0 ? "echo reply" : `type ${icmp[0]}`;
  console.log(`sniffed ${datagram.length} bytes from ${JSON.stringify(address)}: ICMP ${kind}`);
  if (icmp[0] === 0 && icmp[4] === 0xbe && icmp[5] === 0xef) break;
}

function checksum(data: Uint8Array): number {
  let total = 0;
  for (let i = 0; i < data.length; i += 2) total += (data[i] << 8) | (data[i + 1] ?? 0);
  while (total > 0xffff) total = (total & 0xffff) + (total >> 16);
  return ~total & 0xffff;
}
