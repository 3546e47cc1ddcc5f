// Version counting per column within one row of one family (data-semantics.md §2.4 step 8, §2.6,
// §1.4). Two flavours, as HBase has: the wildcard tracker (whole family) stops before the first
// expired version beyond MIN_VERSIONS; the explicit tracker (named columns) includes that one and
// then stops. Both skip a cell with the same timestamp (and, for the wildcard, type) as the
// previous one of the column: rewrites of the same coordinates count once.

import { compareBytes } from "../util/bytes.ts";
import { isDeleteType } from "../cell/cell-type.ts";
import type { Cell } from "../cell/cell.ts";

/** What the tracker decided for one cell. */
export type VersionDecision = "include" | "includeAndNextColumn" | "skip" | "nextColumn";

export interface ColumnTrackerOptions {
  maxVersions: number;
  minVersions: number;
  /** Cells with timestamp < this are expired by the family TTL. */
  oldestUnexpiredTs: bigint;
  /** Named qualifiers, sorted; undefined for the whole family. */
  qualifiers: Uint8Array[] | undefined;
}

export class ColumnTracker {
  readonly #options: ColumnTrackerOptions;
  #qualifier: Uint8Array | undefined;
  #count = 0;
  #lastTs: bigint | undefined;
  #lastType = -1;

  constructor(options: ColumnTrackerOptions) {
    this.#options = options;
  }

  reset(): void {
    this.#qualifier = undefined;
    this.#count = 0;
    this.#lastTs = undefined;
    this.#lastType = -1;
  }

  /** Whether the query asks for this cell's qualifier. */
  wantsColumn(cell: Cell): boolean {
    const qualifiers = this.#options.qualifiers;
    if (qualifiers === undefined) return true;
    let lo = 0;
    let hi = qualifiers.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareBytes(qualifiers[mid], cell.qualifier);
      if (c === 0) return true;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /**
   * Counts `cell` as a version of its column. `ignoreCount` admits it without counting (cells newer
   * than the oldest open read point during flush). Delete markers are never counted.
   */
  checkVersions(cell: Cell, ignoreCount: boolean): VersionDecision {
    if (this.#qualifier === undefined || compareBytes(cell.qualifier, this.#qualifier) !== 0) {
      this.#qualifier = cell.qualifier;
      this.#count = 0;
      this.#lastTs = undefined;
      this.#lastType = -1;
    }
    if (ignoreCount) return "include";
    const explicit = this.#options.qualifiers !== undefined;
    const duplicate = this.#lastTs === cell.timestamp && (explicit || this.#lastType === cell.type);
    if (duplicate) return "skip";
    return explicit ? this.#checkExplicit(cell) : this.#checkWildcard(cell);
  }

  #checkWildcard(cell: Cell): VersionDecision {
    if (!isDeleteType(cell.type)) this.#count++;
    if (this.#count > this.#options.maxVersions) return "nextColumn";
    if (this.#count <= this.#options.minVersions || !this.#expired(cell)) {
      this.#lastTs = cell.timestamp;
      this.#lastType = cell.type;
      return "include";
    }
    return "nextColumn";
  }

  #checkExplicit(cell: Cell): VersionDecision {
    this.#count++;
    const { maxVersions, minVersions } = this.#options;
    if (this.#count >= maxVersions || (this.#count >= minVersions && this.#expired(cell))) {
      return "includeAndNextColumn";
    }
    this.#lastTs = cell.timestamp;
    this.#lastType = cell.type;
    return "include";
  }

  #expired(cell: Cell): boolean {
    return cell.timestamp < this.#options.oldestUnexpiredTs;
  }
}
