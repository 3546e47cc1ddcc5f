// What SkipFilter and WhileMatchFilter share: one inner filter that sees the reversed flag, does
// the cell transforms, and is listed as the only child; both need whole rows.

import type { Cell } from "../../cell/cell.ts";
import { type Filter, FilterBase } from "./filter.ts";

export abstract class WrappingFilter extends FilterBase {
  readonly filter: Filter;

  constructor(filter: Filter) {
    super();
    this.filter = filter;
  }

  override setReversed(reversed: boolean): void {
    super.setReversed(reversed);
    this.filter.setReversed(reversed);
  }

  override transformCell(cell: Cell): Cell {
    return this.filter.transformCell(cell);
  }

  override hasFilterRow(): boolean {
    return true;
  }

  override isFamilyEssential(family: Uint8Array): boolean {
    return this.filter.isFamilyEssential(family);
  }

  override children(): readonly Filter[] {
    return [this.filter];
  }
}
