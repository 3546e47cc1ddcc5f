// StoreFileWriter: writes one store file front to back (docs/format/storefile.md): data blocks as
// cells arrive, then index, bloom, file info and trailer, then sync and close. Blocks are buffered
// and written in large appends. The file is complete only when finish() resolves.

import { BloomType } from "../api/descriptors.ts";
import type { Cell } from "../cell/cell.ts";
import { CellType, isDeleteType, masksAllOlder } from "../cell/cell-type.ts";
import { sameColumn } from "../cell/comparator.ts";
import type { FileHandle, Fs } from "../platform/fs.ts";
import { assert } from "../util/assert.ts";
import { compareBytes, concatBytes } from "../util/bytes.ts";
import { LONG_MAX, LONG_MIN } from "../util/int64.ts";
import { LIMITS } from "../util/limits.ts";
import { DataBlockBuilder } from "./block-builder.ts";
import { BlockMagic, makeBlock, storedBlockCrc } from "./block-format.ts";
import { type BlockIndexEntry, encodeBlockIndex } from "./block-index.ts";
import { BloomFilterBuilder, bloomRowColumnKey } from "./bloom-filter.ts";
import { keyOf } from "./key-codec.ts";
import { storeFileIo as io } from "./storefile-errors.ts";
import { encodeFileInfo, type StoreFileInfo } from "./storefile-info.ts";
import { type SectionRef, STOREFILE_VERSION, writeTrailer } from "./trailer.ts";

export interface StoreFileWriterOptions {
  /** Target uncompressed data-block size (the family's BLOCKSIZE). */
  blockSizeBytes: number;
  bloomType: BloomType;
  /** Sizes buffers only; the bloom is sized from the keys actually added. */
  expectedCellCount: number;
  /** Creation time to record; the wall clock when omitted (fixed in golden tests). */
  createdAtMs?: bigint;
}

/** Running statistics of the cells appended. */
interface CellStats {
  cellCount: number;
  deleteCount: number;
  minTimestamp: bigint;
  maxTimestamp: bigint;
  earliestPutTs: bigint;
  maxSequenceId: bigint;
  firstKey: Cell | undefined;
}

