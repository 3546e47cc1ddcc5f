// ColumnCountGetFilter: the newest version of the first `limit` columns of a row; at the next
// column it reports "all remaining filtered", which ends the scan (meant for Get; §5.7).

import { IllegalArgumentError } from "../errors.ts";
import type { Cell } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export class ColumnCountGetFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}ColumnCountGetFilter`;
  readonly limit: number;
  #count = 0;

  constructor(limit: number) {
    super();
    if (!Number.isInteger(limit) || limit < 0) throw new IllegalArgumentError(`limit be positive ${limit}`);
    this.limit = limit;
  }

  override filterAllRemaining(): boolean {
    return this.#count > this.limit;
  }

  override filterCell(_cell: Cell): ReturnCode {
    this.#count++;
    return this.filterAllRemaining() ? ReturnCode.NEXT_COL : ReturnCode.INCLUDE_AND_NEXT_COL;
  }

  override reset(): void {
    this.#count = 0;
  }

  protected fresh(): Filter {
    return new ColumnCountGetFilter(this.limit);
  }
}
