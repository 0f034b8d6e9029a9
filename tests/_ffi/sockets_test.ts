import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  BlockingIOError,
  BrokenPipeError,
  ConnectionRefusedError,
  OSError,
} from "../../_errors/os_error.ts";
import { ERRNO } from "../../_ffi/errno.ts";
import { FD_READ, FD_WRITE, waitFd } from "../../_ffi/reactor.ts";
import * as S from "../../_ffi/sockets.ts";
import { encodeSockaddr } from "../../_ffi/sockaddr.ts";
import { cmsgLen, cmsgSpace } from "../../_ffi/socket_msg.ts";
import { AF_INET, AF_INET6, AF_UNIX, SOCK_DGRAM, SOCK_STREAM } from "../../socket/constants.ts";
import { tracked } from "./_fd_track.ts";

const SOL_SOCKET = Deno.build.os === "darwin" ? 0xffff : 1;
const SO_REUSEADDR = Deno.build.os === "darwin" ? 0x4 : 2;
const SO_TYPE = Deno.build.os === "darwin" ? 0x1008 : 3;
const SO_LINGER = Deno.build.os === "darwin" ? 0x80 : 13;
const SO_RCVBUF = Deno.build.os === "darwin" ? 0x1002 : 8;
const SCM_RIGHTS = 1;
const SOCK_SEQPACKET = 5;
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** Calls `op` until it stops throwing BlockingIOError, waiting for readiness between. */
async function retry<T>(fd: number, events: number, op: () => T): Promise<T> {
  for (;;) {
    try {
      return op();
    } catch (err) {
      if (!(err instanceof BlockingIOError)) throw err;
      await waitFd(fd, events);
    }
  }
}

/** A connected TCP pair over loopback: [listener, client, server side]. */
async function tcpPair(family = AF_INET): Promise<[number, number, number]> {
  const host = family === AF_INET ? "127.0.0.1" : "::1";
  const listener = S.socket(family, SOCK_STREAM);
  S.bind(listener, encodeSockaddr(family, [host, 0]));
  S.listen(listener, 8);
  const client = S.socket(family, SOCK_STREAM);
  try {
    S.connect(client, encodeSockaddr(family, S.getsockname(listener)));
  } catch (err) {
    assert.ok(err instanceof BlockingIOError);
    assert.equal(err.errno, ERRNO.EINPROGRESS);
  }
  const [server] = await retry(listener, FD_READ, () => S.accept(listener));
  await waitFd(client, FD_WRITE);
  S.connectResult(client);
  return [listener, client, server];
}

