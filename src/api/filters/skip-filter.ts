// SkipFilter: drops the whole row when the inner filter rejects any of its cells (answers
// anything but INCLUDE); needs the whole row (data-semantics.md §5.7).

import type { Cell } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, ReturnCode } from "./filter.ts";
import { WrappingFilter } from "./wrapping-filter.ts";

export class SkipFilter extends WrappingFilter {
  readonly javaClass = `${FILTER_PACKAGE}SkipFilter`;
  #filterRow = false;

  override reset(): void {
    this.filter.reset();
    this.#filterRow = false;
  }

  override filterRowKey(_firstRowCell: Cell): boolean {
    return false;
  }

  override filterCell(cell: Cell): ReturnCode {
    const code = this.filter.filterCell(cell);
    this.#filterRow ||= code !== ReturnCode.INCLUDE;
    return code;
  }

  override filterRow(): boolean {
    return this.#filterRow;
  }

  protected fresh(): Filter {
    return new SkipFilter(this.filter.copy());
  }
}
