// api operations → protobuf requests (hbase-rpc.md §7.1): Get and Scan with every field set
// explicitly (proto2 defaults such as include_start_row=true must not depend on presence), and
// mutations either inline (single Mutate, as Java sends them) or as cellblock cells (Multi).
// Filters and comparators use the shared wire encoders (server/services/convert/filter.ts).

import { create, toBinary } from "@bufbuild/protobuf";
import {
  ColumnSchema, type Condition, ConditionSchema, type Get as PbGet, GetSchema, MutationProto_DeleteType, MutationProto_MutationType,
  type MutationProto, MutationProtoSchema, MutationProto_ColumnValueSchema, MutationProto_ColumnValue_QualifierValueSchema, type Scan as PbScan, ScanSchema,
} from "../../proto/gen/hbase/client_pb.ts";
import { ComparatorSchema } from "../../proto/gen/hbase/comparator_pb.ts";
import { ColumnFamilyTimeRangeSchema, type CompareType, type NameBytesPair, NameBytesPairSchema, TimeRangeSchema } from "../../proto/gen/hbase/hbase_pb.ts";
import { Append, type CheckAndMutate, Delete, type Get, Increment, Put, type Scan, type TimeRange } from "../../src/api/operations.ts";
import { IllegalArgumentError } from "../../src/api/errors.ts";
import type { Cell } from "../../src/cell/cell.ts";
import { longToBytes } from "../../src/util/int64.ts";
import { toBytes, toHex } from "../../src/util/bytes.ts";
import { BinaryComparator } from "../../src/api/filters/comparators/binary-comparator.ts";
import { encodeComparator, encodeFilterBytes, toCompareType } from "../../proto/wire/filter-codec.ts";

export type Mutation = Put | Delete | Increment | Append;

const DELETE_TYPES: Record<number, MutationProto_DeleteType> = {
  8: MutationProto_DeleteType.DELETE_ONE_VERSION,
  12: MutationProto_DeleteType.DELETE_MULTIPLE_VERSIONS,
  14: MutationProto_DeleteType.DELETE_FAMILY,
  10: MutationProto_DeleteType.DELETE_FAMILY_VERSION,
};

function timeRangeOf(range: TimeRange) {
  return create(TimeRangeSchema, { from: range.min, to: range.max });
}

function attributesOf(map: ReadonlyMap<string, Uint8Array>): NameBytesPair[] {
  return [...map].map(([name, value]) => create(NameBytesPairSchema, { name, value }));
}

type Shared =
  | "column" | "attribute" | "maxVersions" | "consistency" | "cfTimeRange" | "timeRange" | "storeLimit" | "storeOffset" | "filter"
  | "loadColumnFamiliesOnDemand";
type QueryFields = Partial<Pick<PbGet, Shared>>;

/** Fields Get and Scan share. */
function queryFields(q: Get | Scan) {
  const column = [...q.columns.families.values()].map((c) => create(ColumnSchema, { family: c.family, qualifier: c.qualifiers }));
  const fields: QueryFields = {
    column, attribute: attributesOf(q.attributes), maxVersions: q.maxVersions, consistency: q.consistency,
    cfTimeRange: [...q.familyTimeRanges.values()].map((r) => create(ColumnFamilyTimeRangeSchema, { columnFamily: r.family, timeRange: timeRangeOf(r.range) })),
  };
  if (!q.timeRange.isAllTime) fields.timeRange = timeRangeOf(q.timeRange);
  if (q.storeLimit >= 0) fields.storeLimit = q.storeLimit;
  if (q.storeOffset > 0) fields.storeOffset = q.storeOffset;
  if (q.filter !== undefined) fields.filter = encodeFilterBytes(q.filter);
  if (q.loadColumnFamiliesOnDemand !== undefined) fields.loadColumnFamiliesOnDemand = q.loadColumnFamiliesOnDemand;
  return fields;
}

export function toPbGet(get: Get): PbGet {
  const pb = create(GetSchema, { ...queryFields(get), row: get.row });
  if (get.existenceOnly) pb.existenceOnly = true;
  return pb;
}

