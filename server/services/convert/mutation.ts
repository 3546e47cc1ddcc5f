// MutationProto (+ its cellblock cells) → the engine's Put, Delete, Increment or Append
// (hbase-rpc.md §5.4, §7.1.2); Condition → CheckAndMutate. Cells come inline (column_value) or,
// when associated_cell_count > 0, from the request's cellblock in order. Attributes `_ttl`
// (8-byte ms) and `_rr_` (return results) are honoured.

import { isFieldSet } from "@bufbuild/protobuf";
import { toStringBinary } from "../../../src/util/bytes.ts";
import { bytesToLong, LATEST_TIMESTAMP } from "../../../src/util/int64.ts";
import { CellType } from "../../../src/cell/cell-type.ts";
import type { Cell } from "../../../src/cell/cell.ts";
import { DoNotRetryIOError, IllegalArgumentError } from "../../../src/api/errors.ts";
import {
  Append, CheckAndMutate, CompareOperator, Delete, type Durability, Increment, Put, RowMutations,
} from "../../../src/api/operations.ts";
import {
  type Condition, type MutationProto, MutationProto_ColumnValue_QualifierValueSchema, MutationProto_DeleteType,
  MutationProto_MutationType, MutationProtoSchema,
} from "../../../proto/gen/hbase/client_pb.ts";
import { CompareType } from "../../../proto/gen/hbase/hbase_pb.ts";
import type { CellBlockReader } from "../../../proto/wire/cellblock.ts";
import { comparatorValue } from "../../../proto/wire/comparator-peek.ts";
import { decodeFilterBytes } from "../../../proto/wire/filter-codec.ts";
import { toTimeRange } from "./query.ts";

export type EngineMutation = Put | Delete | Increment | Append;

const DELETE_TYPE_CODE: Record<number, number> = {
  [MutationProto_DeleteType.DELETE_ONE_VERSION]: CellType.Delete,
  [MutationProto_DeleteType.DELETE_MULTIPLE_VERSIONS]: CellType.DeleteColumn,
  [MutationProto_DeleteType.DELETE_FAMILY]: CellType.DeleteFamily,
  [MutationProto_DeleteType.DELETE_FAMILY_VERSION]: CellType.DeleteFamilyVersion,
};

/** Cells of one mutation: from the cellblock or from column_value. */
function mutationCells(pb: MutationProto, cells: CellBlockReader | undefined): { row: Uint8Array; cells: Cell[] } {
  const count = pb.associatedCellCount;
  if (count > 0) {
    if (cells === undefined) throw new DoNotRetryIOError(`Mutation announces ${count} cells but the request has no cellblock`);
    const taken = cells.take(count);
    return { row: pb.row.length > 0 ? pb.row : taken[0].row, cells: taken };
  }
  const row = pb.row;
  const isDelete = pb.mutateType === MutationProto_MutationType.DELETE;
  const fallbackTs = mutationTimestamp(pb);
  const out: Cell[] = [];
  for (const cv of pb.columnValue) {
    for (const qv of cv.qualifierValue) {
      const has = (f: keyof typeof MutationProto_ColumnValue_QualifierValueSchema.field) =>
        isFieldSet(qv, MutationProto_ColumnValue_QualifierValueSchema.field[f]);
      const deleteType = has("deleteType") ? qv.deleteType : MutationProto_DeleteType.DELETE_MULTIPLE_VERSIONS;
      const type = isDelete ? DELETE_TYPE_CODE[deleteType] : CellType.Put;
      if (type === undefined) throw new DoNotRetryIOError(`Unknown delete type ${deleteType}`);
      if (pb.mutateType === MutationProto_MutationType.PUT && !has("value")) {
        throw new DoNotRetryIOError(`Missing required field: qualifier value`);
      }
      out.push({
        row,
        family: cv.family,
        qualifier: qv.qualifier,
        timestamp: has("timestamp") ? BigInt.asIntN(64, qv.timestamp) : fallbackTs,
        type: type as Cell["type"],
        sequenceId: 0n,
        value: qv.value,
        tags: new Uint8Array(0),
      });
    }
  }
  return { row, cells: out };
}

/** MutationProto.timestamp, LATEST when absent. */
function mutationTimestamp(pb: MutationProto): bigint {
  return isFieldSet(pb, MutationProtoSchema.field.timestamp) ? BigInt.asIntN(64, pb.timestamp) : LATEST_TIMESTAMP;
}

/** Cells a mutation takes from the cellblock (skipped when its region action fails whole). */
export function skipMutationCells(pb: MutationProto, cells: CellBlockReader | undefined): void {
  const count = pb.associatedCellCount;
  if (count > 0 && cells !== undefined) cells.take(count);
}

