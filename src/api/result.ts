// Result: the cells of one row returned by a read or an Increment/Append, in full key order
// (data-semantics.md §3.3); a mutateRow's merged Result keeps its actions' order, as HBase's
// does. Cells are shared, not copied: treat their bytes as read-only.

import { type BytesLike, compareBytes, toBytes } from "../util/bytes.ts";
import type { Cell } from "../cell/cell.ts";

export class Result {
  static readonly EMPTY = new Result([]);
  readonly cells: readonly Cell[];
  /** Set for existence-only Gets: whether the row has a visible cell. */
  readonly exists: boolean | undefined;
  /** True when more cells of this row follow in a later Result (batch or partial results). */
  readonly mayHaveMoreCellsInRow: boolean;
  /** True when served by a replica that may be behind (never for Shale's single replica). */
  readonly stale: boolean;

  constructor(
    cells: readonly Cell[],
    flags: { exists?: boolean; mayHaveMoreCellsInRow?: boolean; stale?: boolean } = {},
  ) {
    this.cells = cells;
    this.exists = flags.exists;
    this.mayHaveMoreCellsInRow = flags.mayHaveMoreCellsInRow ?? false;
    this.stale = flags.stale ?? false;
  }

  /** The row, or undefined for an empty Result. */
  get row(): Uint8Array | undefined {
    return this.cells.length === 0 ? undefined : this.cells[0].row;
  }

  get isEmpty(): boolean {
    return this.cells.length === 0;
  }

  get size(): number {
    return this.cells.length;
  }

  /** Cells of one column, newest first. */
  getColumnCells(family: BytesLike, qualifier: BytesLike): Cell[] {
    const f = toBytes(family);
    const q = toBytes(qualifier);
    return this.cells.filter((c) => compareBytes(c.family, f) === 0 && compareBytes(c.qualifier, q) === 0);
  }

  /** Newest cell of one column, or undefined. */
  getColumnLatestCell(family: BytesLike, qualifier: BytesLike): Cell | undefined {
    return this.getColumnCells(family, qualifier)[0];
  }

  /** Value of the newest cell of one column, or undefined. */
  getValue(family: BytesLike, qualifier: BytesLike): Uint8Array | undefined {
    return this.getColumnLatestCell(family, qualifier)?.value;
  }

  containsColumn(family: BytesLike, qualifier: BytesLike): boolean {
    return this.getColumnLatestCell(family, qualifier) !== undefined;
  }
}

/** Outcome of a CheckAndMutate: whether it was applied, and any Increment/Append output. */
export interface CheckAndMutateResult {
  readonly success: boolean;
  readonly result: Result;
}
