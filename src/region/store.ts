// A Store: one column family of one region. Writes go to its MemStore; a flush writes the MemStore
// snapshot to a new store file (applying the minor-compaction drop rules) and records it in the
// store's file list; a compaction rewrites several files into one; reads merge the MemStore with
// the store files, newest source first, holding a lease on each file they read.

import { assert } from "../util/assert.ts";
import { EMPTY_BYTES } from "../util/bytes.ts";
import { log } from "../util/log.ts";
import type { ColumnFamilyDescriptor } from "../api/descriptors.ts";
import type { Cell } from "../cell/cell.ts";
import { compareRows } from "../cell/comparator.ts";
import { firstOnRow } from "../cell/cell.ts";
import { type Fs, joinPath } from "../platform/fs.ts";
import { MemStore, type MemStoreSnapshot } from "../memstore/memstore.ts";
import type { KeyValueScanner } from "../scan/key-value-scanner.ts";
import { CompactionQueryMatcher } from "../scan/compaction-query-matcher.ts";
import { StoreScanner } from "../scan/store-scanner.ts";
import { LeasedScanner } from "./leased-scanner.ts";
import { ReadWriteLock } from "./row-lock.ts";
import type { BlockCache } from "../storefile/block-cache.ts";
import { StoreFileReader } from "../storefile/storefile-reader.ts";
import { StoreFileWriter } from "../storefile/storefile-writer.ts";
import { type StoreFileList, readFileList, storeFileName, writeFileList } from "./store-file-tracker.ts";

/** A flush or compaction waits at most this long for another one to record its files. */
const LIST_LOCK_WAIT_MS = 10 * 60 * 1000;

export interface StoreContext {
  fs: Fs;
  blockCache: BlockCache;
}

export class Store {
  readonly family: ColumnFamilyDescriptor;
  readonly dir: string;
  readonly memstore = new MemStore();
  readonly #ctx: StoreContext;
  #list: StoreFileList;
  /** Open readers, newest first, matching #list.files. */
  #readers: StoreFileReader[];
  /** Scanners open on each reader; a retired reader is closed and deleted when this reaches 0. */
  readonly #leases = new Map<StoreFileReader, number>();
  readonly #retired = new Set<StoreFileReader>();
  #compacting = false;
  readonly #listLock = new ReadWriteLock();

  private constructor(ctx: StoreContext, family: ColumnFamilyDescriptor, dir: string, list: StoreFileList, readers: StoreFileReader[]) {
    this.#ctx = ctx;
    this.family = family;
    this.dir = dir;
    this.#list = list;
    this.#readers = readers;
  }

  /** Opens the store in `dir` (created if missing), removing files its list does not name. */
  static async open(ctx: StoreContext, family: ColumnFamilyDescriptor, dir: string): Promise<Store> {
    await ctx.fs.mkdirs(dir);
    const list = await readFileList(ctx.fs, dir);
    const live = new Set(list.files);
    for (const name of await ctx.fs.list(dir)) {
      if (name.startsWith(".") || live.has(name)) continue;
      log.info("Removing orphaned store file", { path: joinPath(dir, name) });
      await ctx.fs.remove(joinPath(dir, name));
    }
    const readers: StoreFileReader[] = [];
    for (const name of list.files) {
      readers.push(await StoreFileReader.open(ctx.fs, joinPath(dir, name), { blockCache: ctx.blockCache }));
    }
    return new Store(ctx, family, dir, list, readers);
  }

  /** Every edit of this store up to this sequence id is in its store files. */
  get flushedSequenceId(): bigint {
    return this.#list.flushedSequenceId;
  }

  get storeFileCount(): number {
    return this.#readers.length;
  }

  add(cell: Cell): void {
    this.memstore.add(cell);
  }

