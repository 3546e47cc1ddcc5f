// The Cell: one versioned value at (row, family, qualifier, timestamp, type), plus the sequence id
// the region assigned when it was written (data-semantics.md §1.1). Cells are plain immutable
// objects; their byte arrays are never modified after construction and may be shared.

import { EMPTY_BYTES } from "../util/bytes.ts";
import { LATEST_TIMESTAMP, OLDEST_TIMESTAMP } from "../util/int64.ts";
import { CellType } from "./cell-type.ts";

export interface Cell {
  readonly row: Uint8Array;
  readonly family: Uint8Array;
  readonly qualifier: Uint8Array;
  /** Signed 64-bit; LATEST_TIMESTAMP until the server stamps it. */
  readonly timestamp: bigint;
  readonly type: CellType;
  /** MVCC write number; 0n for cells whose sequence id is unknown or was cleared. Not part of the key. */
  readonly sequenceId: bigint;
  readonly value: Uint8Array;
  /** Raw tag bytes (§1.5 tags grammar), or empty. Server-internal: never sent to clients by default. */
  readonly tags: Uint8Array;
}

/** Builds a cell; omitted fields default to empty bytes, LATEST_TIMESTAMP, Put and sequence id 0. */
export function makeCell(fields: Partial<Cell> & { row: Uint8Array }): Cell {
  return {
    row: fields.row,
    family: fields.family ?? EMPTY_BYTES,
    qualifier: fields.qualifier ?? EMPTY_BYTES,
    timestamp: fields.timestamp ?? LATEST_TIMESTAMP,
    type: fields.type ?? CellType.Put,
    sequenceId: fields.sequenceId ?? 0n,
    value: fields.value ?? EMPTY_BYTES,
    tags: fields.tags ?? EMPTY_BYTES,
  };
}

/** Returns a copy of `cell` with some fields replaced. */
export function withFields(cell: Cell, fields: Partial<Cell>): Cell {
  return { ...cell, ...fields };
}

/** Serialized KeyValue size without tags: 8 + keyLength + valueLength (§1.5). */
export function keyValueSize(cell: Cell): number {
  return 8 + keyLength(cell) + cell.value.length;
}

/** KeyValue key length: 2 + row + 1 + family + qualifier + 8 + 1. */
export function keyLength(cell: Cell): number {
  return 2 + cell.row.length + 1 + cell.family.length + cell.qualifier.length + 9;
}

/** Estimated heap size used for MemStore accounting and scanner size budgets. */
export function heapSize(cell: Cell): number {
  return 64 + keyLength(cell) + cell.value.length + cell.tags.length;
}

/** Synthetic key sorting before every real cell of `row` (§1.6 "first on row"). */
export function firstOnRow(row: Uint8Array): Cell {
  return makeCell({ row, timestamp: LATEST_TIMESTAMP, type: CellType.Maximum });
}

/** Synthetic key sorting after every real cell of `row` (§1.6 "last on row"). */
export function lastOnRow(row: Uint8Array): Cell {
  return makeCell({ row, timestamp: OLDEST_TIMESTAMP, type: CellType.Minimum });
}

/** Synthetic key sorting before every cell of row+family+qualifier. */
export function firstOnColumn(row: Uint8Array, family: Uint8Array, qualifier: Uint8Array): Cell {
  return makeCell({ row, family, qualifier, timestamp: LATEST_TIMESTAMP, type: CellType.Maximum });
}

/** Synthetic key sorting after every cell of row+family+qualifier. */
export function lastOnColumn(row: Uint8Array, family: Uint8Array, qualifier: Uint8Array): Cell {
  return makeCell({ row, family, qualifier, timestamp: OLDEST_TIMESTAMP, type: CellType.Minimum });
}
