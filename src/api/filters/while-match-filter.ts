// WhileMatchFilter: passes the inner filter through until it first rejects a cell (anything but
// INCLUDE), a row key or a row; from then on the whole scan is over, so the row in progress may
// come back truncated (data-semantics.md §5.7).

import type { Cell } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, ReturnCode } from "./filter.ts";
import { WrappingFilter } from "./wrapping-filter.ts";

export class WhileMatchFilter extends WrappingFilter {
  readonly javaClass = `${FILTER_PACKAGE}WhileMatchFilter`;
  #allRemaining = false;

  override reset(): void {
    this.filter.reset();
  }

  override filterAllRemaining(): boolean {
    return this.#allRemaining || this.filter.filterAllRemaining();
  }

  override filterRowKey(firstRowCell: Cell): boolean {
    if (this.filterAllRemaining()) return true;
    const rejected = this.filter.filterRowKey(firstRowCell);
    this.#allRemaining ||= rejected;
    return rejected;
  }

  override filterCell(cell: Cell): ReturnCode {
    const code = this.filter.filterCell(cell);
    this.#allRemaining ||= code !== ReturnCode.INCLUDE;
    return code;
  }

  override filterRow(): boolean {
    const drop = this.filter.filterRow();
    this.#allRemaining ||= drop;
    return drop;
  }

  override getNextCellHint(cell: Cell): Cell | undefined {
    return this.filter.getNextCellHint(cell);
  }

  protected fresh(): Filter {
    return new WhileMatchFilter(this.filter.copy());
  }
}
