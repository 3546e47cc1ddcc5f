// PageFilter: at most pageSize rows per region scanner, counted when they reach filterRow (§5.7);
// after that the scan ends. A table scan over several regions can return more rows in total.

import { IllegalArgumentError } from "../errors.ts";
import { FILTER_PACKAGE, type Filter, FilterBase } from "./filter.ts";

export class PageFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}PageFilter`;
  readonly pageSize: bigint;
  #rowsAccepted = 0n;

  constructor(pageSize: bigint | number) {
    super();
    const size = BigInt(pageSize);
    if (size < 0n) throw new IllegalArgumentError(`must be positive ${size}`);
    this.pageSize = size;
  }

  override filterAllRemaining(): boolean {
    return this.#rowsAccepted >= this.pageSize;
  }

  override filterRow(): boolean {
    this.#rowsAccepted++;
    return this.#rowsAccepted > this.pageSize;
  }

  override hasFilterRow(): boolean {
    return true;
  }

  protected fresh(): Filter {
    return new PageFilter(this.pageSize);
  }
}
