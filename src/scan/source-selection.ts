// Which sources (MemStore segments, store files) a user read opens, as HBase's
// StoreScanner.selectScannersFrom does: a source whose cells' time span does not meet the read's
// time range is left out, and so is one whose newest cell is expired by the family TTL (only when
// MIN_VERSIONS is 0). Leaving out a source also leaves out its delete markers, so this changes
// results, not just speed; Shale does it to give HBase's answers. A DeleteColumn or DeleteFamily
// widens its source's span down to 0 (cell-type.ts masksAllOlder), so the markers that mask older
// cells are never left out by a time range.

import { LONG_MIN } from "../util/int64.ts";
import type { TimeRange } from "../api/operations.ts";

/** The time span of a source's cells: min and max timestamp (min > max when it has none). */
export interface TimeSpan {
  readonly minTimestamp: bigint;
  readonly maxTimestamp: bigint;
}

/** What a read asks of its sources. */
export interface SourceSelection {
  readonly timeRange: TimeRange;
  /** Sources whose newest cell is older than this are left out (LONG_MIN: keep all). */
  readonly expiredBefore: bigint;
}

/** HBase's TimeRangeTracker.includesTimeRange plus the TTL cutoff. */
export function shouldUseSource(span: TimeSpan, selection: SourceSelection): boolean {
  if (span.minTimestamp > span.maxTimestamp) return false;
  const range = selection.timeRange;
  const meets = range.isAllTime || (span.minTimestamp < range.max && span.maxTimestamp >= range.min);
  return meets && span.maxTimestamp >= selection.expiredBefore;
}

/** The TTL cutoff of a read: now - TTL for a non-raw read of a family without MIN_VERSIONS. */
export function expiredBefore(options: { raw: boolean; minVersions: number; ttlMs: bigint | undefined; now: bigint }): bigint {
  if (options.raw || options.minVersions > 0 || options.ttlMs === undefined) return LONG_MIN;
  return options.now - options.ttlMs;
}
