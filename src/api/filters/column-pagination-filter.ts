// ColumnPaginationFilter: per row, skips `offset` columns (or seeks to the `columnOffset`
// qualifier) and returns the newest version of the next `limit` columns, counting across
// families without resetting (data-semantics.md §5.7).

import { IllegalArgumentError } from "../errors.ts";
import { compareBytes } from "../../util/bytes.ts";
import type { Cell } from "../../cell/cell.ts";
import { firstOnColumn } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export class ColumnPaginationFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}ColumnPaginationFilter`;
  readonly limit: number;
  /** Columns to skip; -1 when columnOffset is used. */
  readonly offset: number;
  readonly columnOffset: Uint8Array | undefined;
  #count = 0;

  /** `start` is a column count to skip, or the qualifier to start at. */
  constructor(limit: number, start: number | Uint8Array) {
    super();
    if (!Number.isInteger(limit) || limit < 0) throw new IllegalArgumentError(`limit must be positive ${limit}`);
    if (typeof start === "number" && (!Number.isInteger(start) || start < 0)) throw new IllegalArgumentError(`offset must be positive ${start}`);
    this.limit = limit;
    this.offset = typeof start === "number" ? start : -1;
    this.columnOffset = typeof start === "number" ? undefined : start;
  }

  override filterCell(cell: Cell): ReturnCode {
    if (this.columnOffset !== undefined) return this.#byColumnOffset(cell, this.columnOffset);
    if (this.#count >= this.offset + this.limit) return ReturnCode.NEXT_ROW;
    const code = this.#count < this.offset ? ReturnCode.NEXT_COL : ReturnCode.INCLUDE_AND_NEXT_COL;
    this.#count++;
    return code;
  }

  #byColumnOffset(cell: Cell, columnOffset: Uint8Array): ReturnCode {
    if (this.#count >= this.limit) return ReturnCode.NEXT_ROW;
    if (this.#count === 0 && compareBytes(cell.qualifier, columnOffset) < 0) return ReturnCode.SEEK_NEXT_USING_HINT;
    this.#count++;
    return ReturnCode.INCLUDE_AND_NEXT_COL;
  }

  override getNextCellHint(cell: Cell): Cell | undefined {
    return this.columnOffset === undefined ? undefined : firstOnColumn(cell.row, cell.family, this.columnOffset);
  }

  override reset(): void {
    this.#count = 0;
  }

  protected fresh(): Filter {
    return new ColumnPaginationFilter(this.limit, this.columnOffset ?? this.offset);
  }
}
