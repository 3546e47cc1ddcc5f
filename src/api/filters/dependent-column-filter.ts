// DependentColumnFilter: keeps only cells whose timestamp equals the timestamp of a (matching)
// cell of the reference column family:qualifier in the same row; optionally drops the reference
// column itself (data-semantics.md §5.7). Needs the whole row (hasFilterRow).

import { equalBytes } from "../../util/bytes.ts";
import { CompareOperator } from "../operations.ts";
import type { Cell } from "../../cell/cell.ts";
import type { ByteArrayComparable } from "./comparators/byte-array-comparable.ts";
import { NullComparator } from "./comparators/null-comparator.ts";
import { CompareFilter, bytesFail } from "./compare-filter.ts";
import { FILTER_PACKAGE, type Filter, ReturnCode } from "./filter.ts";

export class DependentColumnFilter extends CompareFilter {
  readonly javaClass = `${FILTER_PACKAGE}DependentColumnFilter`;
  readonly family: Uint8Array;
  readonly qualifier: Uint8Array;
  readonly dropDependentColumn: boolean;
  /** Whether a value comparator was given (without one every reference cell counts). */
  readonly hasComparator: boolean;
  readonly #stamps = new Set<bigint>();

  constructor(options: { family: Uint8Array; qualifier: Uint8Array; dropDependentColumn?: boolean; op?: CompareOperator; comparator?: ByteArrayComparable }) {
    super(options.op ?? CompareOperator.NO_OP, options.comparator ?? new NullComparator());
    this.family = options.family;
    this.qualifier = options.qualifier;
    this.dropDependentColumn = options.dropDependentColumn ?? false;
    this.hasComparator = options.comparator !== undefined;
  }

  override filterCell(cell: Cell): ReturnCode {
    if (!equalBytes(cell.family, this.family) || !equalBytes(cell.qualifier, this.qualifier)) return ReturnCode.INCLUDE;
    if (this.hasComparator && bytesFail(this.op, this.comparator, cell.value)) return ReturnCode.SKIP;
    this.#stamps.add(cell.timestamp);
    return this.dropDependentColumn ? ReturnCode.SKIP : ReturnCode.INCLUDE;
  }

  override filterRowCells(cells: Cell[]): void {
    let kept = 0;
    for (const cell of cells) if (this.#stamps.has(cell.timestamp)) cells[kept++] = cell;
    cells.length = kept;
  }

  override hasFilterRow(): boolean {
    return true;
  }

  override reset(): void {
    this.#stamps.clear();
  }

  protected fresh(): Filter {
    return new DependentColumnFilter({
      family: this.family,
      qualifier: this.qualifier,
      dropDependentColumn: this.dropDependentColumn,
      op: this.op,
      comparator: this.hasComparator ? this.comparator : undefined,
    });
  }
}
