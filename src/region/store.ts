// A Store: one column family of one region. Writes go to its MemStore; a flush writes the MemStore
// snapshot to a new store file (applying the minor-compaction drop rules); a compaction rewrites
// several files into one (and turns a daughter's references into real files); reads merge the
// MemStore with the store files, newest source first. The file set is kept by StoreFileSet.

import { EMPTY_BYTES, compareBytes } from "../util/bytes.ts";
import { LONG_MAX, LONG_MIN, minLong } from "../util/int64.ts";
import type { ColumnFamilyDescriptor } from "../api/descriptors.ts";
import type { Cell } from "../cell/cell.ts";
import { compareRows } from "../cell/comparator.ts";
import { firstOnRow } from "../cell/cell.ts";
import { MemStore, type MemStoreSnapshot } from "../memstore/memstore.ts";
import type { KeyValueScanner } from "../scan/key-value-scanner.ts";
import { CompactionQueryMatcher } from "../scan/compaction-query-matcher.ts";
import { StoreScanner } from "../scan/store-scanner.ts";
import { shouldUseSource, type SourceSelection } from "../scan/source-selection.ts";
import { StoreFileReader } from "../storefile/storefile-reader.ts";
import { StoreFileWriter } from "../storefile/storefile-writer.ts";
import { type LiveFile, StoreFileSet, type StoreFileSetContext } from "./store-file-set.ts";
import { killpoint } from "../killpoints.ts";

export type StoreContext = StoreFileSetContext;

export interface CompactionOptions {
  major: boolean;
  /** Indexes (oldest first) of the files a minor compaction takes, given their sizes. */
  select: (sizesOldestFirst: number[]) => number[];
  smallestReadPoint: bigint;
  now: bigint;
  timeToPurgeDeletesMs: bigint;
}

export class Store {
  readonly family: ColumnFamilyDescriptor;
  readonly memstore = new MemStore();
  readonly #ctx: StoreContext;
  readonly #files: StoreFileSet;
  #compacting = false;

  private constructor(ctx: StoreContext, family: ColumnFamilyDescriptor, files: StoreFileSet) {
    this.#ctx = ctx;
    this.family = family;
    this.#files = files;
  }

  /** Opens the store in `dir` (created if missing). */
  static async open(ctx: StoreContext, family: ColumnFamilyDescriptor, dir: string): Promise<Store> {
    return new Store(ctx, family, await StoreFileSet.open(ctx, dir));
  }

  get dir(): string {
    return this.#files.dir;
  }

  /** Every edit of this store up to this sequence id is in its store files. */
  get flushedSequenceId(): bigint {
    return this.#files.flushedSequenceId;
  }

  get storeFileCount(): number {
    return this.#files.files.length;
  }

  /** Bytes in store files (a reference counts its whole parent file). */
  get storeFileSizeBytes(): number {
    return this.#files.files.reduce((n, f) => n + f.reader.info.fileSizeBytes, 0);
  }

  get hasReferences(): boolean {
    return this.#files.references.length > 0;
  }

