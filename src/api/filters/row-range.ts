// Row ranges of MultiRowRangeFilter (RowRange): [start, stop] with inclusive flags, an empty start
// or stop meaning unbounded. Sorting and merging keep a filter's ranges disjoint and ordered.

import { compareBytes } from "../../util/bytes.ts";

export interface RowRange {
  readonly startRow: Uint8Array;
  readonly startRowInclusive: boolean;
  readonly stopRow: Uint8Array;
  readonly stopRowInclusive: boolean;
}

/** HBase's RowRange.isValid: an unbounded end, start < stop, or start == stop with stop inclusive. */
export function isValidRange(r: RowRange): boolean {
  if (r.startRow.length === 0 || r.stopRow.length === 0) return true;
  const c = compareBytes(r.startRow, r.stopRow);
  return c < 0 || (c === 0 && r.stopRowInclusive);
}

export function rangeContains(r: RowRange, row: Uint8Array): boolean {
  if (r.startRow.length > 0) {
    const c = compareBytes(row, r.startRow);
    if (c < 0 || (c === 0 && !r.startRowInclusive)) return false;
  }
  if (r.stopRow.length === 0) return true;
  const c = compareBytes(row, r.stopRow);
  return c < 0 || (c === 0 && r.stopRowInclusive);
}

/** Whether the whole range lies after `row`. */
export function rangeAfter(r: RowRange, row: Uint8Array): boolean {
  if (r.startRow.length === 0) return false;
  const c = compareBytes(r.startRow, row);
  return c > 0 || (c === 0 && !r.startRowInclusive);
}

/** Whether the whole range lies before `row`. */
export function rangeBefore(r: RowRange, row: Uint8Array): boolean {
  if (r.stopRow.length === 0) return false;
  const c = compareBytes(r.stopRow, row);
  return c < 0 || (c === 0 && !r.stopRowInclusive);
}

/** Sorts by start (unbounded first) and merges ranges that overlap or touch at an inclusive end. */
export function sortAndMergeRanges(ranges: readonly RowRange[]): RowRange[] {
  const sorted = [...ranges].sort(compareStarts);
  const out: RowRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && touches(last, r)) out[out.length - 1] = { ...last, ...laterStop(last, r) };
    else out.push(r);
  }
  return out;
}

function compareStarts(a: RowRange, b: RowRange): number {
  if (a.startRow.length === 0 || b.startRow.length === 0) return (a.startRow.length === 0 ? -1 : 0) - (b.startRow.length === 0 ? -1 : 0);
  const c = compareBytes(a.startRow, b.startRow);
  if (c !== 0) return c;
  return (a.startRowInclusive ? 0 : 1) - (b.startRowInclusive ? 0 : 1);
}

/** Whether `next` (sorted after `last`) overlaps or adjoins it. */
function touches(last: RowRange, next: RowRange): boolean {
  if (last.stopRow.length === 0 || next.startRow.length === 0) return true;
  const c = compareBytes(last.stopRow, next.startRow);
  return c > 0 || (c === 0 && (last.stopRowInclusive || next.startRowInclusive));
}

function laterStop(last: RowRange, next: RowRange): { stopRow: Uint8Array; stopRowInclusive: boolean } {
  if (last.stopRow.length === 0) return last;
  if (next.stopRow.length === 0) return next;
  const c = compareBytes(last.stopRow, next.stopRow);
  if (c > 0) return last;
  if (c < 0) return next;
  return { stopRow: last.stopRow, stopRowInclusive: last.stopRowInclusive || next.stopRowInclusive };
}
