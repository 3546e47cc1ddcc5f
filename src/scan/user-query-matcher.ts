// Decides which cells of one row of one family a user read returns (data-semantics.md §2.4–§2.6,
// §3.2): MVCC visibility, cell and family TTL, delete markers and masking, the time range, the
// requested columns, versions, and the per-family limit/offset. Raw reads (§2.5) skip masking and
// TTL and return markers. Input cells come in key order; nothing here does I/O.

import { LONG_MIN } from "../util/int64.ts";
import { compareBytes } from "../util/bytes.ts";
import { isDeleteType } from "../cell/cell-type.ts";
import type { Cell } from "../cell/cell.ts";
import { readTtlTag } from "../cell/tags.ts";
import type { TimeRange } from "../api/operations.ts";
import { ColumnTracker } from "./column-tracker.ts";
import { DeleteTracker } from "./delete-tracker.ts";

export interface UserQueryOptions {
  /** Cells with a higher sequence id are invisible. */
  readPoint: bigint;
  timeRange: TimeRange;
  raw: boolean;
  /** KEEP_DELETED_CELLS is TRUE or TTL: only markers inside the time range apply. */
  keepDeletedCells: boolean;
  /** "Now" fixed when the scanner opened. */
  now: bigint;
  /** Family TTL in ms, or undefined for FOREVER. */
  familyTtlMs: bigint | undefined;
  minVersions: number;
  /** Versions to return per column: min(query, VERSIONS), or the query's alone when raw. */
  maxVersions: number;
  /** Named qualifiers (sorted), or undefined for the whole family. */
  qualifiers: Uint8Array[] | undefined;
  /** Max cells per row for this family, -1 for none (setMaxResultsPerColumnFamily). */
  storeLimit: number;
  /** Cells to skip per row for this family (setRowOffsetPerColumnFamily). */
  storeOffset: number;
}

export class UserQueryMatcher {
  readonly #options: UserQueryOptions;
  readonly #deletes = new DeleteTracker();
  readonly #columns: ColumnTracker;
  readonly #oldestUnexpiredTs: bigint;

  constructor(options: UserQueryOptions) {
    this.#options = options;
    const ttl = options.familyTtlMs;
    this.#oldestUnexpiredTs = options.raw || ttl === undefined ? LONG_MIN : options.now - ttl;
    this.#columns = new ColumnTracker({
      maxVersions: options.maxVersions,
      minVersions: options.minVersions,
      oldestUnexpiredTs: this.#oldestUnexpiredTs,
      qualifiers: options.qualifiers,
    });
  }

  /** Appends to `out` the cells of one row (one family) that the read returns, in key order. */
  matchRow(cells: readonly Cell[], out: Cell[]): void {
    this.#deletes.reset();
    this.#columns.reset();
    const { storeLimit, storeOffset } = this.#options;
    let skipColumn: Uint8Array | undefined;
    let counted = 0;
    for (const cell of cells) {
      if (skipColumn !== undefined && compareBytes(cell.qualifier, skipColumn) === 0) continue;
      skipColumn = undefined;
      const decision = this.#match(cell);
      if (decision === "skip") continue;
      if (decision === "nextColumn") {
        skipColumn = cell.qualifier;
        continue;
      }
      if (decision === "includeAndNextColumn") skipColumn = cell.qualifier;
      counted++;
      if (storeLimit > -1 && counted > storeLimit + storeOffset) return;
      if (counted > storeOffset) out.push(cell);
    }
  }

  #match(cell: Cell): "include" | "includeAndNextColumn" | "skip" | "nextColumn" {
    const o = this.#options;
    if (cell.sequenceId > o.readPoint) return "skip";
    if (!o.raw) {
      const expiry = this.#ttlCheck(cell);
      if (expiry !== undefined) return expiry;
      if (isDeleteType(cell.type)) {
        const relevant = o.keepDeletedCells ? o.timeRange.includes(cell.timestamp) : cell.timestamp >= o.timeRange.min;
        if (relevant) this.#deletes.add(cell);
        return "skip";
      }
      const deleted = this.#deletes.isDeleted(cell);
      if (deleted === "family" || deleted === "column") return "nextColumn";
      if (deleted !== undefined) return "skip";
    }
    if (!o.timeRange.isAllTime) {
      if (cell.timestamp >= o.timeRange.max) return "skip";
      if (cell.timestamp < o.timeRange.min) return "nextColumn";
    }
    if (!this.#columns.wantsColumn(cell)) return "nextColumn";
    return this.#columns.checkVersions(cell, false);
  }

  /** Cell-TTL expiry skips the cell; family-TTL expiry without MIN_VERSIONS ends the column. */
  #ttlCheck(cell: Cell): "skip" | "nextColumn" | undefined {
    const cellTtl = readTtlTag(cell.tags);
    if (cellTtl !== undefined && cell.timestamp + cellTtl < this.#options.now) return "skip";
    if (this.#options.minVersions === 0 && cell.timestamp < this.#oldestUnexpiredTs) return "nextColumn";
    return undefined;
  }
}
