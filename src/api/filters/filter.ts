// The Filter contract of HBase's server-side read path (data-semantics.md §5.1–§5.2): what a
// filter is asked per row and per cell, and the ReturnCode it answers. FilterBase gives the
// defaults (include everything, never end the scan). A filter instance holds per-scan state, so the
// engine reads through a copy() made per region scanner, as HBase deserializes one per region.

import { IllegalArgumentError } from "../errors.ts";
import type { Cell } from "../../cell/cell.ts";

/** What a filter decides for one cell (§5.2). Only the INCLUDE* codes return the cell. */
export const ReturnCode = {
  INCLUDE: "INCLUDE",
  INCLUDE_AND_NEXT_COL: "INCLUDE_AND_NEXT_COL",
  SKIP: "SKIP",
  NEXT_COL: "NEXT_COL",
  NEXT_ROW: "NEXT_ROW",
  SEEK_NEXT_USING_HINT: "SEEK_NEXT_USING_HINT",
  INCLUDE_AND_SEEK_NEXT_ROW: "INCLUDE_AND_SEEK_NEXT_ROW",
} as const;
export type ReturnCode = (typeof ReturnCode)[keyof typeof ReturnCode];

/** Whether `code` returns the cell. */
export function isIncludeCode(code: ReturnCode): boolean {
  return code === ReturnCode.INCLUDE || code === ReturnCode.INCLUDE_AND_NEXT_COL ||
    code === ReturnCode.INCLUDE_AND_SEEK_NEXT_ROW;
}

/** A server-side read filter (org.apache.hadoop.hbase.filter.Filter). */
export interface Filter {
  /** The Java class name the filter travels under (Filter.name on the wire). */
  readonly javaClass: string;
  readonly reversed: boolean;
  /** Whether the filter seeks with hints (HBase's HintingFilter marker; FilterList AND asks these). */
  readonly hinting: boolean;
  /** Marks the filter for a reversed scan; lists pass it on to their members. */
  setReversed(reversed: boolean): void;
  /** Called between rows; clears per-row state. */
  reset(): void;
  /** True ends the whole scan (asked before each row and each cell). */
  filterAllRemaining(): boolean;
  /** True drops the row without looking at its cells; `firstRowCell` carries the row key. */
  filterRowKey(firstRowCell: Cell): boolean;
  filterCell(cell: Cell): ReturnCode;
  /** The cell to return in place of an included one (KeyOnlyFilter empties the value). */
  transformCell(cell: Cell): Cell;
  /** Edits the row's gathered cells in place; called only when hasFilterRow(). */
  filterRowCells(cells: Cell[]): void;
  /** Whether the filter needs the whole row (forbids batch and mid-row limits). */
  hasFilterRow(): boolean;
  /** True drops the row gathered so far (asked for non-empty rows). */
  filterRow(): boolean;
  /** Where to seek after SEEK_NEXT_USING_HINT; undefined when the filter gives no hint. */
  getNextCellHint(cell: Cell): Cell | undefined;
  /**
   * Whether rows can be decided without `family`'s cells being read first (HBase's
   * isFamilyEssential); a scan loading families on demand reads the others only for kept rows.
   */
  isFamilyEssential(family: Uint8Array): boolean;
  /** Direct member filters (wrappers and lists); empty for leaves. */
  children(): readonly Filter[];
  /** A new filter with the same settings and fresh state, reversed flag included. */
  copy(): Filter;
}

/** Package of HBase's filter and comparator classes. */
export const FILTER_PACKAGE = "org.apache.hadoop.hbase.filter.";

/** Defaults shared by every filter: include everything, keep every row, never finish early. */
export abstract class FilterBase implements Filter {
  abstract readonly javaClass: string;
  readonly hinting: boolean = false;
  #reversed = false;

  get reversed(): boolean {
    return this.#reversed;
  }

  setReversed(reversed: boolean): void {
    this.#reversed = reversed;
  }

  reset(): void {}

  filterAllRemaining(): boolean {
    return false;
  }

  filterRowKey(_firstRowCell: Cell): boolean {
    return this.filterAllRemaining();
  }

  filterCell(_cell: Cell): ReturnCode {
    return ReturnCode.INCLUDE;
  }

  transformCell(cell: Cell): Cell {
    return cell;
  }

  filterRowCells(_cells: Cell[]): void {}

  hasFilterRow(): boolean {
    return false;
  }

  filterRow(): boolean {
    return false;
  }

  getNextCellHint(_cell: Cell): Cell | undefined {
    return undefined;
  }

  isFamilyEssential(_family: Uint8Array): boolean {
    return true;
  }

  children(): readonly Filter[] {
    return [];
  }

  copy(): Filter {
    const fresh = this.fresh();
    fresh.setReversed(this.#reversed);
    return fresh;
  }

  /** A new instance with the same settings (state and reversed flag are not carried). */
  protected abstract fresh(): Filter;
}

/** Nesting depth of a filter tree (a leaf is 1), walked with an explicit stack, not recursion. */
export function filterTreeDepth(root: Filter, stopAt = Number.MAX_SAFE_INTEGER): number {
  let deepest = 0;
  const stack: { filter: Filter; depth: number }[] = [{ filter: root, depth: 1 }];
  while (stack.length > 0) {
    const { filter, depth } = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (depth > stopAt) return depth; // also ends the walk on a list that contains itself
    for (const child of filter.children()) stack.push({ filter: child, depth: depth + 1 });
  }
  return deepest;
}

/** Rejects a filter tree nested deeper than `depthMax`; the depth it reports stops at the first level past the limit (LIMITS.filterDepthMax). */
export function checkFilterDepth(root: Filter, depthMax: number): void {
  const depth = filterTreeDepth(root, depthMax);
  if (depth > depthMax) {
    throw new IllegalArgumentError(`Filter nesting depth ${depth} is over the limit of ${depthMax}`);
  }
}
