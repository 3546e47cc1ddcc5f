// QualifierFilter: keeps cells whose qualifier satisfies "qualifier OP operand" (§5.7).

import type { CompareOperator } from "../operations.ts";
import type { Cell } from "../../cell/cell.ts";
import type { ByteArrayComparable } from "./comparators/byte-array-comparable.ts";
import { CompareFilter, bytesFail } from "./compare-filter.ts";
import { FILTER_PACKAGE, type Filter, ReturnCode } from "./filter.ts";

export class QualifierFilter extends CompareFilter {
  readonly javaClass = `${FILTER_PACKAGE}QualifierFilter`;

  constructor(op: CompareOperator, comparator: ByteArrayComparable) {
    super(op, comparator);
  }

  override filterCell(cell: Cell): ReturnCode {
    return bytesFail(this.op, this.comparator, cell.qualifier) ? ReturnCode.SKIP : ReturnCode.INCLUDE;
  }

  protected fresh(): Filter {
    return new QualifierFilter(this.op, this.comparator);
  }
}
