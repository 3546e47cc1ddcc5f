// Minimal structured logging to stderr. Level from SHALE_LOG (error, warn, info, debug; default
// warn). No side effects at import: the level is read on first use.

type Level = "error" | "warn" | "info" | "debug";
const ORDER: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3 };
let threshold: number | undefined;

function enabled(level: Level): boolean {
  if (threshold === undefined) {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const wanted = (env?.SHALE_LOG ?? "warn") as Level;
    threshold = ORDER[wanted] ?? ORDER.warn;
  }
  return ORDER[level] <= threshold;
}

function emit(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (!enabled(level)) return;
  const extra = fields === undefined ? "" : " " + JSON.stringify(fields, (_k, v) => typeof v === "bigint" ? v.toString() : v);
  console.error(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${extra}`);
}

/** Sets the level explicitly (tests, the server's --log flag). */
export function setLogLevel(level: Level): void {
  threshold = ORDER[level];
}

export const log = {
  error: (message: string, fields?: Record<string, unknown>) => emit("error", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => emit("warn", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => emit("info", message, fields),
  debug: (message: string, fields?: Record<string, unknown>) => emit("debug", message, fields),
};