  /** Encoded names of the parent regions this store still reads through references. */
  referencedParents(): string[] {
    return [...new Set(this.#files.references.map((r) => r.parent))];
  }

  /** Own store file names, newest first (a split makes references to them). */
  get ownFileNames(): readonly string[] {
    return this.#files.ownFileNames;
  }

  add(cell: Cell): void {
    this.memstore.add(cell);
  }

  /**
   * Sources for a read, newest first. With `row` (a Get), store files whose bloom rules the row
   * out are left out; with `selection`, sources outside the read's time range or expired by TTL
   * (source-selection.ts).
   */
  sources(row?: Uint8Array, selection?: SourceSelection): KeyValueScanner[] {
    const out = this.memstore.scanners(selection);
    for (const file of this.#files.files) {
      if (row !== undefined && !file.reader.mightContainRow(row)) continue;
      if (selection !== undefined && !shouldUseSource(file.reader.info, selection)) continue;
      out.push(this.#files.scanner(file));
    }
    return out;
  }

  /** Creation time of the oldest store file, or undefined without files. */
  oldestFileCreatedAtMs(): bigint | undefined {
    return this.#files.files.at(-1)?.reader.info.createdAtMs;
  }

  /**
   * The row to split this store at (HBase's midkey: the first row of the middle block of the
   * largest own file), or undefined when that row is the file's first or last row.
   */
  splitPoint(): Uint8Array | undefined {
    let largest: StoreFileReader | undefined;
    for (const f of this.#files.files) {
      if (f.reference !== undefined) continue;
      if (largest === undefined || f.reader.info.fileSizeBytes > largest.info.fileSizeBytes) largest = f.reader;
    }
    if (largest === undefined || largest.info.firstKey === undefined || largest.info.lastKey === undefined) return undefined;
    const index = largest.blockIndex;
    const mid = index.entry(Math.floor((index.blockCount - 1) / 2)).firstKey.row;
    if (compareBytes(mid, largest.info.firstKey.row) === 0 || compareBytes(mid, largest.info.lastKey.row) === 0) return undefined;
    return mid.slice();
  }

  /**
   * Writes `snapshot` to a new store file and records it with `flushSequenceId`. Cells are kept
   * by the flush rules. On failure the snapshot stays readable and the error is rethrown.
   */
  async flushSnapshot(snapshot: MemStoreSnapshot, options: { flushSequenceId: bigint; smallestReadPoint: bigint; now: bigint }): Promise<void> {
    const kept = this.#selectForFlush(snapshot, options);
    const reader = kept.length === 0 ? undefined : await this.#write(kept, { maxSequenceId: options.flushSequenceId, major: false });
    killpoint("flush.afterStoreFileSync");
    try {
      await this.#files.commit((files) => (reader === undefined ? files : [{ reader }, ...files]), options.flushSequenceId);
    } catch (error) {
      await reader?.close();
      throw error;
    }
    killpoint("flush.afterFileListWrite");
    this.memstore.clearSnapshot(snapshot);
  }

  /**
   * Rewrites store files into one: all of them for a major compaction (dropping deletes and
   * expired cells, §2.7) or whenever the store holds references, else the files `select` picks.
   * The new file is durable and recorded before the inputs are retired. Returns false when there
   * was nothing to do or a compaction was already running.
   */
  async compact(options: CompactionOptions): Promise<boolean> {
    const live = this.#files.files;
    if (this.#compacting || live.length === 0) return false;
    const oldestFirst = [...live].reverse();
    const all = options.major || this.hasReferences;
    const picked = all ? oldestFirst.map((_, i) => i) : options.select(oldestFirst.map((f) => f.reader.info.fileSizeBytes));
    if (picked.length === 0 || (!all && picked.length < 2)) return false;
    this.#compacting = true;
    try {
      const inputs = picked.map((i) => oldestFirst[i]);
      // Rewriting a split's references takes every file but stays minor, as in HBase
      // (SortedCompactionPolicy: only isTryingMajor makes a request major).
      const output = await this.#writeCompacted(inputs, options);
      killpoint("compaction.afterStoreFileSync");
      try {
        await this.#files.commit((files) => replaceInputs(files, inputs, output));
      } catch (error) {
        await output?.close();
        throw error;
      }
      killpoint("compaction.afterFileListWrite");
      return true;
    } finally {
      this.#compacting = false;
    }
  }

  async close(): Promise<void> {
    await this.#files.close();
  }

  async #writeCompacted(inputs: LiveFile[], options: CompactionOptions): Promise<StoreFileReader | undefined> {
    const earliestPutTs = options.major ? inputs.reduce((ts, f) => minLong(ts, f.reader.info.earliestPutTs), LONG_MAX) : LONG_MIN;
    const matcher = new CompactionQueryMatcher({ ...options, family: this.family, earliestPutTs });
    const sources = [...inputs].reverse().map((f) => this.#files.scanner(f));
    const scanner = new StoreScanner({ family: this.family.name, sources, matcher, reversed: false, rowSizeBytesMax: Number.MAX_SAFE_INTEGER });
    let maxSequenceId = 0n;
    for (const input of inputs) if (input.reader.info.maxSequenceId > maxSequenceId) maxSequenceId = input.reader.info.maxSequenceId;
    try {
      await scanner.start({ kind: "seek", key: firstOnRow(EMPTY_BYTES) });
      const cells: Cell[] = [];
      for (let row = scanner.peekRow(); row !== undefined; row = scanner.peekRow()) await scanner.readRow(row, cells);
      return cells.length === 0 ? undefined : await this.#write(cells, { maxSequenceId, major: options.major });
    } finally {
      scanner.close();
    }
  }

  /** Writes cells (in key order) to a new own file, durably; returns its reader. */
  async #write(cells: Cell[], options: { maxSequenceId: bigint; major: boolean }): Promise<StoreFileReader> {
    const { fs } = this.#ctx;
    const path = this.#files.nextFilePath();
    await fs.remove(path);
    const writer = await StoreFileWriter.create(fs, path, {
      blockSizeBytes: this.family.blockSizeBytes,
      bloomType: this.family.bloomFilterType,
      expectedCellCount: cells.length,
    });
    try {
      for (const cell of cells) await writer.append(cell);
      killpoint("storeFile.afterCellsWritten");
      await writer.finish({ maxSequenceId: options.maxSequenceId, majorCompaction: options.major });
    } catch (error) {
      await writer.abort().catch(() => {});
      throw error;
    }
    await fs.syncDir(this.dir);
    return StoreFileReader.open(fs, path, { blockCache: this.#ctx.blockCache });
  }

  #selectForFlush(snapshot: MemStoreSnapshot, options: { smallestReadPoint: bigint; now: bigint }): Cell[] {
    const matcher = new CompactionQueryMatcher({ ...options, major: false, family: this.family, timeToPurgeDeletesMs: 0n, earliestPutTs: LONG_MIN });
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

/** The file list with `inputs` replaced by `output` at the newest input's place. */
function replaceInputs(files: LiveFile[], inputs: LiveFile[], output: StoreFileReader | undefined): LiveFile[] {
  const gone = new Set(inputs.map((f) => f.reader));
  const next: LiveFile[] = [];
  let placed = false;
  for (const file of files) {
    if (!gone.has(file.reader)) {
      next.push(file);
      continue;
    }
    if (!placed && output !== undefined) next.push({ reader: output });
    placed = true;
  }
  return next;
}