  /**
   * Sources for a read, newest first. With `row` (a Get), store files whose bloom rules the row
   * out are left out.
   */
  sources(row?: Uint8Array): KeyValueScanner[] {
    const out = this.memstore.scanners();
    for (const reader of this.#readers) {
      if (row !== undefined && !reader.mightContainRow(row)) continue;
      out.push(this.#leasedScanner(reader));
    }
    return out;
  }

  /** Total bytes of the store files, oldest first (the order compaction selection wants). */
  fileSizesOldestFirst(): number[] {
    return this.#readers.map((r) => r.info.fileSizeBytes).reverse();
  }

  /** Creation time of the oldest store file, or undefined without files. */
  oldestFileCreatedAtMs(): bigint | undefined {
    return this.#readers.at(-1)?.info.createdAtMs;
  }

  /**
   * Rewrites store files into one: all of them for a major compaction (dropping deletes and
   * expired cells, §2.7), or the files `select` picks (indexes, oldest first) for a minor one. The
   * new file is durable and recorded before the inputs are retired; inputs are deleted once no
   * scanner reads them. Returns false when there was nothing to do or a compaction was running.
   */
  async compact(options: {
    major: boolean;
    select: (sizesOldestFirst: number[]) => number[];
    smallestReadPoint: bigint;
    now: bigint;
    timeToPurgeDeletesMs: bigint;
  }): Promise<boolean> {
    if (this.#compacting || this.#readers.length === 0) return false;
    const oldestFirst = [...this.#readers].reverse();
    const picked = options.major ? oldestFirst.map((_, i) => i) : options.select(oldestFirst.map((r) => r.info.fileSizeBytes));
    if (picked.length === 0 || (!options.major && picked.length < 2)) return false;
    this.#compacting = true;
    try {
      const inputs = picked.map((i) => oldestFirst[i]);
      const output = await this.#writeCompacted(inputs, options);
      try {
        await this.#commitFiles((readers) => replaceInputs(readers, inputs, output));
      } catch (error) {
        await output?.close();
        throw error;
      }
      for (const input of inputs) this.#retire(input);
      return true;
    } finally {
      this.#compacting = false;
    }
  }

  /**
   * Writes `snapshot` to a new store file and records it with `flushSequenceId`. Cells are kept
   * by the flush rules. On failure the snapshot's cells stay readable and the error is rethrown.
   */
  async flushSnapshot(snapshot: MemStoreSnapshot, options: { flushSequenceId: bigint; smallestReadPoint: bigint; now: bigint }): Promise<void> {
    const kept = this.#selectForFlush(snapshot, options);
    const reader = kept.length === 0 ? undefined : await this.#writeFlushed(kept, options.flushSequenceId);
    try {
      await this.#commitFiles((readers) => (reader === undefined ? readers : [reader, ...readers]), options.flushSequenceId);
    } catch (error) {
      await reader?.close();
      throw error;
    }
    this.memstore.clearSnapshot(snapshot);
  }

  async #writeFlushed(cells: Cell[], flushSequenceId: bigint): Promise<StoreFileReader> {
    const { fs } = this.#ctx;
    const path = joinPath(this.dir, this.#nextFileName());
    await fs.remove(path);
    const writer = await StoreFileWriter.create(fs, path, {
      blockSizeBytes: this.family.blockSizeBytes,
      bloomType: this.family.bloomFilterType,
      expectedCellCount: cells.length,
    });
    try {
      for (const cell of cells) await writer.append(cell);
      await writer.finish({ maxSequenceId: flushSequenceId, majorCompaction: false });
    } catch (error) {
      await writer.abort().catch(() => {});
      throw error;
    }
    await fs.syncDir(this.dir);
    return StoreFileReader.open(fs, path, { blockCache: this.#ctx.blockCache });
  }

  /**
   * Changes the live file set and records it durably; one change at a time, so a flush and a
   * compaction finishing together cannot lose each other's files.
   */
  async #commitFiles(change: (readers: StoreFileReader[]) => StoreFileReader[], flushedSequenceId?: bigint): Promise<void> {
    const release = await this.#listLock.acquire(true, LIST_LOCK_WAIT_MS, () => `store file list ${this.dir}`);
    try {
      const readers = change(this.#readers);
      const flushed = flushedSequenceId ?? this.#list.flushedSequenceId;
      assert(flushed >= this.#list.flushedSequenceId, "flushed sequence id went backwards");
      const files = readers.map((r) => r.path.slice(r.path.lastIndexOf("/") + 1));
      const list = { files, flushedSequenceId: flushed, nextFileNumber: this.#list.nextFileNumber };
      await writeFileList(this.#ctx.fs, this.dir, list);
      this.#list = { ...list, nextFileNumber: this.#list.nextFileNumber };
      this.#readers = readers;
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    for (const reader of this.#readers) await reader.close();
    for (const reader of this.#retired) await reader.close();
    this.#readers = [];
    this.#retired.clear();
  }

  /** The next store file name, reserving its number. */
  #nextFileName(): string {
    const name = storeFileName(this.#list.nextFileNumber);
    this.#list = { ...this.#list, nextFileNumber: this.#list.nextFileNumber + 1 };
    return name;
  }

  async #writeCompacted(
    inputs: StoreFileReader[],
    options: { major: boolean; smallestReadPoint: bigint; now: bigint; timeToPurgeDeletesMs: bigint },
  ): Promise<StoreFileReader | undefined> {
    const { fs } = this.#ctx;
    const matcher = new CompactionQueryMatcher({ ...options, family: this.family });
    const sources = [...inputs].reverse().map((r) => this.#leasedScanner(r));
    const scanner = new StoreScanner({ family: this.family.name, sources, matcher, reversed: false, rowSizeBytesMax: Number.MAX_SAFE_INTEGER });
    const path = joinPath(this.dir, this.#nextFileName());
    let maxSequenceId = 0n;
    let expected = 0;
    for (const input of inputs) {
      if (input.info.maxSequenceId > maxSequenceId) maxSequenceId = input.info.maxSequenceId;
      expected += input.info.cellCount;
    }
    await fs.remove(path);
    const writer = await StoreFileWriter.create(fs, path, {
      blockSizeBytes: this.family.blockSizeBytes,
      bloomType: this.family.bloomFilterType,
      expectedCellCount: expected,
    });
    let written = 0;
    try {
      await scanner.start({ kind: "seek", key: firstOnRow(EMPTY_BYTES) });
      const out: Cell[] = [];
      for (let row = scanner.peekRow(); row !== undefined; row = scanner.peekRow()) {
        out.length = 0;
        await scanner.readRow(row, out);
        for (const cell of out) await writer.append(cell);
        written += out.length;
      }
      if (written === 0) {
        await writer.abort();
        return undefined;
      }
      await writer.finish({ maxSequenceId, majorCompaction: options.major });
    } catch (error) {
      await writer.abort().catch(() => {});
      throw error;
    } finally {
      scanner.close();
    }
    await fs.syncDir(this.dir);
    return StoreFileReader.open(fs, path, { blockCache: this.#ctx.blockCache });
  }

  #leasedScanner(reader: StoreFileReader): KeyValueScanner {
    this.#leases.set(reader, (this.#leases.get(reader) ?? 0) + 1);
    return new LeasedScanner(reader.scanner(), () => this.#releaseLease(reader));
  }

  #releaseLease(reader: StoreFileReader): void {
    const n = (this.#leases.get(reader) ?? 1) - 1;
    if (n > 0) {
      this.#leases.set(reader, n);
      return;
    }
    this.#leases.delete(reader);
    if (this.#retired.has(reader)) this.#dispose(reader);
  }

  #retire(reader: StoreFileReader): void {
    this.#retired.add(reader);
    if (!this.#leases.has(reader)) this.#dispose(reader);
  }

  #dispose(reader: StoreFileReader): void {
    this.#retired.delete(reader);
    reader.close()
      .then(() => this.#ctx.fs.remove(reader.path))
      .catch((error) => log.warn("Could not remove a compacted store file; it is removed on next open", { path: reader.path, error: String(error) }));
  }

  #selectForFlush(snapshot: MemStoreSnapshot, options: { smallestReadPoint: bigint; now: bigint }): Cell[] {
    const matcher = new CompactionQueryMatcher({
      major: false,
      smallestReadPoint: options.smallestReadPoint,
      now: options.now,
      family: this.family,
      timeToPurgeDeletesMs: 0n,
    });
    const kept: Cell[] = [];
    let row: Cell[] = [];
    for (let node = snapshot.list.first(); node !== null; node = node.next[0]) {
      if (row.length > 0 && compareRows(row[0], node.cell) !== 0) {
        matcher.matchRow(row, kept);
        row = [];
      }
      row.push(node.cell);
    }
    if (row.length > 0) matcher.matchRow(row, kept);
    return kept;
  }
}

/** The reader list with `inputs` replaced by `output` at the newest input's place. */
function replaceInputs(readers: StoreFileReader[], inputs: StoreFileReader[], output: StoreFileReader | undefined): StoreFileReader[] {
  const gone = new Set(inputs);
  const next: StoreFileReader[] = [];
  let placed = false;
  for (const reader of readers) {
    if (!gone.has(reader)) {
      next.push(reader);
      continue;
    }
    if (!placed && output !== undefined) next.push(output);
    placed = true;
  }
  return next;
}
