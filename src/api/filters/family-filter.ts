// FamilyFilter: keeps cells whose family satisfies "family OP operand"; a failing family skips the
// rest of the row in that family (data-semantics.md §5.7).

import type { CompareOperator } from "../operations.ts";
import type { Cell } from "../../cell/cell.ts";
import type { ByteArrayComparable } from "./comparators/byte-array-comparable.ts";
import { CompareFilter, bytesFail } from "./compare-filter.ts";
import { FILTER_PACKAGE, type Filter, ReturnCode } from "./filter.ts";

export class FamilyFilter extends CompareFilter {
  readonly javaClass = `${FILTER_PACKAGE}FamilyFilter`;

  constructor(op: CompareOperator, comparator: ByteArrayComparable) {
    super(op, comparator);
  }

  override filterCell(cell: Cell): ReturnCode {
    if (cell.family.length > 0 && bytesFail(this.op, this.comparator, cell.family)) return ReturnCode.NEXT_ROW;
    return ReturnCode.INCLUDE;
  }

  protected fresh(): Filter {
    return new FamilyFilter(this.op, this.comparator);
  }
}
