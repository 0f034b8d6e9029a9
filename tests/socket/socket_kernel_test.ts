// What only the kernel backend does: descriptors (adoption, fromfd, detach, dup, close),
// fd passing between processes, SOCK_SEQPACKET, unix datagrams, raw sockets, turning idle
// native sockets into kernel ones, and the errors without --allow-ffi.

import assert from "node:assert/strict";
import {
  AF_INET,
  AF_NETLINK,
  AF_PACKET,
  AF_UNIX,
  BlockingIOError,
  close,
  CMSG_SPACE,
  fromfd,
  gethostname,
  htons,
  IPPROTO_ICMP,
  MSG_CTRUNC,
  MSG_DONTWAIT,
  MSG_PEEK,
  MSG_TRUNC,
  NETLINK_ROUTE,
  OSError,
  SCM_RIGHTS,
  sethostname,
  SOCK_DGRAM,
  SOCK_RAW,
  SOCK_SEQPACKET,
  SOCK_STREAM,
  Socket,
  socketpair,
  SOL_SOCKET,
} from "../../socket/mod.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import { fdGuard } from "../_helpers/fd_guard.ts";
import { tempDir } from "../_helpers/temp_dir.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();
const ROOT = new URL("../../", import.meta.url).pathname;

/**
 * Whether this process may open a socket of this kind (raw sockets need CAP_NET_RAW):
 * false when the kernel says EPERM, which the unprivileged tests check.
 */
function permitted(family: number, type: number, proto: number): boolean {
  try {
    new Socket(family, type, proto).close();
    return true;
  } catch (e) {
    if (e instanceof OSError && e.errno === ERRNO.EPERM) return false;
    throw e;
  }
}
const RAW_ICMP = permitted(AF_INET, SOCK_RAW, IPPROTO_ICMP);
const RAW_PACKET = Deno.build.os === "linux" && permitted(AF_PACKET!, SOCK_RAW, htons(3));
if (!RAW_ICMP) {
  console.log(
    "socket_kernel_test: no CAP_NET_RAW, so the raw ICMP ping and AF_PACKET tests are ignored",
  );
}

Deno.test("Socket(fileno) owns a descriptor and detects its family and type", async () => {
  const [a, b] = socketpair();
  using _b = b;
  const fd = a.detach();
  assert.equal(a.fileno(), -1);
  using adopted = new Socket(-1, -1, -1, fd);
  assert.equal(adopted.fileno(), fd);
  assert.equal(adopted.family, AF_UNIX);
  assert.equal(adopted.type, SOCK_STREAM);
  await adopted.sendall(enc.encode("through the adopted fd"));
  assert.equal(dec.decode(await b.recv(100)), "through the adopted fd");
});

Deno.test("fromfd duplicates; dup gives a new descriptor; both outlive the original", async () => {
  const [a, b] = socketpair();
  using _b = b;
  using copy = fromfd(a.fileno(), AF_UNIX, SOCK_STREAM);
  using second = a.dup();
  assert.notEqual(copy.fileno(), a.fileno());
  assert.notEqual(second.fileno(), a.fileno());
  a.close();
  await copy.sendall(enc.encode("x"));
  await second.sendall(enc.encode("y"));
  assert.equal(dec.decode(await b.recv(10)), "xy");
});

Deno.test("detach hands the descriptor over; close(fd) closes it", async () => {
  const [a, b] = socketpair();
  using _b = b;
  const fd = a.detach();
  assert.ok(fd >= 0);
  assert.equal(a.detach(), -1);
  close(fd);
  assert.equal((await b.recv(10)).length, 0);
  assert.throws(() => close(fd), (e: unknown) => e instanceof OSError && e.errno === ERRNO.EBADF);
});

Deno.test("Socket(fileno) of something that is not a socket throws ENOTSOCK", async () => {
  await using dir = await tempDir();
  const path = dir.join("plain");
  await Deno.writeTextFile(path, "x");
  const { openFd } = await import("../../mmap/mod.ts");
  using file = openFd(path, { read: true });
  assert.throws(
    () => new Socket(-1, -1, -1, file.fileno()),
    (e: unknown) => e instanceof OSError && e.errno === ERRNO.ENOTSOCK,
  );
});

