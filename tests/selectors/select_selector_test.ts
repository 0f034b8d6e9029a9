import assert from "node:assert/strict";
import * as S from "../../_ffi/sockets.ts";
import { EVENT_READ, EVENT_WRITE, OSError, SelectSelector } from "../../selectors/mod.ts";
import { defineSelectorTests } from "./_conformance.ts";
import { guarded } from "./_helpers.ts";

defineSelectorTests("SelectSelector", () => new SelectSelector());

Deno.test(
  "SelectSelector.select() rejects with OSError(EBADF) for a closed registered descriptor",
  guarded(async (res) => {
    const sel = res.add(new SelectSelector());
    const [r, w] = res.pipe();
    sel.register(r, EVENT_READ);
    S.close(r);
    await assert.rejects(sel.select(0), (e) => e instanceof OSError && e.code === "EBADF");
    sel.unregister(r);
    sel.register(w, EVENT_WRITE);
    assert.equal((await sel.select(0)).length, 1);
  }),
);

Deno.test(
  "SelectSelector: a hang-up on a descriptor asked only for writing does not count",
  guarded(async (res) => {
    const sel = res.add(new SelectSelector());
    const [r, w] = res.pipe();
    S.close(w); // r now reports POLLHUP, which select(2) counts as readable only
    sel.register(r, EVENT_WRITE);
    assert.deepEqual(await sel.select(0.02), []);
    sel.modify(r, EVENT_READ);
    assert.equal((await sel.select(0)).length, 1);
  }),
);
