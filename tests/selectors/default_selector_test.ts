import assert from "node:assert/strict";
import {
  DefaultSelector,
  EpollSelector,
  KqueueSelector,
  PollSelector,
} from "../../selectors/mod.ts";
import { defineSelectorTests } from "./_conformance.ts";

defineSelectorTests("DefaultSelector", () => new DefaultSelector());

Deno.test("DefaultSelector is the platform's best: kqueue, then epoll, then poll", () => {
  const expected = Deno.build.os === "darwin"
    ? KqueueSelector
    : Deno.build.os === "linux"
    ? EpollSelector
    : PollSelector;
  assert.equal(DefaultSelector, expected);
  const sel = new DefaultSelector();
  assert.ok(sel instanceof expected);
  sel.close();
});
