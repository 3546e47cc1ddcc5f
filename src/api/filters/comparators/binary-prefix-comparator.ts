// BinaryPrefixComparator: the operand against the cell's first min(len(operand), len(cell)) bytes,
// so any cell that starts with the operand compares equal (data-semantics.md §5.6).

import { compareBytes } from "../../../util/bytes.ts";
import { FILTER_PACKAGE } from "../filter.ts";
import type { ByteArrayComparable } from "./byte-array-comparable.ts";

export class BinaryPrefixComparator implements ByteArrayComparable {
  readonly javaClass = `${FILTER_PACKAGE}BinaryPrefixComparator`;
  readonly value: Uint8Array;

  /** `value` is aliased, not copied. */
  constructor(value: Uint8Array) {
    this.value = value;
  }

  compareTo(cell: Uint8Array): number {
    const n = Math.min(this.value.length, cell.length);
    return compareBytes(this.value, cell.subarray(0, n));
  }
}
