// MUST_PASS_ALL logic of FilterList (FilterListWithAND, data-semantics.md §5.4): sub-filters are
// asked in order until one excludes the cell; hinting sub-filters are still asked for a seek hint,
// and the farthest hint wins. A row key is rejected when some sub-filter rejects it and no hinting
// sub-filter accepts it (HBASE-28622).

import type { Cell } from "../../cell/cell.ts";
import { compareCells } from "../../cell/comparator.ts";
import { type Filter, ReturnCode, isIncludeCode } from "./filter.ts";

const R = ReturnCode;

/** merge(acc, new) for AND; rows are the new code, columns the accumulated one (§5.4 table). */
const AND_MERGE: Record<ReturnCode, Partial<Record<ReturnCode, ReturnCode>>> = {
  [R.INCLUDE]: { [R.INCLUDE]: R.INCLUDE, [R.INCLUDE_AND_NEXT_COL]: R.INCLUDE_AND_NEXT_COL, [R.INCLUDE_AND_SEEK_NEXT_ROW]: R.INCLUDE_AND_SEEK_NEXT_ROW, [R.SKIP]: R.SKIP, [R.NEXT_COL]: R.NEXT_COL, [R.NEXT_ROW]: R.NEXT_ROW },
  [R.INCLUDE_AND_NEXT_COL]: { [R.INCLUDE]: R.INCLUDE_AND_NEXT_COL, [R.INCLUDE_AND_NEXT_COL]: R.INCLUDE_AND_NEXT_COL, [R.INCLUDE_AND_SEEK_NEXT_ROW]: R.INCLUDE_AND_SEEK_NEXT_ROW, [R.SKIP]: R.NEXT_COL, [R.NEXT_COL]: R.NEXT_COL, [R.NEXT_ROW]: R.NEXT_ROW },
  [R.INCLUDE_AND_SEEK_NEXT_ROW]: { [R.INCLUDE]: R.INCLUDE_AND_SEEK_NEXT_ROW, [R.INCLUDE_AND_NEXT_COL]: R.INCLUDE_AND_SEEK_NEXT_ROW, [R.INCLUDE_AND_SEEK_NEXT_ROW]: R.INCLUDE_AND_SEEK_NEXT_ROW, [R.SKIP]: R.NEXT_ROW, [R.NEXT_COL]: R.NEXT_ROW, [R.NEXT_ROW]: R.NEXT_ROW },
  [R.SKIP]: { [R.INCLUDE]: R.SKIP, [R.INCLUDE_AND_NEXT_COL]: R.NEXT_COL, [R.INCLUDE_AND_SEEK_NEXT_ROW]: R.NEXT_ROW, [R.SKIP]: R.SKIP, [R.NEXT_COL]: R.NEXT_COL, [R.NEXT_ROW]: R.NEXT_ROW },
  [R.NEXT_COL]: { [R.INCLUDE]: R.NEXT_COL, [R.INCLUDE_AND_NEXT_COL]: R.NEXT_COL, [R.INCLUDE_AND_SEEK_NEXT_ROW]: R.NEXT_ROW, [R.SKIP]: R.NEXT_COL, [R.NEXT_COL]: R.NEXT_COL, [R.NEXT_ROW]: R.NEXT_ROW },
  [R.NEXT_ROW]: { [R.INCLUDE]: R.NEXT_ROW, [R.INCLUDE_AND_NEXT_COL]: R.NEXT_ROW, [R.INCLUDE_AND_SEEK_NEXT_ROW]: R.NEXT_ROW, [R.SKIP]: R.NEXT_ROW, [R.NEXT_COL]: R.NEXT_ROW, [R.NEXT_ROW]: R.NEXT_ROW },
  [R.SEEK_NEXT_USING_HINT]: {},
};

/** AND merge of an accumulated code with a sub-filter's code. */
export function mergeAnd(acc: ReturnCode, next: ReturnCode): ReturnCode {
  if (acc === R.SEEK_NEXT_USING_HINT || next === R.SEEK_NEXT_USING_HINT) return R.SEEK_NEXT_USING_HINT;
  return AND_MERGE[next][acc]!;
}

export class FilterListWithAnd {
  readonly #filters: readonly Filter[];
  readonly #seekHintFilters: Filter[] = [];

  constructor(filters: readonly Filter[]) {
    this.#filters = filters;
  }

  filterCell(cell: Cell): ReturnCode {
    let rc: ReturnCode = R.INCLUDE;
    this.#seekHintFilters.length = 0;
    let i = 0;
    for (; i < this.#filters.length; i++) {
      const filter = this.#filters[i];
      if (filter.filterAllRemaining()) {
        rc = R.NEXT_ROW;
        break;
      }
      const local = filter.filterCell(cell);
      if (local === R.SEEK_NEXT_USING_HINT) this.#seekHintFilters.push(filter);
      rc = mergeAnd(rc, local);
      if (!isIncludeCode(rc)) break;
    }
    for (i++; i < this.#filters.length; i++) {
      const filter = this.#filters[i];
      if (filter.hinting && filter.filterCell(cell) === R.SEEK_NEXT_USING_HINT) this.#seekHintFilters.push(filter);
    }
    return this.#seekHintFilters.length > 0 ? R.SEEK_NEXT_USING_HINT : rc;
  }

  filterRowKey(firstRowCell: Cell): boolean {
    let anyRejected = false;
    let anyHintingPassed = false;
    for (const filter of this.#filters) {
      if (filter.filterAllRemaining()) return true;
      if (filter.filterRowKey(firstRowCell)) anyRejected = true;
      else if (filter.hinting) anyHintingPassed = true;
    }
    return anyRejected && !anyHintingPassed;
  }

  filterAllRemaining(): boolean {
    return this.#filters.some((f) => f.filterAllRemaining());
  }

  filterRow(): boolean {
    for (const filter of this.#filters) if (filter.filterRow()) return true;
    return false;
  }

  /** Every sub-filter transforms in turn (all of them included the cell). */
  transformCell(cell: Cell): Cell {
    let out = cell;
    for (const filter of this.#filters) out = filter.transformCell(out);
    return out;
  }

  getNextCellHint(cell: Cell, reversed: boolean): Cell | undefined {
    let farthest: Cell | undefined;
    for (const filter of this.#seekHintFilters) {
      if (filter.filterAllRemaining()) continue;
      const hint = filter.getNextCellHint(cell);
      if (hint === undefined) continue;
      if (farthest === undefined || directed(compareCells(farthest, hint), reversed) < 0) farthest = hint;
    }
    return farthest;
  }

  reset(): void {
    for (const filter of this.#filters) filter.reset();
    this.#seekHintFilters.length = 0;
  }
}

/** A comparison result in scan direction. */
export function directed(cmp: number, reversed: boolean): number {
  return reversed ? -cmp : cmp;
}
