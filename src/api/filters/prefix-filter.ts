// PrefixFilter: rows starting with the prefix (data-semantics.md §5.7). Rows before the prefix
// range seek to it; the first row past it (in scan direction) ends the whole scan.

import { compareBytes, concatBytes } from "../../util/bytes.ts";
import type { Cell } from "../../cell/cell.ts";
import { firstOnRow } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export class PrefixFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}PrefixFilter`;
  override readonly hinting = true;
  /** undefined (null on the wire) filters every row. */
  readonly prefix: Uint8Array | undefined;
  #passedPrefix = false;
  #filterRow = true;
  #provideHint = false;

  constructor(prefix: Uint8Array | undefined) {
    super();
    this.prefix = prefix;
  }

  override filterRowKey(firstRowCell: Cell): boolean {
    if (this.prefix === undefined) return true;
    if (this.#passedPrefix) return true;
    const row = firstRowCell.row;
    const cmp = compareBytes(row.subarray(0, Math.min(row.length, this.prefix.length)), this.prefix);
    const head = row.length < this.prefix.length && cmp === 0 ? -1 : cmp;
    if ((!this.reversed && head > 0) || (this.reversed && head < 0)) this.#passedPrefix = true;
    this.#filterRow = head !== 0;
    this.#provideHint = (!this.reversed && head < 0) || (this.reversed && head > 0);
    return this.#passedPrefix;
  }

  override filterCell(_cell: Cell): ReturnCode {
    if (this.#provideHint) return ReturnCode.SEEK_NEXT_USING_HINT;
    return this.#filterRow ? ReturnCode.NEXT_ROW : ReturnCode.INCLUDE;
  }

  override filterRow(): boolean {
    return this.#filterRow;
  }

  override reset(): void {
    this.#filterRow = true;
  }

  override filterAllRemaining(): boolean {
    return this.#passedPrefix;
  }

  override getNextCellHint(_cell: Cell): Cell | undefined {
    if (this.prefix === undefined) return undefined;
    return firstOnRow(this.reversed ? concatBytes([this.prefix, new Uint8Array([0xff])]) : this.prefix);
  }

  protected fresh(): Filter {
    return new PrefixFilter(this.prefix);
  }
}
