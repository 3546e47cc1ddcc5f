// Reads of hbase:meta (hbase-rpc.md §6.3, zookeeper-and-meta.md §4.5): the reverse scan a region
// lookup makes from "<table>,<row>,99999999999999" down to "<table>,," (inclusive), several rows
// at once to warm the cache; a forward scan of a table's regions; and the table:state cell.

import { create, fromBinary } from "@bufbuild/protobuf";
import {
  GetRequestSchema, GetResponseSchema, ScanRequestSchema, ScanResponseSchema,
} from "../../proto/gen/hbase/client_pb.ts";
import { RegionSpecifierSchema, RegionSpecifier_RegionSpecifierType, TableStateSchema, TableState_State } from "../../proto/gen/hbase/hbase_pb.ts";
import type { Result } from "../../src/api/result.ts";
import { type TableName, tableNameString } from "../../src/api/table-name.ts";
import { concatBytes, toBytes } from "../../src/util/bytes.ts";
import { assert } from "../../src/util/assert.ts";
import type { ConnectionPool, ServerAddress } from "../rpc/connection-pool.ts";
import { cellReaderOf, decodeResult, decodeScanResults } from "../operations/result-decode.ts";

export const META_REGION_NAME = toBytes("hbase:meta,,1");
const CLIENT_SERVICE = "ClientService";
/** Bounds the forward scan of one table's regions (calls, not rows). */
const META_SCAN_CALLS_MAX = 100_000;

/** A RegionSpecifier naming a region by its full name. */
export function regionSpecifier(regionName: Uint8Array) {
  return create(RegionSpecifierSchema, { type: RegionSpecifier_RegionSpecifierType.REGION_NAME, value: regionName });
}

/** "<table>,<row>,<suffix>": the meta key a lookup starts from. */
export function metaKey(table: TableName, row: Uint8Array, suffix: string): Uint8Array {
  return concatBytes([toBytes(`${tableNameString(table)},`), row, toBytes(`,${suffix}`)]);
}

export interface MetaReader {
  pool: ConnectionPool;
  meta: ServerAddress;
  rpcTimeoutMs: number;
}

/**
 * Reverse scan of meta from `start` down to "<table>,," inclusive: up to `rows` region rows, the
 * first being the region at or before the start key. The scanner is closed in the same call.
 */
export async function reverseMetaScan(reader: MetaReader, table: TableName, start: Uint8Array, rows: number): Promise<Result[]> {
  const scan = {
    startRow: start, stopRow: toBytes(`${tableNameString(table)},,`), includeStopRow: true, reversed: true,
    column: [{ family: toBytes("info"), qualifier: [] }], caching: rows,
  };
  const request = create(ScanRequestSchema, { region: regionSpecifier(META_REGION_NAME), scan, numberOfRows: rows, closeScanner: true });
  const { response, cellBlock } = await reader.pool.call({ address: reader.meta, service: CLIENT_SERVICE }, "Scan",
    { schema: ScanRequestSchema, message: request }, ScanResponseSchema, { timeoutMs: reader.rpcTimeoutMs });
  return decodeScanResults(response, cellBlock);
}

/** Every meta row of `table`, in order (forward scan of ["<table>,", "<table>\0")). */
export async function tableMetaRows(reader: MetaReader, table: TableName): Promise<Result[]> {
  const name = tableNameString(table);
  // HBase's meta comparator orders rows by their table part first: "t,," starts table t and
  // "t ,," (a space sorts below every table-name byte) ends it, as its own client scans.
  const scan = { startRow: toBytes(`${name},,`), stopRow: toBytes(`${name} ,,`), column: [{ family: toBytes("info"), qualifier: [] }] };
  const target = { address: reader.meta, service: CLIENT_SERVICE };
  const out: Result[] = [];
  let request = create(ScanRequestSchema, { region: regionSpecifier(META_REGION_NAME), scan, numberOfRows: 1000 });
  for (let calls = 0; calls < META_SCAN_CALLS_MAX; calls++) {
    const { response, cellBlock } = await reader.pool.call(target, "Scan", { schema: ScanRequestSchema, message: request }, ScanResponseSchema, { timeoutMs: reader.rpcTimeoutMs });
    out.push(...decodeScanResults(response, cellBlock));
    if (!response.moreResultsInRegion || !response.moreResults) return out;
    request = create(ScanRequestSchema, { scannerId: response.scannerId, numberOfRows: 1000 });
  }
  assert(false, "meta scan of one table exceeded its call bound");
}

export type TableStateName = "ENABLED" | "DISABLED" | "DISABLING" | "ENABLING";

/** The table's state from its meta row, or undefined when the table does not exist. */
export async function readTableState(reader: MetaReader, table: TableName): Promise<TableStateName | undefined> {
  const get = { row: toBytes(tableNameString(table)), column: [{ family: toBytes("table"), qualifier: [toBytes("state")] }] };
  const request = create(GetRequestSchema, { region: regionSpecifier(META_REGION_NAME), get });
  const { response, cellBlock } = await reader.pool.call({ address: reader.meta, service: CLIENT_SERVICE }, "Get",
    { schema: GetRequestSchema, message: request }, GetResponseSchema, { timeoutMs: reader.rpcTimeoutMs });
  const value = decodeResult(response.result, cellReaderOf(cellBlock)).getValue("table", "state");
  if (value === undefined) return undefined;
  const state = fromBinary(TableStateSchema, value).state;
  return (TableState_State[state] ?? "ENABLED") as TableStateName;
}
