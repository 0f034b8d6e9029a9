import assert from "node:assert/strict";
import {
  BlockingIOError,
  BrokenPipeError,
  ConnectionRefusedError,
  ConnectionResetError,
  FileNotFoundError,
  fromDenoError,
  OSError,
  osError,
  PermissionError,
  TimeoutError,
} from "../../_errors/mod.ts";
import { ERRNO } from "../../_ffi/errno.ts";

Deno.test("OSError(errno) picks Python's subclass and message", () => {
  const err = new OSError(ERRNO.ECONNREFUSED);
  assert.ok(err instanceof ConnectionRefusedError);
  assert.ok(err instanceof OSError);
  assert.equal(err.name, "ConnectionRefusedError");
  assert.equal(err.errno, ERRNO.ECONNREFUSED);
  assert.equal(err.code, "ECONNREFUSED");
  assert.equal(err.strerror, "Connection refused");
  assert.equal(err.message, `[Errno ${ERRNO.ECONNREFUSED}] Connection refused`);
});

Deno.test("OSError keeps plain OSError for errnos without a subclass", () => {
  const err = new OSError(ERRNO.EADDRINUSE);
  assert.equal(err.constructor, OSError);
  assert.equal(err.name, "OSError");
  assert.equal(err.message, `[Errno ${ERRNO.EADDRINUSE}] Address already in use`);
});

Deno.test("OSError with a message alone has errno null", () => {
  const err = new OSError("something broke");
  assert.equal(err.errno, null);
  assert.equal(err.strerror, null);
  assert.equal(err.message, "something broke");
});

Deno.test("OSError shows the file name as Python does", () => {
  const err = new OSError(ERRNO.ENOENT, undefined, "/no/such");
  assert.ok(err instanceof FileNotFoundError);
  assert.equal(err.message, `[Errno ${ERRNO.ENOENT}] No such file or directory: '/no/such'`);
  assert.equal(err.filename, "/no/such");
});

Deno.test("subclasses constructed directly keep their class", () => {
  const err = new TimeoutError("timed out");
  assert.ok(err instanceof OSError);
  assert.equal(err.errno, null);
  assert.equal(err.message, "timed out");
  assert.equal(new BlockingIOError(ERRNO.EAGAIN).charactersWritten, 0);
});

Deno.test("osError() builds from a symbolic name", () => {
  assert.ok(osError("EPIPE") instanceof BrokenPipeError);
  assert.ok(osError("EACCES") instanceof PermissionError);
  assert.ok(osError("EPERM") instanceof PermissionError);
  assert.equal(osError("EBADF").errno, ERRNO.EBADF);
});

Deno.test("fromDenoError maps Deno errors through the os error suffix", () => {
  const err = fromDenoError(new Deno.errors.ConnectionRefused("Connection refused (os error 111)"));
  assert.ok(err instanceof ConnectionRefusedError);
  assert.equal((err as OSError).errno, 111);
  assert.ok((err as OSError).cause instanceof Deno.errors.ConnectionRefused);
});

Deno.test("fromDenoError maps by code and by class", () => {
  const byCode = fromDenoError(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }));
  assert.ok(byCode instanceof ConnectionResetError);
  const byClass = fromDenoError(new Deno.errors.BadResource("Bad resource ID"));
  assert.ok(byClass instanceof OSError);
  assert.equal((byClass as OSError).errno, ERRNO.EBADF);
});

Deno.test("fromDenoError passes through permission and type errors", () => {
  const notCapable = new Deno.errors.NotCapable("Requires net access");
  assert.equal(fromDenoError(notCapable), notCapable);
  const typeError = new TypeError("bad");
  assert.equal(fromDenoError(typeError), typeError);
});

Deno.test("fromDenoError attaches a file name", () => {
  const err = fromDenoError(new Deno.errors.NotFound("No such file (os error 2)"), "/x");
  assert.ok(err instanceof FileNotFoundError);
  assert.equal((err as OSError).filename, "/x");
});
