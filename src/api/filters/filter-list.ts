// FilterList: an AND (MUST_PASS_ALL) or OR (MUST_PASS_ONE) of filters, nestable up to
// LIMITS.filterDepthMax levels (data-semantics.md §5.4). An empty list includes everything.
// Nesting is checked with an explicit stack whenever a list is built or extended, so the per-cell
// calls that descend through nested lists stay within that bound.

import { IllegalArgumentError } from "../errors.ts";
import { LIMITS } from "../../util/limits.ts";
import type { Cell } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode, checkFilterDepth } from "./filter.ts";
import { FilterListWithAnd } from "./filter-list-with-and.ts";
import { FilterListWithOr } from "./filter-list-with-or.ts";

/** Wire values of FilterList.Operator. */
export const FilterListOperator = { MUST_PASS_ALL: 1, MUST_PASS_ONE: 2 } as const;
export type FilterListOperator = (typeof FilterListOperator)[keyof typeof FilterListOperator];

export class FilterList extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}FilterList`;
  readonly operator: FilterListOperator;
  readonly #filters: Filter[] = [];
  #logic: FilterListWithAnd | FilterListWithOr;

  constructor(operator: FilterListOperator = FilterListOperator.MUST_PASS_ALL, filters: readonly Filter[] = []) {
    super();
    if (operator !== FilterListOperator.MUST_PASS_ALL && operator !== FilterListOperator.MUST_PASS_ONE) {
      throw new IllegalArgumentError(`Unknown FilterList operator ${operator}`);
    }
    this.operator = operator;
    this.#logic = this.#newLogic();
    for (const filter of filters) this.addFilter(filter);
  }

  get filters(): readonly Filter[] {
    return this.#filters;
  }

  /** Appends `filter`; it must share the list's reversed flag, and the nesting stays bounded. */
  addFilter(filter: Filter): this {
    if (filter === this) throw new IllegalArgumentError("A FilterList cannot contain itself");
    if (this.#filters.length > 0 && filter.reversed !== this.reversed) {
      throw new IllegalArgumentError("Filters in the list must have the same reversed flag");
    }
    this.#filters.push(filter);
    try {
      checkFilterDepth(this, LIMITS.filterDepthMax);
    } catch (error) {
      this.#filters.pop();
      throw error;
    }
    if (this.#filters.length === 1) super.setReversed(filter.reversed);
    this.#logic = this.#newLogic();
    return this;
  }

  override setReversed(reversed: boolean): void {
    super.setReversed(reversed);
    for (const filter of this.#filters) filter.setReversed(reversed);
  }

  override reset(): void {
    this.#logic.reset();
  }

  override filterAllRemaining(): boolean {
    return this.#filters.length > 0 && this.#logic.filterAllRemaining();
  }

  override filterRowKey(firstRowCell: Cell): boolean {
    return this.#filters.length > 0 && this.#logic.filterRowKey(firstRowCell);
  }

  override filterCell(cell: Cell): ReturnCode {
    if (this.#filters.length === 0) return ReturnCode.INCLUDE;
    return this.#logic instanceof FilterListWithOr ? this.#logic.filterCell(cell, this.reversed) : this.#logic.filterCell(cell);
  }

  override transformCell(cell: Cell): Cell {
    return this.#filters.length === 0 ? cell : this.#logic.transformCell(cell);
  }

  override filterRowCells(cells: Cell[]): void {
    for (const filter of this.#filters) filter.filterRowCells(cells);
  }

  override hasFilterRow(): boolean {
    return this.#filters.some((f) => f.hasFilterRow());
  }

  override filterRow(): boolean {
    return this.#filters.length > 0 && this.#logic.filterRow();
  }

  override getNextCellHint(cell: Cell): Cell | undefined {
    return this.#filters.length === 0 ? undefined : this.#logic.getNextCellHint(cell, this.reversed);
  }

  /** An empty list needs every family; otherwise a family any member needs. */
  override isFamilyEssential(family: Uint8Array): boolean {
    return this.#filters.length === 0 || this.#filters.some((f) => f.isFamilyEssential(family));
  }

  override children(): readonly Filter[] {
    return this.#filters;
  }

  protected fresh(): Filter {
    return new FilterList(this.operator, this.#filters.map((f) => f.copy()));
  }

  #newLogic(): FilterListWithAnd | FilterListWithOr {
    return this.operator === FilterListOperator.MUST_PASS_ALL ? new FilterListWithAnd(this.#filters) : new FilterListWithOr(this.#filters);
  }
}
