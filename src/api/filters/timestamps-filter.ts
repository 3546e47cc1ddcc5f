// TimestampsFilter: only cells whose timestamp is in the set; cells older than the smallest one end
// the column; other misses are skipped, or sought past with canHint (data-semantics.md §5.7).

import { IllegalArgumentError } from "../errors.ts";
import { CellType } from "../../cell/cell-type.ts";
import type { Cell } from "../../cell/cell.ts";
import { lastOnColumn, makeCell } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export class TimestampsFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}TimestampsFilter`;
  override readonly hinting = true;
  /** Distinct timestamps, ascending. */
  readonly timestamps: readonly bigint[];
  readonly canHint: boolean;
  readonly #set: Set<bigint>;
  readonly #min: bigint;

  constructor(timestamps: readonly (bigint | number)[], canHint = false) {
    super();
    const distinct = [...new Set(timestamps.map((t) => BigInt(t)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const ts of distinct) if (ts < 0n) throw new IllegalArgumentError(`must be positive ${ts}`);
    this.timestamps = distinct;
    this.canHint = canHint;
    this.#set = new Set(distinct);
    this.#min = distinct.length > 0 ? distinct[0] : 0x7fffffffffffffffn;
  }

  override filterCell(cell: Cell): ReturnCode {
    if (this.#set.has(cell.timestamp)) return ReturnCode.INCLUDE;
    if (cell.timestamp < this.#min) return ReturnCode.NEXT_COL;
    return this.canHint ? ReturnCode.SEEK_NEXT_USING_HINT : ReturnCode.SKIP;
  }

  /** The next wanted (lower) timestamp of this column, or past the column when none is left. */
  override getNextCellHint(cell: Cell): Cell | undefined {
    if (!this.canHint) return undefined;
    let next: bigint | undefined;
    for (const ts of this.timestamps) if (ts < cell.timestamp) next = ts;
    if (next === undefined) return lastOnColumn(cell.row, cell.family, cell.qualifier);
    return makeCell({ row: cell.row, family: cell.family, qualifier: cell.qualifier, timestamp: next, type: CellType.Maximum });
  }

  protected fresh(): Filter {
    return new TimestampsFilter(this.timestamps, this.canHint);
  }
}
