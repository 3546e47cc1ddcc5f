// Total order of cells for user tables (data-semantics.md §1.3): row, the "last on row" rule,
// family, qualifier, timestamp descending, type descending, sequence id descending.

import { compareBytes } from "../util/bytes.ts";
import { CellType } from "./cell-type.ts";
import type { Cell } from "./cell.ts";

/** Full key order including sequence id (newest write first). */
export function compareCells(a: Cell, b: Cell): number {
  const c = compareCellsIgnoringSequenceId(a, b);
  if (c !== 0) return c;
  return a.sequenceId > b.sequenceId ? -1 : a.sequenceId < b.sequenceId ? 1 : 0;
}

/** Key order without the sequence-id tie-breaker (store-file writer ordering checks). */
export function compareCellsIgnoringSequenceId(a: Cell, b: Cell): number {
  const r = compareBytes(a.row, b.row);
  if (r !== 0) return r;
  return compareWithoutRow(a, b);
}

/** Everything after the row: the last-on-row rule, family, qualifier, timestamp, type. */
export function compareWithoutRow(a: Cell, b: Cell): number {
  const aLast = isLastOnRowKey(a);
  const bLast = isLastOnRowKey(b);
  if (aLast !== bLast) return aLast ? 1 : -1;
  if (aLast) return 0;
  const f = compareBytes(a.family, b.family);
  if (f !== 0) return f;
  const q = compareBytes(a.qualifier, b.qualifier);
  if (q !== 0) return q;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp ? -1 : 1;
  return b.type - a.type;
}

/** Compares rows only. */
export function compareRows(a: Cell, b: Cell): number {
  return compareBytes(a.row, b.row);
}

/** True when both cells name the same row, family and qualifier. */
export function sameColumn(a: Cell, b: Cell): boolean {
  return compareBytes(a.qualifier, b.qualifier) === 0 && compareBytes(a.family, b.family) === 0 &&
    compareBytes(a.row, b.row) === 0;
}

function isLastOnRowKey(c: Cell): boolean {
  return c.type === CellType.Minimum && c.family.length === 0 && c.qualifier.length === 0;
}
