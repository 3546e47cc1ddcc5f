// RowFilter: keeps rows whose key satisfies "row OP operand" (data-semantics.md §5.7); rejected
// rows are skipped at filterRowKey without reading their cells.

import type { CompareOperator } from "../operations.ts";
import type { Cell } from "../../cell/cell.ts";
import type { ByteArrayComparable } from "./comparators/byte-array-comparable.ts";
import { CompareFilter, bytesFail } from "./compare-filter.ts";
import { FILTER_PACKAGE, type Filter, ReturnCode } from "./filter.ts";

export class RowFilter extends CompareFilter {
  readonly javaClass = `${FILTER_PACKAGE}RowFilter`;
  #filterOutRow = false;

  constructor(op: CompareOperator, comparator: ByteArrayComparable) {
    super(op, comparator);
  }

  override reset(): void {
    this.#filterOutRow = false;
  }

  override filterRowKey(firstRowCell: Cell): boolean {
    if (bytesFail(this.op, this.comparator, firstRowCell.row)) this.#filterOutRow = true;
    return this.#filterOutRow;
  }

  override filterCell(_cell: Cell): ReturnCode {
    return this.#filterOutRow ? ReturnCode.NEXT_ROW : ReturnCode.INCLUDE;
  }

  override filterRow(): boolean {
    return this.#filterOutRow;
  }

  protected fresh(): Filter {
    return new RowFilter(this.op, this.comparator);
  }
}
