// Every bound Shale enforces, named once (STYLE.md §5): unit in the name, default, why, and the
// HBase setting it mirrors. Options may override a limit; code never invents an unnamed one.

export const LIMITS = {
  /** Row key length; KeyValue keeps it in two signed bytes (HConstants.MAX_ROW_LENGTH). */
  rowLengthMax: 32_767,
  /** Family name length; KeyValue keeps it in one signed byte. */
  familyLengthMax: 127,
  /** Serialized size of one cell (key + value); hbase.server.keyvalue.maxsize. */
  cellSizeBytesMax: 10 * 1024 * 1024,
  /** Actions in one batch() call or one Multi RegionAction. */
  batchActionsMax: 100_000,
  /** Mutations applied under one clock read and one sequence id; hbase.regionserver.minibatch.size. */
  miniBatchSizeMax: 20_000,
  /** Payload of one WAL record (one mini-batch); larger batches are split before logging. */
  walRecordBytesMax: 64 * 1024 * 1024,
  /** WAL segment size that triggers a roll; HBase rolls at ~95% of the block size. */
  walSegmentBytesMax: 64 * 1024 * 1024,
  /** Appends waiting for the group commit in flight; more callers wait (bounded queue). */
  walPendingAppendsMax: 100_000,
  /** Region MemStore size that triggers a flush; hbase.hregion.memstore.flush.size (HBase: 128 MiB). */
  memstoreFlushSizeBytes: 64 * 1024 * 1024,
  /** Writes fail with RegionTooBusy above flush size × this; hbase.hregion.memstore.block.multiplier. */
  memstoreBlockMultiplier: 4,
  /** Target uncompressed data-block size in store files; the family's BLOCKSIZE default. */
  blockSizeBytes: 64 * 1024,
  /** Byte budget of the shared block cache. */
  blockCacheBytes: 64 * 1024 * 1024,
  /** Bloom filter false-positive target; io.storefile.bloom.error.rate. */
  bloomErrorRate: 0.01,
  /** Store-file block (or index, bloom, file info) larger than this is treated as corrupt on read. */
  storeFileSectionBytesMax: 256 * 1024 * 1024,
  /** Wait for a row lock; hbase.rowlock.wait.duration. */
  rowLockWaitMs: 30_000,
  /** Cells a scan reads from one row before RowTooBig; bounds memory (hbase.table.max.rowsize is bytes). */
  rowSizeBytesMax: 1024 * 1024 * 1024,
  /** Scanner results buffered per next() call when the caller did not say (client scanner caching). */
  scannerCachingDefault: 100,
  /** Default size budget per scanner next(); hbase.client.scanner.max.result.size. */
  scannerMaxResultSizeBytes: 2 * 1024 * 1024,
  /** Versions a family may keep; bounds memory of version tracking. */
  familyVersionsMax: 0x7fffffff,
  /** Families per table. */
  familiesPerTableMax: 256,
  /** Split keys accepted at table creation. */
  splitKeysMax: 10_000,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

/** LIMITS merged with the caller's overrides. */
export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  return { ...LIMITS, ...overrides };
}
