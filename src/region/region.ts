// A Region: the rows [startKey, endKey) of one table, with one Store per family, its MVCC, row
// locks and the write path of DESIGN.md ("the life of a write"): row lock → write number → WAL →
// MemStore → MVCC advance → ack. Reads open a RegionScanner at the current read point. Flushes cut
// a MemStore snapshot under the updates lock and write it to store files.

import { assert } from "../util/assert.ts";
import { compareBytes, concatBytes, equalBytes, toHex } from "../util/bytes.ts";
import { LONG_MAX } from "../util/int64.ts";
import type { Limits } from "../util/limits.ts";
import { log } from "../util/log.ts";
import type { Cell } from "../cell/cell.ts";
import { firstOnRow, lastOnRow } from "../cell/cell.ts";
import type { TableDescriptor } from "../api/descriptors.ts";
import {
  DoNotRetryIOError,
  NoSuchColumnFamilyError,
  NotServingRegionError,
  RegionTooBusyError,
} from "../api/errors.ts";
import { Durability, Get, IsolationLevel, type Scan, TimeRange } from "../api/operations.ts";
import type { RegionInfo } from "../api/types.ts";
import { toStringBinary, toUtf8 } from "../util/bytes.ts";
import type { WAL } from "../wal/wal.ts";
import type { WALEdit, WALSyncMode } from "../wal/wal-edit.ts";
import { familyTtlMs } from "../scan/compaction-query-matcher.ts";
import { RegionScanner } from "../scan/region-scanner.ts";
import { type StartPosition, StoreScanner } from "../scan/store-scanner.ts";
import { type ReadFilter, UserQueryMatcher } from "../scan/user-query-matcher.ts";
import { expiredBefore } from "../scan/source-selection.ts";
import { checkFilterDepth } from "../api/filters/filter.ts";
import { joinPath } from "../platform/fs.ts";
import { Mvcc } from "./mvcc.ts";
import { ReadWriteLock, RowLocks } from "./row-lock.ts";
import { Store, type StoreContext } from "./store.ts";
import { withStorageErrors } from "./storage-error.ts";
import { selectMinorCompaction } from "./compaction-policy.ts";
import { killpoint } from "../killpoints.ts";

export interface RegionContext extends StoreContext {
  wal: WAL;
  clock: () => bigint;
  limits: Limits;
  /** Asks the catalog to split a region that passed the split size (runs in the background). */
  requestSplit?: (region: Region) => void;
}

const SYNC_MODE: Record<Durability, WALSyncMode | undefined> = { 0: "sync", 1: undefined, 2: "async", 3: "sync", 4: "fsync" };

/** A read in progress on one region; close() releases its read point. */
export interface RegionReader {
  /**
   * The next row's cells, undefined when done; a Promise only when the read had to load a block.
   * A failure is thrown, or with a Promise rejected: callers `await` the result either way.
   */
  nextRow(): Cell[] | undefined | Promise<Cell[] | undefined>;
  /**
   * Per cell of the row nextRow() returned last: whether the read was still inside that row after
   * the cell (RegionScanner.lastRowMore); a batch or size cut there makes a partial Result. Kept
   * only for scans with batch or partial results; empty otherwise.
   */
  readonly lastRowMore: readonly boolean[];
  /** Whether the read's filter said every remaining row is filtered (ends the whole scan, §5.1). */
  readonly filterDone: boolean;
  close(): void;
}

export class Region {
  readonly info: RegionInfo;
  readonly dir: string;
  readonly #table: TableDescriptor;
  readonly #ctx: RegionContext;
  readonly #stores: Store[];
  readonly #storeByFamily = new Map<string, Store>();
  readonly #mvcc: Mvcc;
  readonly #rowLocks: RowLocks;
  readonly #updatesLock = new ReadWriteLock();
  readonly #openReadPoints = new Map<bigint, number>();
  #flushInFlight: Promise<void> | undefined;
  #compaction: Promise<number> | undefined;
  #compactionMajor = false;
  #closed = false;

