// Reads one Store (one family of a region) row by row: gathers the row's cells from every source
// (MemStore segments, store files), merges them into key order and lets the query matcher pick
// what the read returns. Forward scans walk rows upward; reversed scans step to the previous row
// after each one (data-semantics.md §3.2–§3.3).

import { assert } from "../util/assert.ts";
import { compareBytes, equalBytes } from "../util/bytes.ts";
import { RowTooBigError } from "../api/errors.ts";
import type { Cell } from "../cell/cell.ts";
import { keyValueSize } from "../cell/cell.ts";
import { compareCells } from "../cell/comparator.ts";
import type { KeyValueScanner } from "./key-value-scanner.ts";

/** Anything that turns one row's merged cells into the cells to return or keep. */
export interface RowMatcher {
  /** `more`, when given, gets a flag per cell appended (see UserQueryMatcher.matchRow). */
  matchRow(cells: readonly Cell[], out: Cell[], more?: boolean[]): void;
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

  /**
   * Positions every source at the scan's start. Returns a Promise only when a source had to load
   * a block; otherwise the store is positioned when the call returns.
   */
  start(position: StartPosition): Promise<void> | undefined {
    for (let i = 0; i < this.#sources.length; i++) {
      const pending = startSource(this.#sources[i], position);
      if (pending !== undefined) return this.#startRest(pending, i + 1, position);
    }
    return undefined;
  }

  async #startRest(pending: Promise<void>, from: number, position: StartPosition): Promise<void> {
    await pending;
    for (let i = from; i < this.#sources.length; i++) {
      const next = startSource(this.#sources[i], position);
      if (next !== undefined) await next;
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
   * Returns a Promise only when a source had to load a block (the common in-memory row costs no
   * await); a row over rowSizeBytesMax throws RowTooBigError (synchronously or as the rejection).
   */
  readRow(row: Uint8Array, out: Cell[], more?: boolean[]): Promise<void> | undefined {
    const read: RowRead = { row, runs: [], run: [], bytes: 0, source: 0, seeking: false };
    const pending = this.#gather(read);
    if (pending !== undefined) return this.#readRowRest(pending, read, out, more);
    this.#matcher.matchRow(mergeRuns(read.runs), out, more);
    return undefined;
  }

  async #readRowRest(pending: Promise<void>, read: RowRead, out: Cell[], more: boolean[] | undefined): Promise<void> {
    for (let p: Promise<void> | undefined = pending; p !== undefined; p = this.#gather(read)) await p;
    this.#matcher.matchRow(mergeRuns(read.runs), out, more);
  }

  /**
   * Collects the row's run from each source in turn, from `read.source` on. Returns a Promise when
   * a source must load a block; call again once it settles, and it continues where it stopped.
   */
  #gather(read: RowRead): Promise<void> | undefined {
    const row = read.row;
    while (read.source < this.#sources.length) {
      const source = this.#sources[read.source];
      if (read.seeking) {
        // The reversed step below finished: this source is done.
        read.seeking = false;
        read.source++;
        continue;
      }
      for (let cell = source.peek(); cell !== undefined && equalBytes(cell.row, row); cell = source.peek()) {
        read.run.push(cell);
        read.bytes += keyValueSize(cell);
        if (read.bytes > this.#rowSizeBytesMax) throw new RowTooBigError(`Max row size allowed: ${this.#rowSizeBytesMax}, but the row is bigger than that`);
        const pending = source.next();
        if (pending !== undefined) return pending;
      }
      const found = read.run.length > 0;
      if (found) {
        read.runs.push(read.run);
        read.run = [];
      }
      if (found && this.#reversed) {
        read.seeking = true;
        const pending = source.seekToPreviousRow(row);
        if (pending !== undefined) return pending;
        read.seeking = false;
      }
      read.source++;
    }
    return undefined;
  }

  close(): void {
    for (const source of this.#sources) source.close();
  }
}

/** A readRow in progress: the runs gathered so far and the source being read. */
interface RowRead {
  readonly row: Uint8Array;
  readonly runs: Cell[][];
  /** The current source's cells of the row so far. */
  run: Cell[];
  bytes: number;
  /** Index of the source being read. */
  source: number;
  /** The current source's run is done and its seekToPreviousRow (reversed scans) is pending. */
  seeking: boolean;
}

/** Positions one source at `position`; a Promise only when it had to load a block. */
function startSource(source: KeyValueScanner, position: StartPosition): Promise<void> | undefined {
  if (position.kind === "seek") return source.seek(position.key);
  if (position.kind === "before") return source.seekToPreviousRow(position.row);
  return source.seekToLastRow();
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
