// FirstKeyOnlyFilter: only the first cell the filter sees in each row (first family, first
// qualifier, newest version); the rest of the row is skipped (data-semantics.md §5.7).

import type { Cell } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export class FirstKeyOnlyFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}FirstKeyOnlyFilter`;
  #foundCell = false;

  override reset(): void {
    this.#foundCell = false;
  }

  override filterCell(_cell: Cell): ReturnCode {
    if (this.#foundCell) return ReturnCode.NEXT_ROW;
    this.#foundCell = true;
    return ReturnCode.INCLUDE;
  }

  protected fresh(): Filter {
    return new FirstKeyOnlyFilter();
  }
}