Deno.test("SOCK_SEQPACKET keeps message boundaries", async () => {
  const [a, b] = socketpair(AF_UNIX, SOCK_SEQPACKET);
  using _a = a, _b = b;
  await a.sendall(enc.encode("first"));
  await a.sendall(enc.encode("second"));
  assert.equal(dec.decode(await b.recv(100)), "first");
  assert.equal(dec.decode(await b.recv(100)), "second");
});

Deno.test("unix datagram sockets bind, connect, sendto and recvfrom", async () => {
  await using dir = await tempDir();
  using server = new Socket(AF_UNIX, SOCK_DGRAM);
  server.bind(dir.join("server.sock"));
  using client = new Socket(AF_UNIX, SOCK_DGRAM);
  client.bind(dir.join("client.sock"));
  await client.sendto(enc.encode("hello"), dir.join("server.sock"));
  const [data, from] = await server.recvfrom(100);
  assert.equal(dec.decode(data), "hello");
  assert.equal(from, dir.join("client.sock"));
  await client.connect(dir.join("server.sock"));
  await client.send(enc.encode("connected"));
  assert.equal(dec.decode(await server.recv(100)), "connected");
});

Deno.test("an idle native listener becomes a kernel listener on fileno()", async () => {
  using server = new Socket();
  server.bind(["127.0.0.1", 0]);
  server.listen(8);
  const address = server.getsockname();
  assert.ok(server.fileno() >= 0);
  assert.deepEqual(server.getsockname(), address);
  using client = new Socket();
  await client.connect(address);
  const [conn] = await server.accept();
  using _conn = conn;
  assert.ok(conn.fileno() >= 0);
  await client.sendall(enc.encode("to a kernel listener"));
  assert.equal(dec.decode(await conn.recv(100)), "to a kernel listener");
});

Deno.test("UDP sockets are kernel sockets when FFI is granted", async () => {
  using udp = new Socket(AF_INET, SOCK_DGRAM);
  udp.bind(["127.0.0.1", 0]);
  assert.ok(udp.fileno() >= 0);
  await udp.sendto(enc.encode("self"), udp.getsockname());
  assert.equal(dec.decode(await udp.recv(10)), "self");
});

Deno.test("a connected UDP socket learns of an unreachable port (ICMP), as in Python", async () => {
  using probe = new Socket(AF_INET, SOCK_DGRAM);
  probe.bind(["127.0.0.1", 0]);
  const deadPort = (probe.getsockname() as [string, number])[1];
  probe.close();
  using udp = new Socket(AF_INET, SOCK_DGRAM);
  await udp.connect(["127.0.0.1", deadPort]);
  await udp.send(enc.encode("anyone?"));
  udp.settimeout(5);
  await assert.rejects(udp.recv(10), { name: "ConnectionRefusedError" });
});

Deno.test("SCM_RIGHTS passes a descriptor to another process", async () => {
  await using dir = await tempDir();
  const path = dir.join("fds.sock");
  using server = new Socket(AF_UNIX, SOCK_STREAM);
  server.bind(path);
  server.listen(1);
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", `${ROOT}tests/socket/_scm_child.ts`, path],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const [conn] = await server.accept();
  using _conn = conn;
  // Pass the write end of a pipe; the child writes into it.
  const [readEnd, writeEnd] = socketpair();
  using _r = readEnd;
  const fds = new Uint8Array(new Int32Array([writeEnd.fileno()]).buffer);
  await conn.sendmsg([enc.encode("take this")], [[SOL_SOCKET, SCM_RIGHTS!, fds]]);
  writeEnd.close();
  assert.equal(dec.decode(await readEnd.recv(100)), "hello from the child");
  const out = await child.output();
  assert.equal(out.code, 0, dec.decode(out.stderr));
});

