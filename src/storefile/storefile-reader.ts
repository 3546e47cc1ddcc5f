// StoreFileReader: opens a store file (docs/format/storefile.md §4), verifying the trailer, file
// info, block index and bloom before anything is used, and serves its data blocks to scanners
// through the shared BlockCache. Every block read from disk is verified; a bad file is a
// CorruptStoreFileError naming the file and what failed, never a wrong cell or an out-of-range read.

import { BloomType } from "../api/descriptors.ts";
import { compareCells } from "../cell/comparator.ts";
import type { FileHandle, Fs } from "../platform/fs.ts";
import { assert } from "../util/assert.ts";
import { LIMITS } from "../util/limits.ts";
import { type BlockCache, blockCacheKey } from "./block-cache.ts";
import { BLOCK_OVERHEAD, BlockMagic, readBlock, storedBlockCrc } from "./block-format.ts";
import { BlockIndex, decodeBlockIndex } from "./block-index.ts";
import { CELL_SIZE_MIN, DataBlock } from "./block-reader.ts";
import { BloomFilter, bloomRowColumnKey } from "./bloom-filter.ts";
import { asCorruption, check, corruptStoreFile, decodeOrCorrupt, storeFileIo as io } from "./storefile-errors.ts";
import { decodeFileInfo, type StoreFileInfo } from "./storefile-info.ts";
import { StoreFileScanner } from "./storefile-scanner.ts";
import { readTrailer, type SectionRef, type Trailer, TRAILER_SIZE } from "./trailer.ts";

/** The smallest legal data block: framing, one smallest cell, its offset. */
const DATA_BLOCK_LENGTH_MIN = BLOCK_OVERHEAD + CELL_SIZE_MIN + 4;

let openCount = 0;

/** What open() decodes from the load-on-open sections. */
interface OpenedSections {
  info: StoreFileInfo;
  index: BlockIndex;
  bloom: BloomFilter | undefined;
}

export class StoreFileReader {
  readonly path: string;
  readonly info: StoreFileInfo;
  readonly blockIndex: BlockIndex;
  readonly #handle: FileHandle;
  readonly #cache: BlockCache;
  readonly #bloom: BloomFilter | undefined;
  /** Unique per open, so a reused path never meets another file's cached blocks. */
  readonly #fileKey: string;
  /** Block cache keys by block number, built on first use (a lookup then hashes no new string). */
  readonly #cacheKeys: string[] = [];
  /** Per data block: whether its cells were fully checked once, and the crc they had then. */
  readonly #checked: boolean[] = [];
  #checkedCrcs: Uint32Array | undefined;
  #closed = false;

  private constructor(handle: FileHandle, cache: BlockCache, sections: OpenedSections) {
    this.path = handle.path;
    this.#handle = handle;
    this.#cache = cache;
    this.info = sections.info;
    this.blockIndex = sections.index;
    this.#bloom = sections.bloom;
    this.#fileKey = `${handle.path}#${++openCount}`;
  }

