// NullComparator: 0 only for a null array. Cell bytes are never null here, so it always answers 1:
// EQUAL never matches (not even an empty value) and NOT_EQUAL always does (data-semantics.md §5.6).

import { EMPTY_BYTES } from "../../../util/bytes.ts";
import { FILTER_PACKAGE } from "../filter.ts";
import type { ByteArrayComparable } from "./byte-array-comparable.ts";

export class NullComparator implements ByteArrayComparable {
  readonly javaClass = `${FILTER_PACKAGE}NullComparator`;
  readonly value = EMPTY_BYTES;

  compareTo(_cell: Uint8Array): number {
    return 1;
  }
}
