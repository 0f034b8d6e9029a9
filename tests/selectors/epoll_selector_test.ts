import assert from "node:assert/strict";
import { openDescriptor } from "../../_ffi/mman.ts";
import * as S from "../../_ffi/sockets.ts";
import { HAS_EPOLL } from "../../select/mod.ts";
import { EpollSelector, EVENT_READ, EVENT_WRITE, OSError } from "../../selectors/mod.ts";
import { defineSelectorTests } from "./_conformance.ts";
import { guarded } from "./_helpers.ts";

defineSelectorTests("EpollSelector", () => new EpollSelector(), {
  skip: HAS_EPOLL ? undefined : `epoll is not available on "${Deno.build.os}"`,
});

Deno.test({
  name: "EpollSelector throws OSError(ENOSYS) off Linux",
  ignore: HAS_EPOLL,
  fn: () => {
    assert.throws(() => new EpollSelector(), (e) => e instanceof OSError && e.code === "ENOSYS");
  },
});

Deno.test({
  name: "EpollSelector.fileno() is its epoll descriptor, closed with it",
  ignore: !HAS_EPOLL,
  fn: guarded(() => {
    const sel = new EpollSelector();
    const fd = sel.fileno();
    assert.equal(S.getInheritable(fd), false);
    sel.close();
    assert.throws(() => S.getInheritable(fd), { code: "EBADF" });
    assert.throws(() => sel.fileno(), { name: "ValueError" }); // its epoll object is closed
    const unused = new EpollSelector();
    unused.close();
    assert.throws(() => unused.fileno(), { name: "RuntimeError" });
  }),
});

Deno.test({
  name: "EpollSelector.modify() of a descriptor closed meanwhile drops it and throws",
  ignore: !HAS_EPOLL,
  fn: guarded((res) => {
    const sel = res.add(new EpollSelector());
    const [r] = res.pipe();
    sel.register(r, EVENT_READ);
    S.close(r); // the kernel removed it from the epoll set
    assert.throws(() => sel.modify(r, EVENT_WRITE), OSError);
    assert.equal(sel.getMap().size, 0);
  }),
});

Deno.test({
  name: "EpollSelector.register() of a regular file is a PermissionError, as Python",
  ignore: !HAS_EPOLL,
  fn: guarded((res) => {
    const sel = res.add(new EpollSelector());
    const fd = openDescriptor(new URL(import.meta.url).pathname, {
      read: true,
      write: false,
      truncate: false,
    });
    res.add({ close: () => S.close(fd) });
    assert.throws(() => sel.register(fd, EVENT_WRITE), { name: "PermissionError", errno: 1 });
    assert.equal(sel.getMap().size, 0);
  }),
});
