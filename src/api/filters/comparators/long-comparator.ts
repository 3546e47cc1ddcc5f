// LongComparator: operand and cell read as 8-byte signed big-endian longs and compared as numbers
// (data-semantics.md §5.6). A cell that is not 8 bytes long fails the read with a retryable
// IOException, as HBase's Bytes.toLong does once its RPC layer wraps the runtime exception.

import { FilterEvaluationError, IllegalArgumentError } from "../../errors.ts";
import { bytesToLong, longToBytes } from "../../../util/int64.ts";
import { FILTER_PACKAGE } from "../filter.ts";
import type { ByteArrayComparable } from "./byte-array-comparable.ts";

export class LongComparator implements ByteArrayComparable {
  readonly javaClass = `${FILTER_PACKAGE}LongComparator`;
  readonly value: Uint8Array;
  readonly #operand: bigint;

  constructor(operand: bigint) {
    this.#operand = operand;
    this.value = longToBytes(operand);
  }

  /** From the 8 operand bytes the wire carries. */
  static fromBytes(value: Uint8Array): LongComparator {
    if (value.length !== 8) throw new IllegalArgumentError(`A LongComparator operand is 8 bytes, not ${value.length}`);
    return new LongComparator(bytesToLong(value));
  }

  compareTo(cell: Uint8Array): number {
    const that = readLong(cell);
    return this.#operand < that ? -1 : this.#operand > that ? 1 : 0;
  }
}

function readLong(bytes: Uint8Array): bigint {
  if (bytes.length !== 8) {
    throw new FilterEvaluationError(`offset (0) + length (8) exceed the capacity of the array: ${bytes.length}`);
  }
  return bytesToLong(bytes);
}
