// recvmmsg/sendmmsg batches (Linux): over a unix datagram socketpair, whose receive queue
// fills after a bounded number of datagrams, so the kernel refuses part of a batch.

import assert from "node:assert/strict";
import { OSError } from "../../_errors/os_error.ts";
import * as S from "../../_ffi/sockets.ts";
import { haveMmsg, type Received, recvBatch, SendBatch, SLOTS } from "../../_ffi/socket_mmsg.ts";
import { encodeSockaddr } from "../../_ffi/sockaddr.ts";
import { AF_INET, AF_UNIX, SOCK_DGRAM } from "../../socket/constants.ts";
import { tracked } from "./_fd_track.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const ignore = Deno.build.os !== "linux";
const EMSGSIZE = 90;

Deno.test({
  name: "recvBatch takes up to SLOTS datagrams, each its own view, then -1 when none waits",
  ignore,
  fn: tracked((_t, fds) => {
    assert.ok(haveMmsg());
    const [a, b] = fds.add(S.socketpair(AF_UNIX, SOCK_DGRAM));
    try {
      const out: Received = { data: [], from: [] };
      assert.equal(recvBatch(b, out), -1);
      for (let i = 0; i < SLOTS + 3; i++) S.send(a, enc(`d${i}`));
      assert.equal(recvBatch(b, out), SLOTS);
      const first = out.data.slice(0, SLOTS);
      assert.deepEqual(first.map(dec), [...Array(SLOTS).keys()].map((i) => `d${i}`));
      assert.equal(out.from[0], null); // an unnamed unix peer
      first[0].fill(0x21); // writing one datagram leaves its neighbours alone
      assert.equal(dec(first[1]), "d1");
      assert.equal(recvBatch(b, out), 3);
      assert.deepEqual(out.data.slice(0, 3).map(dec), [
        `d${SLOTS}`,
        `d${SLOTS + 1}`,
        `d${SLOTS + 2}`,
      ]);
      // The first batch was not reused by the second.
      assert.equal(dec(first[2]), "d2");
      assert.equal(recvBatch(b, out), -1);
    } finally {
      S.close(a);
      S.close(b);
    }
  }),
});

Deno.test({
  name: "SendBatch copies at add, sends in order, keeps what a full queue refuses",
  ignore,
  fn: tracked((_t, fds) => {
    const [a, b] = fds.add(S.socketpair(AF_UNIX, SOCK_DGRAM));
    try {
      const batch = new SendBatch<number>();
      const buf = new Uint8Array(1);
      // Fill the peer's queue until the kernel refuses, so the batch meets a full buffer.
      let sent = 0;
      while (S.trySend(a, enc("f")) >= 0) sent++;
      assert.ok(sent > 0 && sent < 100_000);
      for (let i = 0; i < SLOTS; i++) {
        buf[0] = 65 + (i % 26); // the caller's buffer changes after each add
        assert.ok(batch.add(1, buf, null, i));
      }
      assert.equal(batch.add(1, buf, null, SLOTS), false, "a full batch refuses");
      batch.send(a);
      assert.equal(batch.length, SLOTS, "nothing fits yet");
      // Make room for five, then send again: five go, the rest stay in order.
      const sink = new Uint8Array(8);
      for (let i = 0; i < sent; i++) S.tryRecvInto(b, sink, 8);
      for (let i = 0; i < sent - 5; i++) S.trySend(a, enc("f"));
      batch.send(a);
      const left = batch.length;
      assert.ok(left > 0 && left < SLOTS, `left ${left}`);
      const rest = batch.takeRest();
      assert.equal(batch.length, 0);
      assert.deepEqual(
        rest.map(([, tag]) => tag),
        [...Array(left).keys()].map((i) => SLOTS - left + i),
      );
      assert.deepEqual(rest.map(([d]) => d[0]), rest.map(([, i]) => 65 + (i % 26)));
      // What went out arrived after the filler, in order, with the bytes it had at add.
      for (let i = 0; i < sent - 5; i++) S.tryRecvInto(b, sink, 8);
      const got: number[] = [];
      while (S.tryRecvInto(b, sink, 8) === 1) got.push(sink[0]);
      assert.deepEqual(got, [...Array(SLOTS - left).keys()].map((i) => 65 + (i % 26)));
    } finally {
      S.close(a);
      S.close(b);
    }
  }),
});

Deno.test({
  name: "SendBatch: a datagram the kernel rejects is dropped with its OSError, the rest go",
  ignore,
  fn: tracked((_t, fds) => {
    const rx = fds.add(S.socket(AF_INET, SOCK_DGRAM));
    const tx = fds.add(S.socket(AF_INET, SOCK_DGRAM));
    try {
      S.bind(rx, encodeSockaddr(AF_INET, ["127.0.0.1", 0]));
      const name = encodeSockaddr(AF_INET, S.getsockname(rx));
      const batch = new SendBatch<string>();
      assert.ok(batch.add(1, enc("one"), name, "one"));
      assert.ok(batch.add(1, new Uint8Array(70_000), name, "too big"));
      assert.ok(batch.add(1, enc("two"), name, "two"));
      assert.throws(
        () => batch.send(tx),
        (e: unknown) => e instanceof OSError && e.errno === EMSGSIZE,
      );
      assert.equal(batch.length, 1);
      batch.send(tx);
      assert.equal(batch.length, 0);
      const sink = new Uint8Array(16);
      const got: string[] = [];
      for (let n; (n = S.tryRecvInto(rx, sink, 16)) >= 0;) got.push(dec(sink.subarray(0, n)));
      assert.deepEqual(got, ["one", "two"]);
    } finally {
      S.close(rx);
      S.close(tx);
    }
  }),
});
