// BinaryComponentComparator: the operand against the cell bytes that start at `offset`, for as
// many bytes as the operand has (data-semantics.md §5.6). A cell no longer than `offset` fails the
// read, as HBase's OffsetOutOfBoundsException does. A cell that ends inside the component compares
// as the bytes it has (shorter sorts first), where HBase reads past the array's end.

import { compareBytes } from "../../../util/bytes.ts";
import { FilterEvaluationError } from "../../errors.ts";
import { FILTER_PACKAGE } from "../filter.ts";
import type { ByteArrayComparable } from "./byte-array-comparable.ts";

export class BinaryComponentComparator implements ByteArrayComparable {
  readonly javaClass = `${FILTER_PACKAGE}BinaryComponentComparator`;
  readonly value: Uint8Array;
  /** Where the component starts in the cell bytes (0-based, non-negative). */
  readonly offset: number;

  /** `value` is aliased, not copied. */
  constructor(value: Uint8Array, offset: number) {
    this.value = value;
    this.offset = offset;
  }

  compareTo(cell: Uint8Array): number {
    if (this.offset >= cell.length) {
      throw new FilterEvaluationError(
        `A byte array was encountered with a length ${cell.length} that is too short/incompatible with the offset value ${this.offset} provided to BinaryComponentComparator`,
      );
    }
    return compareBytes(this.value, cell.subarray(this.offset, this.offset + this.value.length));
  }
}