export class StoreFileWriter {
  readonly #fs: Fs;
  readonly #handle: FileHandle;
  readonly #options: StoreFileWriterOptions;
  readonly #builder = new DataBlockBuilder();
  readonly #bloom: BloomFilterBuilder | undefined;
  readonly #index: BlockIndexEntry[] = [];
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #written = 0;
  #stats: CellStats = {
    cellCount: 0, deleteCount: 0, minTimestamp: LONG_MAX, maxTimestamp: LONG_MIN, earliestPutTs: LONG_MAX, maxSequenceId: 0n, firstKey: undefined,
  };
  #state: "open" | "finishing" | "done" = "open";

  private constructor(fs: Fs, handle: FileHandle, options: StoreFileWriterOptions) {
    this.#fs = fs;
    this.#handle = handle;
    this.#options = options;
    this.#bloom = options.bloomType === BloomType.NONE ? undefined : new BloomFilterBuilder(options.expectedCellCount);
  }

  /** Creates `path`, which must not exist. */
  static async create(fs: Fs, path: string, options: StoreFileWriterOptions): Promise<StoreFileWriter> {
    assert(Number.isSafeInteger(options.blockSizeBytes) && options.blockSizeBytes > 0, "block size must be a positive byte count");
    assert(options.blockSizeBytes <= LIMITS.storeFileSectionBytesMax / 4, "block size too large");
    assert(options.expectedCellCount >= 0, "negative expected cell count");
    const handle = await io(path, "create", () => fs.open(path, "create"));
    return new StoreFileWriter(fs, handle, options);
  }

  get path(): string {
    return this.#handle.path;
  }

  /** Appends `cell`, which must sort strictly after the previous one (asserted). Copies its bytes. */
  async append(cell: Cell): Promise<void> {
    assert(this.#state === "open", "append after finish or abort");
    const previous = this.#builder.lastCell;
    this.#builder.append(cell);
    this.#addToBloom(previous, cell);
    this.#count(cell);
    if (this.#builder.payloadBytes >= this.#options.blockSizeBytes) this.#closeBlock();
    if (this.#pendingBytes >= LIMITS.storeFileWriteBufferBytes) await this.#flushPending();
  }

  /** Writes index, bloom, file info and trailer; syncs and closes the file. */
  async finish(extra: { maxSequenceId: bigint; majorCompaction: boolean }): Promise<StoreFileInfo> {
    assert(this.#state === "open", "finish called twice or after abort");
    this.#state = "finishing";
    if (this.#builder.cellCount > 0) this.#closeBlock();
    const dataBlockCount = this.#index.length;
    const index = this.#queueSection(makeBlock(BlockMagic.INDEX, this.#index.length, encodeBlockIndex(this.#index)));
    const bloomBuilder = this.#bloom;
    const bloom = bloomBuilder === undefined
      ? { offset: this.#offsetAfterPending(), length: 0, crc: 0 }
      : this.#queueSection(makeBlock(BlockMagic.BLOOM, bloomBuilder.keyCount, bloomBuilder.finish()));
    const info = this.#info(extra);
    const fileInfo = this.#queueSection(makeBlock(BlockMagic.FILE_INFO, 1, encodeFileInfo(info)));
    this.#queue(writeTrailer({ version: STOREFILE_VERSION, dataBlockCount, index, bloom, fileInfo }));
    await this.#flushPending();
    await io(this.path, "sync", () => this.#handle.sync());
    await io(this.path, "close", () => this.#handle.close());
    this.#state = "done";
    return { ...info, fileSizeBytes: this.#written };
  }

  /** Closes and removes the partial file. */
  async abort(): Promise<void> {
    if (this.#state === "done") return;
    this.#state = "done";
    this.#pending = [];
    try {
      await this.#handle.close();
    } finally {
      await io(this.path, "remove", () => this.#fs.remove(this.path));
    }
  }

  #addToBloom(previous: Cell | undefined, cell: Cell): void {
    if (this.#bloom === undefined) return;
    if (this.#options.bloomType === BloomType.ROW) {
      if (previous === undefined || compareBytes(previous.row, cell.row) !== 0) this.#bloom.add(cell.row);
    } else if (previous === undefined || !sameColumn(previous, cell)) {
      this.#bloom.add(bloomRowColumnKey(cell.row, cell.family, cell.qualifier));
    }
  }

  #count(cell: Cell): void {
    const s = this.#stats;
    s.cellCount++;
    if (isDeleteType(cell.type)) s.deleteCount++;
    else if (cell.type === CellType.Put && cell.timestamp < s.earliestPutTs) s.earliestPutTs = cell.timestamp;
    if (cell.timestamp < s.minTimestamp) s.minTimestamp = cell.timestamp;
    if (masksAllOlder(cell.type) && s.minTimestamp > 0n) s.minTimestamp = 0n;
    if (cell.timestamp > s.maxTimestamp) s.maxTimestamp = cell.timestamp;
    if (cell.sequenceId > s.maxSequenceId) s.maxSequenceId = cell.sequenceId;
    s.firstKey ??= keyOf(cell);
  }

  #closeBlock(): void {
    const firstCell = this.#builder.firstCell;
    assert(firstCell !== undefined, "closing an empty data block");
    const offset = this.#offsetAfterPending();
    const { block, cellCount } = this.#builder.finish();
    this.#queue(block);
    this.#index.push({ firstKey: keyOf(firstCell), offset, length: block.length, cellCount });
  }

  #info(extra: { maxSequenceId: bigint; majorCompaction: boolean }): Omit<StoreFileInfo, "fileSizeBytes"> {
    const s = this.#stats;
    const last = this.#builder.lastCell;
    return {
      firstKey: s.firstKey,
      lastKey: last === undefined ? undefined : keyOf(last),
      minTimestamp: s.minTimestamp,
      maxTimestamp: s.maxTimestamp,
      maxSequenceId: extra.maxSequenceId > s.maxSequenceId ? extra.maxSequenceId : s.maxSequenceId,
      cellCount: s.cellCount,
      deleteCount: s.deleteCount,
      earliestPutTs: s.earliestPutTs,
      bloomType: this.#options.bloomType,
      createdAtMs: this.#options.createdAtMs ?? BigInt(Date.now()),
      majorCompaction: extra.majorCompaction,
    };
  }

  #queueSection(block: Uint8Array): SectionRef {
    assert(block.length <= LIMITS.storeFileSectionBytesMax, "store-file section larger than a section may be");
    const offset = this.#offsetAfterPending();
    this.#queue(block);
    return { offset, length: block.length, crc: storedBlockCrc(block) };
  }

  #offsetAfterPending(): number {
    return this.#written + this.#pendingBytes;
  }

  #queue(bytes: Uint8Array): void {
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
  }

  async #flushPending(): Promise<void> {
    if (this.#pendingBytes === 0) return;
    const data = this.#pending.length === 1 ? this.#pending[0] : concatBytes(this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#written += data.length; // before the await, so offsets taken meanwhile stay right
    await io(this.path, "write", () => this.#handle.append(data));
  }
}
