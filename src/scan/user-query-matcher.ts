// Decides which cells of one row of one family a user read returns (data-semantics.md §2.4–§2.6,
// §3.2): MVCC visibility, cell and family TTL, delete markers and masking, the time range, the
// requested columns, versions, the read's filter (§5.1–§5.3) and the per-family limit/offset. Raw
// reads (§2.5) skip masking and TTL and return markers. Input cells come in key order; nothing here
// does I/O. With a filter, the version tracker admits up to the family's VERSIONS and the query's
// cap applies to the cells the filter included (HBASE-17125).

import { LONG_MIN } from "../util/int64.ts";
import { compareBytes, equalBytes } from "../util/bytes.ts";
import { isDeleteType } from "../cell/cell-type.ts";
import type { Cell } from "../cell/cell.ts";
import { compareCells } from "../cell/comparator.ts";
import { readTtlTag } from "../cell/tags.ts";
import type { TimeRange } from "../api/operations.ts";
import { ColumnTracker } from "./column-tracker.ts";
import { DeleteTracker } from "./delete-tracker.ts";
import { type Filter, ReturnCode } from "../api/filters/filter.ts";

/** The read's filter, shared by the region scanner and the matcher of every store it reads. */
export interface ReadFilter {
  readonly filter: Filter;
  /** Set by the region scanner while it passes over a row that filterRowKey rejected. */
  skipRow: boolean;
}

type Decision = "include" | "includeAndNextColumn" | "includeAndNextRow" | "skip" | "nextColumn" | "nextRow" | "seek";

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
  /** Versions the tracker admits per column: min(query, VERSIONS), or the query's alone when raw; with a filter see ReadFilter. */
  maxVersions: number;
  /** Named qualifiers (sorted), or undefined for the whole family. */
  qualifiers: Uint8Array[] | undefined;
  /** Max cells per row for this family, -1 for none (setMaxResultsPerColumnFamily). */
  storeLimit: number;
  /** Cells to skip per row for this family (setRowOffsetPerColumnFamily). */
  storeOffset: number;
  filter?: ReadFilter;
  /** With a filter: versions per column returned after filtering (min(query, VERSIONS), or the query's when raw). */
  versionsAfterFilter?: number;
}

export class UserQueryMatcher {
  readonly #options: UserQueryOptions;
  readonly #deletes = new DeleteTracker();
  readonly #columns: ColumnTracker;
  readonly #oldestUnexpiredTs: bigint;
  /** Column whose versions the filter included, and how many (versions after filter). */
  #filteredColumn: Uint8Array | undefined;
  #filteredCount = 0;
  /** A seek hint inside the current row: cells before it are passed over. */
  #hint: Cell | undefined;

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

