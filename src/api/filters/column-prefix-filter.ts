// ColumnPrefixFilter: qualifiers starting with the prefix (data-semantics.md §5.7). Qualifiers
// before it seek to it; the first one past it skips the rest of the row in this family.

import { compareBytes } from "../../util/bytes.ts";
import type { Cell } from "../../cell/cell.ts";
import { firstOnColumn } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export class ColumnPrefixFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}ColumnPrefixFilter`;
  override readonly hinting = true;
  readonly prefix: Uint8Array;

  constructor(prefix: Uint8Array) {
    super();
    this.prefix = prefix;
  }

  override filterCell(cell: Cell): ReturnCode {
    return prefixCode(cell.qualifier, this.prefix);
  }

  override getNextCellHint(cell: Cell): Cell | undefined {
    return firstOnColumn(cell.row, cell.family, this.prefix);
  }

  protected fresh(): Filter {
    return new ColumnPrefixFilter(this.prefix);
  }
}

/** INCLUDE inside the prefix, SEEK before it, NEXT_ROW after it. */
export function prefixCode(qualifier: Uint8Array, prefix: Uint8Array): ReturnCode {
  const n = Math.min(qualifier.length, prefix.length);
  const cmp = compareBytes(qualifier.subarray(0, n), prefix.subarray(0, n));
  if (qualifier.length < prefix.length) return cmp <= 0 ? ReturnCode.SEEK_NEXT_USING_HINT : ReturnCode.NEXT_ROW;
  if (cmp < 0) return ReturnCode.SEEK_NEXT_USING_HINT;
  return cmp > 0 ? ReturnCode.NEXT_ROW : ReturnCode.INCLUDE;
}
