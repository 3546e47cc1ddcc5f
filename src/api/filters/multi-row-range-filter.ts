// MultiRowRangeFilter: rows inside any of a set of row ranges (data-semantics.md §5.7). Ranges are
// sorted and merged at construction; rows between ranges seek to the next one and the first row
// past the last range (in scan direction) ends the scan.

import { IllegalArgumentError } from "../errors.ts";
import { closestRowAfterPrefix } from "../operations.ts";
import { toStringBinary } from "../../util/bytes.ts";
import type { Cell } from "../../cell/cell.ts";
import { firstOnRow } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";
import { type RowRange, isValidRange, rangeAfter, rangeBefore, rangeContains, sortAndMergeRanges } from "./row-range.ts";

export type { RowRange };

export class MultiRowRangeFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}MultiRowRangeFilter`;
  override readonly hinting = true;
  /** Sorted, non-overlapping ranges. */
  readonly ranges: readonly RowRange[];
  #done = false;
  #code: ReturnCode = ReturnCode.INCLUDE;
  #hint: Uint8Array | undefined;

  constructor(ranges: readonly RowRange[]) {
    super();
    if (ranges.length === 0) throw new IllegalArgumentError("No ranges found.");
    for (const r of ranges) {
      if (!isValidRange(r)) throw new IllegalArgumentError(`Invalid range: start row ${toStringBinary(r.startRow)} is after stop row ${toStringBinary(r.stopRow)}`);
    }
    this.ranges = sortAndMergeRanges(ranges);
  }

  /** Ranges [p, next(p)) for every prefix. */
  static fromPrefixes(prefixes: readonly Uint8Array[]): MultiRowRangeFilter {
    return new MultiRowRangeFilter(prefixes.map((p) => ({ startRow: p, startRowInclusive: true, stopRow: closestRowAfterPrefix(p), stopRowInclusive: false })));
  }

  override filterAllRemaining(): boolean {
    return this.#done;
  }

  override filterRowKey(firstRowCell: Cell): boolean {
    if (this.#done) return true;
    const row = firstRowCell.row;
    if (this.ranges.some((r) => rangeContains(r, row))) {
      this.#code = ReturnCode.INCLUDE;
      return false;
    }
    const ahead = this.reversed ? [...this.ranges].reverse().find((r) => rangeBefore(r, row)) : this.ranges.find((r) => rangeAfter(r, row));
    if (ahead === undefined) {
      this.#done = true;
      this.#code = ReturnCode.NEXT_ROW;
      return false;
    }
    this.#hint = this.reversed ? ahead.stopRow : ahead.startRow;
    this.#code = ReturnCode.SEEK_NEXT_USING_HINT;
    return false;
  }

  override filterCell(_cell: Cell): ReturnCode {
    return this.#code;
  }

  override getNextCellHint(_cell: Cell): Cell | undefined {
    return this.#hint === undefined ? undefined : firstOnRow(this.#hint);
  }

  protected fresh(): Filter {
    return new MultiRowRangeFilter(this.ranges);
  }
}

