// The engine configurations of the model-based test (TESTING.md T13): flush size tiny to large,
// bloom NONE/ROW/ROWCOL, block size 1 KiB/64 KiB, automatic minor compaction on/off. A result
// that differs between them is a bug, whatever the model says.

import type { EngineConfig } from "./model-runner.ts";

/** Shared by every configuration: no automatic split, no timers, frequent WAL rolls. */
const COMMON_LIMITS = {
  regionSplitSizeBytes: 0,
  majorCompactionPeriodMs: 0,
  compactionChoreIntervalMs: 3_600_000,
  walSegmentBytesMax: 32 * 1024,
  memstoreBlockMultiplier: 64,
};

export const CONFIGS: EngineConfig[] = [
  { name: "large-flush/bloom-ROW/64KiB/compaction-on", bloom: "ROW", blockSizeBytes: 64 * 1024, limits: { ...COMMON_LIMITS, compactionFilesMin: 3 } },
  { name: "tiny-flush/bloom-NONE/1KiB/compaction-on", bloom: "NONE", blockSizeBytes: 1024, limits: { ...COMMON_LIMITS, memstoreFlushSizeBytes: 256, compactionFilesMin: 2 } },
  { name: "tiny-flush/bloom-ROWCOL/64KiB/compaction-off", bloom: "ROWCOL", blockSizeBytes: 64 * 1024, limits: { ...COMMON_LIMITS, memstoreFlushSizeBytes: 512, compactionFilesMin: 1_000_000 } },
  { name: "small-flush/bloom-ROW/1KiB/compaction-off", bloom: "ROW", blockSizeBytes: 1024, limits: { ...COMMON_LIMITS, memstoreFlushSizeBytes: 4096, compactionFilesMin: 1_000_000 } },
];