/** The Scan message for one region's scanner; `start` overrides the scan's start row on reopen. */
export function toPbScan(scan: Scan, start?: { row: Uint8Array; inclusive: boolean }): PbScan {
  const attributes = new Map(scan.attributes);
  if (scan.raw) attributes.set("_raw_", new Uint8Array([0xff]));
  const pb = create(ScanSchema, {
    ...queryFields(scan), attribute: attributesOf(attributes),
    startRow: start?.row ?? scan.startRow, includeStartRow: start?.inclusive ?? scan.includeStartRow,
    stopRow: scan.stopRow, includeStopRow: scan.includeStopRow, reversed: scan.reversed,
    allowPartialResults: scan.allowPartialResults,
  });
  if (scan.batch > 0) pb.batchSize = scan.batch;
  if (scan.maxResultSize > 0n) pb.maxResultSize = scan.maxResultSize;
  if (scan.caching > 0) pb.caching = scan.caching;
  return pb;
}

function mutationType(m: Mutation): MutationProto_MutationType {
  if (m instanceof Put) return MutationProto_MutationType.PUT;
  if (m instanceof Delete) return MutationProto_MutationType.DELETE;
  if (m instanceof Increment) return MutationProto_MutationType.INCREMENT;
  return MutationProto_MutationType.APPEND;
}

/** A MutationProto; with `cellBlock` its cells go to the returned list instead of column_value. */
export function toMutationProto(m: Mutation, options: { cellBlock: boolean; nonce?: bigint }): { proto: MutationProto; cells: Cell[] } {
  const attributes = new Map(m.attributes);
  if (m.ttlMs !== undefined) attributes.set("_ttl", longToBytes(m.ttlMs));
  if ((m instanceof Increment || m instanceof Append) && !m.returnResults) attributes.set("_rr_", new Uint8Array([0]));
  const proto = create(MutationProtoSchema, {
    row: m.row, mutateType: mutationType(m), timestamp: m.timestamp, attribute: attributesOf(attributes),
    durability: m.durability as number,
  });
  if (m instanceof Increment || m instanceof Append) {
    if (!m.timeRange.isAllTime) proto.timeRange = timeRangeOf(m.timeRange);
    if (options.nonce !== undefined) proto.nonce = options.nonce;
  }
  if (options.cellBlock) {
    proto.associatedCellCount = m.cells.length;
    return { proto, cells: [...m.cells] };
  }
  proto.columnValue = inlineColumns(m);
  return { proto, cells: [] };
}

function inlineColumns(m: Mutation): MutationProto["columnValue"] {
  const byFamily = new Map<string, MutationProto["columnValue"][number]>();
  for (const c of m.cells) {
    const key = toHex(c.family);
    let cv = byFamily.get(key);
    if (cv === undefined) {
      cv = create(MutationProto_ColumnValueSchema, { family: c.family });
      byFamily.set(key, cv);
    }
    const deleteType = m instanceof Delete ? DELETE_TYPES[c.type] : undefined;
    const qv = create(MutationProto_ColumnValue_QualifierValueSchema, { qualifier: c.qualifier, timestamp: c.timestamp });
    if (deleteType === undefined) qv.value = c.value;
    else qv.deleteType = deleteType;
    cv.qualifierValue.push(qv);
  }
  return [...byFamily.values()];
}

/** The Condition of a CheckAndMutate: a value comparison ("expected OP stored") or a filter. */
export function toCondition(cam: CheckAndMutate): Condition {
  const pb = create(ConditionSchema, { row: cam.row });
  if (!cam.timeRange.isAllTime) pb.timeRange = timeRangeOf(cam.timeRange);
  if (cam.filter !== undefined) {
    pb.filter = encodeFilterBytes(cam.filter);
    return pb;
  }
  const c = cam.condition;
  if (c === undefined) throw new IllegalArgumentError("condition is null");
  pb.family = c.family;
  pb.qualifier = c.qualifier;
  pb.compareType = toCompareType(c.op) as CompareType;
  pb.comparator = toBinary(ComparatorSchema, encodeComparator(new BinaryComparator(toBytes(c.value))));
  return pb;
}
