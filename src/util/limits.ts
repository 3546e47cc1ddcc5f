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
  /** Bytes one WAL group commit writes in one call; a longer queue goes out in several batches. */
  walGroupCommitBytesMax: 16 * 1024 * 1024,
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
  /** Sealed store-file blocks a writer buffers before one append to the file (fewer, larger writes). */
  storeFileWriteBufferBytes: 1024 * 1024,
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

/**
 * Bounds of the embedded ZooKeeper-protocol endpoint (server/zookeeper/, docs/zookeeper.md). Kept
 * apart from LIMITS because they mirror ZooKeeper settings, not HBase ones. Over a limit the
 * endpoint closes the offending connection with a log line; it never crashes.
 */
export const ZK_LIMITS = {
  /** Largest frame body accepted or sent; jute.maxbuffer (0xfffff). A length above it closes. */
  frameSizeBytesMax: 0xfffff,
  /** Live connections from one IP address; ZooKeeper's maxClientCnxns (default 60). */
  connectionsPerIpMax: 60,
  /** Live sessions in the endpoint; a ConnectRequest beyond it is closed unanswered. */
  sessionsMax: 10_000,
  /** Watches one connection may hold (data, exist and child together). */
  watchesPerSessionMax: 10_000,
  /** Znodes in the in-memory tree; a create beyond it closes the connection. */
  znodeCountMax: 100_000,
  /** Bytes queued for a client that does not read; beyond it the connection is closed. */
  outboundBytesMax: 8 * 1024 * 1024,
  /** Wait for the ConnectRequest (or 4lw) on a new connection before closing it. */
  handshakeTimeoutMs: 10_000,
  /** ZooKeeper tickTime; the session timeout is clamped to [2, 20] ticks as ZooKeeper does. */
  tickTimeMs: 2_000,
  /** Lowest negotiated session timeout; minSessionTimeout (2 × tickTime). */
  sessionTimeoutMsMin: 4_000,
  /** Highest negotiated session timeout; maxSessionTimeout (20 × tickTime). */
  sessionTimeoutMsMax: 40_000,
  /** Zxids one server run may issue; the epoch (high 32 bits) advances at every start. */
  zxidCounterMax: 0xffffffff,
} as const;

export type ZkLimits = { -readonly [K in keyof typeof ZK_LIMITS]: number };
