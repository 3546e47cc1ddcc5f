// Decides which cells a flush or compaction keeps (data-semantics.md §2.7). A flush follows the
// minor-compaction rules: drop Puts beyond VERSIONS, Puts expired by TTL beyond MIN_VERSIONS, and
// Puts masked by a marker in the same input (KEEP_DELETED_CELLS=FALSE); keep every delete marker.
// A major compaction also drops the markers (per KEEP_DELETED_CELLS and time.to.purge.deletes);
// where KEEP_DELETED_CELLS keeps them, it still drops those older than every Put of its input
// (they can mask nothing) and, as HBase, runs the rest through the column's version count.
// Cells newer than the smallest open read point are kept as they are and mask nothing.
// Shale keeps markers that follow a column's last kept version; see docs/decisions/0001.

import { LONG_MIN } from "../util/int64.ts";
import { compareBytes } from "../util/bytes.ts";
import { isDeleteType } from "../cell/cell-type.ts";
import type { Cell } from "../cell/cell.ts";
import { readTtlTag } from "../cell/tags.ts";
import type { ColumnFamilyDescriptor } from "../api/descriptors.ts";
import { TTL_FOREVER } from "../api/descriptors.ts";
import { ColumnTracker } from "./column-tracker.ts";
import { DeleteTracker } from "./delete-tracker.ts";

export interface CompactionQueryOptions {
  major: boolean;
  /** Cells with a higher sequence id may still be needed by a reader: kept, not used to mask. */
  smallestReadPoint: bigint;
  now: bigint;
  family: ColumnFamilyDescriptor;
  /** hbase.hstore.time.to.purge.deletes; 0 drops markers at once in a major compaction. */
  timeToPurgeDeletesMs: bigint;
  /**
   * Smallest Put timestamp over every input file of a major compaction (HBase's earliestPutTs);
   * LONG_MIN when unknown or for a flush or minor compaction, so that nothing is dropped by it.
   */
  earliestPutTs: bigint;
}

/** Family TTL in ms, or undefined for FOREVER. */
export function familyTtlMs(family: ColumnFamilyDescriptor): bigint | undefined {
  return family.ttlSeconds >= TTL_FOREVER ? undefined : BigInt(family.ttlSeconds) * 1000n;
}

export class CompactionQueryMatcher {
  readonly #options: CompactionQueryOptions;
  readonly #deletes = new DeleteTracker();
  readonly #columns: ColumnTracker;
  readonly #oldestUnexpiredTs: bigint;

  constructor(options: CompactionQueryOptions) {
    this.#options = options;
    const ttl = familyTtlMs(options.family);
    this.#oldestUnexpiredTs = ttl === undefined ? LONG_MIN : options.now - ttl;
    this.#columns = new ColumnTracker({
      maxVersions: options.family.maxVersions,
      minVersions: options.family.minVersions,
      oldestUnexpiredTs: this.#oldestUnexpiredTs,
      qualifiers: undefined,
    });
  }

  /** Appends to `out` the cells of one row (one family) to keep, in key order. */
  matchRow(cells: readonly Cell[], out: Cell[]): void {
    this.#deletes.reset();
    this.#columns.reset();
    let expiredColumn: Uint8Array | undefined;
    let fullColumn: Uint8Array | undefined;
    for (const cell of cells) {
      if (expiredColumn !== undefined && compareBytes(cell.qualifier, expiredColumn) === 0) continue;
      expiredColumn = undefined;
      if (fullColumn !== undefined && compareBytes(cell.qualifier, fullColumn) !== 0) fullColumn = undefined;
      const verdict = this.#match(cell, fullColumn !== undefined);
      if (verdict === "keep") out.push(cell);
      else if (verdict === "expiredColumn") expiredColumn = cell.qualifier;
      else if (verdict === "fullColumn") fullColumn = cell.qualifier;
    }
  }

  #match(cell: Cell, columnFull: boolean): "keep" | "drop" | "expiredColumn" | "fullColumn" {
    const o = this.#options;
    const cellTtl = readTtlTag(cell.tags);
    if (cellTtl !== undefined && cell.timestamp + cellTtl < o.now) return "drop";
    if (o.family.minVersions === 0 && cell.timestamp < this.#oldestUnexpiredTs) return "expiredColumn";
    const settled = cell.sequenceId <= o.smallestReadPoint;
    if (isDeleteType(cell.type)) return this.#matchMarker(cell, settled, columnFull);
    if (columnFull && settled) return "drop";
    if (settled && this.#deletes.isDeleted(cell) !== undefined) return "drop";
    const decision = this.#columns.checkVersions(cell, !settled);
    if (decision === "include") return "keep";
    return decision === "nextColumn" ? "fullColumn" : "drop";
  }

  #matchMarker(marker: Cell, settled: boolean, columnFull: boolean): "keep" | "drop" | "expiredColumn" | "fullColumn" {
    if (!settled) return "keep";
    const o = this.#options;
    const kdc = o.family.keepDeletedCells;
    const masks = kdc === "FALSE" || (kdc === "TTL" && marker.timestamp < this.#oldestUnexpiredTs);
    if (masks) this.#deletes.add(marker);
    if (!o.major) return "keep";
    const purge = o.timeToPurgeDeletesMs;
    if (purge > 0n && o.now - marker.timestamp <= purge) return "keep";
    if (masks) return "drop";
    // Kept deleted cells: a marker older than every Put masks nothing, and neither do the cells
    // after it in its column (older markers); otherwise it is counted with the column's versions.
    if (marker.timestamp < o.earliestPutTs) return "expiredColumn";
    if (columnFull) return "drop";
    const decision = this.#columns.checkVersions(marker, false);
    if (decision === "include") return "keep";
    return decision === "nextColumn" ? "fullColumn" : "drop";
  }
}
