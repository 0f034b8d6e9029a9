import assert from "node:assert/strict";
import { KqueueSelector, OSError } from "../../selectors/mod.ts";
import { defineSelectorTests } from "./_conformance.ts";

// KqueueSelector runs on macOS, and on Linux when the userspace libkqueue is installed.
function unavailable(): string | undefined {
  try {
    new KqueueSelector().close();
    return undefined;
  } catch (err) {
    if (err instanceof OSError && err.code === "ENOSYS") return err.message;
    throw err;
  }
}

const skip = unavailable();

defineSelectorTests("KqueueSelector", () => new KqueueSelector(), { skip });

Deno.test({
  name: "KqueueSelector throws OSError(ENOSYS) where there is no kqueue",
  ignore: skip === undefined,
  fn: () => {
    assert.throws(() => new KqueueSelector(), (e) => e instanceof OSError && e.code === "ENOSYS");
  },
});

Deno.test({
  name: "KqueueSelector.fileno() is its kqueue descriptor",
  ignore: skip !== undefined,
  fn: () => {
    const sel = new KqueueSelector();
    assert.ok(sel.fileno() >= 0);
    sel.close();
    assert.throws(() => sel.fileno(), { name: "ValueError" });
  },
});
