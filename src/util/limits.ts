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
  /** FilterList nesting (a leaf filter is depth 1); deeper trees are rejected, never walked recursively. */
  filterDepthMax: 32,
  /** Store files needed before a minor compaction; hbase.hstore.compaction.min (min 2). */
  compactionFilesMin: 3,
  /** Most store files in one minor compaction; hbase.hstore.compaction.max. */
  compactionFilesMax: 10,
  /** A file joins a minor compaction if size <= ratio × the others; hbase.hstore.compaction.ratio. */
  compactionRatio: 1.2,
  /** Files below this are always ratio-eligible; hbase.hstore.compaction.min.size (HBase: the flush size). */
  compactionMinSizeBytes: 64 * 1024 * 1024,
  /** Files above this are never minor-compacted; hbase.hstore.compaction.max.size. */
  compactionMaxSizeBytes: Number.MAX_SAFE_INTEGER,
  /** Store files at which a store may be stuck; hbase.hstore.blockingStoreFiles. */
  blockingStoreFiles: 16,
  /** Period of time-based major compactions, 0 = off; hbase.hregion.majorcompaction (7 days). */
  majorCompactionPeriodMs: 7 * 24 * 3600 * 1000,
  /** ± fraction of the period, per store; hbase.hregion.majorcompaction.jitter. */
  majorCompactionJitter: 0.5,
  /** How often the compaction chore looks for stores that need a compaction. */
  compactionChoreIntervalMs: 5 * 60 * 1000,
  /** Markers younger than this survive a major compaction; hbase.hstore.time.to.purge.deletes. */
  timeToPurgeDeletesMs: 0,
  /** A region splits when its largest store passes this; 0 = never; hbase.hregion.max.filesize (10 GiB). */
  regionSplitSizeBytes: 10 * 1024 * 1024 * 1024,
  /** Times an embedded operation is resent after NotServingRegion or RegionTooBusy; hbase.client.retries.number. */
  relocateRetriesMax: 30,
  /** First pause before a resend, doubled per try up to 64×; hbase.client.pause is 100 ms. */
  relocatePauseMs: 5,
  /** How long a flush or compaction waits for another one to record the store's file list. */
  fileListLockWaitMs: 10 * 60 * 1000,
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

/**
 * Bounds of the HBase RPC server (server/rpc/, docs/rpc.md). Each mirrors an HBase setting;
 * over a limit the server answers with HBase's exception for it, and never crashes.
 */
export const RPC_LIMITS = {
  /** Largest request frame body; hbase.ipc.max.request.size (HBase: 256 MiB). RequestTooBig, then close. */
  requestSizeBytesMax: 256 * 1024 * 1024,
  /** Calls queued or running at once across the server; hbase.ipc.server.max.callqueue.length. CallQueueTooBig beyond. */
  callQueueLengthMax: 1_000,
  /** Calls running at once per connection; later ones wait in the queue. */
  callsInFlightPerConnectionMax: 64,
  /** Bytes of answers waiting for a client that does not read; beyond it the connection is closed. */
  outboundBytesMax: 64 * 1024 * 1024,
  /** Wait for the preamble and ConnectionHeader before closing a silent connection. */
  handshakeTimeoutMs: 10_000,
  /** Live RPC connections; a new one beyond it is closed at once. */
  connectionsMax: 10_000,
  /** Scanner lease; hbase.client.scanner.timeout.period (HBase: 60 s). UnknownScanner after it. */
  scannerLeaseMs: 60_000,
  /** Open scanners per server; opening one more answers RegionTooBusy. */
  scannersMax: 100_000,
  /** Shortest scan time limit before a heartbeat; hbase.region.server.rpc.minimum.scan.time.limit.delta (10 ms). */
  scanTimeLimitMinMs: 10,
  /** Longest scan time limit before a heartbeat (HBase: half the lease or of the rpc timeout; tests shrink it). */
  scanTimeLimitMaxMs: 30_000,
  /** Closed scanner ids remembered so a redundant close gets an empty answer, not an error. */
  closedScannersRemembered: 10_000,
  /** Results one Scan call returns at most, whatever number_of_rows says. */
  scanRowsPerCallMax: 100_000,
  /** Nonces remembered for Increment/Append dedupe (HBase: hbase.server.hashNonce.gracePeriod, 30 min). */
  noncesRemembered: 100_000,
  /** How long a nonce is remembered. */
  nonceGracePeriodMs: 30 * 60 * 1000,
  /** Procedure results remembered for getProcedureResult. */
  proceduresRemembered: 10_000,
} as const;

export type RpcLimits = { -readonly [K in keyof typeof RPC_LIMITS]: number };
