// InclusiveStopFilter: rows up to and including the stop row (reversed: down to it); the first
// row beyond ends the whole scan (data-semantics.md §5.7).

import { compareBytes } from "../../util/bytes.ts";
import type { Cell } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export class InclusiveStopFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}InclusiveStopFilter`;
  readonly stopRowKey: Uint8Array;
  #done = false;

  constructor(stopRowKey: Uint8Array) {
    super();
    this.stopRowKey = stopRowKey;
  }

  override filterCell(_cell: Cell): ReturnCode {
    return this.#done ? ReturnCode.NEXT_ROW : ReturnCode.INCLUDE;
  }

  override filterRowKey(firstRowCell: Cell): boolean {
    if (this.#done) return true;
    const cmp = compareBytes(firstRowCell.row, this.stopRowKey);
    this.#done = this.reversed ? cmp < 0 : cmp > 0;
    return this.#done;
  }

  override filterAllRemaining(): boolean {
    return this.#done;
  }

  protected fresh(): Filter {
    return new InclusiveStopFilter(this.stopRowKey);
  }
}
