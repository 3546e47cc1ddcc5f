// SubstringComparator: the cell decoded as UTF-8 and lower-cased contains the lower-cased operand
// → 0, else 1 (data-semantics.md §5.6). Lower-casing is locale-independent, as Locale.ROOT is.

import { toBytes, toUtf8 } from "../../../util/bytes.ts";
import { FILTER_PACKAGE } from "../filter.ts";
import type { ByteArrayComparable } from "./byte-array-comparable.ts";

export class SubstringComparator implements ByteArrayComparable {
  readonly javaClass = `${FILTER_PACKAGE}SubstringComparator`;
  /** The lower-cased substring (what the wire carries). */
  readonly substr: string;
  readonly value: Uint8Array;

  constructor(substr: string) {
    this.substr = substr.toLowerCase();
    this.value = toBytes(this.substr);
  }

  compareTo(cell: Uint8Array): number {
    return toUtf8(cell).toLowerCase().includes(this.substr) ? 0 : 1;
  }
}
