// ValueFilter: keeps cells whose value satisfies "value OP operand" (§5.7); so ValueFilter(LESS, x)
// keeps values below x.

import type { CompareOperator } from "../operations.ts";
import type { Cell } from "../../cell/cell.ts";
import type { ByteArrayComparable } from "./comparators/byte-array-comparable.ts";
import { CompareFilter, bytesFail } from "./compare-filter.ts";
import { FILTER_PACKAGE, type Filter, ReturnCode } from "./filter.ts";

export class ValueFilter extends CompareFilter {
  readonly javaClass = `${FILTER_PACKAGE}ValueFilter`;

  constructor(op: CompareOperator, comparator: ByteArrayComparable) {
    super(op, comparator);
  }

  override filterCell(cell: Cell): ReturnCode {
    return bytesFail(this.op, this.comparator, cell.value) ? ReturnCode.SKIP : ReturnCode.INCLUDE;
  }

  protected fresh(): Filter {
    return new ValueFilter(this.op, this.comparator);
  }
}
