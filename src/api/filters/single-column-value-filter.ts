// SingleColumnValueFilter: keeps whole rows by the value of one column family:qualifier as the
// filter sees it (data-semantics.md §5.7). latestVersionOnly tests only the newest delivered
// version; filterIfMissing drops rows without the column. Needs the whole row (hasFilterRow).

import { equalBytes } from "../../util/bytes.ts";
import type { CompareOperator } from "../operations.ts";
import type { Cell } from "../../cell/cell.ts";
import type { ByteArrayComparable } from "./comparators/byte-array-comparable.ts";
import { compareFails } from "./compare-filter.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export interface SingleColumnValueOptions {
  family: Uint8Array;
  qualifier: Uint8Array;
  op: CompareOperator;
  comparator: ByteArrayComparable;
  /** Drop rows that lack the column (default false). */
  filterIfMissing?: boolean;
  /** Test only the newest version (default true). */
  latestVersionOnly?: boolean;
}

export class SingleColumnValueFilter extends FilterBase {
  readonly javaClass: string = `${FILTER_PACKAGE}SingleColumnValueFilter`;
  readonly family: Uint8Array;
  readonly qualifier: Uint8Array;
  readonly op: CompareOperator;
  readonly comparator: ByteArrayComparable;
  filterIfMissing: boolean;
  latestVersionOnly: boolean;
  #foundColumn = false;
  #matchedColumn = false;

  constructor(options: SingleColumnValueOptions) {
    super();
    this.family = options.family;
    this.qualifier = options.qualifier;
    this.op = options.op;
    this.comparator = options.comparator;
    this.filterIfMissing = options.filterIfMissing ?? false;
    this.latestVersionOnly = options.latestVersionOnly ?? true;
  }

  setFilterIfMissing(on: boolean): this {
    this.filterIfMissing = on;
    return this;
  }

  setLatestVersionOnly(on: boolean): this {
    this.latestVersionOnly = on;
    return this;
  }

  override filterCell(cell: Cell): ReturnCode {
    if (this.#matchedColumn) return ReturnCode.INCLUDE;
    if (this.latestVersionOnly && this.#foundColumn) return ReturnCode.NEXT_ROW;
    if (!this.matchesColumn(cell)) return ReturnCode.INCLUDE;
    this.#foundColumn = true;
    if (compareFails(this.op, this.comparator.compareTo(cell.value))) {
      return this.latestVersionOnly ? ReturnCode.NEXT_ROW : ReturnCode.INCLUDE;
    }
    this.#matchedColumn = true;
    return ReturnCode.INCLUDE;
  }

  /** Without filterIfMissing a row lacking the column is kept, so every family is needed. */
  override isFamilyEssential(family: Uint8Array): boolean {
    return !this.filterIfMissing || equalBytes(family, this.family);
  }

  override filterRow(): boolean {
    return this.#foundColumn ? !this.#matchedColumn : this.filterIfMissing;
  }

  override hasFilterRow(): boolean {
    return true;
  }

  override reset(): void {
    this.#foundColumn = false;
    this.#matchedColumn = false;
  }

  protected matchesColumn(cell: Cell): boolean {
    return equalBytes(cell.family, this.family) && equalBytes(cell.qualifier, this.qualifier);
  }

  protected options(): SingleColumnValueOptions {
    const { family, qualifier, op, comparator, filterIfMissing, latestVersionOnly } = this;
    return { family, qualifier, op, comparator, filterIfMissing, latestVersionOnly };
  }

  protected fresh(): Filter {
    return new SingleColumnValueFilter(this.options());
  }
}
