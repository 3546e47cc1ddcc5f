// Reads one Store (one family of a region) row by row: gathers the row's cells from every source
// (MemStore segments, store files), merges them into key order and lets the query matcher pick
// what the read returns. Forward scans walk rows upward; reversed scans step to the previous row
// after each one (data-semantics.md §3.2–§3.3).

import { assert } from "../util/assert.ts";
import { compareBytes } from "../util/bytes.ts";
import { RowTooBigError } from "../api/errors.ts";
import type { Cell } from "../cell/cell.ts";
import { keyValueSize } from "../cell/cell.ts";
import { compareCells } from "../cell/comparator.ts";
import type { KeyValueScanner } from "./key-value-scanner.ts";

/** Anything that turns one row's merged cells into the cells to return or keep. */
export interface RowMatcher {
  matchRow(cells: readonly Cell[], out: Cell[]): void;
}

/** Where a scan starts: a key to seek forward to, or a row bound for reversed scans. */
export type StartPosition =
  | { kind: "seek"; key: Cell }
  | { kind: "before"; row: Uint8Array }
  | { kind: "last" };

export class StoreScanner {
  readonly family: Uint8Array;
  readonly #sources: KeyValueScanner[];
  readonly #matcher: RowMatcher;
  readonly #reversed: boolean;
  readonly #rowSizeBytesMax: number;

  constructor(options: {
    family: Uint8Array;
    sources: KeyValueScanner[];
    matcher: RowMatcher;
    reversed: boolean;
    rowSizeBytesMax: number;
  }) {
    this.family = options.family;
    this.#sources = options.sources;
    this.#matcher = options.matcher;
    this.#reversed = options.reversed;
    this.#rowSizeBytesMax = options.rowSizeBytesMax;
  }

  /** Positions every source at the scan's start. */
  async start(position: StartPosition): Promise<void> {
    for (const source of this.#sources) {
      const pending = position.kind === "seek"
        ? source.seek(position.key)
        : position.kind === "before"
        ? source.seekToPreviousRow(position.row)
        : source.seekToLastRow();
      if (pending !== undefined) await pending;
    }
  }

  /** The next row this store has in scan order (its cells may all turn out invisible). */
  peekRow(): Uint8Array | undefined {
    let best: Uint8Array | undefined;
    for (const source of this.#sources) {
      const row = source.peek()?.row;
      if (row === undefined) continue;
      if (best === undefined) best = row;
      else {
        const c = compareBytes(row, best);
        if (this.#reversed ? c > 0 : c < 0) best = row;
      }
    }
    return best;
  }

  /**
   * Consumes `row` from every source positioned on it and appends the matched cells to `out`.
   * Sources positioned elsewhere are left alone. Afterwards the store is positioned on its next row.
   */
  async readRow(row: Uint8Array, out: Cell[]): Promise<void> {
    const runs: Cell[][] = [];
    let bytes = 0;
    for (const source of this.#sources) {
      const run: Cell[] = [];
      for (let cell = source.peek(); cell !== undefined && compareBytes(cell.row, row) === 0; cell = source.peek()) {
        run.push(cell);
        bytes += keyValueSize(cell);
        if (bytes > this.#rowSizeBytesMax) throw new RowTooBigError(`Max row size allowed: ${this.#rowSizeBytesMax}, but the row is bigger than that`);
        const pending = source.next();
        if (pending !== undefined) await pending;
      }
      if (run.length > 0) runs.push(run);
      if (run.length > 0 && this.#reversed) {
        const pending = source.seekToPreviousRow(row);
        if (pending !== undefined) await pending;
      }
    }
    this.#matcher.matchRow(mergeRuns(runs), out);
  }

  close(): void {
    for (const source of this.#sources) source.close();
  }
}

/** Merges sorted runs into one sorted array; of identical keys the earlier run (newer source) wins. */
export function mergeRuns(runs: Cell[][]): Cell[] {
  if (runs.length === 0) return [];
  if (runs.length === 1) return runs[0];
  const out: Cell[] = [];
  const at = new Array<number>(runs.length).fill(0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < runs.length; i++) {
      if (at[i] >= runs[i].length) continue;
      if (best < 0 || compareCells(runs[i][at[i]], runs[best][at[best]]) < 0) best = i;
    }
    if (best < 0) break;
    const cell = runs[best][at[best]++];
    const last = out[out.length - 1];
    if (last !== undefined && compareCells(last, cell) === 0) continue;
    assert(last === undefined || compareCells(last, cell) < 0, "merged cells out of order");
    out.push(cell);
  }
  return out;
}
