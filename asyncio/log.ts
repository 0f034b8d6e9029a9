// The "asyncio" logger (CPython asyncio/log.py), reduced to what asyncio itself logs.

/** Severity of a log record, with Python's `logging` numbers. */
export type LogLevel = 10 | 20 | 30 | 40 | 50;

/** One log record handed to `logger.handler`. */
export interface LogRecord {
  /** Always `"asyncio"`. */
  name: string;
  /** `10` DEBUG, `20` INFO, `30` WARNING, `40` ERROR, `50` CRITICAL. */
  level: LogLevel;
  /** Python's level name: `"DEBUG"`, `"INFO"`, `"WARNING"`, `"ERROR"`, `"CRITICAL"`. */
  levelName: string;
  /** The formatted message. */
  message: string;
  /** The exception being reported, if any. */
  exception?: unknown;
}

const LEVEL_NAMES: Record<number, string> = {
  10: "DEBUG",
  20: "INFO",
  30: "WARNING",
  40: "ERROR",
  50: "CRITICAL",
};

/**
 * The `asyncio` logger. Records at `level` or above go to `handler`, which by default
 * writes `LEVEL:asyncio:message` (and the exception's stack) to standard error, as
 * Python's `logging.lastResort` does. Replace `handler` to redirect them.
 *
 * @example Capture asyncio's log
 * ```ts
 * import { logger, type LogRecord } from "@ipcnet/std/asyncio";
 * import assert from "node:assert/strict";
 *
 * const seen: LogRecord[] = [];
 * const saved = logger.handler;
 * logger.handler = (r) => seen.push(r);
 * logger.warning("slow");
 * logger.handler = saved;
 * assert.equal(seen[0].levelName, "WARNING");
 * ```
 */
export class Logger {
  /** The logger's name, `"asyncio"`. */
  readonly name = "asyncio";
  /** Records below this level are dropped. @default 10 */
  level: LogLevel = 10;
  /** Where records go. */
  handler: (record: LogRecord) => void = defaultHandler;

  /** Logs at DEBUG. */
  debug(message: string, exception?: unknown): void {
    this.log(10, message, exception);
  }
  /** Logs at INFO. */
  info(message: string, exception?: unknown): void {
    this.log(20, message, exception);
  }
  /** Logs at WARNING. */
  warning(message: string, exception?: unknown): void {
    this.log(30, message, exception);
  }
  /** Logs at ERROR. */
  error(message: string, exception?: unknown): void {
    this.log(40, message, exception);
  }
  /** Logs a record at `level`. */
  log(level: LogLevel, message: string, exception?: unknown): void {
    if (level < this.level) return;
    const record: LogRecord = { name: this.name, level, levelName: LEVEL_NAMES[level], message };
    if (exception !== undefined) record.exception = exception;
    this.handler(record);
  }
}

function defaultHandler(record: LogRecord): void {
  let text = `${record.levelName}:${record.name}:${record.message}`;
  if (record.exception !== undefined) {
    const e = record.exception;
    text += "\n" + (e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
  }
  console.error(text);
}

/** The library's `asyncio` logger (Python's `logging.getLogger("asyncio")`). */
export const logger: Logger = new Logger();
