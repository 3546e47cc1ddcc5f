// Reads one region row by row across its stores (families in name order), inside the scan's row
// range and the region's key range, skipping rows with nothing visible (data-semantics.md §3.1,
// §3.3: a scanner never returns an empty row). Forward or reversed. A filter (§5.1) is asked
// filterAllRemaining before each row, which ends this scanner; filterRowKey, which passes the row
// over unread; then filterRowCells/filterRow on the gathered row; and reset between rows.

import { assert } from "../util/assert.ts";
import { compareBytes } from "../util/bytes.ts";
import type { Cell } from "../cell/cell.ts";
import { firstOnRow } from "../cell/cell.ts";
import type { StoreScanner } from "./store-scanner.ts";
import type { ReadFilter } from "./user-query-matcher.ts";

export interface RowRange {
  /** Forward: inclusive low end checked by the start seek; reversed: not used here. */
  readonly stopRow: Uint8Array;
  readonly includeStopRow: boolean;
  readonly regionStartKey: Uint8Array;
  readonly regionEndKey: Uint8Array;
  readonly reversed: boolean;
}

export class RegionScanner {
  readonly #stores: StoreScanner[];
  readonly #range: RowRange;
  readonly #filter: ReadFilter | undefined;
  #done = false;
  /** The filter ended the scan while a further row was waiting (sticky across reset()). */
  #filterEnded = false;

  /**
   * `stores` must be started (positioned) already and sorted by family; `filter` is the one their
   * matchers share.
   */
  constructor(stores: StoreScanner[], range: RowRange, filter?: ReadFilter) {
    this.#stores = stores;
    this.#range = range;
    this.#filter = filter;
  }

  /** Whether the filter said every remaining row is filtered (the whole scan ends, §5.1). */
  get filterDone(): boolean {
    return this.#filterEnded || (this.#filter !== undefined && this.#filter.filter.filterAllRemaining());
  }

  /** Cells of the next row with anything visible, in key order; undefined when the range is done. */
  async nextRow(): Promise<Cell[] | undefined> {
    while (!this.#done) {
      const row = this.#peekRow();
      if (this.filterDone || row === undefined || !this.#inRange(row)) {
        this.#done = true;
        break;
      }
      const cells = this.#filter?.filter.filterRowKey(firstOnRow(row)) ? await this.#passOver(row) : await this.#readRow(row);
      const kept = this.#filterRow(cells);
      // HBase's matcher asks filterAllRemaining at the next cell, before the filter is reset for
      // the next row: a filter done at the end of a row (ColumnCountGetFilter) ends the scan
      // there when another row follows in this region.
      const doneAtRowEnd = this.#filter?.filter.filterAllRemaining() ?? false;
      this.#filter?.filter.reset();
      if (doneAtRowEnd && this.#hasNextRow()) {
        this.#filterEnded = true;
        this.#done = true;
      }
      if (kept.length > 0) return kept;
    }
    return undefined;
  }

  async #readRow(row: Uint8Array): Promise<Cell[]> {
    const cells: Cell[] = [];
    for (const store of this.#stores) {
      if (store.peekRow() !== undefined && compareBytes(store.peekRow()!, row) === 0) await store.readRow(row, cells);
    }
    return cells;
  }

  /** Consumes a row that filterRowKey rejected; the matchers return nothing for it. */
  async #passOver(row: Uint8Array): Promise<Cell[]> {
    const filter = this.#filter!;
    filter.skipRow = true;
    try {
      const cells = await this.#readRow(row);
      assert(cells.length === 0, "a row rejected by filterRowKey returned cells");
    } finally {
      filter.skipRow = false;
    }
    return [];
  }

  /** filterRowCells and filterRow on a gathered row (§5.1 step 4); empty rows are never asked. */
  #filterRow(cells: Cell[]): Cell[] {
    const filter = this.#filter?.filter;
    if (filter === undefined || cells.length === 0) return cells;
    if (filter.hasFilterRow()) {
      filter.filterRowCells(cells);
      if (cells.length === 0) return cells;
    }
    return filter.filterRow() ? [] : cells;
  }

  close(): void {
    this.#done = true;
    for (const store of this.#stores) store.close();
  }

  #hasNextRow(): boolean {
    const next = this.#peekRow();
    return next !== undefined && this.#inRange(next);
  }

  #peekRow(): Uint8Array | undefined {
    let best: Uint8Array | undefined;
    for (const store of this.#stores) {
      const row = store.peekRow();
      if (row === undefined) continue;
      const c = best === undefined ? -1 : compareBytes(row, best);
      if (best === undefined || (this.#range.reversed ? c > 0 : c < 0)) best = row;
    }
    return best;
  }

  #inRange(row: Uint8Array): boolean {
    const r = this.#range;
    if (!r.reversed) {
      if (r.regionEndKey.length > 0 && compareBytes(row, r.regionEndKey) >= 0) return false;
      if (r.stopRow.length === 0) return true;
      const c = compareBytes(row, r.stopRow);
      return r.includeStopRow ? c <= 0 : c < 0;
    }
    if (compareBytes(row, r.regionStartKey) < 0) return false;
    if (r.stopRow.length === 0) return true;
    const c = compareBytes(row, r.stopRow);
    return r.includeStopRow ? c >= 0 : c > 0;
  }
}
