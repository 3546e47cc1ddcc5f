// BitComparator: 0 ("equal") when the cell has the operand's length and `operand OP cell` has a
// non-zero byte for OP in AND, OR, XOR; otherwise 1 (data-semantics.md §5.6). Only EQUAL and
// NOT_EQUAL are meaningful with it.

import { FILTER_PACKAGE } from "../filter.ts";
import type { ByteArrayComparable } from "./byte-array-comparable.ts";

/** Bitwise operators; the values are the wire enum (BitComparator.BitwiseOp). */
export const BitwiseOp = { AND: 1, OR: 2, XOR: 3 } as const;
export type BitwiseOp = (typeof BitwiseOp)[keyof typeof BitwiseOp];

export class BitComparator implements ByteArrayComparable {
  readonly javaClass = `${FILTER_PACKAGE}BitComparator`;
  readonly value: Uint8Array;
  readonly op: BitwiseOp;

  /** `value` is aliased, not copied. */
  constructor(value: Uint8Array, op: BitwiseOp) {
    this.value = value;
    this.op = op;
  }

  compareTo(cell: Uint8Array): number {
    if (cell.length !== this.value.length) return 1;
    for (let i = 0; i < cell.length; i++) {
      if (combine(this.op, this.value[i], cell[i]) !== 0) return 0;
    }
    return 1;
  }
}

function combine(op: BitwiseOp, a: number, b: number): number {
  if (op === BitwiseOp.AND) return a & b;
  if (op === BitwiseOp.OR) return a | b;
  return a ^ b;
}
