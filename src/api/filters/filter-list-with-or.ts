// MUST_PASS_ONE logic of FilterList (FilterListWithOR, data-semantics.md §5.4): every unfinished
// sub-filter is asked, except one whose last skip (same column, same family, or a hint still
// ahead) already covers the cell; the codes merge so a cell any sub-filter includes is included,
// and transformCell chains only the sub-filters that included it.

import { equalBytes } from "../../util/bytes.ts";
import type { Cell } from "../../cell/cell.ts";
import { compareCells } from "../../cell/comparator.ts";
import { type Filter, ReturnCode, isIncludeCode } from "./filter.ts";
import { directed } from "./filter-list-with-and.ts";

const R = ReturnCode;
type Row = Record<ReturnCode, ReturnCode>;

function row(include: ReturnCode, incCol: ReturnCode, incRow: ReturnCode, skip: ReturnCode, col: ReturnCode, nextRow: ReturnCode, hint: ReturnCode): Row {
  return { [R.INCLUDE]: include, [R.INCLUDE_AND_NEXT_COL]: incCol, [R.INCLUDE_AND_SEEK_NEXT_ROW]: incRow, [R.SKIP]: skip, [R.NEXT_COL]: col, [R.NEXT_ROW]: nextRow, [R.SEEK_NEXT_USING_HINT]: hint };
}

/** merge(acc, new) for OR: indexed [new][acc] (§5.4 table). */
const OR_MERGE: Record<ReturnCode, Row> = {
  [R.INCLUDE]: row(R.INCLUDE, R.INCLUDE, R.INCLUDE, R.INCLUDE, R.INCLUDE, R.INCLUDE, R.INCLUDE),
  [R.INCLUDE_AND_NEXT_COL]: row(R.INCLUDE, R.INCLUDE_AND_NEXT_COL, R.INCLUDE_AND_NEXT_COL, R.INCLUDE, R.INCLUDE_AND_NEXT_COL, R.INCLUDE_AND_NEXT_COL, R.INCLUDE),
  [R.INCLUDE_AND_SEEK_NEXT_ROW]: row(R.INCLUDE, R.INCLUDE_AND_NEXT_COL, R.INCLUDE_AND_SEEK_NEXT_ROW, R.INCLUDE, R.INCLUDE_AND_NEXT_COL, R.INCLUDE_AND_SEEK_NEXT_ROW, R.INCLUDE),
  [R.SKIP]: row(R.INCLUDE, R.INCLUDE, R.INCLUDE, R.SKIP, R.SKIP, R.SKIP, R.SKIP),
  [R.NEXT_COL]: row(R.INCLUDE, R.INCLUDE_AND_NEXT_COL, R.INCLUDE_AND_NEXT_COL, R.SKIP, R.NEXT_COL, R.NEXT_COL, R.SKIP),
  [R.NEXT_ROW]: row(R.INCLUDE, R.INCLUDE_AND_NEXT_COL, R.INCLUDE_AND_SEEK_NEXT_ROW, R.SKIP, R.NEXT_COL, R.NEXT_ROW, R.SKIP),
  [R.SEEK_NEXT_USING_HINT]: row(R.INCLUDE, R.INCLUDE, R.INCLUDE, R.SKIP, R.SKIP, R.SKIP, R.SEEK_NEXT_USING_HINT),
};

/** OR merge; `acc` undefined means no sub-filter answered yet. */
export function mergeOr(acc: ReturnCode | undefined, next: ReturnCode): ReturnCode {
  return acc === undefined ? next : OR_MERGE[next][acc];
}

export class FilterListWithOr {
  readonly #filters: readonly Filter[];
  readonly #prevCodes: (ReturnCode | undefined)[];
  readonly #prevCells: (Cell | undefined)[];
  readonly #included: boolean[];

  constructor(filters: readonly Filter[]) {
    this.#filters = filters;
    this.#prevCodes = filters.map(() => undefined);
    this.#prevCells = filters.map(() => undefined);
    this.#included = filters.map(() => false);
  }

  filterCell(cell: Cell, reversed: boolean): ReturnCode {
    let rc: ReturnCode | undefined;
    for (let i = 0; i < this.#filters.length; i++) {
      const filter = this.#filters[i];
      this.#included[i] = false;
      if (filter.filterAllRemaining()) continue;
      const local = this.#reusedCode(i, cell, reversed) ?? filter.filterCell(cell);
      this.#prevCodes[i] = local;
      this.#prevCells[i] = local === R.INCLUDE || local === R.SKIP ? undefined : cell;
      rc = mergeOr(rc, local);
      if (isIncludeCode(local)) this.#included[i] = true;
    }
    return rc ?? R.SKIP;
  }

  /** The earlier skip of sub-filter `i` when it still covers `cell`, else undefined. */
  #reusedCode(i: number, cell: Cell, reversed: boolean): ReturnCode | undefined {
    const prevCell = this.#prevCells[i];
    const prevCode = this.#prevCodes[i];
    if (prevCell === undefined || prevCode === undefined) return undefined;
    switch (prevCode) {
      case R.SEEK_NEXT_USING_HINT: {
        const hint = this.#filters[i].getNextCellHint(prevCell);
        return hint !== undefined && directed(compareCells(cell, hint), reversed) < 0 ? R.SEEK_NEXT_USING_HINT : undefined;
      }
      case R.NEXT_COL:
      case R.INCLUDE_AND_NEXT_COL:
        return sameColumn(prevCell, cell) ? R.NEXT_COL : undefined;
      case R.NEXT_ROW:
      case R.INCLUDE_AND_SEEK_NEXT_ROW:
        return equalBytes(prevCell.family, cell.family) ? R.NEXT_ROW : undefined;
      default:
        return undefined;
    }
  }

  filterRowKey(firstRowCell: Cell): boolean {
    let rejected = true;
    for (const filter of this.#filters) {
      if (!filter.filterAllRemaining() && !filter.filterRowKey(firstRowCell)) rejected = false;
    }
    return rejected;
  }

  filterAllRemaining(): boolean {
    return this.#filters.every((f) => f.filterAllRemaining());
  }

  filterRow(): boolean {
    for (const filter of this.#filters) if (!filter.filterRow()) return false;
    return true;
  }

  transformCell(cell: Cell): Cell {
    let out = cell;
    for (let i = 0; i < this.#filters.length; i++) if (this.#included[i]) out = this.#filters[i].transformCell(out);
    return out;
  }

  getNextCellHint(cell: Cell, reversed: boolean): Cell | undefined {
    let nearest: Cell | undefined;
    for (const filter of this.#filters) {
      if (filter.filterAllRemaining()) continue;
      const hint = filter.getNextCellHint(cell);
      if (hint === undefined) return undefined;
      if (nearest === undefined || directed(compareCells(nearest, hint), reversed) > 0) nearest = hint;
    }
    return nearest;
  }

  reset(): void {
    for (let i = 0; i < this.#filters.length; i++) {
      this.#filters[i].reset();
      this.#included[i] = false;
      this.#prevCodes[i] = undefined;
      this.#prevCells[i] = undefined;
    }
  }
}

function sameColumn(a: Cell, b: Cell): boolean {
  return equalBytes(a.family, b.family) && equalBytes(a.qualifier, b.qualifier);
}