  private constructor(ctx: RegionContext, info: RegionInfo, table: TableDescriptor, dir: string, stores: Store[]) {
    this.#ctx = ctx;
    this.info = info;
    this.#table = table;
    this.dir = dir;
    this.#stores = stores;
    for (const store of stores) this.#storeByFamily.set(toHex(store.family.name), store);
    let flushed = 0n;
    for (const store of stores) if (store.flushedSequenceId > flushed) flushed = store.flushedSequenceId;
    this.#mvcc = new Mvcc(flushed);
    this.#rowLocks = new RowLocks(ctx.limits.rowLockWaitMs);
  }

  /** Opens the region's stores under `dir`. Call replay() for WAL edits, then finishReplay(). */
  static async open(ctx: RegionContext, info: RegionInfo, table: TableDescriptor, dir: string): Promise<Region> {
    const families = [...table.families].sort((a, b) => compareBytes(a.name, b.name));
    const stores: Store[] = [];
    for (const family of families) stores.push(await Store.open(ctx, family, joinPath(dir, toHex(family.name))));
    return new Region(ctx, info, table, dir, stores);
  }

  get table(): TableDescriptor {
    return this.#table;
  }

  get memstoreSizeBytes(): number {
    let total = 0;
    for (const store of this.#stores) total += store.memstore.sizeBytes;
    return total;
  }

  /** Highest sequence id handed out (after replay: the last one logged or flushed). */
  get sequenceId(): bigint {
    return this.#mvcc.writePoint;
  }

  get memstoreIsEmpty(): boolean {
    return this.#stores.every((s) => s.memstore.isEmpty);
  }

  get readPoint(): bigint {
    return this.#mvcc.readPoint;
  }

  /** Re-applies one WAL edit of this region, skipping cells each store has already flushed. */
  replay(edit: WALEdit): boolean {
    assert(edit.regionName === this.info.encodedName, "WAL edit replayed into the wrong region");
    let applied = false;
    for (const cell of edit.cells) {
      const store = this.#storeByFamily.get(toHex(cell.family));
      if (store === undefined || edit.sequenceId <= store.flushedSequenceId) continue;
      store.add(cell.sequenceId === edit.sequenceId ? cell : { ...cell, sequenceId: edit.sequenceId });
      applied = true;
    }
    if (edit.sequenceId > this.#mvcc.writePoint) this.#mvcc.advanceTo(edit.sequenceId);
    return applied;
  }

  // ---- reads ----

  /**
   * Opens a reader for `scan` (a Get passes its row as a one-row scan). The scan's filter is
   * copied: each reader has its own filter state, as each HBase region scanner does (§5.1).
   */
  async openReader(scan: Scan | Get): Promise<RegionReader> {
    this.#checkOpen();
    const isGet = scan instanceof Get;
    const reversed = !isGet && scan.reversed;
    const filter = this.#readFilter(scan, reversed);
    const readPoint = scan.isolationLevel === IsolationLevel.READ_UNCOMMITTED ? LONG_MAX : this.#mvcc.readPoint;
    const opened = this.#openStoreScanners(scan, readPoint, filter);
    const scanners = Array.isArray(opened) ? opened : await opened;
    const regionScanner = new RegionScanner(scanners, {
      stopRow: isGet ? scan.row : scan.stopRow,
      includeStopRow: isGet ? true : scan.includeStopRow,
      regionStartKey: this.info.startKey,
      regionEndKey: this.info.endKey,
      reversed,
      batch: isGet ? -1 : scan.batch,
      cutsRows: !isGet && (scan.batch > 0 || scan.allowPartialResults),
    }, filter);
    this.#openReadPoints.set(readPoint, (this.#openReadPoints.get(readPoint) ?? 0) + 1);
    let closed = false;
    return {
      nextRow: () => regionScanner.nextRow(),
      get lastRowMore() {
        return regionScanner.lastRowMore;
      },
      get filterDone() {
        return regionScanner.filterDone;
      },
      close: () => {
        if (closed) return;
        closed = true;
        regionScanner.close();
        const n = this.#openReadPoints.get(readPoint)! - 1;
        if (n === 0) this.#openReadPoints.delete(readPoint);
        else this.#openReadPoints.set(readPoint, n);
      },
    };
  }

  /** This reader's copy of the scan's filter, checked for depth and for batch (§3.2). */
  #readFilter(scan: Scan | Get, reversed: boolean): ReadFilter | undefined {
    if (scan.filter === undefined) return undefined;
    checkFilterDepth(scan.filter, this.#ctx.limits.filterDepthMax);
    const filter = scan.filter.copy();
    filter.setReversed(reversed);
    // HBase reads families the filter does not need from a second, "joined" heap, which its
    // reversed scanner does not have: such a reversed scan is refused as it opens.
    if (reversed && scan.loadColumnFamiliesOnDemand !== false &&
      this.#selectStores(scan).some(({ store }) => !filter.isFamilyEssential(store.family.name))) {
      throw new DoNotRetryIOError("Reverse scan with loading CFs on demand is not supported");
    }
    return { filter, skipRow: false };
  }

  /**
   * The cells of one row for `get` (empty when nothing is visible). Without a filter it reads the
   * row straight from the store scanners: what a RegionScanner over the one-row range returns.
   */
  async get(get: Get): Promise<Cell[]> {
    if (get.filter !== undefined) {
      const reader = await this.openReader(get);
      try {
        return (await reader.nextRow()) ?? [];
      } finally {
        reader.close();
      }
    }
    this.#checkOpen();
    const readPoint = get.isolationLevel === IsolationLevel.READ_UNCOMMITTED ? LONG_MAX : this.#mvcc.readPoint;
    const opened = this.#openStoreScanners(get, readPoint, undefined);
    const scanners = Array.isArray(opened) ? opened : await opened;
    this.#openReadPoints.set(readPoint, (this.#openReadPoints.get(readPoint) ?? 0) + 1);
    try {
      const out: Cell[] = [];
      const end = this.info.endKey;
      if (end.length > 0 && compareBytes(get.row, end) >= 0) return out;
      for (const scanner of scanners) {
        const row = scanner.peekRow();
        if (row === undefined || !equalBytes(row, get.row)) continue;
        const pending = scanner.readRow(get.row, out);
        if (pending !== undefined) await pending;
      }
      return out;
    } finally {
      for (const scanner of scanners) scanner.close();
      const n = this.#openReadPoints.get(readPoint)! - 1;
      if (n === 0) this.#openReadPoints.delete(readPoint);
      else this.#openReadPoints.set(readPoint, n);
    }
  }

  /** Newest visible versions of one column at the current read point (for the write path). */
  async readColumn(
    row: Uint8Array,
    family: Uint8Array,
    qualifier: Uint8Array,
    options: { versions: number; timeRange: TimeRange },
  ): Promise<Cell[]> {
    const get = new Get(row).addColumn(family, qualifier).readVersions(options.versions);
    get.timeRange = options.timeRange;
    return this.get(get);
  }

  /**
   * One started StoreScanner per selected store, in family order. Returns a Promise only when a
   * source had to load a block while positioning (a Get on cached or MemStore data costs no await).
   */
  #openStoreScanners(scan: Scan | Get, readPoint: bigint, filter: ReadFilter | undefined): StoreScanner[] | Promise<StoreScanner[]> {
    const position = this.#startPosition(scan);
    const out = this.#newStoreScanners(scan, readPoint, filter);
    // Scanners hold leases on store files: on any failure, close them all.
    try {
      for (let i = 0; i < out.length; i++) {
        const pending = out[i].start(position);
        if (pending !== undefined) return this.#startRest(out, pending, i + 1, position);
      }
    } catch (error) {
      for (const scanner of out) scanner.close();
      throw error;
    }
    return out;
  }

  async #startRest(out: StoreScanner[], pending: Promise<void>, from: number, position: StartPosition): Promise<StoreScanner[]> {
    try {
      await pending;
      for (let i = from; i < out.length; i++) {
        const next = out[i].start(position);
        if (next !== undefined) await next;
      }
    } catch (error) {
      for (const scanner of out) scanner.close();
      throw error;
    }
    return out;
  }