Deno.test(
  "sockets: new descriptors are non-blocking and close-on-exec",
  tracked((_t, fds) => {
    const [a, b] = fds.add(S.socketpair());
    const [r, w] = fds.add(S.pipe());
    const s = fds.add(S.socket(AF_INET, SOCK_STREAM));
    for (const fd of [a, b, r, w, s]) {
      assert.equal(S.getNonBlocking(fd), true);
      assert.equal(S.getInheritable(fd), false);
    }
    S.setInheritable(a, true);
    assert.equal(S.getInheritable(a), true);
    S.setNonBlocking(a, false);
    assert.equal(S.getNonBlocking(a), false);
    const d = fds.add(S.dup(a));
    assert.notEqual(d, a);
    assert.equal(S.getInheritable(d), false);
    assert.equal(S.getsockoptInt(s, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
    for (const fd of [a, b, r, w, s, d]) S.close(fd);
  }),
);

Deno.test(
  "sockets: errno values are exact",
  tracked((_t, fds) => {
    const [a, b] = fds.add(S.socketpair());
    assert.throws(() => S.recv(a, 10), (e) => e instanceof BlockingIOError && e.errno === 11);
    assert.throws(() => S.close(1 << 20), (e) => e instanceof OSError && e.errno === ERRNO.EBADF);
    assert.throws(
      () => S.getsockname(1 << 20),
      (e) => e instanceof OSError && e.code === "EBADF",
    );
    const [r, w] = fds.add(S.pipe());
    assert.throws(() => S.getsockname(r), { code: "ENOTSOCK" });
    S.close(r);
    assert.throws(() => S.write(w, enc("x")), (e) => e instanceof BrokenPipeError);
    assert.throws(() => S.socket(12345, SOCK_STREAM), { code: "EAFNOSUPPORT" });
    // A name longer than the kernel allows: EINVAL for root, EPERM otherwise; never applied.
    assert.throws(
      () => S.sethostname("x".repeat(300)),
      (e: OSError) => e.errno === ERRNO.EINVAL || e.errno === ERRNO.EPERM,
    );
    for (const fd of [a, b, w]) S.close(fd);
  }),
);

Deno.test(
  "sockets: TCP over IPv4 and IPv6",
  tracked(async (t, fds) => {
    for (const family of [AF_INET, AF_INET6]) {
      await t.step(family === AF_INET ? "IPv4" : "IPv6", async () => {
        const [listener, client, server] = fds.add(await tcpPair(family));
        assert.deepEqual(S.getpeername(client), S.getsockname(server));
        assert.deepEqual(S.getpeername(server), S.getsockname(client));
        if (family === AF_INET6) assert.equal(S.getsockname(client).length, 4);
        assert.equal(S.send(client, enc("hello")), 5);
        const got = await retry(server, FD_READ, () => S.recv(server, 100));
        assert.equal(dec(got), "hello");
        const buf = new Uint8Array(8);
        S.send(server, enc("abc"));
        assert.equal(await retry(client, FD_READ, () => S.recvInto(client, buf)), 3);
        assert.equal(dec(buf.subarray(0, 3)), "abc");
        S.shutdown(client, 1);
        assert.equal((await retry(server, FD_READ, () => S.recv(server, 10))).length, 0);
        for (const fd of [listener, client, server]) S.close(fd);
      });
    }
  }),
);

Deno.test(
  "sockets: connect to a closed port gives ConnectionRefusedError",
  tracked(async (_t, fds) => {
    const probe = fds.add(S.socket(AF_INET, SOCK_STREAM));
    S.bind(probe, encodeSockaddr(AF_INET, ["127.0.0.1", 0]));
    const address = S.getsockname(probe);
    S.close(probe); // nothing listens there now
    const client = fds.add(S.socket(AF_INET, SOCK_STREAM));
    try {
      S.connect(client, encodeSockaddr(AF_INET, address));
    } catch (err) {
      if (!(err instanceof BlockingIOError)) throw err;
      const bits = await waitFd(client, FD_WRITE);
      assert.ok(bits & FD_WRITE);
    }
    assert.throws(
      () => S.connectResult(client),
      (e) => e instanceof ConnectionRefusedError && e.errno === ERRNO.ECONNREFUSED,
    );
    S.close(client);
  }),
);

Deno.test(
  "sockets: bind conflicts and socket options",
  tracked((_t, fds) => {
    const a = fds.add(S.socket(AF_INET, SOCK_STREAM));
    S.bind(a, encodeSockaddr(AF_INET, ["127.0.0.1", 0]));
    S.listen(a, 1);
    const b = fds.add(S.socket(AF_INET, SOCK_STREAM));
    assert.throws(
      () => S.bind(b, encodeSockaddr(AF_INET, S.getsockname(a))),
      (e: OSError) => e.errno === ERRNO.EADDRINUSE && e.name === "OSError",
    );
    assert.equal(S.getsockoptInt(b, SOL_SOCKET, SO_REUSEADDR), 0);
    S.setsockoptInt(b, SOL_SOCKET, SO_REUSEADDR, 1);
    assert.equal(S.getsockoptInt(b, SOL_SOCKET, SO_REUSEADDR), 1);
    // struct linger { int l_onoff; int l_linger; } as raw bytes
    const linger = new Uint8Array(new Int32Array([1, 7]).buffer);
    S.setsockoptBytes(b, SOL_SOCKET, SO_LINGER, linger);
    assert.deepEqual(S.getsockoptBytes(b, SOL_SOCKET, SO_LINGER, 8), linger);
    assert.equal(S.getsockoptBytes(b, SOL_SOCKET, SO_LINGER, 4).length, 4);
    S.setsockoptInt(b, SOL_SOCKET, SO_RCVBUF, 65536);
    assert.ok(S.getsockoptInt(b, SOL_SOCKET, SO_RCVBUF) >= 65536);
    assert.throws(() => S.setsockoptInt(b, SOL_SOCKET, 9999, 1), { code: "ENOPROTOOPT" });
    S.close(a);
    S.close(b);
  }),
);

Deno.test(
  "sockets: UDP datagrams carry their addresses",
  tracked(async (_t, fds) => {
    for (const [family, host] of [[AF_INET, "127.0.0.1"], [AF_INET6, "::1"]] as const) {
      const rx = fds.add(S.socket(family, SOCK_DGRAM));
      const tx = fds.add(S.socket(family, SOCK_DGRAM));
      S.bind(rx, encodeSockaddr(family, [host, 0]));
      S.bind(tx, encodeSockaddr(family, [host, 0]));
      assert.equal(S.sendto(tx, enc("ping"), 0, encodeSockaddr(family, S.getsockname(rx))), 4);
      const [data, from] = await retry(rx, FD_READ, () => S.recvfrom(rx, 100));
      assert.equal(dec(data), "ping");
      assert.deepEqual(from, S.getsockname(tx));
      S.sendto(tx, new Uint8Array(0), 0, encodeSockaddr(family, S.getsockname(rx)));
      const buf = new Uint8Array(4);
      const [n] = await retry(rx, FD_READ, () => S.recvfromInto(rx, buf));
      assert.equal(n, 0); // an empty datagram is delivered
      S.close(rx);
      S.close(tx);
    }
  }),
);

Deno.test(
  "sockets: unix paths, abstract names and unnamed sockets",
  tracked(async (_t, fds) => {
    const dir = await Deno.makeTempDir();
    try {
      const path = `${dir}/s.sock`;
      const server = fds.add(S.socket(AF_UNIX, SOCK_STREAM));
      S.bind(server, encodeSockaddr(AF_UNIX, path));
      S.listen(server, 1);
      assert.equal(S.getsockname(server), path);
      const client = fds.add(S.socket(AF_UNIX, SOCK_STREAM));
      try {
        S.connect(client, encodeSockaddr(AF_UNIX, path));
      } catch (err) {
        if (!(err instanceof BlockingIOError)) throw err;
      }
      const [conn, peer] = await retry(server, FD_READ, () => S.accept(server));
      fds.add(conn);
      assert.equal(peer, "");
      assert.equal(S.getpeername(client), path);
      for (const fd of [server, client, conn]) S.close(fd);
      if (Deno.build.os === "linux") {
        const name = `\0ipcnet-test-${Deno.pid}-${Math.random()}`;
        const abstract = fds.add(S.socket(AF_UNIX, SOCK_DGRAM));
        S.bind(abstract, encodeSockaddr(AF_UNIX, name));
        assert.deepEqual(S.getsockname(abstract), enc(name));
        S.close(abstract);
      }
      assert.throws(() => encodeSockaddr(AF_UNIX, "x".repeat(200)), {
        message: "AF_UNIX path too long",
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }),
);

Deno.test(
  "sockets: sendmsg/recvmsg pass descriptors with SCM_RIGHTS",
  tracked(async (_t, fds) => {
    const [a, b] = fds.add(S.socketpair());
    const [r1, w1] = fds.add(S.pipe());
    const [r2, w2] = fds.add(S.pipe());
    const payload = new Uint8Array(new Int32Array([w1, w2]).buffer);
    assert.equal(S.sendmsg(a, [enc("ab"), enc("cd")], [[SOL_SOCKET, SCM_RIGHTS, payload]]), 4);
    const [data, ancdata, flags, address] = S.recvmsg(b, 16, cmsgSpace(8));
    assert.equal(dec(data), "abcd");
    assert.equal(flags, 0);
    assert.equal(address, null);
    assert.equal(ancdata.length, 1);
    const [level, type, fdBytes] = ancdata[0];
    assert.deepEqual([level, type, fdBytes.length], [SOL_SOCKET, SCM_RIGHTS, 8]);
    const received = [...new Int32Array(fdBytes.slice().buffer)];
    fds.add(received);
    assert.ok(received.every((fd) => ![w1, w2].includes(fd)));
    S.write(received[0], enc("one"));
    S.write(received[1], enc("two"));
    assert.equal(dec(S.read(r1, 10)), "one");
    assert.equal(dec(S.read(r2, 10)), "two");
    // Too little ancillary room: the kernel truncates (MSG_CTRUNC) and closes what is cut.
    S.sendmsg(a, [enc("x")], [[SOL_SOCKET, SCM_RIGHTS, payload]]);
    const MSG_CTRUNC = Deno.build.os === "darwin" ? 0x20 : 0x8;
    const [, cut, cutFlags] = await retry(b, FD_READ, () => S.recvmsg(b, 16, cmsgLen(4)));
    assert.ok(cutFlags & MSG_CTRUNC);
    for (const [, , bytes] of cut) {
      fds.add([...new Int32Array(bytes.slice().buffer)]).forEach(S.close);
    }
    // recvmsgInto scatters over several buffers.
    S.sendmsg(a, [enc("0123456789")]);
    const parts = [new Uint8Array(3), new Uint8Array(4), new Uint8Array(10)];
    const [n] = await retry(b, FD_READ, () => S.recvmsgInto(b, parts));
    assert.equal(n, 10);
    assert.deepEqual(parts.map(dec), ["012", "3456", "789\0\0\0\0\0\0\0"]);
    for (const fd of [a, b, r1, w1, r2, w2, ...received]) S.close(fd);
  }),
);

Deno.test(
  "sockets: SOCK_SEQPACKET and datagram sendmsg to an address",
  tracked(async (_t, fds) => {
    if (Deno.build.os === "linux") {
      const [a, b] = fds.add(S.socketpair(AF_UNIX, SOCK_SEQPACKET));
      S.send(a, enc("one"));
      S.send(a, enc("two"));
      assert.equal(dec(S.recv(b, 100)), "one"); // record boundaries are kept
      assert.equal(dec(S.recv(b, 100)), "two");
      S.close(a);
      S.close(b);
    }
    const rx = fds.add(S.socket(AF_INET, SOCK_DGRAM));
    const tx = fds.add(S.socket(AF_INET, SOCK_DGRAM));
    S.bind(rx, encodeSockaddr(AF_INET, ["127.0.0.1", 0]));
    S.sendmsg(tx, [enc("dgram")], [], 0, encodeSockaddr(AF_INET, S.getsockname(rx)));
    const [data, , , from] = await retry(rx, FD_READ, () => S.recvmsg(rx, 64));
    assert.equal(dec(data), "dgram");
    assert.deepEqual(from, ["127.0.0.1", S.getsockname(tx)[1]]); // tx bound itself on send
    S.close(rx);
    S.close(tx);
  }),
);

Deno.test(
  "sockets: a descriptor passes to another process over SCM_RIGHTS",
  tracked(async (_t, fds) => {
    const [mine, theirs] = fds.add(S.socketpair());
    const [r, w] = fds.add(S.pipe());
    const script = new URL("./_fd_child.ts", import.meta.url).pathname;
    const child = spawn(Deno.execPath(), ["run", "--allow-ffi", "--allow-read", script], {
      stdio: ["ignore", "ignore", "inherit", theirs],
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    S.close(theirs);
    const fdBytes = new Uint8Array(new Int32Array([w]).buffer);
    S.sendmsg(mine, [enc("42")], [[SOL_SOCKET, SCM_RIGHTS, fdBytes]]);
    S.close(w); // the child now holds the only write end
    const chunks: string[] = [];
    for (;;) {
      const chunk = await retry(r, FD_READ, () => S.read(r, 100));
      if (chunk.length === 0) break; // the child closed its copy: end of file
      chunks.push(dec(chunk));
    }
    assert.equal(chunks.join(""), "hello from child (42)");
    assert.deepEqual(await retry(mine, FD_READ, () => S.recv(mine, 1)), new Uint8Array([1]));
    assert.equal(await exited, 0);
    S.close(mine);
    S.close(r);
  }),
);
