// Reads one region row by row across its stores (families in name order), inside the scan's row
// range and the region's key range, skipping rows with nothing visible (data-semantics.md §3.1,
// §3.3: a scanner never returns an empty row). Forward or reversed.

import { compareBytes } from "../util/bytes.ts";
import type { Cell } from "../cell/cell.ts";
import type { StoreScanner } from "./store-scanner.ts";

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
  #done = false;

  /** `stores` must be started (positioned) already and sorted by family. */
  constructor(stores: StoreScanner[], range: RowRange) {
    this.#stores = stores;
    this.#range = range;
  }

  /** Cells of the next row with anything visible, in key order; undefined when the range is done. */
  async nextRow(): Promise<Cell[] | undefined> {
    while (!this.#done) {
      const row = this.#peekRow();
      if (row === undefined || !this.#inRange(row)) {
        this.#done = true;
        break;
      }
      const cells: Cell[] = [];
      for (const store of this.#stores) {
        if (store.peekRow() !== undefined && compareBytes(store.peekRow()!, row) === 0) await store.readRow(row, cells);
      }
      if (cells.length > 0) return cells;
    }
    return undefined;
  }

  close(): void {
    this.#done = true;
    for (const store of this.#stores) store.close();
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