/** The engine mutation for `pb`; IllegalArgument from the builders becomes DoNotRetryIOException. */
export function toMutation(pb: MutationProto, cells: CellBlockReader | undefined): EngineMutation {
  try {
    return buildMutation(pb, cells);
  } catch (error) {
    if (error instanceof IllegalArgumentError) throw new DoNotRetryIOError(error.message);
    throw error;
  }
}

function buildMutation(pb: MutationProto, cellReader: CellBlockReader | undefined): EngineMutation {
  const { row, cells } = mutationCells(pb, cellReader);
  const ts = mutationTimestamp(pb);
  let m: EngineMutation;
  switch (pb.mutateType) {
    case MutationProto_MutationType.PUT: {
      const put = new Put(row, ts);
      for (const c of cells) put.addColumn(c.family, c.qualifier, c.value, c.timestamp);
      m = put;
      break;
    }
    case MutationProto_MutationType.DELETE: {
      const del = new Delete(row, ts);
      for (const c of cells) addDeleteMarker(del, c);
      m = del;
      break;
    }
    case MutationProto_MutationType.INCREMENT: {
      const inc = new Increment(row);
      for (const c of cells) {
        if (c.value.length !== 8) throw new DoNotRetryIOError(`Field is not a long, it's ${c.value.length} bytes wide`);
        inc.addColumn(c.family, c.qualifier, bytesToLong(c.value));
      }
      const range = toTimeRange(pb.timeRange);
      inc.setTimeRange(range.min, range.max);
      m = inc;
      break;
    }
    case MutationProto_MutationType.APPEND: {
      const app = new Append(row);
      for (const c of cells) app.addColumn(c.family, c.qualifier, c.value);
      const range = toTimeRange(pb.timeRange);
      app.setTimeRange(range.min, range.max);
      m = app;
      break;
    }
    default:
      throw new DoNotRetryIOError(`Unsupported mutate type ${pb.mutateType}`);
  }
  for (const a of pb.attribute) applyAttribute(m, a.name, a.value);
  m.setDurability(pb.durability as Durability);
  return m;
}

function addDeleteMarker(del: Delete, c: Cell): void {
  const ts = c.timestamp;
  switch (c.type) {
    case CellType.DeleteFamily:
      del.addFamily(c.family, ts);
      return;
    case CellType.DeleteFamilyVersion:
      del.addFamilyVersion(c.family, ts);
      return;
    case CellType.DeleteColumn:
      del.addColumns(c.family, c.qualifier, ts);
      return;
    case CellType.Delete:
      del.addColumn(c.family, c.qualifier, ts);
      return;
    default:
      throw new DoNotRetryIOError(`A Delete cannot carry a cell of type ${c.type} (row ${toStringBinary(c.row)})`);
  }
}

function applyAttribute(m: EngineMutation, name: string, value: Uint8Array): void {
  if (name === "_ttl") {
    if (value.length !== 8) throw new DoNotRetryIOError("The _ttl attribute must be an 8-byte long");
    m.setTTL(bytesToLong(value));
    return;
  }
  if (name === "_rr_" && (m instanceof Increment || m instanceof Append)) {
    m.setReturnResults(value.length === 0 || value[0] !== 0);
    return;
  }
  m.setAttribute(name, value);
}

const OPERATORS: Record<number, CompareOperator> = {
  [CompareType.LESS]: CompareOperator.LESS,
  [CompareType.LESS_OR_EQUAL]: CompareOperator.LESS_OR_EQUAL,
  [CompareType.EQUAL]: CompareOperator.EQUAL,
  [CompareType.NOT_EQUAL]: CompareOperator.NOT_EQUAL,
  [CompareType.GREATER_OR_EQUAL]: CompareOperator.GREATER_OR_EQUAL,
  [CompareType.GREATER]: CompareOperator.GREATER,
  [CompareType.NO_OP]: CompareOperator.NO_OP,
};

/** A CheckAndMutate for `condition` guarding `action`. */
export function toCheckAndMutate(condition: Condition, action: EngineMutation | RowMutations): CheckAndMutate {
  if (condition.filter.length > 0) {
    return new CheckAndMutate({ row: condition.row, filter: decodeFilterBytes(condition.filter), timeRange: toTimeRange(condition.timeRange), action });
  }
  const op = OPERATORS[condition.compareType];
  if (op === undefined) throw new DoNotRetryIOError(`Unknown compare type ${condition.compareType}`);
  const value = condition.comparator.length === 0 ? new Uint8Array(0) : comparatorValue(condition.comparator);
  try {
    return new CheckAndMutate({
      row: condition.row,
      condition: { family: condition.family, qualifier: condition.qualifier, op, value },
      timeRange: toTimeRange(condition.timeRange),
      action,
    });
  } catch (error) {
    if (error instanceof IllegalArgumentError) throw new DoNotRetryIOError(error.message);
    throw error;
  }
}
