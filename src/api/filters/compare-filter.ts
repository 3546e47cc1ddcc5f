// What the compare filters share (CompareFilter, data-semantics.md §5.5): an operator and a
// comparator; a cell part is kept when "cell OP operand" holds, because the comparator answers
// compare(operand, cell). NO_OP keeps nothing.

import { IllegalArgumentError } from "../errors.ts";
import { CompareOperator } from "../operations.ts";
import type { ByteArrayComparable } from "./comparators/byte-array-comparable.ts";
import { FilterBase } from "./filter.ts";

/** True when `r = compare(operand, cell)` means the cell fails `op` (is filtered out). */
export function compareFails(op: CompareOperator, r: number): boolean {
  switch (op) {
    case CompareOperator.LESS: return r <= 0;
    case CompareOperator.LESS_OR_EQUAL: return r < 0;
    case CompareOperator.EQUAL: return r !== 0;
    case CompareOperator.NOT_EQUAL: return r === 0;
    case CompareOperator.GREATER_OR_EQUAL: return r > 0;
    case CompareOperator.GREATER: return r >= 0;
    default: throw new IllegalArgumentError(`Unknown Compare op ${op}`);
  }
}

/** Whether `bytes` (a row, family, qualifier or value) fails "bytes OP operand"; NO_OP always fails. */
export function bytesFail(op: CompareOperator, comparator: ByteArrayComparable, bytes: Uint8Array): boolean {
  if (op === CompareOperator.NO_OP) return true;
  return compareFails(op, comparator.compareTo(bytes));
}

export abstract class CompareFilter extends FilterBase {
  readonly op: CompareOperator;
  readonly comparator: ByteArrayComparable;

  constructor(op: CompareOperator, comparator: ByteArrayComparable) {
    super();
    this.op = op;
    this.comparator = comparator;
  }
}