  /** Opens and verifies trailer, file info, block index and bloom. A bad file → CorruptStoreFileError. */
  static async open(fs: Fs, path: string, options: { blockCache: BlockCache }): Promise<StoreFileReader> {
    const handle = await io(path, "open", () => fs.open(path, "read"));
    try {
      const size = await io(path, "stat", () => handle.size());
      const sections = await readSections(handle, size);
      return new StoreFileReader(handle, options.blockCache, sections);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** False only when the file certainly holds no cell of `row`. */
  mightContainRow(row: Uint8Array): boolean {
    if (this.#bloom === undefined || this.info.bloomType !== BloomType.ROW) return true;
    return this.#bloom.mightContain(row);
  }

  /** False only when the file certainly holds no cell of the column. A ROW bloom answers by row. */
  mightContainRowColumn(row: Uint8Array, family: Uint8Array, qualifier: Uint8Array): boolean {
    if (this.#bloom === undefined) return true;
    if (this.info.bloomType === BloomType.ROW) return this.#bloom.mightContain(row);
    return this.#bloom.mightContain(bloomRowColumnKey(row, family, qualifier));
  }

  /** A new independent scanner, not yet positioned (seek first). */
  scanner(): StoreFileScanner {
    assert(!this.#closed, "scanner() on a closed store file");
    return new StoreFileScanner(this);
  }

  /** Data block `n` if the cache holds it (already verified); no I/O. */
  cachedDataBlock(n: number): DataBlock | undefined {
    const bytes = this.#cache.get(this.#cacheKey(n));
    return bytes === undefined ? undefined : new DataBlock(bytes, { path: this.path, checkOffsets: false });
  }

  /** Reads data block `n` from disk, verifies it against the index and file info, and caches it. */
  async readDataBlock(n: number): Promise<DataBlock> {
    assert(!this.#closed, "read from a closed store file");
    const entry = this.blockIndex.entry(n);
    const bytes = await io(this.path, "read", () => this.#handle.read(entry.offset, entry.length));
    let block: DataBlock;
    try {
      block = this.#verifyDataBlock(n, bytes);
    } catch (error) {
      throw asCorruption(this.path, `data block ${n} at offset ${entry.offset}`, error);
    }
    this.#cache.set(this.#cacheKey(n), bytes);
    return block;
  }

  /** Removes this file's blocks from the cache and closes the handle. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#cache.evictFile(this.#fileKey);
    await io(this.path, "close", () => this.#handle.close());
  }

  #cacheKey(n: number): string {
    return (this.#cacheKeys[n] ??= blockCacheKey(this.#fileKey, this.blockIndex.entry(n).offset));
  }

  /**
   * Checks a block read from disk: framing and crc always; its cells and their fit with the index
   * only the first time. A later read with the same crc has the same bytes (the file is immutable;
   * a changed byte changes the crc), so its cells were checked already.
   */
  #verifyDataBlock(n: number, bytes: Uint8Array): DataBlock {
    const entry = this.blockIndex.entry(n);
    check(bytes.length === entry.length, `short read: ${bytes.length} of ${entry.length} bytes`);
    const { entryCount } = readBlock(bytes, BlockMagic.DATA);
    check(entryCount === entry.cellCount, "cell count differs from the index");
    const crc = storedBlockCrc(bytes);
    if (this.#checkedCrcs?.[n] === crc && this.#checked[n]) return new DataBlock(bytes, { path: this.path, checkOffsets: false });
    const block = new DataBlock(bytes, { path: this.path, checkOffsets: true });
    check(compareCells(block.cellAt(0), entry.firstKey) === 0, "first cell differs from the index key");
    if (n === this.blockIndex.blockCount - 1) {
      const lastKey = this.info.lastKey;
      check(lastKey !== undefined && compareCells(block.cellAt(block.count - 1), lastKey) === 0, "last cell differs from the file info");
    }
    this.#checkedCrcs ??= new Uint32Array(this.blockIndex.blockCount);
    this.#checkedCrcs[n] = crc;
    this.#checked[n] = true;
    return block;
  }
}

/** Reads and cross-checks trailer, index, bloom and file info. */
async function readSections(handle: FileHandle, size: number): Promise<OpenedSections> {
  const path = handle.path;
  if (size < TRAILER_SIZE) throw corruptStoreFile(path, `file of ${size} bytes is shorter than a trailer`);
  const trailerBytes = await io(path, "read", () => handle.read(size - TRAILER_SIZE, TRAILER_SIZE));
  const trailer = decodeOrCorrupt(path, "trailer", () => {
    const t = readTrailer(trailerBytes);
    checkSectionLayout(t, size);
    return t;
  });
  const start = trailer.index.offset;
  const bytes = await io(path, "read", () => handle.read(start, size - TRAILER_SIZE - start));
  decodeOrCorrupt(path, "load-on-open sections", () => check(bytes.length === size - TRAILER_SIZE - start, "short read"));
  const slice = (ref: SectionRef) => bytes.subarray(ref.offset - start, ref.offset - start + ref.length);
  const info = decodeOrCorrupt(path, "file info", () => decodeFileInfo(verifiedPayload(slice(trailer.fileInfo), BlockMagic.FILE_INFO, trailer.fileInfo).payload, size, trailer.version === 1 ? 1 : 2));
  const index = decodeOrCorrupt(path, "block index", () => readIndex(slice(trailer.index), trailer, info));
  const bloom = decodeOrCorrupt(path, "bloom filter", () => readBloom(slice(trailer.bloom), trailer.bloom, info));
  return { info, index, bloom };
}

/** Sections contiguous, in order, each within bounds, ending exactly at the trailer. */
function checkSectionLayout(t: Trailer, size: number): void {
  const max = LIMITS.storeFileSectionBytesMax;
  for (const ref of [t.index, t.bloom, t.fileInfo]) check(ref.length <= max, `section of ${ref.length} bytes exceeds ${max}`);
  check(t.index.length >= BLOCK_OVERHEAD && t.fileInfo.length >= BLOCK_OVERHEAD, "section shorter than its framing");
  check(t.bloom.length === 0 || t.bloom.length >= BLOCK_OVERHEAD, "bloom shorter than its framing");
  check(t.bloom.length !== 0 || t.bloom.crc === 0, "absent bloom has a checksum");
  check(t.index.offset <= size - TRAILER_SIZE, "index starts past the trailer");
  check(t.index.offset + t.index.length === t.bloom.offset, "bloom does not follow the index");
  check(t.bloom.offset + t.bloom.length === t.fileInfo.offset, "file info does not follow the bloom");
  check(t.fileInfo.offset + t.fileInfo.length === size - TRAILER_SIZE, "file info does not end at the trailer");
  check(t.dataBlockCount <= t.index.offset / DATA_BLOCK_LENGTH_MIN, "more data blocks than fit before the index");
}

function verifiedPayload(block: Uint8Array, magic: BlockMagic, ref: SectionRef): { payload: Uint8Array; entryCount: number } {
  check(storedBlockCrc(block) === ref.crc, `${magic} checksum differs from the trailer's`);
  return readBlock(block, magic);
}

function readIndex(block: Uint8Array, trailer: Trailer, info: StoreFileInfo): BlockIndex {
  const { payload, entryCount } = verifiedPayload(block, BlockMagic.INDEX, trailer.index);
  check(entryCount === trailer.dataBlockCount, "index entry count differs from the trailer");
  const index = new BlockIndex(decodeBlockIndex(payload, entryCount));
  const cells = index.checkLayout({ dataEnd: trailer.index.offset, blockLengthMin: DATA_BLOCK_LENGTH_MIN, blockLengthMax: LIMITS.storeFileSectionBytesMax });
  check(cells === info.cellCount, `index holds ${cells} cells, file info says ${info.cellCount}`);
  if (index.blockCount > 0) {
    check(info.firstKey !== undefined && compareCells(index.entry(0).firstKey, info.firstKey) === 0, "first index key differs from the file info");
  }
  return index;
}

function readBloom(block: Uint8Array, ref: SectionRef, info: StoreFileInfo): BloomFilter | undefined {
  check((ref.length === 0) === (info.bloomType === BloomType.NONE), "bloom presence disagrees with the bloom type");
  if (ref.length === 0) return undefined;
  const { payload, entryCount } = verifiedPayload(block, BlockMagic.BLOOM, ref);
  check(entryCount <= info.cellCount, "bloom holds more keys than the file has cells");
  return BloomFilter.decode(payload, entryCount);
}
