// Reads one region row by row across its stores (families in name order), inside the scan's row
// range and the region's key range, skipping rows with nothing visible (data-semantics.md §3.1,
// §3.3: a scanner never returns an empty row). Forward or reversed. A filter (§5.1) is asked
// filterAllRemaining before each row, which ends this scanner; filterRowKey, which passes the row
// over unread; then filterRowCells/filterRow on the gathered row; and reset between rows.

import { assert } from "../util/assert.ts";
import { IncompatibleFilterError } from "../api/errors.ts";
import { compareBytes, equalBytes } from "../util/bytes.ts";
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
  /** Scan.batch (-1 for none): a filter needing whole rows fails on a row it would cut. */
  readonly batch?: number;
  /** Whether rows may be cut into several Results (batch, partial results): keeps lastRowMore. */
  readonly cutsRows?: boolean;
}

export class RegionScanner {
  readonly #stores: StoreScanner[];
  readonly #range: RowRange;
  readonly #filter: ReadFilter | undefined;
  #done = false;
  /** The filter ended the scan while a further row was waiting (sticky across reset()). */
  #filterEnded = false;
  /**
   * Per cell of the row being read: whether the read looked at another cell of the row after it;
   * undefined when the scan never cuts rows.
   */
  #more: boolean[] | undefined;
  #lastRowMore: readonly boolean[] = [];

  /**
   * `stores` must be started (positioned) already and sorted by family; `filter` is the one their
   * matchers share.
   */
  constructor(stores: StoreScanner[], range: RowRange, filter?: ReadFilter) {
    this.#stores = stores;
    this.#range = range;
    this.#filter = filter;
  }

  /**
   * For each cell of the row nextRow() returned last: whether the read was still positioned in
   * that row after it (HBase's moreCellsInRow: a Result cut there by batch or size is partial,
   * even when what followed was masked, expired or filtered). Empty unless the range cutsRows.
   */
  get lastRowMore(): readonly boolean[] {
    return this.#lastRowMore;
  }

  /** Whether the filter said every remaining row is filtered (the whole scan ends, §5.1). */
  get filterDone(): boolean {
    return this.#filterEnded || (this.#filter !== undefined && this.#filter.filter.filterAllRemaining());
  }

  /**
   * Cells of the next row with anything visible, in key order; undefined when the range is done.
   * Returns a Promise only when a store had to load a block, so a row read from memory (MemStore,
   * cached blocks) costs no await.
   */
  nextRow(): Cell[] | undefined | Promise<Cell[] | undefined> {
    for (;;) {
      const step = this.#step();
      if (step === undefined) return undefined;
      if (!Array.isArray(step)) return this.#nextRowAsync(step);
      if (step.length > 0) return step;
    }
  }

  async #nextRowAsync(first: Promise<Cell[]>): Promise<Cell[] | undefined> {
    for (let step: Cell[] | Promise<Cell[]> | undefined = first; step !== undefined; step = this.#step()) {
      const kept = Array.isArray(step) ? step : await step;
      if (kept.length > 0) return kept;
    }
    return undefined;
  }

  /** Reads one row: its kept cells (empty when nothing is visible), or undefined once the range is done. */
  #step(): Cell[] | Promise<Cell[]> | undefined {
    if (this.#done) return undefined;
    const row = this.#peekRow();
    if (this.filterDone || row === undefined || !this.#inRange(row)) {
      this.#done = true;
      return undefined;
    }
    if (this.#filter?.filter.filterRowKey(firstOnRow(row))) return this.#passOver(row).then((cells) => this.#endRow(cells));
    const read = this.#readRowOf(row);
    return Array.isArray(read) ? this.#endRow(read) : read.then((cells) => this.#endRow(cells));
  }

  /** Applies the row filters to a gathered row and resets the filter for the next one. */
  #endRow(cells: Cell[]): Cell[] {
    const before = cells.length;
    const batch = this.#range.batch ?? -1;
    // HBase fails when the batch limit is reached inside such a row, not when the scan opens.
    if (batch > 0 && before >= batch && this.#more?.[batch - 1] === true && this.#filter?.filter.hasFilterRow()) {
      throw new IncompatibleFilterError(
        "Filter whose hasFilterRow() returns true is incompatible with scans that must stop mid-row because of a limit",
      );
    }
    const kept = this.#filterRow(cells);
    // Row filters forbid cutting the row, so flags for a row they edited are never read.
    if (this.#more !== undefined) this.#lastRowMore = kept.length === before ? this.#more : kept.map((_, i) => i < kept.length - 1);
    // HBase's matcher asks filterAllRemaining at the next cell, before the filter is reset for
    // the next row: a filter done at the end of a row (ColumnCountGetFilter) ends the scan
    // there when another row follows in this region.
    const doneAtRowEnd = this.#filter?.filter.filterAllRemaining() ?? false;
    this.#filter?.filter.reset();
    if (doneAtRowEnd && this.#hasNextRow()) {
      this.#filterEnded = true;
      this.#done = true;
    }
    return kept;
  }

  /** The row's cells from every store positioned on it; a Promise only when a store must load a block. */
  #readRowOf(row: Uint8Array): Cell[] | Promise<Cell[]> {
    const cells: Cell[] = [];
    this.#more = this.#range.cutsRows ? [] : undefined;
    for (let i = 0; i < this.#stores.length; i++) {
      const pending = this.#readStore(i, row, cells);
      if (pending !== undefined) return this.#readRowRest(pending, i + 1, row, cells);
    }
    return cells;
  }

  async #readRowRest(pending: Promise<void>, from: number, row: Uint8Array, cells: Cell[]): Promise<Cell[]> {
    await pending;
    for (let i = from; i < this.#stores.length; i++) {
      const next = this.#readStore(i, row, cells);
      if (next !== undefined) await next;
    }
    return cells;
  }

  #readStore(i: number, row: Uint8Array, cells: Cell[]): Promise<void> | undefined {
    const store = this.#stores[i];
    const storeRow = store.peekRow();
    if (storeRow === undefined || !equalBytes(storeRow, row)) return undefined;
    const read = store.readRow(row, cells, this.#more);
    return read === undefined ? this.#markLaterFamilies(i, row) : read.then(() => this.#markLaterFamilies(i, row));
  }

  /** A later family holding cells of the row means the read goes on in the row after this one. */
  #markLaterFamilies(i: number, row: Uint8Array): undefined {
    const more = this.#more;
    if (more === undefined || more.length === 0 || more[more.length - 1]) return undefined;
    const last = more.length - 1;
    for (let j = i + 1; j < this.#stores.length; j++) {
      const next = this.#stores[j].peekRow();
      if (next !== undefined && equalBytes(next, row)) {
        more[last] = true;
        break;
      }
    }
    return undefined;
  }

  /** Consumes a row that filterRowKey rejected; the matchers return nothing for it. */
  async #passOver(row: Uint8Array): Promise<Cell[]> {
    const filter = this.#filter!;
    filter.skipRow = true;
    try {
      const cells = await this.#readRowOf(row);
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
