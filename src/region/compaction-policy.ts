// Which store files a minor compaction takes: HBase's exploring policy (data-semantics.md §7).
// Over the candidate files, oldest first, every contiguous window of min..max files is tried; a
// window at or above the minimum compact size must be "in ratio" (no file larger than ratio × the
// sum of the others); the window with the most files wins, then the smallest total. A store that
// may be stuck (at blockingStoreFiles) takes the smallest-total window when nothing else qualifies.

import type { Limits } from "../util/limits.ts";

export interface CompactionCandidate {
  readonly sizeBytes: number;
}

export type CompactionPolicyConfig = Pick<
  Limits,
  "compactionFilesMin" | "compactionFilesMax" | "compactionRatio" | "compactionMinSizeBytes" | "compactionMaxSizeBytes" | "blockingStoreFiles"
>;

/**
 * Indexes (into `files`, ordered oldest → newest) of the files to compact, or [] for none.
 * Files larger than compactionMaxSizeBytes are never chosen.
 */
export function selectMinorCompaction(files: readonly CompactionCandidate[], config: CompactionPolicyConfig): number[] {
  const eligible = files.map((f, i) => ({ size: f.sizeBytes, index: i })).filter((f) => f.size <= config.compactionMaxSizeBytes);
  const minFiles = Math.max(2, config.compactionFilesMin);
  const mightBeStuck = files.length >= config.blockingStoreFiles;
  let best: { size: number; index: number }[] = [];
  let bestSize = 0;
  let smallest: { size: number; index: number }[] = [];
  let smallestSize = Infinity;
  for (let start = 0; start < eligible.length; start++) {
    for (let end = start + minFiles; end <= Math.min(eligible.length, start + config.compactionFilesMax); end++) {
      const window = eligible.slice(start, end);
      const size = window.reduce((n, f) => n + f.size, 0);
      if (mightBeStuck && size < smallestSize) {
        smallest = window;
        smallestSize = size;
      }
      if (size >= config.compactionMinSizeBytes && !inRatio(window, config.compactionRatio)) continue;
      if (window.length > best.length || (window.length === best.length && size < bestSize)) {
        best = window;
        bestSize = size;
      }
    }
  }
  const chosen = best.length === 0 && mightBeStuck ? smallest : best;
  return chosen.map((f) => f.index);
}

function inRatio(window: readonly { size: number }[], ratio: number): boolean {
  if (window.length < 2) return true;
  const total = window.reduce((n, f) => n + f.size, 0);
  return window.every((f) => f.size <= (total - f.size) * ratio);
}
