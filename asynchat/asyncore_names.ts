// The asyncore names that the asynchat API mentions (AsyncChat is a Dispatcher), re-exported
// as types so that they are reachable from here; import the values from
// `@ipcnet/std/asyncore`.

export type * from "../asyncore/mod.ts";
