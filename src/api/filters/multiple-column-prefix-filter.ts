// MultipleColumnPrefixFilter: qualifiers starting with any of the prefixes (data-semantics.md
// §5.7); seeks to the next prefix between them and skips the row's family after the last one.

import { IllegalArgumentError } from "../errors.ts";
import { compareBytes, startsWith } from "../../util/bytes.ts";
import type { Cell } from "../../cell/cell.ts";
import { firstOnColumn } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export class MultipleColumnPrefixFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}MultipleColumnPrefixFilter`;
  override readonly hinting = true;
  /** Distinct prefixes in byte order. */
  readonly sortedPrefixes: readonly Uint8Array[];
  #hint: Uint8Array | undefined;

  constructor(prefixes: readonly Uint8Array[]) {
    super();
    const sorted = [...prefixes].sort(compareBytes);
    for (let i = 1; i < sorted.length; i++) {
      if (compareBytes(sorted[i - 1], sorted[i]) === 0) throw new IllegalArgumentError("prefixes must be distinct");
    }
    this.sortedPrefixes = sorted;
  }

  override filterCell(cell: Cell): ReturnCode {
    const prefixes = this.sortedPrefixes;
    if (prefixes.length === 0) return ReturnCode.INCLUDE;
    const at = countAtOrBelow(prefixes, cell.qualifier);
    if (at === 0) {
      this.#hint = prefixes[0];
      return ReturnCode.SEEK_NEXT_USING_HINT;
    }
    if (startsWith(cell.qualifier, prefixes[at - 1])) return ReturnCode.INCLUDE;
    if (at === prefixes.length) return ReturnCode.NEXT_ROW;
    this.#hint = prefixes[at];
    return ReturnCode.SEEK_NEXT_USING_HINT;
  }

  override getNextCellHint(cell: Cell): Cell | undefined {
    return this.#hint === undefined ? undefined : firstOnColumn(cell.row, cell.family, this.#hint);
  }

  protected fresh(): Filter {
    return new MultipleColumnPrefixFilter(this.sortedPrefixes);
  }
}

/** How many sorted prefixes are <= `qualifier` (binary search). */
function countAtOrBelow(prefixes: readonly Uint8Array[], qualifier: Uint8Array): number {
  let lo = 0;
  let hi = prefixes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareBytes(prefixes[mid], qualifier) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
