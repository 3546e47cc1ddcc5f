// ColumnValueFilter (HBase 2.x): returns only the cells of one family:qualifier whose value passes
// "value OP operand", unlike SingleColumnValueFilter, which keeps or drops the whole row. Other
// columns are skipped by column until the column is seen, then by row (data-semantics.md §5.7).

import { equalBytes } from "../../util/bytes.ts";
import type { CompareOperator } from "../operations.ts";
import type { Cell } from "../../cell/cell.ts";
import type { ByteArrayComparable } from "./comparators/byte-array-comparable.ts";
import { bytesFail } from "./compare-filter.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export interface ColumnValueOptions {
  family: Uint8Array;
  /** The qualifier; empty names the empty qualifier. */
  qualifier: Uint8Array;
  op: CompareOperator;
  comparator: ByteArrayComparable;
}

export class ColumnValueFilter extends FilterBase {
  readonly javaClass: string = `${FILTER_PACKAGE}ColumnValueFilter`;
  readonly family: Uint8Array;
  readonly qualifier: Uint8Array;
  readonly op: CompareOperator;
  readonly comparator: ByteArrayComparable;
  /** Set once the row's cells reached the column: every later column of the row is past it. */
  #columnFound = false;

  /** The option arrays are aliased, not copied. */
  constructor(options: ColumnValueOptions) {
    super();
    this.family = options.family;
    this.qualifier = options.qualifier;
    this.op = options.op;
    this.comparator = options.comparator;
  }

  override reset(): void {
    this.#columnFound = false;
  }

  /** Never drops a row by its key, not even when asked to end early (as HBase's override). */
  override filterRowKey(_firstRowCell: Cell): boolean {
    return false;
  }

  override filterCell(cell: Cell): ReturnCode {
    if (!equalBytes(cell.family, this.family) || !equalBytes(cell.qualifier, this.qualifier)) {
      return this.#columnFound ? ReturnCode.NEXT_ROW : ReturnCode.NEXT_COL;
    }
    this.#columnFound = true;
    return bytesFail(this.op, this.comparator, cell.value) ? ReturnCode.SKIP : ReturnCode.INCLUDE;
  }

  override isFamilyEssential(family: Uint8Array): boolean {
    return equalBytes(family, this.family);
  }

  protected fresh(): Filter {
    const { family, qualifier, op, comparator } = this;
    return new ColumnValueFilter({ family, qualifier, op, comparator });
  }
}
