// Private barrel of the shared exception classes. Public modules re-export what they raise.

export * from "./os_error.ts";
export * from "./python_errors.ts";
export { fromDenoError } from "./_map_errno.ts";