Deno.test(
  "Socket.recvmsgInto scatters over several buffers and receives a descriptor",
  fdGuard(async () => {
    const [a, b] = socketpair();
    const [r, w] = socketpair();
    using _a = a, _b = b, _r = r, _w = w;
    const backing = new Uint8Array(16);
    const bufs = [new Uint8Array(3), new Uint8Array(4), backing.subarray(3, 13)];
    // Started first, so that it waits for the message.
    const receiving = b.recvmsgInto(bufs, CMSG_SPACE(4));
    const fds = new Uint8Array(new Int32Array([w.fileno()]).buffer);
    assert.equal(
      await a.sendmsg([enc.encode("hello "), enc.encode("world")], [
        [SOL_SOCKET, SCM_RIGHTS!, fds],
      ]),
      11,
    );
    const [nbytes, ancdata, flags, address] = await receiving;
    assert.equal(nbytes, 11);
    assert.deepEqual(bufs.slice(0, 2).map((buf) => dec.decode(buf)), ["hel", "lo w"]);
    const third = new Uint8Array(16);
    third.set(enc.encode("orld"), 3);
    assert.deepEqual(backing, third);
    assert.equal(flags, 0);
    assert.equal(address, null);
    assert.equal(ancdata.length, 1);
    const [level, type, data] = ancdata[0];
    assert.deepEqual([level, type, data.length], [SOL_SOCKET, SCM_RIGHTS, 4]);
    // A new descriptor for the same socket: what is sent through it reaches r.
    const fd = new DataView(data.buffer, data.byteOffset).getInt32(0, true);
    assert.notEqual(fd, w.fileno());
    using passed = new Socket(-1, -1, -1, fd);
    await passed.sendall(enc.encode("through the passed descriptor"));
    assert.equal(dec.decode(await r.recv(100)), "through the passed descriptor");
    await assert.rejects(b.recvmsgInto([new Uint8Array(1)], -1), {
      name: "ValueError",
      message: "negative buffer size in recvmsg_into()",
    });
  }),
);

Deno.test(
  "Socket.recvmsgInto reports MSG_TRUNC and MSG_CTRUNC, honours MSG_PEEK and MSG_DONTWAIT",
  fdGuard(async () => {
    const [x, y] = socketpair(AF_UNIX, SOCK_DGRAM);
    using _x = x, _y = y;
    await assert.rejects(y.recvmsgInto([new Uint8Array(4)], 0, MSG_DONTWAIT), BlockingIOError);
    await x.send(enc.encode("0123456789"));
    const peeked = new Uint8Array(4);
    assert.deepEqual(await y.recvmsgInto([peeked], 0, MSG_PEEK), [4, [], MSG_TRUNC, null]);
    assert.equal(dec.decode(peeked), "0123");
    // The datagram is still there; what does not fit is lost, as MSG_TRUNC says.
    const parts = [new Uint8Array(2), new Uint8Array(3)];
    assert.deepEqual(await y.recvmsgInto(parts), [5, [], MSG_TRUNC, null]);
    assert.deepEqual(parts.map((part) => dec.decode(part)), ["01", "234"]);
    // No room for the descriptor: the kernel closes it and says MSG_CTRUNC.
    const fds = new Uint8Array(new Int32Array([x.fileno()]).buffer);
    await x.sendmsg([enc.encode("fd")], [[SOL_SOCKET, SCM_RIGHTS!, fds]]);
    assert.deepEqual(await y.recvmsgInto([new Uint8Array(8)]), [2, [], MSG_CTRUNC, null]);
  }),
);

Deno.test("Socket.recvmsgInto gives the sender's address of a unix datagram", async () => {
  await using dir = await tempDir();
  using server = new Socket(AF_UNIX, SOCK_DGRAM);
  server.bind(dir.join("server.sock"));
  using client = new Socket(AF_UNIX, SOCK_DGRAM);
  client.bind(dir.join("client.sock"));
  await client.sendto(enc.encode("hi"), dir.join("server.sock"));
  const buf = new Uint8Array(8);
  assert.deepEqual(await server.recvmsgInto([buf]), [2, [], 0, dir.join("client.sock")]);
  assert.equal(dec.decode(buf.subarray(0, 2)), "hi");
});

