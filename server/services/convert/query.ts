// Protobuf Get and Scan → the engine's Get and Scan (hbase-rpc.md §7.1.1, §7.1.3): columns,
// time ranges (open bounds default to [0, Long.MAX)), versions, per-family limits, row bounds and
// direction, and the filter (decoded by convert/filter.ts). Batching and result sizes stay with the
// scanner code.


import { isFieldSet } from "@bufbuild/protobuf";
import { LONG_MAX } from "../../../src/util/int64.ts";
import { DoNotRetryIOError, IllegalArgumentError } from "../../../src/api/errors.ts";
import { Get, Scan, TimeRange } from "../../../src/api/operations.ts";
import {
  type Column as PbColumn, type Get as PbGet, GetSchema, type Scan as PbScan, ScanSchema,
} from "../../../proto/gen/hbase/client_pb.ts";
import { type ColumnFamilyTimeRange as PbCfTimeRange, type NameBytesPair, type TimeRange as PbTimeRange, TimeRangeSchema } from "../../../proto/gen/hbase/hbase_pb.ts";
import { decodeFilterBytes } from "../../../proto/wire/filter-codec.ts";

const RAW_ATTRIBUTE = "_raw_";

/** A TimeRange message as [from, to); missing bounds are open. */
export function toTimeRange(pb: PbTimeRange | undefined): TimeRange {
  if (pb === undefined) return TimeRange.ALL_TIME;
  const from = isFieldSet(pb, TimeRangeSchema.field.from) ? pb.from : 0n;
  const to = isFieldSet(pb, TimeRangeSchema.field.to) ? pb.to : LONG_MAX;
  if (from === 0n && to === LONG_MAX) return TimeRange.ALL_TIME;
  return new TimeRange(from, to > LONG_MAX ? LONG_MAX : to);
}

interface QueryTarget {
  setFilter(filter: ReturnType<typeof decodeFilterBytes> | undefined): unknown;
  addFamily(f: Uint8Array): unknown;
  addColumn(f: Uint8Array, q: Uint8Array): unknown;
  setColumnFamilyTimeRange(f: Uint8Array, min: bigint, max: bigint): unknown;
  readVersions(n: number): unknown;
  setAttribute(name: string, value: Uint8Array): unknown;
  timeRange: TimeRange;
  storeLimit: number;
  storeOffset: number;
  loadColumnFamiliesOnDemand: boolean | undefined;
}

function applyCommon(target: QueryTarget, pb: {
  column: PbColumn[];
  attribute: NameBytesPair[];
  timeRange?: PbTimeRange;
  maxVersions?: number;
  storeLimit?: number;
  storeOffset?: number;
  cfTimeRange: PbCfTimeRange[];
  filter: Uint8Array;
}, loadColumnFamiliesOnDemand: boolean | undefined): void {
  if (pb.filter.length > 0) target.setFilter(decodeFilterBytes(pb.filter));
  for (const c of pb.column) {
    if (c.qualifier.length === 0) target.addFamily(c.family);
    else for (const q of c.qualifier) target.addColumn(c.family, q);
  }
  for (const a of pb.attribute) target.setAttribute(a.name, a.value ?? new Uint8Array(0));
  target.timeRange = toTimeRange(pb.timeRange);
  for (const r of pb.cfTimeRange) {
    const range = toTimeRange(r.timeRange);
    target.setColumnFamilyTimeRange(r.columnFamily, range.min, range.max);
  }
  const versions = pb.maxVersions ?? 1;
  if (versions > 0) target.readVersions(versions);
  if (pb.storeLimit !== undefined && pb.storeLimit > 0) target.storeLimit = pb.storeLimit;
  if (pb.storeOffset !== undefined && pb.storeOffset > 0) target.storeOffset = pb.storeOffset;
  target.loadColumnFamiliesOnDemand = loadColumnFamiliesOnDemand;
}

/** The engine Get for a protobuf Get. */
export function toGet(pb: PbGet): Get {
  if (pb.row.length === 0) throw new DoNotRetryIOError("Get row is empty");
  let get: Get;
  try {
    get = new Get(pb.row);
    applyCommon(get, pb, isFieldSet(pb, GetSchema.field.loadColumnFamiliesOnDemand) ? pb.loadColumnFamiliesOnDemand : undefined);
  } catch (error) {
    if (error instanceof IllegalArgumentError) throw new DoNotRetryIOError(error.message);
    throw error;
  }
  get.existenceOnly = pb.existenceOnly ?? false;
  return get;
}

/** The engine Scan for a protobuf Scan (batch and size are applied by the RPC scanner). */
export function toScan(pb: PbScan): Scan {
  const scan = new Scan();
  try {
    applyCommon(scan, pb, isFieldSet(pb, ScanSchema.field.loadColumnFamiliesOnDemand) ? pb.loadColumnFamiliesOnDemand : undefined);
    scan.withStartRow(pb.startRow ?? new Uint8Array(0), pb.includeStartRow ?? true);
    scan.withStopRow(pb.stopRow ?? new Uint8Array(0), pb.includeStopRow ?? false);
  } catch (error) {
    if (error instanceof IllegalArgumentError) throw new DoNotRetryIOError(error.message);
    throw error;
  }
  scan.reversed = pb.reversed ?? false;
  const raw = scan.attributes.get(RAW_ATTRIBUTE);
  if (raw !== undefined && raw.length > 0 && raw[0] !== 0) scan.raw = true;
  if (pb.batchSize !== undefined && pb.batchSize > 0) scan.batch = pb.batchSize;
  if (pb.maxResultSize !== undefined && pb.maxResultSize > 0n) scan.maxResultSize = pb.maxResultSize;
  return scan;
}

