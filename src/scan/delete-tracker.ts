// Tracks the delete markers seen so far in one row of one family, in key order, and answers
// whether a Put is masked (data-semantics.md §2.4 step 5, "Delete-tracker bookkeeping"). Only the
// newest DeleteFamily matters; DeleteFamilyVersion stamps are a set; for column markers only the
// most recent one is remembered, and a less specific marker after a more general one on the same
// qualifier is ignored. Masking ignores sequence ids.

import { compareBytes } from "../util/bytes.ts";
import { CellType } from "../cell/cell-type.ts";
import type { Cell } from "../cell/cell.ts";

export type DeleteResult = "family" | "familyVersion" | "column" | "version" | undefined;

export class DeleteTracker {
  #familyTs: bigint | undefined;
  readonly #familyVersions = new Set<bigint>();
  #column: Cell | undefined;

  reset(): void {
    this.#familyTs = undefined;
    this.#familyVersions.clear();
    this.#column = undefined;
  }

  /** Records a marker. Markers arrive in key order (newer timestamps first per column). */
  add(marker: Cell): void {
    const ts = marker.timestamp;
    if (this.#familyTs !== undefined && ts <= this.#familyTs) return;
    if (marker.type === CellType.DeleteFamily) {
      this.#familyTs = ts;
      return;
    }
    if (marker.type === CellType.DeleteFamilyVersion) {
      this.#familyVersions.add(ts);
      return;
    }
    const current = this.#column;
    const lessSpecificOnSameColumn = current !== undefined && marker.type < current.type &&
      compareBytes(marker.qualifier, current.qualifier) === 0;
    if (!lessSpecificOnSameColumn) this.#column = marker;
  }

  /** Whether `put` (a Put in key order after every marker added) is masked, and by what. */
  isDeleted(put: Cell): DeleteResult {
    const ts = put.timestamp;
    if (this.#familyTs !== undefined && ts <= this.#familyTs) return "family";
    if (this.#familyVersions.has(ts)) return "familyVersion";
    const marker = this.#column;
    if (marker === undefined) return undefined;
    const cmp = compareBytes(put.qualifier, marker.qualifier);
    if (cmp === 0) {
      if (marker.type === CellType.DeleteColumn) return "column";
      if (ts === marker.timestamp) return "version";
    }
    // An older version of the marked column, or a later column: the marker no longer applies.
    if (cmp >= 0) this.#column = undefined;
    return undefined;
  }
}
