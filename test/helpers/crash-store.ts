// The table the crash tests write and read back (TESTING.md T3, T5, T6): table "crash" with
// families a, b, c, pre-split at "c" and "f" into three regions. Worker w owns rows "a<w>" … "h<w>",
// so each worker's rows span every region. readState() scans the whole table into the column map
// write-history.ts compares ("row/family:qualifier" → value; the counter column a:n as a decimal).

import { Scan, bytesToLong, toBytes, toUtf8 } from "../../src/index.ts";
import type { Connection, Engine, Limits } from "../../src/index.ts";
import type { State } from "./write-history.ts";

export const CRASH_TABLE = "crash";
export const CRASH_FAMILIES = ["a", "b", "c"] as const;
export const CRASH_SPLIT_KEYS = ["c", "f"];
export const ROW_LETTERS = ["a", "b", "c", "d", "e", "f", "g", "h"] as const;
/** Rows in one region, for batches that must land in one mini-batch (one WAL record). */
export const REGION_ROW_LETTERS = [["a", "b"], ["c", "d", "e"], ["f", "g", "h"]] as const;
/** The Increment column; its value is read back as a 64-bit counter. */
export const COUNTER_FAMILY = "a";
export const COUNTER_QUALIFIER = "n";

/** Limits that make flushes and WAL rolls frequent. */
export const TINY_LIMITS: Partial<Limits> = {
  memstoreFlushSizeBytes: 8 * 1024,
  walSegmentBytesMax: 16 * 1024,
};

export function rowOf(worker: number, letter: string): string {
  return `${letter}${worker}`;
}

export function columnKey(row: string, family: string, qualifier: string): string {
  return `${row}/${family}:${qualifier}`;
}

/** The worker owning a column key, or undefined when no worker writes such a row. */
export function ownerOf(column: string): number | undefined {
  const match = /^([a-h])(\d+)\//.exec(column);
  return match === null ? undefined : Number(match[2]);
}

export async function createCrashTable(conn: Connection): Promise<void> {
  await conn.admin.createTable({ name: CRASH_TABLE, families: [...CRASH_FAMILIES] }, CRASH_SPLIT_KEYS.map((k) => toBytes(k)));
}

/** Every visible cell of the crash table (newest version only). */
export async function readState(conn: Connection): Promise<State> {
  const state: State = new Map();
  for await (const result of conn.table(CRASH_TABLE).scan(new Scan())) {
    for (const cell of result.cells) {
      const family = toUtf8(cell.family);
      const qualifier = toUtf8(cell.qualifier);
      const isCounter = family === COUNTER_FAMILY && qualifier === COUNTER_QUALIFIER;
      const value = isCounter ? bytesToLong(cell.value).toString() : toUtf8(cell.value);
      state.set(columnKey(toUtf8(cell.row), family, qualifier), value);
    }
  }
  return state;
}

/** A monotonic injected clock shared by every engine of one test, so timestamps never repeat. */
export function monotonicClock(start = 1_000_000n): () => bigint {
  let now = start;
  return () => ++now;
}

export type { Engine };
