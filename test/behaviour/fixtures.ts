// Helpers the behaviour suite shares: one fresh store per test, uniquely named tables, Results as
// plain readable records for exact `toEqual` checks, scan collection, and typed-error checks.
// Only the public API (src/index.ts) is used, so the same helpers serve every backend.

import { afterEach, beforeEach, expect } from "bun:test";
import {
  type BytesLike,
  type Cell,
  type ColumnFamilyDescriptorInput,
  type Connection,
  type Result,
  type Table,
  CellType,
  Put,
  Scan,
  bytesToLong,
  toBytes,
} from "../../src/index.ts";
import type { BehaviourBackend, OpenedStore } from "./backends.ts";

/** The HBase name of each cell type code, as cellsOf() reports it. */
export type CellTypeName = "Put" | "Delete" | "DeleteFamilyVersion" | "DeleteColumn" | "DeleteFamily";

/** A cell as plain data: bytes shown as in Bytes.toStringBinary (printable ASCII, else \xHH). */
export interface CellView {
  row: string;
  family: string;
  qualifier: string;
  ts: bigint;
  type: CellTypeName;
  value: string;
}

const TYPE_NAMES = new Map<number, CellTypeName>([
  [CellType.Put, "Put"],
  [CellType.Delete, "Delete"],
  [CellType.DeleteFamilyVersion, "DeleteFamilyVersion"],
  [CellType.DeleteColumn, "DeleteColumn"],
  [CellType.DeleteFamily, "DeleteFamily"],
]);

/** Printable ASCII as is (backslash escaped), every other byte as \xHH. */
export function text(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) {
    const printable = b >= 0x20 && b < 0x7f && b !== 0x5c;
    s += printable ? String.fromCharCode(b) : `\\x${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return s;
}

/** Bytes from a list of byte values. */
export function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

export function viewCell(cell: Cell): CellView {
  const type = TYPE_NAMES.get(cell.type);
  if (type === undefined) throw new Error(`Unexpected cell type ${cell.type} in a Result`);
  return {
    row: text(cell.row),
    family: text(cell.family),
    qualifier: text(cell.qualifier),
    ts: cell.timestamp,
    type,
    value: text(cell.value),
  };
}

/** The cells of one Result as plain records, in the order the Result holds them. */
export function cellsOf(result: Result): CellView[] {
  return result.cells.map(viewCell);
}

/** The cells of many Results, concatenated in order. */
export function cellsOfAll(results: readonly Result[]): CellView[] {
  return results.flatMap(cellsOf);
}

/** The row of each Result, in order (empty Results show as ""). */
export function rowsOf(results: readonly Result[]): string[] {
  return results.map((r) => (r.row === undefined ? "" : text(r.row)));
}

/** An expected cell; the value and type default to "" and Put. */
export function cell(
  row: string,
  family: string,
  qualifier: string,
  ts: bigint,
  value = "",
  type: CellTypeName = "Put",
): CellView {
  return { row, family, qualifier, ts, type, value };
}

/** A store opened before and cleaned up after each test of the enclosing describe(). */
export interface StoreHandle {
  readonly conn: Connection;
  /** Closes and reopens the same store; later `conn` reads return the new connection. */
  reopen(): Promise<Connection>;
}

export function useStore(backend: BehaviourBackend): StoreHandle {
  let store: OpenedStore | undefined;
  let conn: Connection | undefined;
  beforeEach(async () => {
    store = await backend.open();
    conn = store.conn;
  });
  afterEach(async () => {
    const opened = store;
    store = undefined;
    conn = undefined;
    if (opened !== undefined) await opened.cleanup();
  });
  return {
    get conn(): Connection {
      if (conn === undefined) throw new Error("The behaviour store is not open");
      return conn;
    },
    async reopen(): Promise<Connection> {
      if (store === undefined) throw new Error("The behaviour store is not open");
      conn = await store.reopen();
      return conn;
    },
  };
}

let tableCounter = 0;

/** A new table name, unique within this process (so shared backends never collide). */
export function uniqueTableName(prefix = "behaviour"): string {
  tableCounter++;
  return `${prefix}_${Date.now().toString(36)}_${tableCounter}`;
}

/** Creates a table (default one family "f") and returns it. */
export async function createTable(
  conn: Connection,
  families: (ColumnFamilyDescriptorInput | string)[] = ["f"],
  options: { name?: string; splitKeys?: BytesLike[] } = {},
): Promise<Table> {
  const name = options.name ?? uniqueTableName();
  const splitKeys = options.splitKeys?.map((k) => toBytes(k));
  await conn.admin.createTable({ name, families }, splitKeys);
  return conn.table(name);
}

/** Writes one cell with an explicit timestamp. */
export async function putCell(
  table: Table,
  fields: { row: BytesLike; family?: BytesLike; qualifier?: BytesLike; value?: BytesLike; ts: bigint },
): Promise<void> {
  const put = new Put(fields.row).addColumn(fields.family ?? "f", fields.qualifier ?? "q", fields.value ?? "", fields.ts);
  await table.put(put);
}

/** Writes versions of f:q of `row`, one Put per [ts, value] pair, in the given order. */
export async function putVersions(
  table: Table,
  row: BytesLike,
  versions: [bigint, string][],
  column: { family?: string; qualifier?: string } = {},
): Promise<void> {
  for (const [ts, value] of versions) {
    await putCell(table, { row, family: column.family ?? "f", qualifier: column.qualifier ?? "q", value, ts });
  }
}

/** Every Result of a scan, in order. */
export async function scanAll(table: Table, scan: Scan = new Scan()): Promise<Result[]> {
  const results: Result[] = [];
  const scanner = table.scan(scan);
  try {
    for (let r = await scanner.next(); r !== undefined; r = await scanner.next()) results.push(r);
  } finally {
    await scanner.close();
  }
  return results;
}

/** A raw scan of every version of every cell (markers and hidden Puts included). */
export function rawScan(): Scan {
  return new Scan().setRaw(true).readAllVersions();
}

/** Calls `fn` and returns its value with the wall clock (ms) read just before and just after. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; before: bigint; after: bigint }> {
  const before = BigInt(Date.now());
  const value = await fn();
  const after = BigInt(Date.now());
  return { value, before, after };
}

/** Asserts before <= ts <= after. */
export function expectBetween(ts: bigint, before: bigint, after: bigint): void {
  expect(ts >= before).toBe(true);
  expect(ts <= after).toBe(true);
}

/** Now, in milliseconds, as a bigint. */
export function nowMs(): bigint {
  return BigInt(Date.now());
}

/** The 8-byte value of an Increment result cell as a bigint. */
export function longValue(value: Uint8Array | undefined): bigint {
  expect(value?.length).toBe(8);
  return bytesToLong(value as Uint8Array);
}

/**
 * Runs `fn` (which may throw or reject) and asserts it failed with an instance of `cls`, whose
 * message contains `message` (a string) or matches it (a RegExp). Returns the error.
 */
export async function expectError<E extends Error>(
  fn: () => unknown,
  cls: abstract new (...args: never[]) => E,
  message?: string | RegExp,
): Promise<E> {
  let caught: unknown = undefined;
  let threw = false;
  try {
    await fn();
  } catch (error) {
    caught = error;
    threw = true;
  }
  expect(threw).toBe(true);
  expect(caught).toBeInstanceOf(cls);
  const error = caught as E;
  if (typeof message === "string") expect(error.message).toContain(message);
  if (message instanceof RegExp) expect(error.message).toMatch(message);
  return error;
}
