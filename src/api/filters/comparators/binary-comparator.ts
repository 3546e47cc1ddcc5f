// BinaryComparator: unsigned lexicographic comparison of the operand with the whole cell bytes
// (data-semantics.md §5.6).

import { compareBytes } from "../../../util/bytes.ts";
import { FILTER_PACKAGE } from "../filter.ts";
import type { ByteArrayComparable } from "./byte-array-comparable.ts";

export class BinaryComparator implements ByteArrayComparable {
  readonly javaClass = `${FILTER_PACKAGE}BinaryComparator`;
  readonly value: Uint8Array;

  /** `value` is aliased, not copied; do not modify it afterwards. */
  constructor(value: Uint8Array) {
    this.value = value;
  }

  compareTo(cell: Uint8Array): number {
    return compareBytes(this.value, cell);
  }
}