Deno.test({
  name: "a raw ICMP socket without privileges throws PermissionError (EPERM)",
  ignore: RAW_ICMP,
  fn: () => {
    assert.throws(() => new Socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), (e: unknown) => {
      assert.ok(e instanceof OSError && e.errno === ERRNO.EPERM, String(e));
      assert.equal(e.name, "PermissionError");
      return true;
    });
  },
});

Deno.test({
  name: "a raw ICMP socket pings loopback (needs CAP_NET_RAW)",
  ignore: !RAW_ICMP,
  fn: async () => {
    using sock = new Socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    // An ICMP echo request (type 8) with identifier 0x1234, sequence 1 and a checksum.
    const packet = new Uint8Array([8, 0, 0, 0, 0x12, 0x34, 0, 1, ...enc.encode("ping")]);
    const sum = checksum(packet);
    packet[2] = sum >> 8;
    packet[3] = sum & 0xff;
    await sock.sendto(packet, ["127.0.0.1", 0]);
    sock.settimeout(5);
    // Raw sockets see the whole IP datagram: the request we sent, then the reply (type 0).
    for (;;) {
      const [datagram] = await sock.recvfrom(1500);
      const icmp = datagram.subarray((datagram[0] & 0x0f) * 4);
      if (icmp[0] === 0 && icmp[4] === 0x12 && icmp[5] === 0x34) {
        assert.equal(dec.decode(icmp.subarray(8)), "ping");
        return;
      }
    }
  },
});

Deno.test({
  name: "AF_NETLINK sockets bind and report (pid, groups)",
  ignore: Deno.build.os !== "linux",
  fn: () => {
    using nl = new Socket(AF_NETLINK!, SOCK_RAW, NETLINK_ROUTE!);
    nl.bind([0, 0]);
    const [pid, groups] = nl.getsockname() as [number, number];
    assert.ok(pid > 0);
    assert.equal(groups, 0);
  },
});

Deno.test({
  name: "AF_PACKET sockets bind to an interface (needs CAP_NET_RAW)",
  ignore: !RAW_PACKET,
  fn: () => {
    using sock = new Socket(AF_PACKET!, SOCK_RAW, htons(3));
    sock.bind(["lo", 3]);
    const [ifname, proto, pkttype, hatype, addr] = sock.getsockname() as [
      string,
      number,
      number,
      number,
      Uint8Array,
    ];
    assert.deepEqual([ifname, proto, pkttype, hatype], ["lo", 3, 0, 772]);
    assert.equal(addr.length, 6);
    assert.throws(() => sock.bind(["no-such-if0", 3]), OSError);
  },
});

Deno.test("sethostname needs privileges (root may set the same name again)", () => {
  const name = gethostname();
  try {
    sethostname(name);
  } catch (e) {
    assert.ok(e instanceof OSError && e.errno === ERRNO.EPERM, String(e));
    return;
  }
  assert.equal(gethostname(), name);
});

Deno.test("without --allow-ffi, what needs a descriptor names the flag", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", `${ROOT}tests/socket/_no_ffi_child.ts`],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, dec.decode(out.stderr) + dec.decode(out.stdout));
  assert.equal(dec.decode(out.stdout).trim(), "ok");
});

Deno.test("a closed kernel socket refuses every operation with EBADF", async () => {
  const [a, b] = socketpair();
  b.close();
  a.close();
  assert.equal(a.fileno(), -1);
  await assert.rejects(a.recv(1), (e: unknown) => e instanceof OSError && e.errno === ERRNO.EBADF);
  assert.throws(() => a.dup(), (e: unknown) => e instanceof OSError && e.errno === ERRNO.EBADF);
  assert.throws(() => fromfd(-5, AF_UNIX, SOCK_STREAM), OSError);
});

function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 2) sum += (data[i] << 8) | (data[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}
