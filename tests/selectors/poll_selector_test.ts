import assert from "node:assert/strict";
import * as S from "../../_ffi/sockets.ts";
import { EVENT_READ, EVENT_WRITE, PollSelector } from "../../selectors/mod.ts";
import { defineSelectorTests } from "./_conformance.ts";
import { guarded } from "./_helpers.ts";

defineSelectorTests("PollSelector", () => new PollSelector());

Deno.test(
  "PollSelector.select() reports a closed registered descriptor ready both ways (POLLNVAL)",
  guarded(async (res) => {
    const sel = res.add(new PollSelector());
    const [r] = res.pipe();
    const key = sel.register(r, EVENT_READ | EVENT_WRITE);
    S.close(r);
    assert.deepEqual(await sel.select(0), [[key, EVENT_READ | EVENT_WRITE]]);
  }),
);
