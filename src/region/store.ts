// A Store: one column family of one region. Writes go to its MemStore; a flush writes the MemStore
// snapshot to a new store file (applying the minor-compaction drop rules) and records it in the
// store's file list; reads merge the MemStore with the store files, newest source first.

import { assert } from "../util/assert.ts";
import { log } from "../util/log.ts";
import type { ColumnFamilyDescriptor } from "../api/descriptors.ts";
import type { Cell } from "../cell/cell.ts";
import { compareRows } from "../cell/comparator.ts";
import { type Fs, joinPath } from "../platform/fs.ts";
import { MemStore, type MemStoreSnapshot } from "../memstore/memstore.ts";
import type { KeyValueScanner } from "../scan/key-value-scanner.ts";
import { CompactionQueryMatcher } from "../scan/compaction-query-matcher.ts";
import type { BlockCache } from "../storefile/block-cache.ts";
import { StoreFileReader } from "../storefile/storefile-reader.ts";
import { StoreFileWriter } from "../storefile/storefile-writer.ts";
import { type StoreFileList, readFileList, storeFileName, writeFileList } from "./store-file-tracker.ts";

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
      out.push(reader.scanner());
    }
    return out;
  }

  /**
   * Writes `snapshot` to a new store file and records it with `flushSequenceId`. Cells are kept
   * by the flush rules. On failure the snapshot's cells stay readable and the error is rethrown.
   */
  async flushSnapshot(snapshot: MemStoreSnapshot, options: { flushSequenceId: bigint; smallestReadPoint: bigint; now: bigint }): Promise<void> {
    const { fs } = this.#ctx;
    const name = storeFileName(this.#list.nextFileNumber);
    const path = joinPath(this.dir, name);
    const kept = this.#selectForFlush(snapshot, options);
    let files = this.#list.files;
    let reader: StoreFileReader | undefined;
    if (kept.length > 0) {
      await fs.remove(path);
      const writer = await StoreFileWriter.create(fs, path, {
        blockSizeBytes: this.family.blockSizeBytes,
        bloomType: this.family.bloomFilterType,
        expectedCellCount: kept.length,
      });
      try {
        for (const cell of kept) await writer.append(cell);
        await writer.finish({ maxSequenceId: options.flushSequenceId, majorCompaction: false });
      } catch (error) {
        await writer.abort().catch(() => {});
        throw error;
      }
      await fs.syncDir(this.dir);
      reader = await StoreFileReader.open(fs, path, { blockCache: this.#ctx.blockCache });
      files = [name, ...files];
    }
    const list = { files, flushedSequenceId: options.flushSequenceId, nextFileNumber: this.#list.nextFileNumber + 1 };
    try {
      await writeFileList(fs, this.dir, list);
    } catch (error) {
      await reader?.close();
      throw error;
    }
    assert(list.flushedSequenceId >= this.#list.flushedSequenceId, "flushed sequence id went backwards");
    this.#list = list;
    if (reader !== undefined) this.#readers = [reader, ...this.#readers];
    this.memstore.clearSnapshot(snapshot);
  }

  async close(): Promise<void> {
    for (const reader of this.#readers) await reader.close();
    this.#readers = [];
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
