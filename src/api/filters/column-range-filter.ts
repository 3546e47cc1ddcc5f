// ColumnRangeFilter: qualifiers between min and max (undefined = unbounded; min inclusive and max
// exclusive by default). Below min seeks to it; past max skips the row's family (§5.7).

import { compareBytes, EMPTY_BYTES } from "../../util/bytes.ts";
import type { Cell } from "../../cell/cell.ts";
import { firstOnColumn } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export interface ColumnRange {
  minColumn?: Uint8Array;
  minColumnInclusive?: boolean;
  maxColumn?: Uint8Array;
  maxColumnInclusive?: boolean;
}

export class ColumnRangeFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}ColumnRangeFilter`;
  override readonly hinting = true;
  readonly minColumn: Uint8Array | undefined;
  readonly minColumnInclusive: boolean;
  readonly maxColumn: Uint8Array | undefined;
  readonly maxColumnInclusive: boolean;

  constructor(range: ColumnRange) {
    super();
    this.minColumn = range.minColumn;
    this.minColumnInclusive = range.minColumnInclusive ?? true;
    this.maxColumn = range.maxColumn;
    this.maxColumnInclusive = range.maxColumnInclusive ?? false;
  }

  override filterCell(cell: Cell): ReturnCode {
    const cmpMin = this.minColumn === undefined ? 1 : compareBytes(cell.qualifier, this.minColumn);
    if (cmpMin < 0) return ReturnCode.SEEK_NEXT_USING_HINT;
    if (!this.minColumnInclusive && cmpMin === 0) return ReturnCode.NEXT_COL;
    if (this.maxColumn === undefined) return ReturnCode.INCLUDE;
    const cmpMax = compareBytes(cell.qualifier, this.maxColumn);
    if (this.maxColumnInclusive ? cmpMax <= 0 : cmpMax < 0) return ReturnCode.INCLUDE;
    return ReturnCode.NEXT_ROW;
  }

  override getNextCellHint(cell: Cell): Cell | undefined {
    return firstOnColumn(cell.row, cell.family, this.minColumn ?? EMPTY_BYTES);
  }

  protected fresh(): Filter {
    return new ColumnRangeFilter(this);
  }
}