  #newStoreScanners(scan: Scan | Get, readPoint: bigint, filter: ReadFilter | undefined): StoreScanner[] {
    const isGet = scan instanceof Get;
    const raw = !isGet && scan.raw;
    const now = this.#ctx.clock();
    const selected = this.#selectStores(scan);
    if (raw && selected.some((s) => s.qualifiers !== undefined)) throw new DoNotRetryIOError("Cannot specify any column for a raw scan");
    const out: StoreScanner[] = [];
    try {
      for (const { store, qualifiers } of selected) {
        const familyRange = scan.familyTimeRanges.size === 0 ? undefined : scan.familyTimeRanges.get(toHex(store.family.name))?.range;
        const versions = raw ? scan.maxVersions : Math.min(scan.maxVersions, store.family.maxVersions);
        const matcher = new UserQueryMatcher({
          readPoint,
          timeRange: familyRange ?? scan.timeRange,
          raw,
          keepDeletedCells: store.family.keepDeletedCells !== "FALSE",
          now,
          familyTtlMs: familyTtlMs(store.family),
          minVersions: store.family.minVersions,
          // With a filter the tracker admits up to VERSIONS (unbounded when raw); the cap comes after (§5.3).
          maxVersions: filter === undefined ? versions : raw ? 0x7fffffff : store.family.maxVersions,
          qualifiers,
          storeLimit: scan.storeLimit,
          storeOffset: scan.storeOffset,
          filter,
          versionsAfterFilter: versions,
        });
        out.push(
          new StoreScanner({
            family: store.family.name,
            sources: store.sources(isGet ? scan.row : undefined, {
              timeRange: familyRange ?? scan.timeRange,
              expiredBefore: expiredBefore({ raw, minVersions: store.family.minVersions, ttlMs: familyTtlMs(store.family), now }),
            }),
            matcher,
            reversed: !isGet && scan.reversed,
            rowSizeBytesMax: this.#ctx.limits.rowSizeBytesMax,
          }),
        );
      }
    } catch (error) {
      for (const scanner of out) scanner.close();
      throw error;
    }
    return out;
  }

  #selectStores(scan: Scan | Get): { store: Store; qualifiers: Uint8Array[] | undefined }[] {
    if (scan.columns.isEmpty) return this.#stores.map((store) => ({ store, qualifiers: undefined }));
    const out: { store: Store; qualifiers: Uint8Array[] | undefined }[] = [];
    for (const { family, qualifiers } of scan.columns.families.values()) {
      const store = this.#storeByFamily.get(toHex(family));
      if (store === undefined) throw this.#noSuchFamily(family);
      out.push({ store, qualifiers: qualifiers.length === 0 ? undefined : [...qualifiers].sort(compareBytes) });
    }
    return out.sort((a, b) => compareBytes(a.store.family.name, b.store.family.name));
  }

  #startPosition(scan: Scan | Get): StartPosition {
    const { startKey, endKey } = this.info;
    if (scan instanceof Get) return { kind: "seek", key: firstOnRow(scan.row) };
    if (!scan.reversed) {
      if (compareBytes(scan.startRow, startKey) < 0) return { kind: "seek", key: firstOnRow(startKey) };
      return { kind: "seek", key: scan.includeStartRow ? firstOnRow(scan.startRow) : lastOnRow(scan.startRow) };
    }
    const beyondRegion = endKey.length > 0 && (scan.startRow.length === 0 || compareBytes(scan.startRow, endKey) >= 0);
    if (beyondRegion) return { kind: "before", row: endKey };
    if (scan.startRow.length === 0) return { kind: "last" };
    return { kind: "before", row: scan.includeStartRow ? concatBytes([scan.startRow, new Uint8Array([0])]) : scan.startRow };
  }

  // ---- writes ----

  /**
   * Logs and applies `cells` as one mini-batch: one sequence id, one WAL record. The caller holds
   * the rows' locks and has stamped every timestamp. Resolves once the cells are readable.
   */
  async applyMiniBatch(cells: Cell[], durability: Durability): Promise<void> {
    this.#checkOpen();
    this.#checkMemStorePressure();
    if (cells.length === 0) return;
    const release = this.#updatesLock.tryAcquire(false) ??
      await this.#updatesLock.acquire(false, this.#ctx.limits.rowLockWaitMs, () => "region updates");
    let seqId: bigint;
    try {
      this.#checkOpen();
      seqId = this.#mvcc.begin();
      try {
        const stamped = withSequenceId(cells, seqId);
        const mode = SYNC_MODE[durability];
        if (mode !== undefined) {
          await this.#ctx.wal.append({
            regionName: this.info.encodedName,
            sequenceId: seqId,
            writeTimeMs: this.#ctx.clock(),
            cells: stamped,
          }, mode);
        }
        for (const cell of stamped) this.#storeFor(cell.family).add(cell);
      } finally {
        this.#mvcc.complete(seqId);
      }
    } finally {
      release();
    }
    if (this.#mvcc.readPoint < seqId) await this.#mvcc.waitForRead(seqId);
    this.#maybeRequestFlush();
  }

  /** The store of a family the table has (callers validated it); one compare for a one-family table. */
  #storeFor(family: Uint8Array): Store {
    const only = this.#stores.length === 1 ? this.#stores[0] : undefined;
    if (only !== undefined && equalBytes(only.family.name, family)) return only;
    const store = this.#storeByFamily.get(toHex(family));
    assert(store !== undefined, "a mutation names a family of the table");
    return store;
  }

  /** Locks rows for a write; exclusive for atomic operations. Returns the release function. */
  lockRows(rows: Uint8Array[], exclusive: boolean): Promise<() => void> {
    return this.#rowLocks.lockRows(rows, exclusive);
  }

  hasFamily(family: Uint8Array): boolean {
    return this.#storeByFamily.has(toHex(family));
  }

  // ---- flush and close ----

  /** Flushes every store with MemStore data. Concurrent callers share one flush. */
  async flush(): Promise<void> {
    while (this.#flushInFlight !== undefined) await this.#flushInFlight.catch(() => {});
    const flush = withStorageErrors(`flush region ${this.info.encodedName}`, () => this.#flush());
    this.#flushInFlight = flush;
    try {
      await flush;
    } finally {
      this.#flushInFlight = undefined;
    }
  }

  async #flush(): Promise<void> {
    const release = await this.#updatesLock.acquire(true, this.#ctx.limits.rowLockWaitMs, () => "region flush");
    let flushSequenceId: bigint;
    const snapshots: { store: Store; snapshot: ReturnType<Store["memstore"]["snapshot"]> }[] = [];
    try {
      assert(this.#mvcc.readPoint === this.#mvcc.writePoint, "flush with writes in flight");
      flushSequenceId = this.#mvcc.writePoint;
      for (const store of this.#stores) {
        if (store.memstore.activeSizeBytes > 0) snapshots.push({ store, snapshot: store.memstore.snapshot() });
      }
    } finally {
      release();
    }
    if (snapshots.length === 0) return;
    // The WAL must hold the snapshot's edits durably before any store file does: else power loss
    // mid-flush keeps a SYNC_WAL edit in one family's file and loses it from the others and the
    // WAL, tearing the row (HBase syncs here too, HBASE-8208).
    try {
      await this.#ctx.wal.sync();
    } catch (error) {
      for (const rest of snapshots) rest.store.memstore.restoreSnapshot(rest.snapshot);
      throw error;
    }
    const now = this.#ctx.clock();
    const smallestReadPoint = this.#smallestReadPoint();
    for (let i = 0; i < snapshots.length; i++) {
      const { store, snapshot } = snapshots[i];
      try {
        await store.flushSnapshot(snapshot, { flushSequenceId, smallestReadPoint, now });
      } catch (error) {
        for (const rest of snapshots.slice(i)) rest.store.memstore.restoreSnapshot(rest.snapshot);
        throw error;
      }
    }
    // Every store is now caught up to flushSequenceId: those without a snapshot had no edit at or
    // below it in their MemStore.
    await this.#ctx.wal.markFlushed(this.info.encodedName, flushSequenceId);
    killpoint("flush.afterMarkFlushed");
    this.#maybeRequestCompaction();
    this.#maybeRequestSplit();
  }

  /**
   * Compacts every store: all files for a major compaction, the exploring selection otherwise.
   * Returns how many stores were compacted.
   */
  async compact(options: { major: boolean }): Promise<number> {
    while (this.#compaction !== undefined) await this.#compaction.catch(() => 0);
    this.#checkOpen();
    const run = this.#compact(options);
    this.#compaction = run;
    this.#compactionMajor = options.major;
    try {
      return await run;
    } finally {
      this.#compaction = undefined;
    }
  }

  async #compact(options: { major: boolean }): Promise<number> {
    const limits = this.#ctx.limits;
    let compacted = 0;
    for (const store of this.#stores) {
      const done = await store.compact({
        major: options.major,
        select: (sizes) => selectMinorCompaction(sizes.map((sizeBytes) => ({ sizeBytes })), limits),
        smallestReadPoint: this.#smallestReadPoint(),
        now: this.#ctx.clock(),
        timeToPurgeDeletesMs: BigInt(limits.timeToPurgeDeletesMs),
      });
      if (done) compacted++;
    }
    if (compacted > 0) this.#maybeRequestSplit();
    return compacted;
  }

  /**
   * Where HBase would split this region: the midkey of its largest store's largest file, if it
   * lies strictly inside the region. Undefined while any store still reads references (a daughter
   * cannot split before its compaction) or when no row qualifies.
   */
  splitPoint(): Uint8Array | undefined {
    if (this.hasReferences) return undefined;
    let largest: Store | undefined;
    for (const store of this.#stores) {
      if (largest === undefined || store.storeFileSizeBytes > largest.storeFileSizeBytes) largest = store;
    }
    const row = largest?.splitPoint();
    return row !== undefined && this.isValidSplitRow(row) ? row : undefined;
  }

  /** Whether `row` can split this region: strictly after its start key and before its end key. */
  isValidSplitRow(row: Uint8Array): boolean {
    if (row.length === 0 || compareBytes(row, this.info.startKey) <= 0) return false;
    return this.info.endKey.length === 0 || compareBytes(row, this.info.endKey) < 0;
  }

  get hasReferences(): boolean {
    return this.#stores.some((s) => s.hasReferences);
  }

  /** Parents this region still reads through references. */
  referencedParents(): Set<string> {
    return new Set(this.#stores.flatMap((s) => s.referencedParents()));
  }

  /** Per family: the store directory name and the store's own files (what a split references). */
  storeFiles(): { familyDir: string; files: readonly string[] }[] {
    return this.#stores.map((s) => ({ familyDir: s.dir.slice(s.dir.lastIndexOf("/") + 1), files: s.ownFileNames }));
  }

  /** Whether the largest store passed the split size (and the region may split). */
  #wantsSplit(): boolean {
    const limit = this.#ctx.limits.regionSplitSizeBytes;
    return limit > 0 && !this.hasReferences && this.#stores.some((s) => s.storeFileSizeBytes > limit);
  }

  #maybeRequestSplit(): void {
    if (!this.#closed && this.#wantsSplit()) this.#ctx.requestSplit?.(this);
  }

  /** Whether a compaction is running (AdminService.GetRegionInfo reports it). */
  get compacting(): { major: boolean } | undefined {
    return this.#compaction === undefined ? undefined : { major: this.#compactionMajor };
  }

  /** Whether a store has enough files for a minor compaction, or is due a periodic major one. */
  needsCompaction(): { minor: boolean; major: boolean } {
    const limits = this.#ctx.limits;
    const minor = this.hasReferences || this.#stores.some((s) => s.storeFileCount >= Math.max(2, limits.compactionFilesMin));
    const period = limits.majorCompactionPeriodMs;
    const now = this.#ctx.clock();
    const major = period > 0 && this.#stores.some((s) => {
      const oldest = s.oldestFileCreatedAtMs();
      if (oldest === undefined || s.storeFileCount === 0) return false;
      const jitter = 1 + limits.majorCompactionJitter * (2 * stableFraction(s.dir) - 1);
      return now - oldest >= BigInt(Math.floor(period * jitter));
    });
    return { minor, major };
  }

  /** Starts a minor compaction in the background when a store has enough files. */
  #maybeRequestCompaction(): void {
    if (this.#compaction !== undefined || this.#closed || !this.needsCompaction().minor) return;
    this.compact({ major: false })
      .catch((error) => log.error("Compaction failed", { region: this.info.encodedName, error: String(error) }));
  }

  /** Stops serving: waits for a running flush, optionally flushes, closes store files. */
  async close(options: { flush: boolean }): Promise<void> {
    if (this.#closed) return;
    // A pre-flush while writes still flow keeps the final one (with writes blocked) short.
    if (options.flush) await this.flush();
    const release = await this.#updatesLock.acquire(true, this.#ctx.limits.rowLockWaitMs, () => "region close");
    this.#closed = true;
    release();
    while (this.#flushInFlight !== undefined) await this.#flushInFlight.catch(() => {});
    while (this.#compaction !== undefined) await this.#compaction.catch(() => 0);
    if (options.flush) await this.flush();
    for (const store of this.#stores) await store.close();
  }

  get closed(): boolean {
    return this.#closed;
  }

  #smallestReadPoint(): bigint {
    let min = this.#mvcc.readPoint;
    for (const point of this.#openReadPoints.keys()) if (point < min) min = point;
    return min;
  }

  #flushSizeBytes(): number {
    return this.#table.memstoreFlushSizeBytes > 0 ? this.#table.memstoreFlushSizeBytes : this.#ctx.limits.memstoreFlushSizeBytes;
  }

  #maybeRequestFlush(): void {
    if (this.#flushInFlight !== undefined || this.memstoreSizeBytes < this.#flushSizeBytes()) return;
    this.flush().catch((error) => log.error("Flush failed", { region: this.info.encodedName, error: String(error) }));
  }

  #checkMemStorePressure(): void {
    const blocking = this.#flushSizeBytes() * this.#ctx.limits.memstoreBlockMultiplier;
    if (this.memstoreSizeBytes > blocking) {
      this.#maybeRequestFlush();
      throw new RegionTooBusyError(`Over memstore limit=${blocking}, regionName=${this.info.encodedName}`);
    }
  }

  #checkOpen(): void {
    if (this.#closed) throw new NotServingRegionError(`Region ${toUtf8(this.info.regionName)} is not online`);
  }

  #noSuchFamily(family: Uint8Array): NoSuchColumnFamilyError {
    return new NoSuchColumnFamilyError(
      `Column family ${toStringBinary(family)} does not exist in region ${toUtf8(this.info.regionName)}`,
    );
  }
}

/** Copies of `cells` carrying `sequenceId`, all built with the one field order makeCell uses. */
function withSequenceId(cells: readonly Cell[], sequenceId: bigint): Cell[] {
  const out: Cell[] = new Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    out[i] = { row: c.row, family: c.family, qualifier: c.qualifier, timestamp: c.timestamp, type: c.type, sequenceId, value: c.value, tags: c.tags };
  }
  return out;
}

/** A fraction in [0, 1) fixed per string, so each store gets its own stable jitter. */
function stableFraction(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) / 0x100000000;
}
