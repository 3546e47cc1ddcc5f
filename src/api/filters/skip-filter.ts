// SkipFilter: drops the whole row when the inner filter rejects any of its cells (answers
// anything but INCLUDE); needs the whole row (data-semantics.md §5.7).

import type { Cell } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export class SkipFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}SkipFilter`;
  readonly filter: Filter;
  #filterRow = false;

  constructor(filter: Filter) {
    super();
    this.filter = filter;
  }

  override setReversed(reversed: boolean): void {
    super.setReversed(reversed);
    this.filter.setReversed(reversed);
  }

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

  override transformCell(cell: Cell): Cell {
    return this.filter.transformCell(cell);
  }

  override filterRow(): boolean {
    return this.#filterRow;
  }

  override hasFilterRow(): boolean {
    return true;
  }

  override children(): readonly Filter[] {
    return [this.filter];
  }

  protected fresh(): Filter {
    return new SkipFilter(this.filter.copy());
  }
}
