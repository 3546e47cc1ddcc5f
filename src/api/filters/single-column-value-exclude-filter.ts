// SingleColumnValueExcludeFilter: SingleColumnValueFilter, then the tested column is removed from
// the returned row (data-semantics.md §5.7).

import type { Cell } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter } from "./filter.ts";
import { SingleColumnValueFilter, type SingleColumnValueOptions } from "./single-column-value-filter.ts";

export class SingleColumnValueExcludeFilter extends SingleColumnValueFilter {
  override readonly javaClass: string = `${FILTER_PACKAGE}SingleColumnValueExcludeFilter`;

  constructor(options: SingleColumnValueOptions) {
    super(options);
  }

  override filterRowCells(cells: Cell[]): void {
    let kept = 0;
    for (const cell of cells) if (!this.matchesColumn(cell)) cells[kept++] = cell;
    cells.length = kept;
  }

  protected override fresh(): Filter {
    return new SingleColumnValueExcludeFilter(this.options());
  }
}
