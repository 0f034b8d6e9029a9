import assert from "node:assert/strict";
import { DevpollSelector, OSError } from "../../selectors/mod.ts";

Deno.test("DevpollSelector always throws OSError(ENOSYS): no /dev/poll here", () => {
  assert.throws(
    () => new DevpollSelector(),
    (e) =>
      e instanceof OSError && e.code === "ENOSYS" && /devpoll is not available/.test(e.message),
  );
});