  /**
   * Appends to `out` the cells of one row (one family) that the read returns, in key order. With
   * `more`, appends beside each cell whether the read went on to look at another cell of the row
   * in this family after it (HBase's moreCellsInRow, which marks batch-cut Results partial).
   */
  matchRow(cells: readonly Cell[], out: Cell[], more?: boolean[]): void {
    this.#deletes.reset();
    this.#columns.reset();
    this.#filteredColumn = undefined;
    this.#hint = undefined;
    const read = this.#options.filter;
    if (read?.skipRow) return;
    const { storeLimit, storeOffset } = this.#options;
    let skipColumn: Uint8Array | undefined;
    let counted = 0;
    const first = out.length;
    for (const cell of cells) {
      if (this.#hint !== undefined && compareCells(cell, this.#hint) < 0) continue;
      this.#hint = undefined;
      if (skipColumn !== undefined && compareBytes(cell.qualifier, skipColumn) === 0) continue;
      skipColumn = undefined;
      // The read is positioned on this cell: the last cell returned had more after it.
      if (more !== undefined && out.length > first) more[out.length - 1] = true;
      if (read !== undefined && read.filter.filterAllRemaining()) return;
      const decision = this.#match(cell);
      if (decision === "nextRow") return;
      if (decision === "skip" || decision === "seek") continue;
      // Leaving a column skips its other cells, except in the empty-qualifier column, where the
      // family's delete markers live: HBase moves to the very next cell there (HBASE-18471).
      if (decision === "nextColumn") {
        if (cell.qualifier.length > 0) skipColumn = cell.qualifier;
        continue;
      }
      if (decision === "includeAndNextColumn" && cell.qualifier.length > 0) skipColumn = cell.qualifier;
      counted++;
      if (counted > storeOffset) {
        out.push(read === undefined ? cell : read.filter.transformCell(cell));
        more?.push(false);
      }
      // The family's share of the row is complete: HBase seeks to the next row here.
      if (storeLimit > -1 && counted >= storeLimit + storeOffset) return;
      if (decision === "includeAndNextRow") return;
    }
  }

  #match(cell: Cell): Decision {
    const o = this.#options;
    if (cell.sequenceId > o.readPoint) return "skip";
    // A cell whose own TTL passed is hidden even from raw scans (observed on HBase 2.6 by the
    // differential corpus, case cell-ttl-attribute-expires-cells); the family TTL is not applied
    // to raw scans.
    if (o.raw && this.#cellTtlExpired(cell)) return "skip";
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
    const versions = this.#columns.checkVersions(cell, false);
    const read = o.filter;
    if (read === undefined || versions === "skip" || versions === "nextColumn") return versions;
    return this.#mergeFilter(cell, versions, read.filter);
  }

  /** Combines the tracker's include with the filter's code; the stronger skip wins (§5.2). */
  #mergeFilter(cell: Cell, versions: "include" | "includeAndNextColumn", filter: Filter): Decision {
    const code = filter.filterCell(cell);
    let decision: Decision = versions;
    switch (code) {
      case ReturnCode.SKIP: return versions === "include" ? "skip" : "nextColumn";
      case ReturnCode.NEXT_COL: return "nextColumn";
      case ReturnCode.NEXT_ROW: return "nextRow";
      case ReturnCode.SEEK_NEXT_USING_HINT: return this.#seek(cell, filter.getNextCellHint(cell));
      case ReturnCode.INCLUDE_AND_NEXT_COL: decision = "includeAndNextColumn"; break;
      case ReturnCode.INCLUDE_AND_SEEK_NEXT_ROW: decision = "includeAndNextRow"; break;
    }
    return this.#countAfterFilter(cell, decision, this.#options.versionsAfterFilter ?? this.#options.maxVersions);
  }

  /** Caps the included versions of a column at the query's maxVersions. */
  #countAfterFilter(cell: Cell, decision: Decision, cap: number): Decision {
    if (this.#filteredColumn === undefined || !equalBytes(this.#filteredColumn, cell.qualifier)) {
      this.#filteredColumn = cell.qualifier;
      this.#filteredCount = 0;
    }
    this.#filteredCount++;
    if (this.#filteredCount <= cap) return decision;
    return decision === "includeAndNextRow" ? "nextRow" : "nextColumn";
  }

  /** A hint in another row ends this row for the store; one behind the cell is ignored. */
  #seek(cell: Cell, hint: Cell | undefined): Decision {
    if (hint === undefined) return "skip";
    if (!equalBytes(hint.row, cell.row)) return "nextRow";
    if (compareCells(hint, cell) <= 0) return "skip";
    this.#hint = hint;
    return "seek";
  }

  #cellTtlExpired(cell: Cell): boolean {
    const cellTtl = readTtlTag(cell.tags);
    return cellTtl !== undefined && cell.timestamp + cellTtl < this.#options.now;
  }

  /** Cell-TTL expiry skips the cell; family-TTL expiry without MIN_VERSIONS ends the column. */
  #ttlCheck(cell: Cell): "skip" | "nextColumn" | undefined {
    if (this.#cellTtlExpired(cell)) return "skip";
    if (this.#options.minVersions === 0 && cell.timestamp < this.#oldestUnexpiredTs) return "nextColumn";
    return undefined;
  }
}
